/**
 * The endpoint picker's list from the emulator's openapi.json over HTTP, cached for offline use, and marked offline
 * only when the document could not be fetched just now.
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
  it('reads the endpoints from the environment and fills method, path, parameters, example body, form and auth', async () => {
    f = await startTester();
    const list = value(await f.handlers.listEndpoints({}));
    expect(list.offline).toBe(false);
    expect(Date.parse(list.cachedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const byId = Object.fromEntries(list.endpoints.map((e) => [e.id, e]));
    expect(byId['GET /api/v1/users/me']).toMatchObject({ method: 'GET', path: '/api/v1/users/me', needsAuth: true, exampleBody: null });
    expect(byId['GET /api/v1/items/{id}']!.pathParams).toEqual(['id']);
    expect(JSON.parse(byId['POST /api/v1/items']!.exampleBody!)).toHaveProperty('title');
    expect(byId['POST /api/v1/login/access-token']).toMatchObject({
      signIn: true,
      needsAuth: false,
      exampleForm: [
        { name: 'username', value: 'ada@deepcurrent.test' },
        { name: 'password', value: '' },
        { name: 'grant_type', value: 'password' },
      ],
    });
    expect(byId['GET /api/v1/usage']).toBeDefined();
  });

  it('asks the network every time while it answers, and never calls that list offline', async () => {
    f = await startTester();
    const first = value(await f.handlers.listEndpoints({}));
    // The document changes on the server: a cached answer would not show it.
    await f.fault({ mode: 'body', path: '/api/v1/openapi.json', times: 1, body: JSON.stringify({ openapi: '3.1.0', paths: { '/only': { get: {} } } }) });
    const second = value(await f.handlers.listEndpoints({}));
    expect(second.offline).toBe(false);
    expect(second.endpoints.map((e) => e.id)).toEqual(['GET /only']);
    expect(first.endpoints.length).toBeGreaterThan(10);
  });

  it('answers the offline copy, marked offline, when the environment cannot be reached', async () => {
    f = await startTester();
    const online = value(await f.handlers.listEndpoints({}));
    await f.emu.close();
    const offline = value(await f.handlers.listEndpoints({}));
    expect(offline).toEqual({ endpoints: online.endpoints, offline: true, cachedAt: online.cachedAt });
  });

  it('reports an offline environment without a cache as a network error', async () => {
    f = await startTester();
    await f.emu.close();
    const r = await f.handlers.listEndpoints({});
    expect(!r.ok && r.error.kind).toBe('network');
  });

  it('refuses a broken document as bad-response, not as offline, and keeps the old cache', async () => {
    f = await startTester();
    const first = value(await f.handlers.listEndpoints({}));
    await f.fault({ mode: 'invalid-json', path: '/api/v1/openapi.json', times: 1 });
    const r = await f.handlers.listEndpoints({});
    expect(!r.ok && r.error.kind).toBe('bad-response');
    await f.emu.close();
    expect(value(await f.handlers.listEndpoints({}))).toMatchObject({ offline: true, cachedAt: first.cachedAt });
  });

  it('ignores a damaged cache in the settings file', async () => {
    f = await startTester();
    f.ctx.kv.set(OPENAPI_CACHE_KEY, { [f.emu.url]: { endpoints: [{ nope: 1 }], cachedAt: 'x' } });
    const list = value(await f.handlers.listEndpoints({}));
    expect(list.offline).toBe(false);
    expect(list.endpoints.length).toBeGreaterThan(10);
  });

  it('reads a list an older version cached (without token URLs and form templates)', async () => {
    f = await startTester();
    const old = { id: 'GET /x', method: 'GET', path: '/x', summary: 'x', pathParams: [], exampleBody: null, needsAuth: true };
    f.ctx.kv.set(OPENAPI_CACHE_KEY, { [f.emu.url]: { endpoints: [old], cachedAt: '2026-01-01T00:00:00.000Z' } });
    await f.emu.close();
    expect(value(await f.handlers.listEndpoints({}))).toEqual({
      endpoints: [{ ...old, signIn: false, exampleForm: null }],
      offline: true,
      cachedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
