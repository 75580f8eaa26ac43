import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { ADA, FREE, JSON_CT, api, fakeClock, login, revealedKey, start } from './helpers';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('usage, health check and errors', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ now: fakeClock(Date.parse('2026-11-15T12:00:00Z')).now });
  });
  afterAll(() => emu.close());

  it('GET /api/v1/usage: 200 for pro (either credential), 403 for free', async () => {
    const { token, key } = await revealedKey(emu.url, ADA);
    for (const cred of [token, key]) {
      const res = await api(emu.url, '/api/v1/usage', { cred });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ period: '2026-11', requests: expect.any(Number), limit: 100000 });
      expect(res.body.requests).toBeGreaterThan(0);
    }
    const free = await api(emu.url, '/api/v1/usage', { cred: await login(emu.url, FREE) });
    expect(free.status).toBe(403);
    expect(free.body).toEqual({ detail: 'This feature requires a paid plan' });
    expect(free.headers.get('www-authenticate')).toBeNull();
  });

  it('GET /api/v1/utils/health-check/ answers true without credentials', async () => {
    const res = await api(emu.url, '/api/v1/utils/health-check/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('true');
    expect(res.headers.get('content-type')).toBe(JSON_CT);
  });

  it('answers 404 Not Found for unknown paths and 405 for wrong methods', async () => {
    for (const path of ['/', '/api/v1/nope', '/api/v2/users/me', '/api/v1/users/me/extra']) {
      const res = await api(emu.url, path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'Not Found' });
      expect(res.headers.get('content-type')).toBe(JSON_CT);
    }
    for (const [method, path] of [
      ['DELETE', '/api/v1/users/me'],
      ['GET', '/api/v1/login/access-token'],
      ['PATCH', '/api/v1/items'],
      ['POST', '/api/v1/utils/health-check/'],
    ]) {
      const res = await api(emu.url, path!, { method });
      expect(res.status).toBe(405);
      expect(res.body).toEqual({ detail: 'Method Not Allowed' });
    }
  });

  it('answers 413 for bodies over 1 MB and 422 for invalid JSON', async () => {
    const cred = await login(emu.url, ADA);
    const big = await api(emu.url, '/api/v1/items', { method: 'POST', cred, json: { title: 'x', description: 'y'.repeat(1_100_000) } });
    expect(big.status).toBe(413);
    expect(typeof big.body.detail).toBe('string');
    const bad = await api(emu.url, '/api/v1/items', {
      method: 'POST',
      cred,
      body: '{"title": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ msg: 'JSON decode error', type: 'json_invalid' });
    // Just under the limit is read (then validated).
    const under = await api(emu.url, '/api/v1/items', { method: 'POST', cred, json: { title: 'x', description: 'y'.repeat(1_000_000) } });
    expect(under.status).toBe(422);
  });

  it('hides the test-only endpoints when faults are disabled', async () => {
    expect((await api(emu.url, '/__faults', { method: 'POST', json: { mode: 'http-500' } })).status).toBe(404);
    expect((await api(emu.url, '/__faults', { method: 'DELETE' })).status).toBe(404);
    expect((await api(emu.url, '/api/v1/__echo')).status).toBe(404);
    expect((await api(emu.url, '/api/v1/__bytes?size=10')).status).toBe(404);
  });
});

describe('items', () => {
  let emu: RunningEmulator;
  let ada: string;
  let free: string;
  beforeAll(async () => {
    emu = await start();
    ada = await login(emu.url, ADA);
    free = await login(emu.url, FREE);
  });
  afterAll(() => emu.close());

  it('creates, lists, reads, partially updates and deletes the caller’s items', async () => {
    const created = await api(emu.url, '/api/v1/items', { method: 'POST', cred: ada, json: { title: 'First', description: 'one' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), title: 'First', description: 'one', created_at: expect.stringMatching(ISO) });
    const id = created.body.id as string;
    const bare = await api(emu.url, '/api/v1/items', { method: 'POST', cred: ada, json: { title: 'Second' } });
    expect(bare.body.description).toBeNull();

    const list = await api(emu.url, '/api/v1/items', { cred: ada });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [created.body, bare.body], count: 2 });

    expect((await api(emu.url, `/api/v1/items/${id}`, { cred: ada })).body).toEqual(created.body);

    const updated = await api(emu.url, `/api/v1/items/${id}`, { method: 'PUT', cred: ada, json: { description: 'changed' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...created.body, description: 'changed' });
    const renamed = await api(emu.url, `/api/v1/items/${id}`, { method: 'PUT', cred: ada, json: { title: 'Renamed' } });
    expect(renamed.body).toEqual({ ...created.body, title: 'Renamed', description: 'changed' });

    const deleted = await fetch(`${emu.url}/api/v1/items/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ada}` } });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await api(emu.url, `/api/v1/items/${id}`, { cred: ada })).status).toBe(404);
    expect((await api(emu.url, '/api/v1/items', { cred: ada })).body.count).toBe(1);
  });

  it('answers 404 for another user’s item or an unknown id', async () => {
    const mine = await api(emu.url, '/api/v1/items', { method: 'POST', cred: ada, json: { title: 'Private' } });
    for (const [method, json] of [['GET', undefined], ['PUT', { title: 'Hijacked' }], ['DELETE', undefined]] as const) {
      const res = await api(emu.url, `/api/v1/items/${mine.body.id}`, { method, cred: free, json });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ detail: 'Item not found' });
      expect((await api(emu.url, '/api/v1/items/it_unknown', { method, cred: ada, json })).status).toBe(404);
    }
    expect((await api(emu.url, `/api/v1/items/${mine.body.id}`, { cred: ada })).body.title).toBe('Private');
    expect((await api(emu.url, '/api/v1/items', { cred: free })).body).toEqual({ data: [], count: 0 });
  });

  it('validates title (1–255 chars) with 422', async () => {
    const cases: [unknown, string][] = [
      [{}, 'missing'],
      [{ title: '' }, 'string_too_short'],
      [{ title: 'x'.repeat(256) }, 'string_too_long'],
      [{ title: 7 }, 'string_type'],
    ];
    for (const [json, type] of cases) {
      const res = await api(emu.url, '/api/v1/items', { method: 'POST', cred: ada, json });
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'title'], type });
    }
    expect((await api(emu.url, '/api/v1/items', { method: 'POST', cred: ada, json: { title: 'x'.repeat(255) } })).status).toBe(201);
    const item = await api(emu.url, '/api/v1/items', { method: 'POST', cred: ada, json: { title: 'ok' } });
    for (const json of [{ title: '' }, { title: null }, { title: 'x'.repeat(256) }]) {
      expect((await api(emu.url, `/api/v1/items/${item.body.id}`, { method: 'PUT', cred: ada, json })).status).toBe(422);
    }
  });

  it('pages with skip and limit and validates them with 422', async () => {
    const other = await start();
    try {
      const cred = await login(other.url, ADA);
      for (const title of ['a', 'b', 'c']) await api(other.url, '/api/v1/items', { method: 'POST', cred, json: { title } });
      const page = await api(other.url, '/api/v1/items?skip=1&limit=1', { cred });
      expect(page.body.count).toBe(3);
      expect(page.body.data.map((i: { title: string }) => i.title)).toEqual(['b']);
      expect((await api(other.url, '/api/v1/items?limit=100', { cred })).status).toBe(200);
      const cases: [string, string, string][] = [
        ['limit=101', 'limit', 'less_than_equal'],
        ['limit=abc', 'limit', 'int_parsing'],
        ['skip=-1', 'skip', 'greater_than_equal'],
        ['skip=1.5', 'skip', 'int_parsing'],
      ];
      for (const [query, name, type] of cases) {
        const res = await api(other.url, `/api/v1/items?${query}`, { cred });
        expect(res.status).toBe(422);
        expect(res.body.detail).toEqual([{ loc: ['query', name], msg: expect.any(String), type }]);
      }
    } finally {
      await other.close();
    }
  });
});
