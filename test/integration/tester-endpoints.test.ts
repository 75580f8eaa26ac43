/**
 * The endpoint picker's list from the emulator's openapi.json over HTTP, cached for offline use.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OPENAPI_CACHE_KEY } from '../../src-main/tester/tester-endpoints';
import { startTester, value, type TesterFixture } from '../helpers/tester-context';

let f: TesterFixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

describe('the endpoint picker list', () => {
  it('reads the endpoints from the environment and fills method, path, parameters, example body and auth', async () => {
    f = await startTester();
    const list = value(await f.handlers.listEndpoints({}));
    expect(list.fromCache).toBe(false);
    expect(Date.parse(list.cachedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const byId = Object.fromEntries(list.endpoints.map((e) => [e.id, e]));
    expect(byId['GET /api/v1/users/me']).toMatchObject({ method: 'GET', path: '/api/v1/users/me', needsAuth: true, exampleBody: null });
    expect(byId['GET /api/v1/items/{id}']!.pathParams).toEqual(['id']);
    expect(JSON.parse(byId['POST /api/v1/items']!.exampleBody!)).toHaveProperty('title');
    expect(byId['POST /api/v1/login/access-token']!.needsAuth).toBe(false);
    expect(byId['GET /api/v1/usage']).toBeDefined();
  });

  it('answers from the cache without refresh, and from the network with refresh', async () => {
    f = await startTester();
    const first = value(await f.handlers.listEndpoints({}));
    const second = value(await f.handlers.listEndpoints({}));
    expect(second).toEqual({ endpoints: first.endpoints, fromCache: true, cachedAt: first.cachedAt });
    const refreshed = value(await f.handlers.listEndpoints({ refresh: true }));
    expect(refreshed.fromCache).toBe(false);
  });

  it('answers from the cache when the environment is offline', async () => {
    f = await startTester();
    const online = value(await f.handlers.listEndpoints({}));
    await f.emu.close();
    const offline = value(await f.handlers.listEndpoints({ refresh: true }));
    expect(offline).toEqual({ endpoints: online.endpoints, fromCache: true, cachedAt: online.cachedAt });
  });

  it('reports an offline environment without a cache as a network error', async () => {
    f = await startTester();
    await f.emu.close();
    const r = await f.handlers.listEndpoints({});
    expect(!r.ok && r.error.kind).toBe('network');
  });

  it('refuses a broken document as bad-response and keeps the old cache', async () => {
    f = await startTester();
    value(await f.handlers.listEndpoints({}));
    await f.fault({ mode: 'invalid-json', path: '/api/v1/openapi.json', times: 1 });
    const r = await f.handlers.listEndpoints({ refresh: true });
    expect(!r.ok && r.error.kind).toBe('bad-response');
    expect(value(await f.handlers.listEndpoints({})).fromCache).toBe(true);
  });

  it('ignores a damaged cache in the settings file', async () => {
    f = await startTester();
    f.ctx.kv.set(OPENAPI_CACHE_KEY, { [f.emu.url]: { endpoints: [{ nope: 1 }], cachedAt: 'x' } });
    const list = value(await f.handlers.listEndpoints({}));
    expect(list.fromCache).toBe(false);
    expect(list.endpoints.length).toBeGreaterThan(10);
  });
});
