import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { ADA, FREE, JSON_CT, SUPPORT, api, expect401, fakeClock, login, loginRaw, start } from './helpers';

/** `403 Could not validate credentials` without `WWW-Authenticate`, as the FastAPI template answers a bad token. */
function expectCouldNotValidate(res: Awaited<ReturnType<typeof api>>): void {
  expect(res.status).toBe(403);
  expect(res.body).toEqual({ detail: 'Could not validate credentials' });
  expect(res.headers.get('www-authenticate')).toBeNull();
}

describe('minimal flavour (a server in the field: the FastAPI full-stack template)', () => {
  let emu: RunningEmulator;
  const clock = fakeClock();
  beforeAll(async () => {
    emu = await start({ flavour: 'minimal', now: clock.now, tokenTtlSeconds: 60 });
  });
  afterAll(() => emu.close());

  it('reports its flavour on the handle', () => {
    expect(emu.flavour).toBe('minimal');
  });

  it('answers users/me with exactly email, is_active, is_superuser, full_name and an integer id', async () => {
    const me = await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, ADA) });
    expect(me.status).toBe(200);
    expect(Object.keys(me.body)).toEqual(['email', 'is_active', 'is_superuser', 'full_name', 'id']);
    expect(me.body).toEqual({ email: ADA, is_active: true, is_superuser: false, full_name: 'Ada Lovelace', id: expect.any(Number) });
    expect(Number.isInteger(me.body.id)).toBe(true);
    const support = await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, SUPPORT) });
    expect(support.body.is_superuser).toBe(true);
    expect(support.body.id).not.toBe(me.body.id);
  });

  it('has no key management, support or usage endpoints: 404 Not Found', async () => {
    const token = await login(emu.url, ADA);
    for (const [method, path] of [
      ['POST', '/api/v1/users/me/api-key/reveal'],
      ['GET', '/api/v1/users/me/api-key/regeneration-requests'],
      ['POST', '/api/v1/users/me/api-key/regeneration-requests'],
      ['GET', '/api/v1/users/me/api-key/regeneration-requests/1'],
      ['POST', '/api/v1/users/me/api-key/regeneration-requests/1/confirm'],
      ['POST', '/api/v1/support/regeneration-requests/1/issue'],
      ['GET', '/api/v1/usage'],
    ] as const) {
      const res = await api(emu.url, path, { method, cred: token, json: method === 'POST' ? { reason: 'lost' } : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual({ detail: 'Not Found' });
    }
  });

  it('keeps items as {title, description, id, owner_id} with integer ids, creates with 200, lists as {data, count}', async () => {
    const token = await login(emu.url, FREE);
    const me = (await api(emu.url, '/api/v1/users/me', { cred: token })).body;
    const created = await api(emu.url, '/api/v1/items/', { method: 'POST', cred: token, json: { title: 'First', description: 'one' } });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(['description', 'id', 'owner_id', 'title']);
    expect(created.body).toEqual({ title: 'First', description: 'one', id: expect.any(Number), owner_id: me.id });
    const second = await api(emu.url, '/api/v1/items', { method: 'POST', cred: token, json: { title: 'Second' } });
    expect(second.body.id).toBe(created.body.id + 1);
    expect(second.body.description).toBeNull();

    const list = await api(emu.url, '/api/v1/items/', { cred: token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [created.body, second.body], count: 2 });

    const read = await api(emu.url, `/api/v1/items/${created.body.id}`, { cred: token });
    expect(read.body).toEqual(created.body);
    const updated = await api(emu.url, `/api/v1/items/${created.body.id}`, { method: 'PUT', cred: token, json: { title: 'Renamed' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...created.body, title: 'Renamed' });
    const deleted = await api(emu.url, `/api/v1/items/${second.body.id}`, { method: 'DELETE', cred: token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ message: 'Item deleted successfully' });
    expect((await api(emu.url, `/api/v1/items/${second.body.id}`, { cred: token })).status).toBe(404);
  });

  it('answers a non-integer item id with 422 and another user’s item with 400 Not enough permissions', async () => {
    const owner = await login(emu.url, ADA);
    const item = (await api(emu.url, '/api/v1/items', { method: 'POST', cred: owner, json: { title: 'Mine' } })).body;
    const bad = await api(emu.url, '/api/v1/items/it_abc', { cred: owner });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['path', 'id'], type: 'int_parsing' });
    const other = await api(emu.url, `/api/v1/items/${item.id}`, { cred: await login(emu.url, FREE) });
    expect(other.status).toBe(400);
    expect(other.body).toEqual({ detail: 'Not enough permissions' });
  });

  it('answers a wrong password with 400 Incorrect email or password, and never locks out', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await loginRaw(emu.url, SUPPORT, 'wrong-password');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: 'Incorrect email or password' });
      expect(res.headers.get('retry-after')).toBeNull();
    }
    expect((await loginRaw(emu.url, SUPPORT)).status).toBe(200);
  });

  it('answers a missing credential with 401 Not authenticated and WWW-Authenticate: Bearer', async () => {
    expect401(await api(emu.url, '/api/v1/users/me'), 'Not authenticated');
    expect401(await api(emu.url, '/api/v1/items'), 'Not authenticated');
    expect401(await api(emu.url, '/api/v1/users/me', { headers: { Authorization: 'Basic YWRhOng=' } }), 'Not authenticated');
  });

  it('answers a bad, tampered or expired token with 403 Could not validate credentials and no WWW-Authenticate', async () => {
    const token = await login(emu.url, ADA);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    expectCouldNotValidate(await api(emu.url, '/api/v1/users/me', { cred: 'not-a-jwt' }));
    expectCouldNotValidate(await api(emu.url, '/api/v1/users/me', { cred: tampered }));
    expectCouldNotValidate(await api(emu.url, '/api/v1/items', { cred: tampered }));
    clock.advance(61_000);
    expectCouldNotValidate(await api(emu.url, '/api/v1/users/me', { cred: token }));
  });

  it('does not accept dc_ API keys at all', async () => {
    expectCouldNotValidate(await api(emu.url, '/api/v1/users/me', { cred: `dc_${'A'.repeat(40)}` }));
    expectCouldNotValidate(await api(emu.url, '/api/v1/items', { cred: 'dc_short' }));
  });

  it('answers the health check with true', async () => {
    const res = await api(emu.url, '/api/v1/utils/health-check/');
    expect(res.status).toBe(200);
    expect(res.text).toBe('true');
    expect(res.headers.get('content-type')).toBe(JSON_CT);
  });

  it('serves an OpenAPI document of only its own endpoints, with an OAuth2 password flow and no examples', async () => {
    const res = await api(emu.url, '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.[01]\./);
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'post /api/v1/login/access-token',
        'get /api/v1/users/me',
        'get /api/v1/items/',
        'post /api/v1/items/',
        'get /api/v1/items/{id}',
        'put /api/v1/items/{id}',
        'delete /api/v1/items/{id}',
        'get /api/v1/utils/health-check/',
      ].sort(),
    );
    expect(Object.values(doc.components.securitySchemes)).toEqual([
      { type: 'oauth2', flows: { password: { scopes: {}, tokenUrl: '/api/v1/login/access-token' } } },
    ]);
    expect(res.text).not.toMatch(/"examples?"\s*:/);
    expect(res.text).not.toMatch(/api-key|usage|plan/);
  });
});
