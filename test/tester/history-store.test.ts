import { describe, expect, it } from 'vitest';
import { HISTORY_CLIP, HISTORY_KEY, HistoryStore, type HistoryRecord } from '../../src-main/tester/history-store';
import { HISTORY_LIMIT, type ComposedRequest, type HistoryEntry } from '../../src-shared/tester';
import { MemoryKv } from '../helpers/memory-kv';

const KEY = `dc_${'q'.repeat(40)}`;
const T0 = Date.parse('2026-03-01T10:00:00Z');
const ADA = 'acc_ada';
const BOB = 'acc_bob';

function record(i: number, patch: Partial<HistoryRecord> = {}): HistoryRecord {
  const request: ComposedRequest = {
    method: 'GET',
    path: `/api/v1/items/${i}`,
    query: [],
    headers: [],
    body: { kind: 'none' },
    auth: 'api-key',
  };
  return {
    id: `h${i}`,
    startedAt: T0 + i * 1000,
    accountId: ADA,
    environment: { kind: 'local' },
    request,
    status: 200,
    errorKind: null,
    durationMs: 5,
    ...patch,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
const quick = { flushDelayMs: 0 };

function stored(kv: MemoryKv): HistoryEntry[] {
  return kv.get(HISTORY_KEY) as HistoryEntry[];
}

describe('request history', () => {
  it('writes nothing on flush (quit) when nothing changed since the last write, and a removal writes at once', () => {
    const kv = new MemoryKv();
    let writes = 0;
    kv.onWrite = () => (writes += 1);
    const history = new HistoryStore(kv, { flushDelayMs: 60_000 });
    history.list(ADA);
    history.flush();
    expect(writes).toBe(0);
    history.add(record(1));
    history.flush();
    expect(writes).toBe(1);
    history.list(ADA);
    history.flush();
    expect(writes).toBe(1);
    history.removeAccount(ADA);
    expect(writes).toBe(2);
    expect(stored(kv)).toEqual([]);
  });

  it('keeps the newest 200 requests of each account, newest first', async () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, quick);
    for (let i = 0; i < 250; i += 1) history.add(record(i));
    history.add(record(1, { id: 'bob-1', accountId: BOB }));
    const list = history.list(ADA);
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]!.id).toBe('h249');
    expect(list[199]!.id).toBe('h50');
    expect(history.list(BOB).map((e) => e.id)).toEqual(['bob-1']);
    await nextTurn();
    expect(stored(kv)).toHaveLength(201);
  });

  it('orders by when a request was sent, even when a slow one finishes last', () => {
    const history = new HistoryStore(new MemoryKv());
    history.add(record(2));
    history.add(record(3));
    history.add(record(1)); // sent first, finished last
    expect(history.list(ADA).map((e) => e.id)).toEqual(['h3', 'h2', 'h1']);
  });

  it('lists only the asking account’s entries, each tagged with its account and environment', () => {
    const history = new HistoryStore(new MemoryKv());
    history.add(record(1));
    history.add(record(2, { accountId: BOB, environment: { kind: 'custom', baseUrl: 'https://dc.example' } }));
    expect(history.list(ADA).map((e) => [e.id, e.accountId, e.environment])).toEqual([['h1', ADA, { kind: 'local' }]]);
    expect(history.list(BOB).map((e) => [e.id, e.accountId, e.environment])).toEqual([['h2', BOB, { kind: 'custom', baseUrl: 'https://dc.example' }]]);
    expect(history.list('acc_nobody')).toEqual([]);
  });

  it('removes one account’s entries, in memory and in the settings file, and keeps the others', () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, { flushDelayMs: 60_000 });
    history.add(record(1));
    history.add(record(2, { accountId: BOB }));
    history.removeAccount(ADA);
    expect(history.list(ADA)).toEqual([]);
    expect(stored(kv).map((e) => e.id)).toEqual(['h2']);
    expect(new HistoryStore(kv).list(ADA)).toEqual([]);
  });

  it('keeps a body in memory only: the settings file never holds one, and says which kind it was', async () => {
    const kv = new MemoryKv();
    const history = new HistoryStore(kv, quick);
    const json = record(1, { request: { ...record(1).request, method: 'POST', body: { kind: 'json', text: '{"title":"Buy ink"}' } } });
    const form = record(2, { request: { ...record(2).request, method: 'POST', body: { kind: 'form', fields: [{ name: 'title', value: 'Buy ink', enabled: true }] } } });
    history.add(json);
    history.add(form);
    expect(history.list(ADA).map((e) => [e.request.body, e.bodyNotKept])).toEqual([
      [{ kind: 'form', fields: [{ name: 'title', value: 'Buy ink', enabled: true }] }, null],
      [{ kind: 'json', text: '{"title":"Buy ink"}' }, null],
    ]);
    await nextTurn();
    expect(kv.toJSON()).not.toContain('Buy ink');
    expect(stored(kv).map((e) => [e.request.body, e.bodyNotKept])).toEqual([
      [{ kind: 'none' }, 'form'],
      [{ kind: 'none' }, 'json'],
    ]);
    // After a restart the entries come back without their bodies.
    expect(new HistoryStore(kv).list(ADA).map((e) => e.bodyNotKept)).toEqual(['form', 'json']);
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
    expect(JSON.stringify(history.list(ADA))).not.toContain(KEY.slice(3));
    await nextTurn();
    const [entry] = stored(kv);
    expect(entry).toMatchObject({ id: 'h1', at: '2026-03-01T10:00:01.000Z', accountId: ADA, status: 201, errorKind: null, durationMs: 12.5, credentialKind: 'token' });
    expect(entry!.request.method).toBe('POST');
    expect(kv.toJSON()).not.toContain(KEY.slice(3));
    expect(Object.keys(entry!)).toEqual(['id', 'at', 'accountId', 'environment', 'request', 'bodyNotKept', 'status', 'errorKind', 'durationMs', 'credentialKind']);
  });

  it('keeps an entry small whatever was sent: a big body is not kept, long values and tables are clipped', () => {
    const history = new HistoryStore(new MemoryKv(), quick);
    const big = 'x'.repeat(5_000_000);
    const rows = Array.from({ length: 200 }, (_, i) => ({ name: `h${i}`, value: 'v'.repeat(65_536), enabled: true }));
    history.add(record(1, { request: { method: 'POST', path: `/p/${'a'.repeat(8000)}`, query: rows, headers: rows, body: { kind: 'json', text: big }, auth: 'none' } }));
    const [entry] = history.list(ADA);
    expect(JSON.stringify(entry).length).toBeLessThan(250_000);
    expect(entry!.request.query).toHaveLength(HISTORY_CLIP.rows);
    expect(entry!.request.query[0]!.value).toBe(`${'v'.repeat(HISTORY_CLIP.valueChars)}…`);
    expect(entry!.request.body).toEqual({ kind: 'none' });
    expect(entry!.bodyNotKept).toBe('json');
    // A body up to the limit is kept (in memory).
    history.add(record(2, { request: { ...record(2).request, method: 'POST', body: { kind: 'text', text: 'y'.repeat(HISTORY_CLIP.bodyChars) } } }));
    expect(history.list(ADA)[0]!.request.body).toEqual({ kind: 'text', text: 'y'.repeat(HISTORY_CLIP.bodyChars) });
  });

  it('records failed requests with their error kind', () => {
    const history = new HistoryStore(new MemoryKv());
    history.add(record(1, { status: null, errorKind: 'timeout' }));
    expect(history.list(ADA)[0]).toMatchObject({ status: null, errorKind: 'timeout' });
  });

  it('stays consistent when 50 concurrent requests finish together', async () => {
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

  it('reads an existing history back, and ignores damaged entries', () => {
    const kv = new MemoryKv();
    const first = new HistoryStore(kv, quick);
    first.add(record(1));
    first.flush();
    kv.set(HISTORY_KEY, [...stored(kv), { id: 3 }, 'junk', null]);
    expect(new HistoryStore(kv, quick).list(ADA).map((e) => e.id)).toEqual(['h1']);
    kv.set(HISTORY_KEY, 'not a list');
    expect(new HistoryStore(kv, quick).list(ADA)).toEqual([]);
  });

  it('cleans what an older version wrote, at once: entries of no account, bodies and secrets its redaction missed', () => {
    const kv = new MemoryKv();
    const old = (id: string, extra: Record<string, unknown>) => ({
      id,
      at: '2026-03-01T10:00:00.000Z',
      request: {
        method: 'POST',
        path: '/api/v1/users/me/password',
        query: [],
        headers: [{ name: 'X-Auth-Token', value: 'typed-token-value', enabled: true }],
        body: { kind: 'json', text: '{"current_password":"old-secret","new_password":"new-secret"}' },
        auth: 'token',
      },
      status: 200,
      errorKind: null,
      durationMs: 3,
      credentialKind: 'token',
      ...extra,
    });
    kv.set(HISTORY_KEY, [
      old('untagged', {}),
      old('no-account', { environment: { kind: 'local' } }),
      old('tagged', { accountId: ADA, environment: { kind: 'local' } }),
    ]);
    let writes = 0;
    kv.onWrite = () => (writes += 1);
    const list = new HistoryStore(kv).list(ADA);
    expect(list.map((e) => [e.id, e.bodyNotKept, e.request.body])).toEqual([['tagged', 'json', { kind: 'none' }]]);
    expect(writes).toBe(1);
    for (const secret of ['old-secret', 'new-secret', 'typed-token-value']) expect(kv.toJSON()).not.toContain(secret);
    expect(stored(kv).map((e) => e.id)).toEqual(['tagged']);
  });
});
