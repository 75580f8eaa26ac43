import { describe, expect, it } from 'vitest';
import { HISTORY_KEY, HISTORY_PENDING_LIMIT, HistoryStore, type HistoryRecord } from '../../src-main/tester/history-store';
import { HISTORY_LIMIT, type ComposedRequest, type HistoryEntry } from '../../src-shared/tester';
import { MemoryKv } from '../helpers/memory-kv';

const KEY = `dc_${'q'.repeat(40)}`;
const T0 = Date.parse('2026-03-01T10:00:00Z');

function record(i: number, patch: Partial<HistoryRecord> = {}): HistoryRecord {
  const request: ComposedRequest = {
    method: 'GET',
    path: `/api/v1/items/${i}`,
    query: [],
    headers: [],
    body: { kind: 'none' },
    auth: 'api-key',
  };
  return { id: `h${i}`, startedAt: T0 + i * 1000, request, status: 200, errorKind: null, durationMs: 5, ...patch };
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
const quick = { flushDelayMs: 0 };

function stored(kv: MemoryKv): HistoryEntry[] {
  return kv.get(HISTORY_KEY) as HistoryEntry[];
}

describe('request history', () => {
  it('writes nothing on flush (quit) when nothing changed since the last write, and clear writes at once', async () => {
    const kv = new MemoryKv();
    let writes = 0;
    kv.onWrite = () => (writes += 1);
    const history = new HistoryStore(kv, { flushDelayMs: 60_000 });
    history.list();
    history.flush();
    expect(writes).toBe(0);
    history.add(record(1));
    history.flush();
    expect(writes).toBe(1);
    history.list();
    history.flush();
    expect(writes).toBe(1);
    history.clear();
    expect(writes).toBe(2);
    expect(stored(kv)).toEqual([]);
  });

  it('keeps the newest 200 requests, newest first', async () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, quick);
    for (let i = 0; i < 250; i += 1) history.add(record(i));
    const list = history.list();
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]!.id).toBe('h249');
    expect(list[199]!.id).toBe('h50');
    await nextTurn();
    expect(stored(kv).map((e) => e.id)).toEqual(list.map((e) => e.id));
  });

  it('orders by when a request was sent, even when a slow one finishes last', () => {
    const history = new HistoryStore(new MemoryKv());
    history.add(record(2));
    history.add(record(3));
    history.add(record(1)); // sent first, finished last
    expect(history.list().map((e) => e.id)).toEqual(['h3', 'h2', 'h1']);
  });

  it('stores the method, path, status, time, when and credential kind, redacted, and no response body', async () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, quick);
    history.add(
      record(1, {
        status: 201,
        durationMs: 12.5,
        request: {
          method: 'POST',
          path: `/api/v1/items?k=${KEY}`,
          query: [],
          headers: [{ name: 'X-API-Key', value: KEY, enabled: true }],
          body: { kind: 'json', text: `{"title": "${KEY}"}` },
          auth: 'token',
        },
      }),
    );
    await nextTurn();
    const [entry] = stored(kv);
    expect(entry).toMatchObject({ id: 'h1', at: '2026-03-01T10:00:01.000Z', status: 201, errorKind: null, durationMs: 12.5, credentialKind: 'token' });
    expect(entry!.request.method).toBe('POST');
    expect(kv.toJSON()).not.toContain(KEY.slice(3));
    expect(Object.keys(entry!)).toEqual(['id', 'at', 'request', 'status', 'errorKind', 'durationMs', 'credentialKind']);
  });

  it('keeps an entry small whatever was sent: long bodies, values and tables are clipped', () => {
    const history = new HistoryStore(new MemoryKv(), quick);
    const big = 'x'.repeat(5_000_000);
    const rows = Array.from({ length: 200 }, (_, i) => ({ name: `h${i}`, value: 'v'.repeat(65_536), enabled: true }));
    history.add(record(1, { request: { method: 'POST', path: `/p/${'a'.repeat(8000)}`, query: rows, headers: rows, body: { kind: 'json', text: big }, auth: 'none' } }));
    const [entry] = history.list();
    expect(JSON.stringify(entry).length).toBeLessThan(250_000);
    expect(entry!.request.query).toHaveLength(50);
    expect((entry!.request.body as { text: string }).text).toBe(`${'x'.repeat(16 * 1024)}…`);
  });

  it('records failed requests with their error kind', () => {
    const history = new HistoryStore(new MemoryKv());
    history.add(record(1, { status: null, errorKind: 'timeout' }));
    expect(history.list()[0]).toMatchObject({ status: null, errorKind: 'timeout' });
  });

  it('stays consistent when 50 concurrent requests finish together, with one write', async () => {
    const kv = new MemoryKv();
    const writes: string[] = [];
    kv.onWrite = (json) => writes.push(json);
    const history = new HistoryStore(kv, quick);
    history.add(record(1000));
    await nextTurn();
    writes.length = 0;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        history.add(record(i));
      }),
    );
    await nextTurn();
    const entries = stored(kv);
    expect(entries).toHaveLength(51);
    expect(new Set(entries.map((e) => e.id)).size).toBe(51);
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    expect(writes.length).toBeLessThanOrEqual(50);
    expect(writes.length).toBeGreaterThanOrEqual(1);
  });

  it('writes a burst of requests once, after the flush delay', async () => {
    const kv = new MemoryKv();
    let writes = 0;
    kv.onWrite = () => (writes += 1);
    const history = new HistoryStore(kv, { flushDelayMs: 40 });
    for (let i = 0; i < 30; i += 1) {
      history.add(record(i));
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(writes).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(writes).toBe(1);
    expect(stored(kv)).toHaveLength(30);
    history.flush(); // nothing is left to write: no second write
    expect(writes).toBe(1);
  });

  it('writes at once on flush (the app flushes on quit)', () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv);
    history.add(record(1));
    expect(kv.get(HISTORY_KEY)).toBeUndefined();
    history.flush();
    expect(stored(kv).map((e) => e.id)).toEqual(['h1']);
  });

  it('clears everything at once', () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, quick);
    history.add(record(1));
    history.clear();
    expect(history.list()).toEqual([]);
    expect(stored(kv)).toEqual([]);
  });

  it('reads an existing history back, and ignores damaged entries', () => {
    const kv = new MemoryKv();
    const first = new HistoryStore(kv, quick);
    first.add(record(1));
    first.flush();
    kv.set(HISTORY_KEY, [...stored(kv), { id: 3 }, 'junk', null]);
    expect(new HistoryStore(kv, quick).list().map((e) => e.id)).toEqual(['h1']);
    kv.set(HISTORY_KEY, 'not a list');
    expect(new HistoryStore(kv, quick).list()).toEqual([]);
  });

  it('lists requests added in a batch exactly as one-by-one adds would, same start times included', () => {
    const sameTime = (i: number) => record(i, { startedAt: T0 });
    const batched = new HistoryStore(new MemoryKv(), { limit: 5 });
    const oneByOne = new HistoryStore(new MemoryKv(), { limit: 5 });
    const order = [3, 1, 7, 2, 9, 4, 8];
    for (const i of order) batched.add(i % 2 === 0 ? sameTime(i) : record(i));
    for (const i of order) {
      oneByOne.add(i % 2 === 0 ? sameTime(i) : record(i));
      oneByOne.list(); // settles after each add
    }
    expect(batched.list()).toEqual(oneByOne.list());
    expect(batched.list().map((e) => e.id)).toEqual(['h9', 'h7', 'h3', 'h1', 'h8']);
  });

  it('never holds more than a bounded number of unredacted requests, and drops them on clear', async () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, { flushDelayMs: 60_000 });
    const secret = { name: 'X-API-Key', value: KEY, enabled: true };
    for (let i = 0; i < HISTORY_PENDING_LIMIT * 2 + 3; i += 1) {
      history.add(record(i, { request: { ...record(i).request, headers: [secret] } }));
    }
    const internals = history as unknown as { recorded: unknown[]; entries: HistoryEntry[] };
    expect(internals.recorded.length).toBeLessThan(HISTORY_PENDING_LIMIT);
    expect(JSON.stringify(internals.entries)).not.toContain(KEY);
    history.clear();
    expect(history.list()).toEqual([]);
    expect(stored(kv)).toEqual([]);
  });
});
