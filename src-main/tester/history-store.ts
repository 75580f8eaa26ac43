/**
 * The request tester's history: the last 200 requests, newest first, in the settings store under `history`.
 * Entries are redacted before they are kept (no injected credential, no typed secret) and never hold a response
 * body. The list is kept in memory (every change builds the new list in one step, so concurrent requests can
 * never interleave half-updated lists) and written back whole at most once per `flushDelayMs` (a settings-file
 * write costs milliseconds; a burst of requests costs one). `flush()` writes at once; the app calls it on quit.
 * Adding is cheap: finished requests are redacted and sorted in as one batch when the list is next read or written,
 * off the path of the request's answer.
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
import type { KeyValueStore } from '../platform/ports';

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

/**
 * How long history changes may wait before they are written, by default: a settings-file write (the whole file,
 * synced) costs milliseconds, so a burst of requests is written once a second; `flush()` on quit writes the rest.
 */
export const HISTORY_FLUSH_DELAY_MS = 1000;

/** How many recorded requests may wait to be redacted into the list before it is done at once. */
export const HISTORY_PENDING_LIMIT = 64;

export class HistoryStore {
  private entries: HistoryEntry[] | null = null;
  /**
   * Requests recorded but not yet redacted into `entries`: that work is done in one batch before the list is read
   * or written (or when this many wait), so a request's answer never waits for it.
   */
  private recorded: HistoryRecord[] = [];
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

  /**
   * The list with every recorded request in it: each is redacted and goes where its start time puts it (before
   * entries of the same time), exactly as if it had been added on its own; the new list replaces the old in one step.
   */
  private settle(): HistoryEntry[] {
    const current = this.load();
    if (this.recorded.length === 0) return current;
    const next = [...current];
    for (const record of this.recorded) {
      const entry = historyEntryFrom(record);
      // Requests finish out of order: an entry goes where its start time puts it (before entries of the same time).
      let index = next.findIndex((e) => e.at <= entry.at);
      if (index < 0) index = next.length;
      next.splice(index, 0, entry);
      if (next.length > this.limit) next.length = this.limit;
    }
    this.recorded = [];
    this.entries = next;
    return next;
  }

  /** The entries, newest first. */
  list(): HistoryEntry[] {
    return [...this.settle()];
  }

  /**
   * Adds a request, keeping the list sorted newest first and at most `limit` long. The request is redacted (and
   * clipped) before it is listed or written; until then it stays in this process's memory only.
   */
  add(record: HistoryRecord): void {
    this.recorded.push(record);
    if (this.recorded.length >= HISTORY_PENDING_LIMIT) this.settle();
    this.scheduleFlush();
  }

  /** Removes every entry (written at once). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.recorded = [];
    this.entries = [];
    this.kv.set(HISTORY_KEY, []);
  }

  /** Writes what changed since the last write, now; nothing when nothing changed. */
  flush(): void {
    if (this.timer === null && this.recorded.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kv.set(HISTORY_KEY, this.settle());
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
    // A pending write never keeps the process alive; the app flushes on quit.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
