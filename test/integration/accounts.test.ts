/**
 * Sign-in, accounts and offline start, against the emulator over real HTTP and the real OS keychain.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAccountHandlers } from '../../src-main/accounts/accounts-service';
import type { AppState } from '../../src-shared/models';
import { isAvailable, realKeychain, type RealKeychain } from '../helpers/keychain';
import { makeAppContext, type TestAppContext } from '../helpers/app-context';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { value } from '../helpers/result';
import { passwordToken } from '../helpers/service-context';
import { revealKey } from '../helpers/tester-context';

const keychain = await realKeychain();
const PASSWORD = DEMO_PASSWORD;
const local = { kind: 'local' } as const;

/** A demo account's API key, revealed with its password's token. */
async function revealKeyOf(emu: RunningEmulator, email: string): Promise<string> {
  return revealKey(emu.url, await passwordToken(emu.url, email, PASSWORD));
}

describe.skipIf(!isAvailable(keychain))(`accounts against the emulator and the real keychain${isAvailable(keychain) ? '' : ` (skipped: ${(keychain as { unavailable: string }).unavailable})`}`, () => {
  const kc = keychain as RealKeychain;
  let emu: RunningEmulator;
  let app: TestAppContext;
  let handlers: ReturnType<typeof createAccountHandlers>;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
  });
  afterAll(async () => {
    await emu?.close();
    await kc.cleanup();
  });

  async function fresh(dir?: string, url: string | null = emu.url) {
    app = await makeAppContext(kc.store, url, dir);
    handlers = createAccountHandlers(app.ctx, { notices: [], secretStorageMessage: null });
  }
  afterEach(() => app?.cleanup());

  it('signs in with email and password, keeps the JWT only in the keychain and shows when it expires', async () => {
    await fresh();
    const state = value(await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local }));
    const account = state.accounts[0]!;
    expect(state.activeAccountId).toBe(account.id);
    expect(account).toMatchObject({ email: 'ada@deepcurrent.test', signedInWith: 'token', hasToken: true, needsSignIn: false });
    expect(account.profile).toMatchObject({ fullName: 'Ada Lovelace', plan: 'pro', role: 'member' });
    expect(account.tokenExpiresAt! - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(account.tokenExpiresAt! - Date.now()).toBeLessThanOrEqual(30 * 60_000 + 1000);
    const token = await kc.read(`${account.id}:token`);
    expect(token).toMatch(/^eyJ/);
    expect(app.settingsText()).not.toContain(token!);
    expect(app.settingsText()).not.toContain(PASSWORD);
    expect(JSON.stringify(state)).not.toContain(token!);
    expect(app.logs.join('\n')).not.toContain(token!);
  });

  it('signs in with an API key after verifying it, and stores it only then', async () => {
    await fresh();
    const key = await revealKeyOf(emu, 'free@deepcurrent.test');
    const state = value(await handlers.signInWithApiKey({ apiKey: key, environment: local }));
    const account = state.accounts[0]!;
    expect(account).toMatchObject({ email: 'free@deepcurrent.test', signedInWith: 'api-key', hasApiKey: true, apiKeyLast4: key.slice(-4) });
    expect(await kc.read(`${account.id}:api-key`)).toBe(key);
    expect(app.settingsText()).not.toContain(key);
    expect(JSON.stringify(state)).not.toContain(key);
  });

  it('rejects a key in the wrong format before any network call', async () => {
    await fresh(undefined, 'http://127.0.0.1:9'); // nothing listens there: a network call would say "network"
    for (const bad of ['', 'sk_live_123', 'dc_short', 'dc_' + 'a'.repeat(31), 'dc_' + 'a'.repeat(40) + '!']) {
      const r = await handlers.signInWithApiKey({ apiKey: bad, environment: local });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('invalid-input');
    }
    expect(value(await handlers.getState({})).accounts).toHaveLength(0);
  });

  it('refuses a well-formed key the server does not know, and stores nothing', async () => {
    await fresh();
    const r = await handlers.signInWithApiKey({ apiKey: 'dc_' + 'Z'.repeat(40), environment: local });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('not accepted') });
    expect(await kc.entries()).toEqual(expect.not.arrayContaining([expect.objectContaining({ password: 'dc_' + 'Z'.repeat(40) })]));
  });

  it('explains a wrong password and stores nothing', async () => {
    await fresh();
    const r = await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: 'wrong-password', environment: local });
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-credentials', message: 'Wrong email or password.' } });
    expect(value(await handlers.getState({})).accounts).toHaveLength(0);
  });

  it('locks an email after five failures and reports the Retry-After countdown', async () => {
    await fresh();
    const email = 'support@deepcurrent.test';
    for (let i = 0; i < 5; i += 1) await handlers.signInWithPassword({ email, password: 'nope', environment: local });
    const r = await handlers.signInWithPassword({ email, password: PASSWORD, environment: local });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('rate-limited');
    expect(r.error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(r.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The seconds travel as a number; the window counts them down (the words carry no count of their own).
    expect(r.error.message).toMatch(/^Too many attempts\./);
    expect(r.error.message).not.toMatch(/\d/);
  });

  it('notices an expired token from exp and asks to sign in again without calling the server', async () => {
    await fresh();
    const state = value(await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local }));
    app.advance(31 * 60_000);
    const r = await handlers.refreshProfile({ accountId: state.accounts[0]!.id });
    expect(r).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(value(await handlers.getState({})).accounts[0]!.needsSignIn).toBe(true);
  });

  it('marks the account for a new sign-in on a 401 and drops the rejected token', async () => {
    await fresh();
    const state = value(await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local }));
    const id = state.accounts[0]!.id;
    await app.vault.set(id, 'token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged');
    const r = await handlers.refreshProfile({ accountId: id });
    expect(r).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } });
    const after = value(await handlers.getState({})).accounts[0]!;
    expect(after).toMatchObject({ needsSignIn: true, hasToken: false });
    expect(await kc.read(`${id}:token`)).toBeNull();
  });

  it('keeps several accounts and switches between them', async () => {
    await fresh();
    const a = value(await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local }));
    const b = value(await handlers.signInWithPassword({ email: 'free@deepcurrent.test', password: PASSWORD, environment: local }));
    expect(b.accounts).toHaveLength(2);
    const ada = a.accounts.find((x) => x.email === 'ada@deepcurrent.test')!;
    expect(b.activeAccountId).not.toBe(ada.id);
    const switched = value(await handlers.switchAccount({ accountId: ada.id }));
    expect(switched.activeAccountId).toBe(ada.id);
    expect((await handlers.switchAccount({ accountId: 'acc_missing' })).ok).toBe(false);
  });

  it('signs out: removes the keychain entries and the cached profile', async () => {
    await fresh();
    const state = value(await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: local }));
    const id = state.accounts[0]!.id;
    expect(await kc.read(`${id}:token`)).not.toBeNull();
    const after = value(await handlers.signOut({ accountId: id }));
    expect(after.accounts).toHaveLength(0);
    expect(await kc.read(`${id}:token`)).toBeNull();
    expect(app.settingsText()).not.toContain('Ada Lovelace');
  });

  it('starts offline with the stored accounts, their last4 and last verified time', async () => {
    await fresh();
    const key = await revealKeyOf(emu, 'ada@deepcurrent.test');
    const signedIn: AppState = value(await handlers.signInWithApiKey({ apiKey: key, environment: local }));
    const dir = app.dir;
    // "Restart" with the emulator unreachable: same settings file, same keychain, nothing listening.
    app = await makeAppContext(kc.store, 'http://127.0.0.1:9', dir);
    handlers = createAccountHandlers(app.ctx, { notices: [], secretStorageMessage: null });
    const offline = value(await handlers.getState({}));
    expect(offline.accounts[0]).toMatchObject({ email: 'ada@deepcurrent.test', apiKeyLast4: key.slice(-4), lastVerifiedAt: signedIn.accounts[0]!.lastVerifiedAt });
    const refresh = await handlers.refreshProfile({ accountId: offline.accounts[0]!.id });
    expect(refresh).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(value(await handlers.getState({})).accounts[0]!.needsSignIn).toBe(false);
  });

  it('refuses a custom environment over plain http to another host', async () => {
    await fresh();
    const r = await handlers.signInWithPassword({ email: 'ada@deepcurrent.test', password: PASSWORD, environment: { kind: 'custom', baseUrl: 'http://api.example.com' } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

});
