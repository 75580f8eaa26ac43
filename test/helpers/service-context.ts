/**
 * A ServiceContext for service and integration tests: AccountStore over an in-memory KV, a CredentialVault over
 * the given SecretStore (in-memory by default, the real keychain where a test passes it), a fake clipboard, an
 * adjustable clock, and recorded log lines. `restart()` builds a fresh context over the same KV and secret store,
 * as the app does after a restart (new caches, same storage). `signIn` puts a signed-in account in the store,
 * signing in over HTTP itself (it does not depend on the sign-in service).
 */
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import { AccountSession, AccountStore, accountIdFor, CredentialVault, tokenExpiry, type ServiceContext, type StoredAccount } from '../../src-main/accounts';
import { createKeyLifecycleHandlers } from '../../src-main/api-key/key-lifecycle-service';
import { noSystemNotifier, type ClipboardPort, type Clock, type KeyValueStore, type NotifierPort, type SecretStore } from '../../src-main/platform/ports';
import { RecordingNotifier } from '../../src-main/platform/recording-notifier';
import { FakeClipboard } from './fake-clipboard';
import { MemoryKv } from './memory-kv';
import { MemorySecretStore } from './memory-secret-store';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import type { Environment } from '../../src-shared/environments';
import { testHttp } from './http';

export interface TestContext {
  ctx: ServiceContext;
  /** The session's own store and vault, for tests that seed or inspect storage directly. */
  store: AccountStore;
  vault: CredentialVault;
  kv: MemoryKv;
  secrets: SecretStore;
  clipboard: FakeClipboard;
  logs: string[];
  /** Moves the app's clock (not the emulator's) forward. */
  advance(ms: number): void;
  /** A new context over the same storage, like the app after a restart. */
  restart(): TestContext;
}

export interface TestContextOptions {
  emulatorUrl: string | null;
  secrets?: SecretStore;
  kv?: MemoryKv;
  now?: () => number;
  /** Shared across restarts, so a test sees every line. */
  logs?: string[];
  /** System notifications; none by default. Kept across restarts. */
  notifier?: NotifierPort;
}

/** The session's parts over the given storage, as `app.ts` builds them (test code may reach store and vault). */
export interface ContextParts {
  ctx: ServiceContext;
  store: AccountStore;
  vault: CredentialVault;
}

export function buildContext(options: {
  kv: KeyValueStore;
  secrets: SecretStore;
  clock: Clock;
  clipboard: ClipboardPort;
  emulatorUrl: string | null;
  log: (message: string) => void;
  /** System notifications; none by default. */
  notifier?: NotifierPort;
}): ContextParts {
  const store = new AccountStore(options.kv);
  const vault = new CredentialVault(options.secrets);
  const session = new AccountSession({ store, vault, clock: options.clock, localEmulatorUrl: options.emulatorUrl, log: options.log });
  const notifier = options.notifier ?? noSystemNotifier;
  return { ctx: { session, kv: options.kv, clock: options.clock, clipboard: options.clipboard, http: testHttp, notifier, log: options.log }, store, vault };
}

export function makeTestContext(options: TestContextOptions): TestContext {
  const kv = options.kv ?? new MemoryKv();
  const secrets = options.secrets ?? new MemorySecretStore();
  const clipboard = new FakeClipboard();
  const logs = options.logs ?? [];
  let offset = 0;
  const base = options.now ?? (() => Date.now());
  const clock = { now: () => base() + offset };
  const { ctx, store, vault } = buildContext({
    kv,
    secrets,
    clock,
    clipboard,
    emulatorUrl: options.emulatorUrl,
    log: (m) => logs.push(m),
    notifier: options.notifier,
  });
  return {
    ctx,
    store,
    vault,
    kv,
    secrets,
    clipboard,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    restart: () => makeTestContext({ ...options, kv, secrets, logs, now: ctx.clock.now }),
  };
}

/** Signs in with the password grant over HTTP; answers the access token. */
export async function passwordToken(baseUrl: string, email: string, password: string): Promise<string> {
  const result = await callApi<{ access_token: string }>(testHttp, baseUrl, {
    method: 'POST',
    path: '/api/v1/login/access-token',
    form: { username: email, password },
  });
  if (!result.ok) throw new Error(`sign-in failed for ${email}: ${result.error.kind}`);
  return result.value.access_token;
}

/** Fetches the server's user id for a credential. */
async function userIdOf(baseUrl: string, credential: string): Promise<string> {
  const me = await callApi<{ id: string }>(testHttp, baseUrl, { method: 'GET', path: '/api/v1/users/me', credential });
  if (!me.ok) throw new Error(`users/me failed: ${me.error.kind}`);
  return me.value.id;
}

/**
 * Stores a signed-in `local` account: the secrets in the vault first, then the metadata. With `token`, the
 * account is signed in with email and password; with only `apiKey`, it is a key-only account.
 */
export async function seedAccount(
  t: { store: AccountStore; vault: CredentialVault },
  emulatorUrl: string,
  secrets: { email: string; token?: string; apiKey?: string; environment?: Environment },
): Promise<StoredAccount> {
  const environment = secrets.environment ?? { kind: 'local' };
  const credential = secrets.token ?? secrets.apiKey;
  if (!credential) throw new Error('seedAccount needs a token or an API key');
  const userId = await userIdOf(emulatorUrl, credential);
  const id = accountIdFor(environment, userId);
  if (secrets.token) await t.vault.set(id, 'token', secrets.token);
  if (secrets.apiKey) await t.vault.set(id, 'api-key', secrets.apiKey);
  const account: StoredAccount = {
    id,
    userId,
    email: secrets.email,
    environment,
    signedInWith: secrets.token ? 'token' : 'api-key',
    hasApiKey: Boolean(secrets.apiKey),
    hasToken: Boolean(secrets.token),
    apiKeyLast4: secrets.apiKey ? secrets.apiKey.slice(-4) : null,
    tokenExpiresAt: secrets.token ? tokenExpiry(secrets.token) : null,
    profile: null,
    lastVerifiedAt: null,
    needsSignIn: false,
    lifecycle: null,
  };
  t.store.put(account);
  t.store.setActive(id);
  return account;
}

/** One way to keep secrets in a test run: the in-memory store, or the real OS keychain (skipped where absent). */
export interface SecretStoreVariant {
  name: string;
  /** Why this variant cannot run here, or null. */
  skip: string | null;
  make(): SecretStore;
  /** Removes whatever the run left in that store. */
  cleanup(): Promise<void>;
}

/**
 * The secret stores an integration test runs against: always the in-memory store; the real keychain where one
 * answers (`npm test` starts one on Linux), else that variant is skipped with the reason.
 */
export async function secretStoreVariants(): Promise<SecretStoreVariant[]> {
  const { realKeychain, isAvailable } = await import('./keychain');
  const keychain = await realKeychain();
  return [
    { name: 'in-memory secret store', skip: null, make: () => new MemorySecretStore(), cleanup: async () => {} },
    isAvailable(keychain)
      ? { name: 'OS keychain', skip: null, make: () => keychain.store, cleanup: () => keychain.cleanup() }
      : { name: 'OS keychain', skip: keychain.unavailable, make: () => new MemorySecretStore(), cleanup: async () => {} },
  ];
}

/** The HTTP status `GET /api/v1/users/me` answers for a credential (200, 401…); 0 when unreachable. */
export async function statusWith(baseUrl: string, credential: string): Promise<number> {
  const me = await callApi(testHttp, baseUrl, { method: 'GET', path: '/api/v1/users/me', credential });
  return me.ok ? 200 : (me.error.status ?? 0);
}

/** Everything an API key lifecycle integration test needs: a fresh emulator, ada signed in, the handlers. */
export interface LifecycleFixture {
  emu: RunningEmulator;
  t: TestContext;
  handlers: ReturnType<typeof createKeyLifecycleHandlers>;
  account: StoredAccount;
  token: string;
  /** Every secret the test has seen (tokens, keys), to check nothing leaks. */
  seen: Set<string>;
  /** Every JSON text the KV held after a write. */
  kvWrites: string[];
  /** Reads an entry straight from the secret store (no vault cache). */
  entry(kind: 'api-key' | 'token' | 'pending-api-key'): Promise<string | null>;
  /** Support issues a request through the API. */
  issue(requestId: string): Promise<void>;
  /** Moves the emulator's clock forward. */
  advanceServer(ms: number): void;
  /** The notices main asked to show (the notifier is a recording stand-in for Electron's), across restarts. */
  notifier: RecordingNotifier;
  /** New context and handlers over the same KV and secret store (an app restart). */
  restart(): void;
  close(): Promise<void>;
}

export async function startLifecycle(
  secrets: SecretStore,
  options: { autoIssueAfterSeconds?: number; email?: string } = {},
): Promise<LifecycleFixture> {
  let serverOffset = 0;
  const emu = await startEmulator({
    port: 0,
    quiet: true,
    enableFaults: true,
    scryptCost: 1024,
    autoIssueAfterSeconds: options.autoIssueAfterSeconds ?? null,
    now: () => Date.now() + serverOffset,
  });
  const email = options.email ?? 'ada@deepcurrent.test';
  const token = await passwordToken(emu.url, email, DEMO_PASSWORD);
  const kvWrites: string[] = [];
  const kv = new MemoryKv();
  kv.onWrite = (json) => kvWrites.push(json);
  const notifier = new RecordingNotifier({ system: true });
  const fixture: LifecycleFixture = {
    emu,
    t: makeTestContext({ emulatorUrl: emu.url, secrets, kv, notifier }),
    notifier,
    handlers: undefined as unknown as LifecycleFixture['handlers'],
    account: undefined as unknown as StoredAccount,
    token,
    seen: new Set([token]),
    kvWrites,
    entry: (kind) => secrets.get(`${fixture.account.id}:${kind}`),
    issue: async (requestId) => {
      const support = await passwordToken(emu.url, 'support@deepcurrent.test', DEMO_PASSWORD);
      const path = `/api/v1/support/regeneration-requests/${requestId}/issue`;
      const issued = await callApi(testHttp, emu.url, { method: 'POST', path, credential: support });
      if (!issued.ok) throw new Error(`issue failed: ${issued.error.kind}`);
    },
    advanceServer: (ms) => {
      serverOffset += ms;
    },
    restart: () => {
      fixture.handlers.dispose();
      fixture.t = fixture.t.restart();
      fixture.handlers = createKeyLifecycleHandlers(fixture.t.ctx);
    },
    close: async () => {
      fixture.handlers.dispose();
      await emu.close();
    },
  };
  fixture.account = await seedAccount(fixture.t, emu.url, { email, token });
  fixture.handlers = createKeyLifecycleHandlers(fixture.t.ctx);
  return fixture;
}
