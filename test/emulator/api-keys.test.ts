import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { ADA, FREE, SUPPORT, api, expect401, fakeClock, login, revealedKey, start } from './helpers';

const KEY = '/api/v1/users/me/api-key';
const REGEN = `${KEY}/regeneration-requests`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const issue = (base: string, cred: string, id: string) =>
  api(base, `/api/v1/support/regeneration-requests/${id}/issue`, { method: 'POST', cred });

describe('GET /api/v1/users/me', () => {
  it('has exactly the documented shape, with an unrevealed key and no pending key', async () => {
    const emu = await start();
    try {
      const me = await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, ADA) });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: expect.stringMatching(/^u_/),
        email: ADA,
        full_name: 'Ada Lovelace',
        is_active: true,
        plan: 'pro',
        role: 'member',
        api_key: { last4: expect.stringMatching(/^[A-Za-z0-9_-]{4}$/), created_at: expect.stringMatching(ISO), revealed: false },
        pending_api_key: null,
      });
      const free = await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, FREE) });
      expect([free.body.plan, free.body.role]).toEqual(['free', 'member']);
      const support = await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, SUPPORT) });
      expect([support.body.plan, support.body.role]).toEqual(['pro', 'support']);
      expect(emu.demoAccounts.map((a) => a.email)).toEqual([ADA, FREE, SUPPORT]);
    } finally {
      await emu.close();
    }
  });
});

describe('POST /api/v1/users/me/api-key/reveal', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  it('reveals the key exactly once, then answers 409', async () => {
    const token = await login(emu.url, ADA);
    const res = await api(emu.url, `${KEY}/reveal`, { method: 'POST', cred: token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.api_key).toMatch(/^dc_[A-Za-z0-9_-]{40}$/);
    expect(res.body.last4).toBe(res.body.api_key.slice(-4));
    expect(res.body.created_at).toMatch(ISO);
    const again = await api(emu.url, `${KEY}/reveal`, { method: 'POST', cred: token });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ detail: 'API key has already been revealed' });
    const me = await api(emu.url, '/api/v1/users/me', { cred: res.body.api_key });
    expect(me.body.api_key).toEqual({ last4: res.body.last4, created_at: res.body.created_at, revealed: true });
  });

  it('refuses an API-key credential with 403', async () => {
    const { key } = await revealedKey(emu.url, FREE);
    const res = await api(emu.url, `${KEY}/reveal`, { method: 'POST', cred: key });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Revealing a key requires signing in with email and password' });
  });
});

describe('regeneration requests', () => {
  it('runs the whole flow: request, issue, reveal, confirm; old key 401, new key 200', async () => {
    const emu = await start();
    try {
      const { token, key: oldKey } = await revealedKey(emu.url, ADA);
      const supportToken = await login(emu.url, SUPPORT);

      const created = await api(emu.url, REGEN, { method: 'POST', cred: oldKey, json: { reason: 'compromised', note: 'leaked in a log' } });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^rr_/),
        status: 'pending',
        reason: 'compromised',
        note: 'leaked in a log',
        created_at: expect.stringMatching(ISO),
        issued_at: null,
        confirmed_at: null,
      });
      const id = created.body.id as string;
      const dup = await api(emu.url, REGEN, { method: 'POST', cred: token, json: { reason: 'lost' } });
      expect(dup.status).toBe(409);
      expect(dup.body).toEqual({ detail: 'A regeneration request is already open' });

      const early = await api(emu.url, `${REGEN}/${id}/confirm`, { method: 'POST', cred: token });
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/not been issued/);

      for (const cred of [token, await login(emu.url, FREE)]) {
        const denied = await issue(emu.url, cred, id);
        expect(denied.status).toBe(403);
        expect(denied.body).toEqual({ detail: 'This action requires the support role' });
      }
      expect((await issue(emu.url, supportToken, 'rr_unknown')).status).toBe(404);
      const issued = await issue(emu.url, supportToken, id);
      expect(issued.status).toBe(200);
      expect(issued.body.status).toBe('issued');
      expect(issued.body.issued_at).toMatch(ISO);
      const twice = await issue(emu.url, supportToken, id);
      expect(twice.status).toBe(409);
      expect(typeof twice.body.detail).toBe('string');
      expect((await api(emu.url, REGEN, { method: 'POST', cred: token, json: { reason: 'lost' } })).status).toBe(409);

      let me = await api(emu.url, '/api/v1/users/me', { cred: oldKey });
      expect(me.status).toBe(200);
      expect(me.body.pending_api_key).toEqual({ created_at: expect.stringMatching(ISO), revealed: false });

      const unrevealed = await api(emu.url, `${REGEN}/${id}/confirm`, { method: 'POST', cred: token });
      expect(unrevealed.status).toBe(409);
      expect(unrevealed.body.detail).toMatch(/not been revealed/);

      const revealed = await api(emu.url, `${KEY}/reveal`, { method: 'POST', cred: token });
      expect(revealed.status).toBe(200);
      const newKey = revealed.body.api_key as string;
      expect(newKey).toMatch(/^dc_[A-Za-z0-9_-]{40}$/);
      expect(newKey).not.toBe(oldKey);
      expect((await api(emu.url, `${KEY}/reveal`, { method: 'POST', cred: token })).status).toBe(409);
      expect401(await api(emu.url, '/api/v1/users/me', { cred: newKey }), 'Invalid API key'); // pending: not yet valid
      me = await api(emu.url, '/api/v1/users/me', { cred: oldKey });
      expect(me.body.pending_api_key.revealed).toBe(true);

      const viaKey = await api(emu.url, `${REGEN}/${id}/confirm`, { method: 'POST', cred: oldKey });
      expect(viaKey.status).toBe(403);
      expect(typeof viaKey.body.detail).toBe('string');

      const confirmed = await api(emu.url, `${REGEN}/${id}/confirm`, { method: 'POST', cred: token });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
      expect(confirmed.body.confirmed_at).toMatch(ISO);

      expect401(await api(emu.url, '/api/v1/users/me', { cred: oldKey }), 'Invalid API key');
      me = await api(emu.url, '/api/v1/users/me', { cred: newKey });
      expect(me.status).toBe(200);
      expect(me.body.api_key).toEqual({ last4: newKey.slice(-4), created_at: revealed.body.created_at, revealed: true });
      expect(me.body.pending_api_key).toBeNull();

      const again = await api(emu.url, `${REGEN}/${id}/confirm`, { method: 'POST', cred: token });
      expect(again.status).toBe(409);
      const second = await api(emu.url, REGEN, { method: 'POST', cred: newKey, json: { reason: 'other' } });
      expect(second.status).toBe(201);
      const list = await api(emu.url, REGEN, { cred: newKey });
      expect(list.status).toBe(200);
      expect(list.body.count).toBe(2);
      expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([second.body.id, id]);
      expect(list.body.data[1]).toEqual(confirmed.body);
    } finally {
      await emu.close();
    }
  });

  it('lists and reads only the caller’s own requests (404 otherwise)', async () => {
    const emu = await start();
    try {
      const ada = await login(emu.url, ADA);
      const free = await login(emu.url, FREE);
      const created = await api(emu.url, REGEN, { method: 'POST', cred: ada, json: { reason: 'lost' } });
      expect(created.body.note).toBe('');
      const read = await api(emu.url, `${REGEN}/${created.body.id}`, { cred: ada });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const foreign = await api(emu.url, `${REGEN}/${created.body.id}`, { cred: free });
      expect(foreign.status).toBe(404);
      expect(typeof foreign.body.detail).toBe('string');
      expect((await api(emu.url, `${REGEN}/rr_nope`, { cred: ada })).status).toBe(404);
      expect((await api(emu.url, `${REGEN}/${created.body.id}/confirm`, { method: 'POST', cred: free })).status).toBe(404);
      expect((await api(emu.url, REGEN, { cred: free })).body).toEqual({ data: [], count: 0 });
    } finally {
      await emu.close();
    }
  });

  it('validates the body with FastAPI-shaped 422s', async () => {
    const emu = await start();
    try {
      const cred = await login(emu.url, ADA);
      const post = (init: { json?: unknown; body?: string; headers?: Record<string, string> }) =>
        api(emu.url, REGEN, { method: 'POST', cred, ...init });
      let res = await post({ json: {} });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ detail: [{ loc: ['body', 'reason'], msg: 'Field required', type: 'missing' }] });
      res = await post({ json: { reason: 'bored' } });
      expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'reason'], type: 'enum' });
      res = await post({ json: { reason: 'lost', note: 'x'.repeat(501) } });
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([{ loc: ['body', 'note'], msg: 'String should have at most 500 characters', type: 'string_too_long' }]);
      res = await post({ json: { reason: 'lost', note: 42 } });
      expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'note'], type: 'string_type' });
      res = await post({ body: '{"reason": "lost",', headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({ type: 'json_invalid' });
      res = await post({ json: ['lost'] });
      expect(res.status).toBe(422);
      res = await post({});
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['body'], type: 'missing' });
      expect((await api(emu.url, REGEN, { cred })).body.count).toBe(0);
      res = await post({ json: { reason: 'lost', note: 'x'.repeat(500) } });
      expect(res.status).toBe(201);
    } finally {
      await emu.close();
    }
  });

  it('auto-issues pending requests after autoIssueAfterSeconds (injected clock)', async () => {
    const clock = fakeClock();
    const emu = await start({ now: clock.now, autoIssueAfterSeconds: 30 });
    try {
      const cred = await login(emu.url, ADA);
      const created = await api(emu.url, REGEN, { method: 'POST', cred, json: { reason: 'lost' } });
      clock.advance(29_000);
      expect((await api(emu.url, `${REGEN}/${created.body.id}`, { cred })).body.status).toBe('pending');
      clock.advance(1_000);
      const read = await api(emu.url, `${REGEN}/${created.body.id}`, { cred });
      expect(read.body.status).toBe('issued');
      expect(Date.parse(read.body.issued_at) - Date.parse(read.body.created_at)).toBe(30_000);
      const me = await api(emu.url, '/api/v1/users/me', { cred });
      expect(me.body.pending_api_key).toEqual({ created_at: read.body.issued_at, revealed: false });
    } finally {
      await emu.close();
    }
  });

  it('auto-issues with a short real delay', async () => {
    const emu = await start({ autoIssueAfterSeconds: 0.2 });
    try {
      const cred = await login(emu.url, FREE);
      const created = await api(emu.url, REGEN, { method: 'POST', cred, json: { reason: 'other' } });
      expect(created.body.status).toBe('pending');
      await new Promise((r) => setTimeout(r, 350));
      expect((await api(emu.url, `${REGEN}/${created.body.id}`, { cred })).body.status).toBe('issued');
    } finally {
      await emu.close();
    }
  });
});
