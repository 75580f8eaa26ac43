/**
 * Settings › Reset demo data, through the real router and services against two emulators (issue part 7, item 6):
 * the Local one, which the app holds and resets, and another one used as a custom environment. After a reset a
 * Local account's old token gets 401 and the account needs a sign-in (its secrets are gone), a custom-environment
 * account is untouched, and signing in again replaces the stale Local account instead of adding a second one.
 * Without a Local emulator to reset (packaged builds) the channel answers a typed refusal and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { DEMO_DATA_RESET_REASON } from '../../src-main/accounts';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import type { LocalEmulatorControls } from '../../src-main/platform/ports';
import type { Environment } from '../../src-shared/environments';
import type { AccountSummary, AppState } from '../../src-shared/models';
import { heldSecret } from '../helpers/held-secret';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { value } from '../helpers/result';
import { passwordToken, statusWith } from '../helpers/service-context';
import { revealKey } from '../helpers/tester-context';

let local: RunningEmulator;
let other: RunningEmulator;
let services: AppServices;
let logs: string[];
let resets: number;

function start(controls: LocalEmulatorControls | null): AppServices {
  logs = [];
  return createAppServices({
    secretStore: new MemorySecretStore(),
    kv: new MemoryKv(),
    clipboard: new MemoryClipboard(),
    localEmulatorUrl: local.url,
    localEmulator: controls,
    log: (line) => logs.push(line),
  });
}

const controls = (): LocalEmulatorControls => ({
  demoSignIns: [],
  reset: async () => {
    resets += 1;
    await local.reset();
  },
});

beforeEach(async () => {
  local = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  other = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  resets = 0;
});

afterEach(async () => {
  await services?.dispose();
  await local.close();
  await other.close();
});

async function signIn(email: string, environment: Environment): Promise<AccountSummary> {
  const state = value(await services.router.call('signInWithPassword', { email, password: DEMO_PASSWORD, environment })) as AppState;
  return state.accounts.find((a) => a.id === state.activeAccountId)!;
}

async function state(): Promise<AppState> {
  return value(await services.router.call('getState', {})) as AppState;
}

const custom: Environment = { kind: 'custom', baseUrl: '' };

describe('Reset demo data in a development build', () => {
  it('offers the reset, and after it the Local account’s old token gets 401 and the account needs a sign-in; the custom one is untouched', async () => {
    services = start(controls());
    const onLocal = await signIn('ada@deepcurrent.test', { kind: 'local' });
    const onCustom = await signIn('ada@deepcurrent.test', { ...custom, baseUrl: other.url });
    const localToken = (await heldSecret(services, onLocal.id, 'token'))!;
    const customToken = (await heldSecret(services, onCustom.id, 'token'))!;
    expect(await statusWith(local.url, localToken)).toBe(200);
    expect((await state()).canResetDemoData).toBe(true);

    const after = value(await services.router.call('resetDemoData', {})) as AppState;
    expect(resets).toBe(1);
    expect(await statusWith(local.url, localToken)).toBe(401);

    const localAfter = after.accounts.find((a) => a.id === onLocal.id)!;
    expect(localAfter).toMatchObject({ needsSignIn: true, signInReason: DEMO_DATA_RESET_REASON, hasToken: false, hasApiKey: false });
    expect(await heldSecret(services, onLocal.id, 'token')).toBeNull();
    expect(await services.router.call('refreshProfile', { accountId: onLocal.id })).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });

    const customAfter = after.accounts.find((a) => a.id === onCustom.id)!;
    expect(customAfter).toMatchObject({ needsSignIn: false, signInReason: null, hasToken: true });
    expect(await heldSecret(services, onCustom.id, 'token')).toBe(customToken);
    expect(await statusWith(other.url, customToken)).toBe(200);
    expect(await services.router.call('refreshProfile', { accountId: onCustom.id })).toMatchObject({ ok: true });
    expect(logs.join('\n')).toContain("[demo] the Local emulator's demo data was reset; 1 Local account(s) must sign in again");
  });

  it('marks a key-only Local account too, and removes its key', async () => {
    services = start(controls());
    const key = await revealKey(local.url, await passwordToken(local.url, 'free@deepcurrent.test', DEMO_PASSWORD));
    const signedIn = value(await services.router.call('signInWithApiKey', { apiKey: key, environment: { kind: 'local' } })) as AppState;
    const id = signedIn.activeAccountId!;

    const after = value(await services.router.call('resetDemoData', {})) as AppState;
    expect(after.accounts.find((a) => a.id === id)).toMatchObject({ needsSignIn: true, hasApiKey: false, apiKeyLast4: null });
    expect(await heldSecret(services, id, 'api-key')).toBeNull();
    expect(await statusWith(local.url, key)).toBe(401);
  });

  it('signing in again replaces the stale Local account instead of adding a second one', async () => {
    services = start(controls());
    const before = await signIn('ada@deepcurrent.test', { kind: 'local' });
    value(await services.router.call('resetDemoData', {}));
    const again = await signIn('ada@deepcurrent.test', { kind: 'local' });
    expect(again.id).not.toBe(before.id); // the emulator gave ada a new user id
    const accounts = (await state()).accounts;
    expect(accounts.map((a) => a.id)).toEqual([again.id]);
    expect(again).toMatchObject({ needsSignIn: false, signInReason: null, hasToken: true });
  });

  it('changes nothing here when the emulator fails to reset', async () => {
    services = start({ demoSignIns: [], reset: async () => Promise.reject(new Error('disk full')) });
    const onLocal = await signIn('ada@deepcurrent.test', { kind: 'local' });
    expect(await services.router.call('resetDemoData', {})).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'The Local emulator could not reset its demo data. Nothing was changed; try again.' },
    });
    expect((await state()).accounts[0]).toMatchObject({ id: onLocal.id, needsSignIn: false, hasToken: true });
  });
});

describe('Reset demo data where there is no Local emulator to reset (packaged builds)', () => {
  it('answers a typed refusal, resets nothing and marks nobody', async () => {
    services = start(null);
    const onLocal = await signIn('ada@deepcurrent.test', { kind: 'local' });
    const token = (await heldSecret(services, onLocal.id, 'token'))!;
    expect((await state()).canResetDemoData).toBe(false);
    expect(await services.router.call('resetDemoData', {})).toEqual({
      ok: false,
      error: { kind: 'unavailable', message: 'There is no demo data to reset: the Local emulator is only part of development builds.' },
    });
    expect(await statusWith(local.url, token)).toBe(200);
    expect((await state()).accounts[0]).toMatchObject({ needsSignIn: false, hasToken: true });
  });

  it('refuses a payload with anything in it', async () => {
    services = start(controls());
    expect(await services.router.call('resetDemoData', { everything: true })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(resets).toBe(0);
  });
});
