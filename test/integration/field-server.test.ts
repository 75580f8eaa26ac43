/**
 * The whole app against a server in the field: the emulator's `minimal` flavour, which answers like the FastAPI
 * full-stack template's backend (integer ids, `users/me` without plan, role or key; no key management; a bad token
 * gets 403 "Could not validate credentials"). Full path: `createAppServices` and its router, an in-memory keychain,
 * the emulator over HTTP on a custom environment (its URL, as a user would type a self-hosted server's address).
 * Every HTTP request the app sends is recorded, so a test can say that nothing was sent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import type { HttpPort } from '../../src-main/platform/http';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { createNodeHttp } from '../../src-main/platform/node-http';
import type { Environment } from '../../src-shared/environments';
import type { AppError, Result } from '../../src-shared/errors';
import type { ApiName } from '../../src-shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import type { AccountSummary } from '../../src-shared/models';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { response, value } from '../helpers/result';
import { composed } from '../helpers/tester-context';

const ADA = 'ada@deepcurrent.test';
const FIRST_SECRET = 'field-server-secret-one';

/** One app over the minimal server: its router, storage, log and every request it sent (`METHOD /path`). */
interface FieldApp {
  services: AppServices;
  kv: MemoryKv;
  secrets: MemorySecretStore;
  logs: string[];
  sent: string[];
  call<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  /** The active account. */
  active(): Promise<AccountSummary>;
}

let emu: RunningEmulator;
let environment: Environment;
let stateDir: string;
const apps: FieldApp[] = [];

function recording(http: HttpPort, sent: string[]): HttpPort {
  return {
    send: (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return http.send(request);
    },
    close: () => http.close(),
  };
}

function openApp(): FieldApp {
  const kv = new MemoryKv();
  const secrets = new MemorySecretStore();
  const logs: string[] = [];
  const sent: string[] = [];
  const services = createAppServices({
    secretStore: secrets,
    kv,
    clipboard: new MemoryClipboard(),
    http: recording(createNodeHttp(), sent),
    localEmulatorUrl: null,
    log: (m) => logs.push(m),
  });
  const call = <K extends ApiName>(name: K, payload: RequestOf<K>) => services.router.call(name, payload) as Promise<Result<ResponseOf<K>>>;
  const app: FieldApp = {
    services,
    kv,
    secrets,
    logs,
    sent,
    call,
    async active() {
      const state = value(await call('getState', {}));
      return state.accounts.find((a) => a.id === state.activeAccountId)!;
    },
  };
  apps.push(app);
  return app;
}

async function signedIn(): Promise<{ app: FieldApp; account: AccountSummary }> {
  const app = openApp();
  value(await app.call('signInWithPassword', { email: ADA, password: DEMO_PASSWORD, environment }));
  return { app, account: await app.active() };
}

/** Adds an emulator fault rule (`emulator/faults.ts`); every rule is removed after each test. */
async function fault(spec: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${emu.url}/__faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
  if (!res.ok) throw new Error(`the emulator refused the fault (${res.status})`);
}

function failure<T>(result: Result<T>): AppError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

async function startMinimal(port: number, signingSecret: string): Promise<RunningEmulator> {
  return startEmulator({
    flavour: 'minimal',
    port,
    quiet: true,
    scryptCost: 1024,
    enableFaults: true,
    signingSecret,
    stateFile: join(stateDir, 'server-state.json'),
    log: () => {},
  });
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'dc-field-'));
  emu = await startMinimal(0, FIRST_SECRET);
  environment = { kind: 'custom', baseUrl: emu.url };
});
afterEach(async () => {
  await fetch(`${emu.url}/__faults`, { method: 'DELETE' });
  for (const app of apps.splice(0)) await app.services.dispose();
});
afterAll(async () => {
  await emu.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('signing in to a server in the field', () => {
  it('signs in with email and password and shows what the server sent, inventing no plan, role or key', async () => {
    const { app, account } = await signedIn();
    expect(account).toMatchObject({ email: ADA, signedInWith: 'token', hasToken: true, hasApiKey: false, needsSignIn: false });
    expect(account.profile).toEqual({
      id: expect.stringMatching(/^\d+$/),
      email: ADA,
      fullName: 'Ada Lovelace',
      isActive: true,
      plan: null,
      role: null,
      apiKey: null,
      pendingApiKey: null,
    });
    // The settings store keeps the same: no invented value is written anywhere either.
    expect(app.kv.toJSON()).not.toMatch(/"plan":"|"role":"|"revealed":false/);
    expect(value(await app.call('refreshProfile', { accountId: account.id })).profile).toEqual(account.profile);
  });

  it('binds an account to its email when the server sends no user id, so signing in again finds the same account', async () => {
    const app = openApp();
    const profileWithoutId = JSON.stringify({ email: ADA, full_name: null });
    await fault({ mode: 'body', path: '/api/v1/users/me', body: profileWithoutId, times: 2 });
    value(await app.call('signInWithPassword', { email: ADA, password: DEMO_PASSWORD, environment }));
    const first = await app.active();
    value(await app.call('signInWithPassword', { email: ADA, password: DEMO_PASSWORD, environment }));
    const state = value(await app.call('getState', {}));
    expect(state.accounts.map((a) => a.id)).toEqual([first.id]);
    expect(first.profile).toMatchObject({ id: null, email: ADA, fullName: null });
    expect(app.kv.get('accounts')).toEqual([expect.objectContaining({ userId: `email:${ADA}` })]);
  });

  it('says "Wrong email or password." for a wrong password, and stores nothing', async () => {
    const app = openApp();
    const error = failure(await app.call('signInWithPassword', { email: ADA, password: 'not-the-password', environment }));
    expect(error).toMatchObject({ kind: 'bad-credentials', message: 'Wrong email or password.' });
    expect(value(await app.call('getState', {})).accounts).toEqual([]);
  });

  it('refuses a dc_ API key clearly: this server takes no API keys', async () => {
    const app = openApp();
    const error = failure(await app.call('signInWithApiKey', { apiKey: `dc_${'A'.repeat(40)}`, environment }));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe(
      'This server did not accept the API key: it answered as servers without API keys do ("Could not validate credentials"). Sign in with your email and password instead.',
    );
    expect(app.sent).toEqual(['GET /api/v1/users/me']);
    expect(value(await app.call('getState', {})).accounts).toEqual([]);
  });

  it('says that sign-in succeeded when the profile answer cannot be read, names the call and the field, and keeps nothing', async () => {
    const app = openApp();
    await fault({ mode: 'body', path: '/api/v1/users/me', body: '{"id":1}', times: 1 });
    const error = failure(await app.call('signInWithPassword', { email: ADA, password: DEMO_PASSWORD, environment }));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/^Signed in, but the server's profile answer cannot be read: GET \/api\/v1\/users\/me: the answer has no email\. /);
    expect(error.message).toContain('nothing was stored');
    expect(value(await app.call('getState', {})).accounts).toEqual([]);
    expect(app.secrets.snapshot()).toEqual({});
    const lines = app.logs.filter((l) => l.includes('/api/v1/users/me'));
    expect(lines).toEqual(['[deepcurrent-api] GET /api/v1/users/me: cannot read the answer: the answer has no email']);
    expect(app.logs.join('\n')).not.toContain(DEMO_PASSWORD);
  });
});

describe('API key management on a server that has none', () => {
  it('says key management is not offered, and caches it for the environment', async () => {
    const { app, account } = await signedIn();
    const status = value(await app.call('getApiKeyStatus', { accountId: account.id }));
    expect(status.keyManagement).toEqual({
      offered: false,
      reason: 'The server answered HTTP 404 to GET /api/v1/users/me/api-key/regeneration-requests: it has no API key management.',
    });
    expect(status).toMatchObject({ last4: null, createdAt: null, revealed: null, heldByApp: false, stage: 'idle', request: null });
    expect(app.kv.get('keyManagementSupport')).toEqual({
      [emu.url]: { offered: false, reason: status.keyManagement.offered ? null : status.keyManagement.reason, checkedAt: expect.any(String) },
    });
  });

  it('refuses reveal and a new key request at once from the cache, sending nothing', async () => {
    const { app, account } = await signedIn();
    value(await app.call('getApiKeyStatus', { accountId: account.id }));
    app.sent.length = 0;
    const reveal = failure(await app.call('revealApiKey', { accountId: account.id }));
    expect(reveal.kind).toBe('unsupported');
    expect(reveal.message).toMatch(/^This server offers no API key management, so there is no API key to reveal\. The server answered HTTP 404/);
    const request = failure(await app.call('requestNewKey', { accountId: account.id, reason: 'lost', note: '' }));
    expect(request.kind).toBe('unsupported');
    expect(failure(await app.call('confirmNewKey', { accountId: account.id })).kind).toBe('unsupported');
    expect(app.sent).toEqual([]);
  });

  it('finds out from the server itself when nothing is cached (a reveal answered 404)', async () => {
    const { app, account } = await signedIn();
    const reveal = failure(await app.call('revealApiKey', { accountId: account.id }));
    expect(reveal.kind).toBe('unsupported');
    expect(app.kv.get('keyManagementSupport')).toMatchObject({ [emu.url]: { offered: false } });
  });

  it('checks again on every status request (Refresh), replacing what was cached', async () => {
    const { app, account } = await signedIn();
    app.kv.set('keyManagementSupport', { [emu.url]: { offered: true, reason: null, checkedAt: '2020-01-01T00:00:00.000Z' } });
    app.sent.length = 0;
    const status = value(await app.call('getApiKeyStatus', { accountId: account.id }));
    expect(status.keyManagement.offered).toBe(false);
    expect(app.sent.sort()).toEqual(['GET /api/v1/users/me', 'GET /api/v1/users/me/api-key/regeneration-requests']);
    expect(app.kv.get('keyManagementSupport')).toMatchObject({ [emu.url]: { offered: false } });
  });
});

describe('key management, offline and on the contract’s server', () => {
  it('answers from the cached detection when the server cannot be reached', async () => {
    const { app, account } = await signedIn();
    const online = value(await app.call('getApiKeyStatus', { accountId: account.id }));
    await fault({ mode: 'refuse', path: '/api/v1/users/me' });
    const offline = value(await app.call('getApiKeyStatus', { accountId: account.id }));
    expect(offline.offlineSince).not.toBeNull();
    expect(offline.keyManagement).toEqual(online.keyManagement);
    expect(offline).toMatchObject({ last4: null, revealed: null, stage: 'idle' });
  });

  it('finds key management offered on a server that follows the contract, and caches that too', async () => {
    const contract = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
    try {
      const app = openApp();
      const there: Environment = { kind: 'custom', baseUrl: contract.url };
      value(await app.call('signInWithPassword', { email: ADA, password: DEMO_PASSWORD, environment: there }));
      const account = await app.active();
      expect(account.profile).toMatchObject({ plan: 'pro', role: 'member', apiKey: { revealed: false } });
      const status = value(await app.call('getApiKeyStatus', { accountId: account.id }));
      expect(status).toMatchObject({ keyManagement: { offered: true }, revealed: false, last4: account.profile!.apiKey!.last4 });
      expect(app.kv.get('keyManagementSupport')).toMatchObject({ [contract.url]: { offered: true, reason: null } });
      expect(value(await app.call('revealApiKey', { accountId: account.id })).apiKey).toMatch(/^dc_/);
    } finally {
      await contract.close();
    }
  });
});

describe('the request tester against a server in the field', () => {
  it('lists items and creates one (answered 200, not 201) with the session token', async () => {
    const { app, account } = await signedIn();
    const draftAccountId = account.id;
    const list = response(await app.call('sendRequest', { requestId: 'list', request: composed({ path: '/api/v1/items/', auth: 'token' }), draftAccountId }));
    expect(list.status).toBe(200);
    expect(JSON.parse(list.text)).toEqual({ data: expect.any(Array), count: expect.any(Number) });

    const body = { kind: 'json' as const, text: '{"title":"From the tester","description":"field server"}' };
    const created = response(await app.call('sendRequest', { requestId: 'create', request: composed({ method: 'POST', path: '/api/v1/items/', body, auth: 'token' }), draftAccountId }));
    expect(created.status).toBe(200);
    expect(JSON.parse(created.text)).toEqual({ title: 'From the tester', description: 'field server', id: expect.any(Number), owner_id: expect.any(Number) });
  });
});

describe('a token the server no longer accepts (its signing secret was rotated)', () => {
  it('asks once to sign in again, sends the token never again, and signs in again to the same account', async () => {
    const { app, account } = await signedIn();
    // The server is redeployed with another secret: same address, same users, every issued token invalid.
    const port = emu.port;
    await emu.close();
    emu = await startMinimal(port, 'field-server-secret-two');
    app.sent.length = 0;

    const refreshed = failure(await app.call('refreshProfile', { accountId: account.id }));
    expect(refreshed.kind).toBe('unauthorized');
    expect(refreshed.message).toMatch(/Please sign in again\.$/);
    expect(app.sent).toEqual(['GET /api/v1/users/me']);
    const after = await app.active();
    expect(after).toMatchObject({ needsSignIn: true, hasToken: false });
    expect(Object.keys(app.secrets.snapshot())).toEqual([]);

    // Everything that needs the credential now says so without sending anything: no loop, no retry.
    const results: Result<unknown>[] = [
      await app.call('refreshProfile', { accountId: account.id }),
      await app.call('getApiKeyStatus', { accountId: account.id }),
      await app.call('sendRequest', { requestId: 'again', request: composed({ path: '/api/v1/items/', auth: 'token' }), draftAccountId: account.id }),
    ];
    for (const result of results) {
      const error = failure(result);
      expect(['unauthorized', 'not-signed-in']).toContain(error.kind);
      expect(error.message).toMatch(/sign in/i);
    }
    expect(app.sent).toEqual(['GET /api/v1/users/me']);

    value(await app.call('signInWithPassword', { email: ADA, password: DEMO_PASSWORD, environment }));
    const again = await app.active();
    expect(again).toMatchObject({ id: account.id, needsSignIn: false, hasToken: true });
    expect(value(await app.call('refreshProfile', { accountId: account.id })).email).toBe(ADA);
  });
});
