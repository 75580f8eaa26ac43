/**
 * The API key lifecycle against the real emulator over HTTP, once with the in-memory secret store and once with
 * the OS keychain (skipped where none answers; `npm test` provides one on Linux).
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_ANYWHERE, JWT_ANYWHERE } from '../../src-shared/credentials';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import {
  secretStoreVariants,
  seedAccount,
  startLifecycle,
  statusWith,
  type LifecycleFixture,
} from '../helpers/service-context';
import { value } from '../helpers/result';
import { testHttp } from '../helpers/http';

const variants = await secretStoreVariants();


/** No key and no token in any settings write or log line, ever. */
function expectNothingLeaked(f: LifecycleFixture): void {
  const texts = [...f.kvWrites, f.t.kv.toJSON(), ...f.t.logs];
  for (const text of texts) {
    expect(text).not.toMatch(new RegExp(API_KEY_ANYWHERE.source));
    expect(text).not.toMatch(new RegExp(JWT_ANYWHERE.source));
    for (const secret of f.seen) expect(text.includes(secret)).toBe(false);
  }
}

/** Reveals ada's current key through the service (the app then holds it). */
async function revealCurrent(f: LifecycleFixture): Promise<string> {
  const revealed = value(await f.handlers.revealApiKey({ accountId: f.account.id }));
  f.seen.add(revealed.apiKey);
  return revealed.apiKey;
}

/** Opens a request, lets support issue it, reveals the new key: the stage is then `revealed`. */
async function throughReveal(f: LifecycleFixture): Promise<{ oldKey: string; newKey: string; requestId: string }> {
  const oldKey = await revealCurrent(f);
  const request = value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'lost', note: '' }));
  await f.issue(request.id);
  const revealed = value(await f.handlers.revealApiKey({ accountId: f.account.id }));
  f.seen.add(revealed.apiKey);
  expect(revealed.role).toBe('pending');
  return { oldKey, newKey: revealed.apiKey, requestId: request.id };
}

for (const variant of variants) {
  describe.skipIf(variant.skip !== null)(`API key lifecycle with the ${variant.name}`, () => {
    let f: LifecycleFixture;
    afterAll(() => variant.cleanup());
    afterEach(async () => {
      vi.restoreAllMocks();
      expectNothingLeaked(f);
      await f.close();
    });

    it('reveals the current key once, keeps it in the keychain, and explains a second reveal', async () => {
      f = await startLifecycle(variant.make());
      const before = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(before).toMatchObject({ revealed: false, heldByApp: false, canReveal: true, stage: 'idle', request: null, offlineSince: null });

      const revealed = value(await f.handlers.revealApiKey({ accountId: f.account.id }));
      f.seen.add(revealed.apiKey);
      expect(revealed.role).toBe('current');
      expect(revealed.apiKey).toMatch(/^dc_[A-Za-z0-9_-]{32,}$/);
      expect(await f.entry('api-key')).toBe(revealed.apiKey);
      expect(revealed.last4).toBe(revealed.apiKey.slice(-4));
      expect(revealed.last4).toBe(before.last4);
      expect(f.t.ctx.session.get(f.account.id)).toMatchObject({ hasApiKey: true, apiKeyLast4: revealed.last4 });
      expect(await statusWith(f.emu.url, revealed.apiKey)).toBe(200);

      const after = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(after).toMatchObject({ revealed: true, heldByApp: true, last4: revealed.last4 });

      const again = await f.handlers.revealApiKey({ accountId: f.account.id });
      expect(again.ok).toBe(false);
      if (!again.ok) {
        expect(again.error.kind).toBe('conflict');
        expect(again.error.message).toContain('Request a new key');
        expect(again.error.message).not.toContain(revealed.apiKey);
      }
      expect(await f.entry('api-key')).toBe(revealed.apiKey);

      const receipt = value(await f.handlers.copyApiKey({ accountId: f.account.id, role: 'current' }));
      expect(f.t.clipboard.text).toBe(revealed.apiKey);
      expect(receipt.clearAfterSeconds).toBe(30);
      await f.handlers.dispose();
      expect(f.t.clipboard.text).toBe('');
    });

    it('asks a key-only account to sign in with a password, without calling the server', async () => {
      f = await startLifecycle(variant.make());
      const apiKey = await revealCurrent(f);
      const keyOnly = f.t.restart();
      keyOnly.store.remove(f.account.id);
      await keyOnly.vault.deleteAll(f.account.id);
      const account = await seedAccount(keyOnly, f.emu.url, { email: 'ada@deepcurrent.test', apiKey });
      f.t = keyOnly;
      f.account = account;
      f.restart();

      const status = value(await f.handlers.getApiKeyStatus({ accountId: account.id }));
      expect(status).toMatchObject({ canReveal: false, heldByApp: true, revealed: true });

      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      for (const call of [f.handlers.revealApiKey, f.handlers.confirmNewKey]) {
        const result = await call({ accountId: account.id });
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.kind).toBe('forbidden');
          expect(result.error.message).toMatch(/needs a session signed in with email and password/);
        }
      }
      expect(fetchSpy).not.toHaveBeenCalled();
      const reveal = await f.handlers.revealApiKey({ accountId: account.id });
      expect(!reveal.ok && reveal.error.message).toBe(
        'Revealing a key needs a session signed in with email and password. Sign in with your email and password to reveal it.',
      );
    });

    it('a key-only account can still ask for a new key', async () => {
      f = await startLifecycle(variant.make());
      const apiKey = await revealCurrent(f);
      await f.t.vault.delete(f.account.id, 'token');
      f.t.ctx.session.update(f.account.id, { hasToken: false, tokenExpiresAt: null, signedInWith: 'api-key' });
      f.restart();
      const request = value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'compromised', note: 'leaked in a log' }));
      expect(request).toMatchObject({ status: 'pending', reason: 'compromised', note: 'leaked in a log' });
      expect(await statusWith(f.emu.url, apiKey)).toBe(200);
    });

    it('runs the whole regeneration with support issuing by API: the old key is revoked only after confirming', async () => {
      f = await startLifecycle(variant.make());
      const oldKey = await revealCurrent(f);

      const request = value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'lost', note: 'laptop stolen' }));
      expect(request).toMatchObject({ status: 'pending', reason: 'lost', note: 'laptop stolen', issuedAt: null });
      const pending = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(pending).toMatchObject({ stage: 'pending', request: { id: request.id, status: 'pending' } });

      await f.issue(request.id);
      const issued = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(issued).toMatchObject({ stage: 'issued', pendingKeyHeld: false, request: { status: 'issued' } });

      const revealed = value(await f.handlers.revealApiKey({ accountId: f.account.id }));
      const newKey = revealed.apiKey;
      f.seen.add(newKey);
      expect(revealed.role).toBe('pending');
      expect(await f.entry('pending-api-key')).toBe(newKey);
      expect(await f.entry('api-key')).toBe(oldKey);
      const held = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(held).toMatchObject({ stage: 'revealed', pendingKeyHeld: true, pendingKeyLast4: newKey.slice(-4), heldByApp: true });
      expect(await statusWith(f.emu.url, oldKey)).toBe(200);
      expect(await statusWith(f.emu.url, newKey)).toBe(401);

      value(await f.handlers.copyApiKey({ accountId: f.account.id, role: 'pending' }));
      expect(f.t.clipboard.text).toBe(newKey);

      const confirmed = value(await f.handlers.confirmNewKey({ accountId: f.account.id }));
      expect(confirmed).toMatchObject({
        stage: 'confirmed',
        last4: newKey.slice(-4),
        heldByApp: true,
        pendingKeyHeld: false,
        pendingKeyLast4: null,
        request: { id: request.id, status: 'confirmed' },
      });
      expect(await f.entry('api-key')).toBe(newKey);
      expect(await f.entry('pending-api-key')).toBeNull();
      expect(await statusWith(f.emu.url, oldKey)).toBe(401);
      expect(await statusWith(f.emu.url, newKey)).toBe(200);
      expect(f.t.ctx.session.get(f.account.id)).toMatchObject({ apiKeyLast4: newKey.slice(-4), lifecycle: { stage: 'confirmed' } });

      expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id })).stage).toBe('confirmed');
      const next = value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'other', note: '' }));
      expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }))).toMatchObject({
        stage: 'pending',
        request: { id: next.id },
      });
    });

    it('follows a request that the emulator issues by itself (auto-issue on its clock)', async () => {
      f = await startLifecycle(variant.make(), { autoIssueAfterSeconds: 120 });
      const oldKey = await revealCurrent(f);
      value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'other', note: '' }));
      expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id })).stage).toBe('pending');
      f.advanceServer(121_000);
      expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id })).stage).toBe('issued');
      const newKey = value(await f.handlers.revealApiKey({ accountId: f.account.id })).apiKey;
      f.seen.add(newKey);
      expect(value(await f.handlers.confirmNewKey({ accountId: f.account.id })).stage).toBe('confirmed');
      expect(await statusWith(f.emu.url, oldKey)).toBe(401);
      expect(await statusWith(f.emu.url, newKey)).toBe(200);
    });

    it('resumes at revealed after a restart between reveal and confirm, and completes', async () => {
      f = await startLifecycle(variant.make());
      const { oldKey, newKey } = await throughReveal(f);
      f.restart();
      const resumed = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(resumed).toMatchObject({ stage: 'revealed', pendingKeyHeld: true, pendingKeyLast4: newKey.slice(-4) });
      expect(value(await f.handlers.confirmNewKey({ accountId: f.account.id })).stage).toBe('confirmed');
      expect(await f.entry('api-key')).toBe(newKey);
      expect(await f.entry('pending-api-key')).toBeNull();
      expect(await statusWith(f.emu.url, oldKey)).toBe(401);
    });

    it('finishes the swap on the next status check when the app stopped after the server confirmed', async () => {
      f = await startLifecycle(variant.make());
      const { oldKey, newKey, requestId } = await throughReveal(f);
      const path = `/api/v1/users/me/api-key/regeneration-requests/${requestId}/confirm`;
      value(await callApi(testHttp, f.emu.url, { method: 'POST', path, credential: f.token })); // the app "dies" right after
      expect(await f.entry('api-key')).toBe(oldKey);
      f.restart();
      const status = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(status).toMatchObject({ stage: 'confirmed', last4: newKey.slice(-4), heldByApp: true, pendingKeyHeld: false });
      expect(await f.entry('api-key')).toBe(newKey);
      expect(await f.entry('pending-api-key')).toBeNull();
      expect(await statusWith(f.emu.url, newKey)).toBe(200);
    });

    it('finishes an owed swap with the new key itself when the session has expired meanwhile', async () => {
      f = await startLifecycle(variant.make());
      const { requestId, newKey } = await throughReveal(f);
      const path = `/api/v1/users/me/api-key/regeneration-requests/${requestId}/confirm`;
      value(await callApi(testHttp, f.emu.url, { method: 'POST', path, credential: f.token }));
      f.t.advance(3 * 3600_000); // the token's exp has passed: only keys are left, and the old one is revoked
      f.restart();
      const status = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(status).toMatchObject({ stage: 'confirmed', canReveal: false, heldByApp: true });
      expect(await f.entry('api-key')).toBe(newKey);
      expect(await f.entry('pending-api-key')).toBeNull();
      expect(f.t.ctx.session.get(f.account.id)?.needsSignIn).toBe(false);
    });

    it('keeps both keys when confirming cannot reach the server, and the retry completes', async () => {
      f = await startLifecycle(variant.make());
      const { oldKey, newKey, requestId } = await throughReveal(f);
      const confirmPath = `/api/v1/users/me/api-key/regeneration-requests/${requestId}/confirm`;
      for (const mode of ['refuse', 'http-500'] as const) {
        value(await callApi(testHttp, f.emu.url, { method: 'POST', path: '/__faults', json: { mode, path: confirmPath, times: 1 } }));
        const failed = await f.handlers.confirmNewKey({ accountId: f.account.id });
        expect(failed.ok).toBe(false);
        if (!failed.ok) {
          expect(failed.error.kind).toBe(mode === 'refuse' ? 'network' : 'server');
          expect(failed.error.message).toContain('Both your current key and the new key are kept');
        }
        expect(await f.entry('api-key')).toBe(oldKey);
        expect(await f.entry('pending-api-key')).toBe(newKey);
        expect(await statusWith(f.emu.url, oldKey)).toBe(200);
        expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id })).stage).toBe('revealed');
      }
      expect(value(await f.handlers.confirmNewKey({ accountId: f.account.id })).stage).toBe('confirmed');
      expect(await f.entry('api-key')).toBe(newKey);
    });

    it('keeps both keys when the server is gone, and still opens the screen from the cache', async () => {
      f = await startLifecycle(variant.make());
      const { oldKey, newKey } = await throughReveal(f);
      await f.emu.close();
      const failed = await f.handlers.confirmNewKey({ accountId: f.account.id });
      expect(!failed.ok && failed.error.kind).toBe('network');
      expect(await f.entry('api-key')).toBe(oldKey);
      expect(await f.entry('pending-api-key')).toBe(newKey);
      const offline = value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
      expect(offline).toMatchObject({ stage: 'revealed', pendingKeyHeld: true, heldByApp: true, last4: oldKey.slice(-4), request: null, offlineSince: expect.any(String) });
    });
  });
}

