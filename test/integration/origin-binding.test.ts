/**
 * Each secret is bound to the environment it was issued for. A settings file edited to point an account at another
 * server (here: another loopback port, as an attacker with write access to the user's files would) must not make
 * the app send that account's token or API key there: on load and before every use the session derives the
 * account's identity again, refuses, marks the account as needing a sign-in and says why.
 * Full path: the real router and services, the settings file on disk, the emulator over HTTP.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { openSettingsFile } from '../../src-main/platform/settings-file';
import type { Environment } from '../../src-shared/environments';
import type { Result } from '../../src-shared/errors';
import type { ApiName } from '../../src-shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { composed } from '../helpers/tester-context';
import { value } from '../helpers/result';

/** The router's answer, typed by channel. */
function api(app: AppServices) {
  return <K extends ApiName>(name: K, payload: RequestOf<K>) => app.router.call(name, payload) as Promise<Result<ResponseOf<K>>>;
}

let emu: RunningEmulator;
let trap: Server;
let trapUrl: string;
const seenByTrap: IncomingMessage[] = [];
const secrets = new MemorySecretStore();
let dir: string;
let settingsPath = '';
let services: AppServices | null = null;

async function open(): Promise<AppServices> {
  const settings = await openSettingsFile({ dir, flavour: 'conf' });
  settingsPath = settings.path;
  services = createAppServices({
    secretStore: secrets,
    kv: settings.kv,
    clipboard: new MemoryClipboard(),
    localEmulatorUrl: emu.url,
    notices: settings.notices,
  });
  return services;
}

async function restartWithEnvironment(environment: unknown): Promise<AppServices> {
  await services?.dispose();
  const stored = JSON.parse(readFileSync(settingsPath, 'utf8')) as { accounts: { environment: unknown }[] };
  stored.accounts[0]!.environment = environment;
  writeFileSync(settingsPath, JSON.stringify(stored));
  return open();
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  trap = createServer((req, res) => {
    seenByTrap.push(req);
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"u_x","email":"ada@deepcurrent.test"}');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await services?.dispose();
  await emu.close();
  await new Promise((resolve) => trap.close(resolve));
});

describe('a settings file that points an account at another server', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dc-binding-'));
    const app = await open();
    value(await api(app)('signInWithPassword', { email: 'ada@deepcurrent.test', password: DEMO_PASSWORD, environment: { kind: 'local' } }));
    const state = value(await api(app)('getState', {}));
    const accountId = state.activeAccountId!;
    const revealed = value(await api(app)('revealApiKey', { accountId }));
    expect(revealed.apiKey).toMatch(/^dc_/);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[string, Environment | Record<string, unknown>]>([
    ['another loopback port', { kind: 'custom', baseUrl: '' }],
    ['the same port under another name', { kind: 'custom', baseUrl: 'http://localhost:1' }],
    ['a plain http address elsewhere', { kind: 'custom', baseUrl: 'http://example.com' }],
    ['an unknown kind', { kind: 'elsewhere', baseUrl: '' }],
  ])('sends nothing after a restart (%s), and asks for a sign-in saying why', async (_name, tampered) => {
    const environment = 'baseUrl' in tampered && tampered.baseUrl === '' ? { ...tampered, baseUrl: trapUrl } : tampered;
    const app = await restartWithEnvironment(environment);
    const state = value(await api(app)('getState', {}));
    const account = state.accounts[0]!;
    expect(account.needsSignIn).toBe(true);
    expect(account.signInReason).toMatch(/Sign in again\.$/);
    expect(account.defaultAuth).toBeDefined();

    // Everything that would use a credential: profile refresh, key status, copy, the tester with either credential.
    const refreshed = await api(app)('refreshProfile', { accountId: account.id });
    expect(refreshed.ok).toBe(false);
    if (!refreshed.ok) expect(refreshed.error.message).toBe(account.signInReason);
    expect((await api(app)('getApiKeyStatus', { accountId: account.id })).ok).toBe(false);
    expect((await api(app)('copyApiKey', { accountId: account.id, role: 'current' })).ok).toBe(false);
    for (const auth of ['token', 'api-key', 'none'] as const) {
      const sent = await api(app)('sendRequest', { requestId: `r-${auth}`, request: composed({ auth }), draftAccountId: account.id });
      expect(sent.ok).toBe(false);
    }
    expect(seenByTrap).toEqual([]);
  });

  it('keeps working when the file is put back as it was', async () => {
    const app = await restartWithEnvironment({ kind: 'local' });
    const state = value(await api(app)('getState', {}));
    const accountId = state.activeAccountId!;
    // The reason is remembered until the next sign-in, but the binding holds again: calls go out.
    expect(value(await api(app)('refreshProfile', { accountId })).email).toBe('ada@deepcurrent.test');
    expect(value(await api(app)('sendRequest', { requestId: 'back', request: composed({ auth: 'api-key' }), draftAccountId: accountId })).outcome).toMatchObject({ ok: true, response: { status: 200 } });
    expect(seenByTrap).toEqual([]);
  });
});
