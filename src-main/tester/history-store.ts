/**
 * The request tester's history: per account, its last 200 requests, newest first. Every entry is redacted before it
 * is kept (no injected credential, no typed secret) and tagged with the account and environment that sent it; each
 * account sees only its own, and an account's entries go when it signs out. Bodies stay in this process's memory
 * for the session; the settings file (key `history`) never holds one. The list is kept in memory (every change
 * builds the new list in one step, so concurrent requests never interleave half-updated lists) and written back
 * whole at most once per `flushDelayMs` (a burst of requests costs one write); `flush()` writes at once, and the app
 * calls it on quit. Removals (clear, sign-out) are written at once.
 */
import { HISTORY_LIMIT, type HistoryEntry } from '../../src-shared/tester';
import type { KeyValueStore } from '../platform/ports';
import { entryFromStored, historyEntryFrom, storedForm, type HistoryRecord } from './history-entry';

export { HISTORY_CLIP, historyEntryFrom, type HistoryRecord } from './history-entry';

/** The settings-store key of the history list. */
export const HISTORY_KEY = 'history';

/**
 * How long history changes may wait before they are written, by default: a settings-file write (the whole file,
 * synced) costs milliseconds, so a burst of requests is written once a second; `flush()` on quit writes the rest.
 */
export const HISTORY_FLUSH_DELAY_MS = 1000;

export class HistoryStore {
  private entries: HistoryEntry[] | null = null;
  private dirty = false;
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

  /**
   * The list, read once from the settings file. What an older version wrote there (bodies, entries of no account,
   * secrets its redaction missed) is made safe and written back at once.
   */
  private load(): HistoryEntry[] {
    if (this.entries !== null) return this.entries;
    const stored = this.kv.get(HISTORY_KEY);
    const list = Array.isArray(stored) ? stored : [];
    const entries = list.map(entryFromStored).filter((e): e is HistoryEntry => e !== null);
    this.entries = this.trimmed(entries);
    if (stored !== undefined && JSON.stringify(this.entries) !== JSON.stringify(stored)) this.write();
    return this.entries;
  }

  /** At most `limit` entries per account (the oldest go). */
  private trimmed(entries: HistoryEntry[]): HistoryEntry[] {
    const counts = new Map<string, number>();
    return entries.filter((e) => {
      const n = (counts.get(e.accountId) ?? 0) + 1;
      counts.set(e.accountId, n);
      return n <= this.limit;
    });
  }

  /** An account's entries, newest first. */
  list(accountId: string): HistoryEntry[] {
    return this.load().filter((e) => e.accountId === accountId);
  }

  /** The entries of these accounts (the signed-in ones), newest first: the whole history, account by account tagged. */
  listAll(accountIds: string[]): HistoryEntry[] {
    const ids = new Set(accountIds);
    return this.load().filter((e) => ids.has(e.accountId));
  }

  /**
   * Adds a request, redacted and bounded, where its start time puts it (requests finish out of order; before entries
   * of the same time), keeping its account's entries at most `limit`. Answers the entry as listed.
   */
  add(record: HistoryRecord): HistoryEntry {
    const entry = historyEntryFrom(record);
    const next = [...this.load()];
    let index = next.findIndex((e) => e.at <= entry.at);
    if (index < 0) index = next.length;
    next.splice(index, 0, entry);
    this.entries = this.trimmed(next);
    this.dirty = true;
    this.scheduleFlush();
    return entry;
  }

  /** Removes an account's entries, in memory and in the settings file, at once (Clear history, sign-out). */
  removeAccount(accountId: string): void {
    const current = this.load();
    const next = current.filter((e) => e.accountId !== accountId);
    if (next.length === current.length && !this.dirty) return;
    this.entries = next;
    this.write();
  }

  /** Writes what changed since the last write, now; nothing when nothing changed. */
  flush(): void {
    if (this.dirty) this.write();
  }

  private write(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
    this.kv.set(HISTORY_KEY, this.load().map(storedForm));
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
    // A pending write never keeps the process alive; the app flushes on quit.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
