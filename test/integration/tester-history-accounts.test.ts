/**
 * History belongs to the account that sent the request: each account lists only its own entries, and signing an
 * account out removes its entries from memory and from the settings file (app.ts wires the session's sign-out to the
 * tester). Full path: the real router and services from `createAppServices`, the settings file on disk, the
 * emulator over HTTP; a restart is a new set of services over the same file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { openSettingsFile } from '../../src-main/platform/settings-file';
import type { Result } from '../../src-shared/errors';
import type { ApiName } from '../../src-shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { value } from '../helpers/result';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import { testHttp } from '../helpers/http';
import { composed } from '../helpers/tester-context';

const ADA = 'ada@deepcurrent.test';
const FREE = 'free@deepcurrent.test';

let emu: RunningEmulator;
let dir: string;
let settingsPath = '';
let app: AppServices;
const secrets = new MemorySecretStore();

async function open(): Promise<AppServices> {
  const settings = await openSettingsFile({ dir, flavour: 'conf' });
  settingsPath = settings.path;
  app = createAppServices({ secretStore: secrets, kv: settings.kv, clipboard: new MemoryClipboard(), localEmulatorUrl: emu.url });
  return app;
}

/** A restart: history is written out on quit, and read back by the new services. */
async function restart(): Promise<void> {
  await app.dispose();
  await open();
}

function call<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return (app.router.call(name, payload) as Promise<Result<ResponseOf<K>>>).then(value);
}

async function signIn(email: string): Promise<string> {
  return (await call('signInWithPassword', { email, password: DEMO_PASSWORD, environment: { kind: 'local' } })).activeAccountId!;
}

/** Sends `GET /api/v1/items?who=<marker>` as the active account. */
async function sendAs(marker: string): Promise<void> {
  const draftAccountId = (await call('getState', {})).activeAccountId!;
  const sent = await call('sendRequest', {
    requestId: `r-${marker}-${Math.random()}`,
    request: composed({ path: '/api/v1/items', query: [{ name: 'who', value: marker, enabled: true }], auth: 'token' }),
    draftAccountId,
  });
  expect(sent.outcome.ok).toBe(true);
}

const markers = async () => (await call('listHistory', {})).map((e) => e.request.query[0]?.value);
const fileText = () => readFileSync(settingsPath, 'utf8');

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024, enableFaults: true });
  dir = mkdtempSync(join(tmpdir(), 'dc-history-accounts-'));
  await open();
});
afterAll(async () => {
  await app?.dispose();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history per account', () => {
  let ada = '';
  let free = '';

  it('lists only the active account’s entries, each tagged with its account and environment', async () => {
    ada = await signIn(ADA);
    await sendAs('ada-one');
    free = await signIn(FREE);
    await sendAs('free-one');
    await sendAs('free-two');
    expect(await markers()).toEqual(['free-two', 'free-one']);
    await call('switchAccount', { accountId: ada });
    expect(await markers()).toEqual(['ada-one']);
    expect((await call('listHistory', {}))[0]).toMatchObject({ accountId: ada, environment: { kind: 'local' } });

    await restart();
    expect(fileText()).toContain('ada-one');
    expect(fileText()).toContain('free-one');
    expect(await markers()).toEqual(['ada-one']);
  });

  it('clears only the active account’s entries', async () => {
    await call('switchAccount', { accountId: free });
    await sendAs('free-three');
    await call('clearHistory', {});
    expect(await markers()).toEqual([]);
    await call('switchAccount', { accountId: ada });
    expect(await markers()).toEqual(['ada-one']);
    await call('switchAccount', { accountId: free });
    await sendAs('free-four');
  });

  it('keeps the entries of an account whose sign-out the keychain refused (it stays signed in)', async () => {
    secrets.failNext('delete');
    expect((await app.router.call('signOut', { accountId: ada })).ok).toBe(false);
    await call('switchAccount', { accountId: ada });
    expect(await markers()).toEqual(['ada-one']);
  });

  it('removes an account’s entries at its sign-out, in memory and in the settings file, and keeps the others’', async () => {
    await call('signOut', { accountId: ada });
    expect(fileText()).not.toContain('ada-one');
    expect(fileText()).toContain('free-four');
    expect(await markers()).toEqual(['free-four']); // free is active now
    // Signed in again, in the same run: nothing of the old entries is left in memory either.
    expect(await signIn(ADA)).toBe(ada);
    expect(await markers()).toEqual([]);
    await restart();
    expect(await markers()).toEqual([]);
  });

  it('keeps no entry for a request whose answer comes after its account signed out', async () => {
    const free = await signIn(FREE);
    await callApi(testHttp, emu.url, { method: 'POST', path: '/__faults', json: { mode: 'stall', path: '/api/v1/items', times: 1 } });
    const pending = app.router.call('sendRequest', { requestId: 'late', request: composed({ path: '/api/v1/items', auth: 'token' }), draftAccountId: free });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call('signOut', { accountId: free });
    await call('cancelRequest', { requestId: 'late' });
    const late = value(await pending) as ResponseOf<'sendRequest'>;
    expect(late.outcome).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(late.account).toBeNull();
    expect(await signIn(FREE)).toBe(free);
    expect(await markers()).toEqual([]);
  });
});
