/**
 * The bodies of the latest tester responses, in this process's memory only, for "Save body": the text as the
 * renderer shows it (credentials already hidden) for JSON and text, the bytes as received for a binary body. Bounded
 * by count and bytes: the oldest go first, and a body larger than the whole budget is not held at all. An account's
 * bodies go when it signs out.
 */

/** A body that can be saved, with what its file is called. */
export interface HeldBody {
  /** The account that received it: its bodies go when it signs out. */
  accountId: string;
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

/** Most bodies held. */
const MAX_BODIES = 20;
/** Most bytes held in all. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

const EXTENSIONS: [RegExp, string][] = [
  [/[/+]json\b/, 'json'],
  [/[/+]xml\b/, 'xml'],
  [/^text\/html\b/, 'html'],
  [/^text\/csv\b/, 'csv'],
  [/^text\//, 'txt'],
  [/^image\/png\b/, 'png'],
  [/^image\/jpeg\b/, 'jpg'],
  [/^application\/pdf\b/, 'pdf'],
];

/**
 * A file name for a response body: the path's last plain segment (`me` for `/api/v1/users/me`), else `response`,
 * and an extension from the content type (`bin` when unknown).
 */
export function bodyFileName(url: string, contentType: string): string {
  let segment = '';
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
  } catch {
    segment = '';
  }
  const base = segment.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 60) || 'response';
  const type = contentType.toLowerCase();
  const extension = EXTENSIONS.find(([pattern]) => pattern.test(type))?.[1] ?? 'bin';
  return `${base}.${extension}`;
}

/** The latest bodies, by history id. */
export class ResponseBodies {
  private readonly bodies = new Map<string, HeldBody>();
  private total = 0;

  /** Holds a body (making room by dropping the oldest). */
  hold(historyId: string, body: HeldBody): void {
    if (body.bytes.byteLength > MAX_TOTAL_BYTES) return;
    this.bodies.set(historyId, body);
    this.total += body.bytes.byteLength;
    for (const [id, held] of this.bodies) {
      if (this.bodies.size <= MAX_BODIES && this.total <= MAX_TOTAL_BYTES) break;
      this.bodies.delete(id);
      this.total -= held.bytes.byteLength;
    }
  }

  /** The body of a response, or null when it is no longer (or never was) held. */
  get(historyId: string): HeldBody | null {
    return this.bodies.get(historyId) ?? null;
  }

  /** Drops an account's bodies (it signed out). */
  removeAccount(accountId: string): void {
    for (const [id, held] of this.bodies) {
      if (held.accountId !== accountId) continue;
      this.bodies.delete(id);
      this.total -= held.bytes.byteLength;
    }
  }

  clear(): void {
    this.bodies.clear();
    this.total = 0;
  }
}
