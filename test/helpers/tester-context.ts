/**
 * A request tester fixture for integration tests: a fresh emulator (faults enabled), a ServiceContext over the
 * given SecretStore (in memory by default) and either an in-memory KV or the real settings file on disk, ada
 * signed in with a session token and her revealed API key in the vault, and the tester handlers. `seen` collects
 * every real secret, for leak checks; `restart()` is the app restarting (new caches, same storage).
 */
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import type { AccountStore, CredentialVault, ServiceContext, StoredAccount } from '../../src-main/accounts';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import type { SecretStore } from '../../src-main/platform/ports';
import type { Environment } from '../../src-shared/environments';
import { createTesterHandlers, type TesterHandlers } from '../../src-main/tester/tester-service';
import type { Result } from '../../src-shared/errors';
import { DEFAULT_SETTINGS } from '../../src-shared/models';
import type { ComposedRequest, SentRequest, TesterResponse } from '../../src-shared/tester';
import { makeAppContext } from './app-context';
import { MemorySecretStore } from './memory-secret-store';
import { buildContext, makeTestContext, passwordToken, seedAccount } from './service-context';
import { value } from './result';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { testHttp } from './http';

/** The password of every demo account of the emulator. */
export { DEMO_PASSWORD };

export interface TesterFixture {
  emu: RunningEmulator;
  ctx: ServiceContext;
  /** The session's storage, for tests that seed or inspect it directly. */
  store: AccountStore;
  vault: CredentialVault;
  handlers: TesterHandlers;
  secrets: SecretStore;
  /** The settings store as JSON text (the settings file's text when on disk). */
  kvText(): string;
  /** Like an app restart: new vault (empty cache), account store and handlers over the same storage. */
  restart(): void;
  account: StoredAccount;
  token: string;
  apiKey: string;
  /** Every real secret the fixture has seen. */
  seen: Set<string>;
  /**
   * Sends a request (defaults: GET, no query/headers/body, the API key), with a fresh request id, and answers its
   * outcome as one Result: the response, or the error whether or not anything was sent (`exchange` tells them apart).
   */
  send(request: Partial<ComposedRequest>, requestId?: string): Promise<Result<TesterResponse>>;
  /** Sends like `send` and answers what `sendRequest` answers: the outcome, the history entry and the account. */
  exchange(request: Partial<ComposedRequest>, requestId?: string): Promise<Result<SentRequest>>;
  /** Sets the tester's timeout setting. */
  setTimeoutSeconds(seconds: number): void;
  /** Adds an emulator fault rule (`POST /__faults`). */
  fault(spec: Record<string, unknown>): Promise<void>;
  /** Signs another demo account in as the active account (token only). */
  switchTo(email: string): Promise<StoredAccount>;
  /** Ada, signed in with the same secrets on another environment (a server the test runs), made active. */
  signInAt(environment: Environment): Promise<StoredAccount>;
  close(): Promise<void>;
}

let counter = 0;

/** A composed request with defaults. */
export function composed(request: Partial<ComposedRequest>): ComposedRequest {
  return { method: 'GET', path: '/api/v1/users/me', query: [], headers: [], body: { kind: 'none' }, auth: 'api-key', ...request };
}

export { value };

/** Reveals a demo account's API key with its token. */
export async function revealKey(baseUrl: string, token: string): Promise<string> {
  const revealed = await callApi<{ api_key: string }>(testHttp, baseUrl, { method: 'POST', path: '/api/v1/users/me/api-key/reveal', credential: token });
  return value(revealed).api_key;
}

export interface TesterOptions {
  secrets?: SecretStore;
  /** `memory` (default): an in-memory KV; `settings-file`: the real settings file (conf) in a temp folder. */
  storage?: 'memory' | 'settings-file';
}

export async function startTester(options: TesterOptions = {}): Promise<TesterFixture> {
  const emu = await startEmulator({ port: 0, quiet: true, enableFaults: true, scryptCost: 1024 });
  const email = 'ada@deepcurrent.test';
  const token = await passwordToken(emu.url, email, DEMO_PASSWORD);
  const apiKey = await revealKey(emu.url, token);
  const secrets = options.secrets ?? new MemorySecretStore();
  let parts: { ctx: ServiceContext; store: AccountStore; vault: CredentialVault };
  let kvText: () => string;
  let cleanup = () => {};
  if (options.storage === 'settings-file') {
    const app = await makeAppContext(secrets, emu.url);
    parts = app;
    kvText = app.settingsText;
    cleanup = app.cleanup;
  } else {
    const t = makeTestContext({ emulatorUrl: emu.url, secrets });
    parts = t;
    kvText = () => t.kv.toJSON();
  }
  const account = await seedAccount(parts, emu.url, { email, token, apiKey });
  const fixture: TesterFixture = {
    emu,
    ctx: parts.ctx,
    store: parts.store,
    vault: parts.vault,
    handlers: createTesterHandlers(parts.ctx),
    secrets,
    kvText,
    restart: () => {
      fixture.handlers.dispose();
      const { ctx, clipboard, log, clock, kv } = { ctx: fixture.ctx, ...fixture.ctx };
      const next = buildContext({ kv, secrets, clock, clipboard, emulatorUrl: ctx.session.localEmulatorUrl, log });
      Object.assign(fixture, next);
      fixture.handlers = createTesterHandlers(fixture.ctx);
    },
    account,
    token,
    apiKey,
    seen: new Set([token, apiKey]),
    exchange: (request, requestId) =>
      fixture.handlers.sendRequest({
        requestId: requestId ?? `req-${++counter}`,
        request: composed(request),
        draftAccountId: fixture.ctx.session.activeId() ?? 'no-account',
      }),
    send: async (request, requestId) => {
      const sent = await fixture.exchange(request, requestId);
      if (!sent.ok) return sent;
      const { outcome } = sent.value;
      return outcome.ok ? { ok: true, value: outcome.response } : { ok: false, error: outcome.error };
    },
    setTimeoutSeconds: (seconds) => fixture.ctx.kv.set('settings', { ...DEFAULT_SETTINGS, requestTimeoutSeconds: seconds }),
    fault: async (spec) => {
      const added = await callApi(testHttp, emu.url, { method: 'POST', path: '/__faults', json: spec });
      value(added);
    },
    switchTo: async (other) => {
      const otherToken = await passwordToken(emu.url, other, DEMO_PASSWORD);
      fixture.seen.add(otherToken);
      return seedAccount(fixture, emu.url, { email: other, token: otherToken });
    },
    signInAt: (environment) => seedAccount(fixture, emu.url, { email, token, apiKey, environment }),
    close: async () => {
      fixture.handlers.dispose();
      await emu.close();
      cleanup();
    },
  };
  return fixture;
}
