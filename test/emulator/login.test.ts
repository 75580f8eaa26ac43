import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { ADA, FREE, JSON_CT, api, fakeClock, login, loginRaw, start } from './helpers';

const LOGIN = '/api/v1/login/access-token';

describe('POST /api/v1/login/access-token', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ tokenTtlSeconds: 1800 });
  });
  afterAll(() => emu.close());

  it('issues an HS256 bearer token with sub, iat and exp (30 minutes)', async () => {
    const res = await loginRaw(emu.url, ADA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_CT);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.token_type).toBe('bearer');
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'token_type']);
    expect(decodeProtectedHeader(res.body.access_token).alg).toBe('HS256');
    const claims = decodeJwt(res.body.access_token);
    expect(claims.sub).toMatch(/^u_/);
    expect(claims.exp! - claims.iat!).toBe(1800);
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(5);
    const me = await api(emu.url, '/api/v1/users/me', { cred: res.body.access_token });
    expect(me.body.id).toBe(claims.sub);
  });

  it('accepts grant_type password or empty, scope, client_id and client_secret', async () => {
    for (const grant_type of ['password', '']) {
      const res = await loginRaw(emu.url, FREE, undefined, { grant_type, scope: 'x y', client_id: 'c', client_secret: 's' });
      expect(res.status).toBe(200);
    }
  });

  it('answers 400 Incorrect email or password for a wrong password or an unknown email', async () => {
    for (const [email, password] of [
      [FREE, 'wrong-password'],
      ['nobody@deepcurrent.test', 'deepcurrent-demo'],
    ] as const) {
      const res = await loginRaw(emu.url, email, password);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: 'Incorrect email or password' });
    }
  });

  it('answers 422 with FastAPI-shaped details for missing fields, a bad grant_type or a non-form body', async () => {
    const json = await api(emu.url, LOGIN, { method: 'POST', json: { username: ADA, password: 'deepcurrent-demo' } });
    expect(json.status).toBe(422);
    expect(json.body.detail).toContainEqual({ loc: ['body', 'username'], msg: 'Field required', type: 'missing' });
    expect(json.body.detail).toContainEqual({ loc: ['body', 'password'], msg: 'Field required', type: 'missing' });

    const empty = await api(emu.url, LOGIN, { method: 'POST' });
    expect(empty.status).toBe(422);

    const noPassword = await api(emu.url, LOGIN, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `username=${encodeURIComponent(ADA)}`,
    });
    expect(noPassword.status).toBe(422);
    expect(noPassword.body).toEqual({ detail: [{ loc: ['body', 'password'], msg: 'Field required', type: 'missing' }] });

    const grant = await loginRaw(emu.url, ADA, undefined, { grant_type: 'client_credentials' });
    expect(grant.status).toBe(422);
    expect(grant.body.detail).toEqual([
      { loc: ['body', 'grant_type'], msg: "String should match pattern '^password$'", type: 'string_pattern_mismatch' },
    ]);
  });

  it('answers 400 Inactive user for the seeded inactive account and for a deactivated one', async () => {
    const seeded = await loginRaw(emu.url, emu.inactiveAccount.email);
    expect(seeded.status).toBe(400);
    expect(seeded.body).toEqual({ detail: 'Inactive user' });
    const wrong = await loginRaw(emu.url, emu.inactiveAccount.email, 'nope');
    expect(wrong.body).toEqual({ detail: 'Incorrect email or password' });

    const other = await start();
    try {
      const token = await login(other.url, ADA);
      other.setUserActive(ADA, false);
      expect((await loginRaw(other.url, ADA)).body).toEqual({ detail: 'Inactive user' });
      const me = await api(other.url, '/api/v1/users/me', { cred: token });
      expect(me.status).toBe(400);
      expect(me.body).toEqual({ detail: 'Inactive user' });
      other.setUserActive(ADA, true);
      expect((await api(other.url, '/api/v1/users/me', { cred: token })).status).toBe(200);
      expect(() => other.setUserActive('nobody@x.test', false)).toThrow();
    } finally {
      await other.close();
    }
  });

  it('honours tokenTtlSeconds', async () => {
    const other = await start({ tokenTtlSeconds: 60 });
    try {
      const claims = decodeJwt(await login(other.url, ADA));
      expect(claims.exp! - claims.iat!).toBe(60);
    } finally {
      await other.close();
    }
  });
});

describe('sign-in lockout', () => {
  it('locks an email for 60 s from its 5th failure within 60 s, right password included; others unaffected', async () => {
    const clock = fakeClock();
    const emu = await start({ now: clock.now });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await loginRaw(emu.url, ADA, `wrong-${i}`);
        expect(res.status).toBe(400);
        clock.advance(10_000); // failures at t = 0, 10, 20, 30, 40 s
      }
      clock.advance(-10_000); // now t = 40 s, the moment of the last failure
      let res = await loginRaw(emu.url, ADA);
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ detail: 'Too many failed sign-in attempts' });
      expect(res.headers.get('retry-after')).toBe('60');
      expect(res.headers.get('content-type')).toBe(JSON_CT);

      clock.advance(30_000);
      res = await loginRaw(emu.url, ADA);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('30');
      // Letter case does not dodge the lock.
      expect((await loginRaw(emu.url, ADA.toUpperCase())).status).toBe(429);

      expect((await loginRaw(emu.url, FREE)).status).toBe(200);

      clock.advance(29_500);
      res = await loginRaw(emu.url, ADA);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');

      clock.advance(500); // 60 s after the last failure
      expect((await loginRaw(emu.url, ADA)).status).toBe(200);
      // The slate is clean again: one failure does not lock.
      expect((await loginRaw(emu.url, ADA, 'wrong')).status).toBe(400);
      expect((await loginRaw(emu.url, ADA)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('does not lock when the failures are spread over more than 60 s, and also locks unknown emails', async () => {
    const clock = fakeClock();
    const emu = await start({ now: clock.now });
    try {
      for (let i = 0; i < 5; i++) {
        expect((await loginRaw(emu.url, FREE, 'wrong')).status).toBe(400);
        clock.advance(16_000); // t = 0, 16, 32, 48, 64 s: never 5 within 60 s
      }
      expect((await loginRaw(emu.url, FREE)).status).toBe(200);

      const ghost = 'ghost@deepcurrent.test';
      for (let i = 0; i < 5; i++) expect((await loginRaw(emu.url, ghost, 'x')).status).toBe(400);
      const res = await loginRaw(emu.url, ghost, 'x');
      expect(res.status).toBe(429);
      const retry = Number(res.headers.get('retry-after'));
      expect(Number.isInteger(retry) && retry >= 1 && retry <= 60).toBe(true);
    } finally {
      await emu.close();
    }
  });
});
