/**
 * The API key lifecycle when things go wrong, against the real emulator: a keychain that refuses, the app dying
 * between two steps, the server refusing or losing an answer. Uses the in-memory secret store, which can fail on
 * demand.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_ANYWHERE } from '../../src-shared/credentials';
import type { Result } from '../../src-shared/errors';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { startLifecycle, statusWith, type LifecycleFixture } from '../helpers/service-context';
import { value } from '../helpers/result';
import { testHttp } from '../helpers/http';


function failure<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure');
  expect(result.error.message).not.toMatch(new RegExp(API_KEY_ANYWHERE.source));
  return result.error;
}

let f: LifecycleFixture;
let store: MemorySecretStore;

async function start(): Promise<void> {
  store = new MemorySecretStore();
  f = await startLifecycle(store);
}

afterEach(async () => {
  vi.restoreAllMocks();
  await f.close();
});

/** Reveals the current key, opens a request and lets support issue it. */
async function issuedRequest(): Promise<{ oldKey: string; requestId: string }> {
  const oldKey = value(await f.handlers.revealApiKey({ accountId: f.account.id })).apiKey;
  const request = value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'lost', note: '' }));
  await f.issue(request.id);
  return { oldKey, requestId: request.id };
}

describe('a keychain that refuses the revealed key', () => {
  it('retries once, and then the key is stored and returned', async () => {
    await start();
    store.failNext('set', 1);
    const revealed = value(await f.handlers.revealApiKey({ accountId: f.account.id }));
    expect(await f.entry('api-key')).toBe(revealed.apiKey);
    expect(f.t.logs.some((l) => l.includes('keychain write of api-key failed (attempt 1'))).toBe(true);
  });

  it('refusing twice: the key is not returned, and the message tells the truth', async () => {
    await start();
    store.failNext('set', 2);
    const error = failure(await f.handlers.revealApiKey({ accountId: f.account.id }));
    expect(error.kind).toBe('keychain');
    expect(error.message).toContain('was revealed, but it could not be saved');
    expect(error.message).toContain('Request a new key');
    expect(await f.entry('api-key')).toBeNull();
    expect(f.t.ctx.session.get(f.account.id)?.hasApiKey).toBe(false);
    // The server has shown it: it really is gone, as the message said.
    expect(failure(await f.handlers.revealApiKey({ accountId: f.account.id })).kind).toBe('conflict');
  });

  it('refusing the new key twice: says the current key keeps working, and keeps it', async () => {
    await start();
    const { oldKey } = await issuedRequest();
    store.failNext('set', 2);
    const error = failure(await f.handlers.revealApiKey({ accountId: f.account.id }));
    expect(error.kind).toBe('keychain');
    expect(error.message).toContain('Your current key keeps working');
    expect(await f.entry('api-key')).toBe(oldKey);
    expect(await f.entry('pending-api-key')).toBeNull();
    expect(await statusWith(f.emu.url, oldKey)).toBe(200);
  });
});

describe('the app dying between two steps', () => {
  it('dies right after storing the revealed new key: resumes at revealed and completes', async () => {
    await start();
    await issuedRequest();
    store.onSet = (entry) => {
      if (entry.endsWith(':pending-api-key')) f.t.kv.crashOnNextWrite();
    };
    await expect(f.handlers.revealApiKey({ accountId: f.account.id })).rejects.toThrow('simulated crash');
    store.onSet = null;
    const newKey = await f.entry('pending-api-key');
    expect(newKey).toMatch(/^dc_/);
    expect(f.t.ctx.session.get(f.account.id)?.lifecycle?.stage).toBe('issued');

    f.restart();
    expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }))).toMatchObject({
      stage: 'revealed',
      pendingKeyHeld: true,
      pendingKeyLast4: newKey!.slice(-4),
    });
    expect(value(await f.handlers.confirmNewKey({ accountId: f.account.id })).stage).toBe('confirmed');
    expect(await f.entry('api-key')).toBe(newKey);
  });

  it('dies in the middle of the swap: the next status check completes it', async () => {
    await start();
    await issuedRequest();
    const newKey = value(await f.handlers.revealApiKey({ accountId: f.account.id })).apiKey;
    store.onSet = (entry) => {
      if (entry.endsWith(':api-key')) f.t.kv.crashOnNextWrite();
    };
    await expect(f.handlers.confirmNewKey({ accountId: f.account.id })).rejects.toThrow('simulated crash');
    store.onSet = null;
    expect(await f.entry('api-key')).toBe(newKey);
    expect(await f.entry('pending-api-key')).toBe(newKey);

    f.restart();
    expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }))).toMatchObject({
      stage: 'confirmed',
      pendingKeyHeld: false,
      last4: newKey.slice(-4),
    });
    expect(await f.entry('pending-api-key')).toBeNull();
    expect(await statusWith(f.emu.url, newKey)).toBe(200);
  });

  it('a keychain that fails to write the new key after confirming keeps it in the pending entry', async () => {
    await start();
    const { oldKey } = await issuedRequest();
    const newKey = value(await f.handlers.revealApiKey({ accountId: f.account.id })).apiKey;
    store.failNext('set', 2);
    const error = failure(await f.handlers.confirmNewKey({ accountId: f.account.id }));
    expect(error.kind).toBe('keychain');
    expect(error.message).toContain('kept safely in the keychain');
    expect(await f.entry('pending-api-key')).toBe(newKey);
    expect(await f.entry('api-key')).toBe(oldKey);
    expect(value(await f.handlers.getApiKeyStatus({ accountId: f.account.id })).stage).toBe('confirmed');
    expect(await f.entry('api-key')).toBe(newKey);
    expect(await f.entry('pending-api-key')).toBeNull();
  });
});

describe('the server refusing or losing an answer', () => {
  it('refuses to confirm before the new key is revealed, without calling the server', async () => {
    await start();
    await issuedRequest();
    value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const error = failure(await f.handlers.confirmNewKey({ accountId: f.account.id }));
    expect(error).toMatchObject({ kind: 'conflict' });
    expect(error.message).toContain('Reveal the new key first');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('a 409 on confirm leaves both keys exactly as they were', async () => {
    await start();
    const oldKey = value(await f.handlers.revealApiKey({ accountId: f.account.id })).apiKey;
    const request = value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'lost', note: '' }));
    // The app believes it holds a revealed new key, but the server has not even issued one yet.
    const stray = `dc_${'x'.repeat(40)}`;
    await f.t.vault.set(f.account.id, 'pending-api-key', stray);
    f.t.ctx.session.update(f.account.id, { lifecycle: { requestId: request.id, stage: 'revealed', pendingLast4: 'xxxx' } });
    const error = failure(await f.handlers.confirmNewKey({ accountId: f.account.id }));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('has not been issued yet');
    expect(error.message).toContain('Both your current key and the new key are kept');
    expect(await f.entry('api-key')).toBe(oldKey);
    expect(await f.entry('pending-api-key')).toBe(stray);
    expect(await statusWith(f.emu.url, oldKey)).toBe(200);
  });

  it('a confirmation whose answer was lost completes on the retry (the server says it is already confirmed)', async () => {
    await start();
    const { oldKey, requestId } = await issuedRequest();
    const newKey = value(await f.handlers.revealApiKey({ accountId: f.account.id })).apiKey;
    const path = `/api/v1/users/me/api-key/regeneration-requests/${requestId}/confirm`;
    value(await callApi(testHttp, f.emu.url, { method: 'POST', path, credential: f.token }));
    expect(value(await f.handlers.confirmNewKey({ accountId: f.account.id })).stage).toBe('confirmed');
    expect(await f.entry('api-key')).toBe(newKey);
    expect(await statusWith(f.emu.url, oldKey)).toBe(401);
  });

  it('explains a second open request and a note the server rejects', async () => {
    await start();
    value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'lost', note: '' }));
    const open = failure(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'other', note: '' }));
    expect(open.kind).toBe('conflict');
    expect(open.message).toMatch(/^A request for a new key is already open/);

    await f.close();
    await start();
    const tooLong = failure(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'other', note: 'n'.repeat(501) }));
    expect(tooLong.kind).toBe('unprocessable');
    expect(tooLong.message).toMatch(/^The request for a new key was not accepted\. .*note/);
  });

  it('a revoked token is dropped and the user is asked to sign in again', async () => {
    await start();
    await f.t.vault.set(f.account.id, 'token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    const error = failure(await f.handlers.revealApiKey({ accountId: f.account.id }));
    expect(error.kind).toBe('unauthorized');
    expect(f.t.ctx.session.get(f.account.id)).toMatchObject({ hasToken: false, needsSignIn: true });
    expect(await f.entry('token')).toBeNull();
  });

  it('copies only keys the app holds, and says so otherwise', async () => {
    await start();
    const error = failure(await f.handlers.copyApiKey({ accountId: f.account.id, role: 'pending' }));
    expect(error.kind).toBe('not-signed-in');
    expect(f.t.clipboard.secretWrites).toBe(0);
    f.t.ctx.kv.set('settings', { clipboardClearSeconds: 45 });
    value(await f.handlers.revealApiKey({ accountId: f.account.id }));
    expect(value(await f.handlers.copyApiKey({ accountId: f.account.id, role: 'current' })).clearAfterSeconds).toBe(45);
  });

  it('answers an unknown account plainly', async () => {
    await start();
    const error = failure(await f.handlers.getApiKeyStatus({ accountId: 'acc_nobody' }));
    expect(error.kind).toBe('not-signed-in');
  });
});
