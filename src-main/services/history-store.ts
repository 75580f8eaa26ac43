/**
 * The request tester's history: the last 200 requests, newest first, in the settings store under `history`.
 * Entries are redacted before they are kept (no injected credential, no typed secret) and never hold a response
 * body. The list is kept in memory (every change builds the new list in one step, so concurrent requests can
 * never interleave half-updated lists) and written back whole at most once per `flushDelayMs` (a settings-file
 * write costs milliseconds; a burst of requests costs one). `flush()` writes at once; the app calls it on quit.
 */
import { redactComposedRequest } from '../../src-shared/redaction';
import {
  HISTORY_LIMIT,
  type ComposedRequest,
  type HistoryEntry,
  type KeyValue,
  type RequestBody,
  type TesterAuth,
} from '../../src-shared/tester';
import type { KeyValueStore } from './ports';

/** The settings-store key of the history list. */
export const HISTORY_KEY = 'history';

/** What a finished (or failed) request leaves in history. */
export interface HistoryRecord {
  id: string;
  /** When the request was sent (ms since the epoch). */
  startedAt: number;
  request: ComposedRequest;
  status: number | null;
  errorKind: string | null;
  durationMs: number;
}

function isEntry(value: unknown): value is HistoryEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Partial<HistoryEntry>;
  return (
    typeof e.id === 'string' &&
    typeof e.at === 'string' &&
    !!e.request &&
    typeof e.request === 'object' &&
    typeof e.request.path === 'string' &&
    Array.isArray(e.request.query) &&
    Array.isArray(e.request.headers) &&
    !!e.request.body &&
    (typeof e.status === 'number' || e.status === null) &&
    typeof e.durationMs === 'number'
  );
}

/** What history keeps of a request at most: the body's first 16 KiB, 1 KiB per row name or value, 50 rows. */
export const HISTORY_CLIP = { bodyChars: 16 * 1024, valueChars: 1024, rows: 50, pathChars: 4096 } as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function clipRows(rows: KeyValue[]): KeyValue[] {
  return rows.slice(0, HISTORY_CLIP.rows).map((r) => ({
    name: clip(r.name, HISTORY_CLIP.valueChars),
    value: clip(r.value, HISTORY_CLIP.valueChars),
    enabled: r.enabled,
  }));
}

/**
 * Bounds what one entry can hold, so that 200 entries stay small in the settings file whatever was sent (the
 * IPC schema allows bodies of megabytes). A clipped value ends with `…`.
 */
export function clipForHistory(request: ComposedRequest): ComposedRequest {
  const body: RequestBody =
    request.body.kind === 'json' || request.body.kind === 'text'
      ? { ...request.body, text: clip(request.body.text, HISTORY_CLIP.bodyChars) }
      : request.body.kind === 'form'
        ? { kind: 'form', fields: clipRows(request.body.fields) }
        : request.body;
  return {
    ...request,
    path: clip(request.path, HISTORY_CLIP.pathChars),
    query: clipRows(request.query),
    headers: clipRows(request.headers),
    body,
  };
}

/** Builds the stored entry: the request redacted and clipped, the credential kind kept (never the credential). */
export function historyEntryFrom(record: HistoryRecord): HistoryEntry {
  const credentialKind: TesterAuth = record.request.auth;
  return {
    id: record.id,
    at: new Date(record.startedAt).toISOString(),
    request: clipForHistory(redactComposedRequest(record.request)),
    status: record.status,
    errorKind: record.errorKind,
    durationMs: record.durationMs,
    credentialKind,
  };
}

/** How long history changes may wait before they are written, by default. */
export const HISTORY_FLUSH_DELAY_MS = 250;

export class HistoryStore {
  private entries: HistoryEntry[] | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly limit: number;
  private readonly flushDelayMs: number;

  constructor(
    private readonly kv: KeyValueStore,
    options: { limit?: number; flushDelayMs?: number } = {},
  ) {
    this.limit = options.limit ?? HISTORY_LIMIT;
    this.flushDelayMs = options.flushDelayMs ?? HISTORY_FLUSH_DELAY_MS;
  }

  private load(): HistoryEntry[] {
    if (this.entries === null) {
      const stored = this.kv.get(HISTORY_KEY);
      this.entries = Array.isArray(stored) ? stored.filter(isEntry).slice(0, this.limit) : [];
    }
    return this.entries;
  }

  /** The entries, newest first. */
  list(): HistoryEntry[] {
    return [...this.load()];
  }

  /** Adds a request (redacting it), keeping the list sorted newest first and at most `limit` long. */
  add(record: HistoryRecord): HistoryEntry {
    const entry = historyEntryFrom(record);
    const current = this.load();
    // Requests finish out of order: an entry goes where its start time puts it (before entries of the same time).
    let index = current.findIndex((e) => e.at <= entry.at);
    if (index < 0) index = current.length;
    this.entries = [...current.slice(0, index), entry, ...current.slice(index)].slice(0, this.limit);
    this.scheduleFlush();
    return entry;
  }

  /** Removes every entry (written at once). */
  clear(): void {
    this.entries = [];
    this.flush();
  }

  /** Writes the in-memory list to the store now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.entries !== null) this.kv.set(HISTORY_KEY, this.entries);
  }

  /** Whether changes wait to be written. */
  get pending(): boolean {
    return this.timer !== null;
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
    // A pending write never keeps the process alive; the app flushes on quit.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
