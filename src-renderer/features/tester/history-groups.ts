/**
 * The history panel's view of the entries: the search (method, path, status or status class, error kind), the
 * status class that colours an entry, and the groups by day (Today, Yesterday, then dates). Pure.
 */
import type { HistoryEntry } from '../../../src-shared/tester';
import { formatDate } from '../../format';

/** Whether an entry matches every word of the search (empty matches all). A word matches the method (`post`), the
 * status (`404`) or its class (`4xx`), the error (`timeout`), or part of the path (`items`). */
export function matchesSearch(entry: HistoryEntry, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return words.every((word) => {
    const status = entry.status === null ? '' : String(entry.status);
    if (entry.request.method.toLowerCase() === word) return true;
    if (status === word || (/^[1-5]xx$/.test(word) && status.startsWith(word[0]!))) return true;
    if (entry.errorKind !== null && entry.errorKind.toLowerCase().includes(word)) return true;
    return entry.request.path.toLowerCase().includes(word);
  });
}

/** The colour class of an entry's status: `s2xx` … `s5xx`, or `sfail` when no answer came. */
export function statusClass(entry: Pick<HistoryEntry, 'status'>): string {
  if (entry.status === null) return 'sfail';
  return `s${Math.floor(entry.status / 100)}xx`;
}

/** One day's entries. */
export interface HistoryDay {
  key: string;
  label: string;
  entries: HistoryEntry[];
}

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** The entries (newest first) in groups by local day, newest day first. */
export function groupByDay(entries: HistoryEntry[], now: Date = new Date()): HistoryDay[] {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const days: HistoryDay[] = [];
  for (const entry of entries) {
    const at = new Date(entry.at);
    const key = Number.isNaN(at.getTime()) ? 'unknown' : dayKey(at);
    let day = days[days.length - 1];
    if (!day || day.key !== key) {
      const label = key === today ? 'Today' : key === yesterday ? 'Yesterday' : key === 'unknown' ? 'Earlier' : formatDate(entry.at);
      day = { key, label, entries: [] };
      days.push(day);
    }
    day.entries.push(entry);
  }
  return days;
}

/** Two newest-first lists as one, newest first. */
export function mergeNewestFirst(a: HistoryEntry[], b: HistoryEntry[]): HistoryEntry[] {
  return [...a, ...b].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
}
