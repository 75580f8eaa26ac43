/**
 * A keychain that refuses or fails mid-operation (locked, timing out): a clear error, and no half-written state —
 * an account never points to a secret that was not stored, and a failed sign-out loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { KeytarSecretStore, type Keytar } from '../../src-main/platform/keytar-secret-store';
import { createAccountHandlers } from '../../src-main/accounts/accounts-service';
import { SecretStoreError } from '../../src-main/platform/ports';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { makeAppContext } from '../helpers/app-context';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { KEYCHAIN_FAILED } from '../../src-main/accounts';
import { startLifecycle } from '../helpers/service-context';

const PASSWORD = DEMO_PASSWORD;
const local = { kind: 'local' } as const;

describe('a keychain that fails', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
  });
  afterAll(() => emu?.close());

  async function setup() {
    const store = new MemorySecretStore();
    const app = await makeAppContext(store, emu.url);
    const handlers = createAccountHandlers(app.ctx, { notices: [], secretStorageMessage: null });
    return { store, app, handlers };
  }

  it('refuses the sign-in with a clear message and stores no account when the keychain write fails', async () => {
    const { store, app, handlers } = await setup();
    store.failNext('set');
    const r = await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local });
    expect(r).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringContaining('keychain') } });
    if (!r.ok) expect(r.error.message).not.toMatch(/eyJ|dc_/);
    const state = await handlers.getState({});
    expect(state.ok && state.value.accounts).toEqual([]);
    expect(store.snapshot()).toEqual({});
    expect(app.settingsText()).not.toContain('ada@deepcurrent.test');
    // The keychain works again: the same sign-in now succeeds.
    expect((await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local })).ok).toBe(true);
    app.cleanup();
  });

  it('answers a keychain that fails on a read with a keychain error (not an internal one), and keeps the account', async () => {
    const { store, app, handlers } = await setup();
    const signedIn = await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const id = signedIn.value.accounts[0]!.id;
    // A restart over the same settings and keychain: nothing is cached, so the next call reads the keychain.
    const restarted = await makeAppContext(store, emu.url, app.dir);
    const again = createAccountHandlers(restarted.ctx, { notices: [], secretStorageMessage: null });
    store.failNext('get');
    expect(await again.refreshProfile({ accountId: id })).toEqual({ ok: false, error: KEYCHAIN_FAILED });
    expect((await again.refreshProfile({ accountId: id })).ok).toBe(true);
    app.cleanup();
  });

  it('keeps the account and its secrets when the keychain refuses to remove them at sign-out', async () => {
    const { store, app, handlers } = await setup();
    const signedIn = await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const id = signedIn.value.accounts[0]!.id;
    store.failNext('delete');
    const r = await handlers.signOut({ accountId: id });
    expect(r).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringContaining('did not let the app remove') } });
    const state = await handlers.getState({});
    expect(state.ok && state.value.accounts.map((a) => a.id)).toEqual([id]);
    expect(Object.keys(store.snapshot())).toContain(`${id}:token`);
    expect((await handlers.signOut({ accountId: id })).ok).toBe(true);
    expect(store.snapshot()).toEqual({});
    app.cleanup();
  });
});

describe('one wording for a keychain that fails on a read', () => {
  it('the API key screen says what the account does (the session\'s KEYCHAIN_FAILED), for status and copy', async () => {
    const store = new MemorySecretStore();
    const f = await startLifecycle(store);
    try {
      const revealed = await f.handlers.revealApiKey({ accountId: f.account.id });
      expect(revealed.ok).toBe(true);
      f.restart(); // empty caches: the next calls read the keychain
      store.failNext('get');
      expect(await f.handlers.copyApiKey({ accountId: f.account.id, role: 'current' })).toEqual({ ok: false, error: KEYCHAIN_FAILED });
      expect(f.t.clipboard.text).toBe('');
      store.failNext('get');
      expect(await f.handlers.getApiKeyStatus({ accountId: f.account.id })).toEqual({ ok: false, error: KEYCHAIN_FAILED });
      expect((await f.handlers.copyApiKey({ accountId: f.account.id, role: 'current' })).ok).toBe(true);
    } finally {
      await f.close();
    }
  });
});

describe('the keytar adapter', () => {
  const never = () => new Promise<never>(() => {});
  const hanging: Keytar = { getPassword: never, setPassword: never, deletePassword: never, findCredentials: never };
  const locked: Keytar = {
    getPassword: async () => null,
    setPassword: async () => {
      throw new Error('Cannot create an item in a locked collection');
    },
    deletePassword: async () => false,
    findCredentials: async () => [],
  };

  it('gives up on a keychain that does not answer, with a clear error', async () => {
    const store = new KeytarSecretStore(hanging, 'DeepCurrent Desktop (test)', 50);
    await expect(store.set('a:token', 'eyJ.secret.value')).rejects.toThrow(SecretStoreError);
    await expect(store.get('a:token')).rejects.toThrow(/did not answer in time/);
  });

  it('explains a locked keychain and never repeats the secret', async () => {
    const store = new KeytarSecretStore(locked, 'DeepCurrent Desktop (test)');
    const err = await store.set('a:api-key', 'dc_' + 'S'.repeat(40)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as Error).message).toMatch(/refused to store a credential: Cannot create an item in a locked collection/);
    expect((err as Error).message).not.toContain('dc_');
  });
});
