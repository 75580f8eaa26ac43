import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { ADA, FREE, api, expect401, fakeClock, login, revealedKey, start } from './helpers';

/** Every endpoint that needs a credential. */
const PROTECTED: [string, string][] = [
  ['GET', '/api/v1/users/me'],
  ['POST', '/api/v1/users/me/api-key/reveal'],
  ['GET', '/api/v1/users/me/api-key/regeneration-requests'],
  ['POST', '/api/v1/users/me/api-key/regeneration-requests'],
  ['GET', '/api/v1/users/me/api-key/regeneration-requests/rr_x'],
  ['POST', '/api/v1/users/me/api-key/regeneration-requests/rr_x/confirm'],
  ['POST', '/api/v1/support/regeneration-requests/rr_x/issue'],
  ['GET', '/api/v1/usage'],
  ['GET', '/api/v1/items'],
  ['POST', '/api/v1/items'],
  ['GET', '/api/v1/items/it_x'],
  ['PUT', '/api/v1/items/it_x'],
  ['DELETE', '/api/v1/items/it_x'],
];

describe('authentication', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  it('answers 401 Not authenticated with WWW-Authenticate: Bearer on every protected endpoint', async () => {
    for (const [method, path] of PROTECTED) {
      expect401(await api(emu.url, path, { method, json: method === 'POST' || method === 'PUT' ? {} : undefined }), 'Not authenticated');
      expect401(await api(emu.url, path, { method, headers: { Authorization: 'Basic YWRhOng=' } }), 'Not authenticated');
      expect401(await api(emu.url, path, { method, headers: { Authorization: 'Bearer' } }), 'Not authenticated');
      expect401(await api(emu.url, path, { method, cred: 'not-a-jwt' }), 'Could not validate credentials');
      expect401(await api(emu.url, path, { method, cred: 'dc_' + 'A'.repeat(40) }), 'Invalid API key');
    }
  });

  it('rejects malformed, tampered and foreign tokens with Could not validate credentials', async () => {
    const token = await login(emu.url, ADA);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect401(await api(emu.url, '/api/v1/users/me', { cred: tampered }), 'Could not validate credentials');
    const other = await start();
    try {
      const foreign = await login(other.url, ADA);
      expect401(await api(emu.url, '/api/v1/users/me', { cred: foreign }), 'Could not validate credentials');
    } finally {
      await other.close();
    }
  });

  it('rejects short or unknown dc_ keys with Invalid API key', async () => {
    expect401(await api(emu.url, '/api/v1/users/me', { cred: 'dc_short' }), 'Invalid API key');
    expect401(await api(emu.url, '/api/v1/users/me', { cred: `dc_${'x'.repeat(40)}` }), 'Invalid API key');
  });

  it('accepts the scheme in any letter case and a revealed API key', async () => {
    const { token, key } = await revealedKey(emu.url, FREE);
    const viaLower = await api(emu.url, '/api/v1/users/me', { headers: { Authorization: `bearer ${token}` } });
    expect(viaLower.status).toBe(200);
    const viaKey = await api(emu.url, '/api/v1/users/me', { cred: key });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.email).toBe(FREE);
  });

  it('answers 401 Token has expired once exp has passed', async () => {
    const clock = fakeClock();
    const other = await start({ now: clock.now, tokenTtlSeconds: 60 });
    try {
      const token = await login(other.url, ADA);
      clock.advance(59_000);
      expect((await api(other.url, '/api/v1/users/me', { cred: token })).status).toBe(200);
      clock.advance(1_000);
      expect401(await api(other.url, '/api/v1/users/me', { cred: token }), 'Token has expired');
      expect401(await api(other.url, '/api/v1/items', { cred: token }), 'Token has expired');
    } finally {
      await other.close();
    }
  });

  it('keeps every instance independent (own users, keys and signing secret)', async () => {
    const other = await start();
    try {
      const a = await revealedKey(emu.url, ADA);
      const b = await revealedKey(other.url, ADA);
      expect(a.key).not.toBe(b.key);
      expect401(await api(other.url, '/api/v1/users/me', { cred: a.key }), 'Invalid API key');
      const meA = await api(emu.url, '/api/v1/users/me', { cred: a.key });
      const meB = await api(other.url, '/api/v1/users/me', { cred: b.key });
      expect(meA.body.id).not.toBe(meB.body.id);
    } finally {
      await other.close();
    }
  });
});
