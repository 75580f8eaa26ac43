/**
 * The main-process services as the app runs them, for the request benchmarks: the composition root
 * (`createAppServices`) over the real settings file (conf, in a temporary folder) and the OS keychain when one
 * answers (else the in-memory store, and `keychain` says so), with the embedded emulator. Ada signs in through the
 * router with her password, reveals her API key and signs in with it. The keychain's reads are counted
 * (`keychainReads()`), so a figure can show that the vault did not read it per request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmulator } from '../emulator/server';
import { openSettingsFile } from '../src-main/platform/settings-file';
import { openSecretStore } from '../src-main/platform/secret-store-factory';
import { MemoryClipboard } from '../src-main/platform/memory-clipboard';
import { createAppServices, type AppServices } from '../src-main/app';
import type { Result } from '../src-shared/errors';
import type { AppState, RevealedKey } from '../src-shared/models';
import type { ComposedRequest, SentRequest, TesterResponse } from '../src-shared/tester';
import { DEMO_PASSWORD } from '../emulator/demo-accounts';
import { CountingSecretStore } from '../test/helpers/counting-secret-store';

/** The path every request figure sends (`GET`, with the API key). */
export const BENCH_PATH = '/api/v1/users/me';

/** The benchmark's request, `GET /api/v1/users/me` with the API key, with `patch` applied; a fresh object each time. */
export function composedRequest(patch: Partial<ComposedRequest> = {}): ComposedRequest {
  return { method: 'GET', path: BENCH_PATH, query: [], headers: [], body: { kind: 'none' }, auth: 'api-key', ...patch };
}

export const DEMO_EMAIL = 'ada@deepcurrent.test';
/** The password of every demo account of the emulator. */
export { DEMO_PASSWORD };

/** A signed-in app session. */
export interface AppSession {
  services: AppServices;
  emulatorUrl: string;
  /** `os` when secrets are in the OS keychain, `memory` when the in-memory fallback is used. */
  keychain: 'os' | 'memory';
  accountId: string;
  /** Ada's revealed API key (sent by the HTTP-port baseline with the same header). */
  apiKey: string;
  settingsPath: string;
  /** Sends a tester request through the router (the full IPC path). */
  send(request: Partial<ComposedRequest>): Promise<Result<TesterResponse>>;
  /** How many times the keychain itself was read so far. */
  keychainReads(): number;
  /** Signs every account out (removing its keychain entries), disposes the services, removes the folder, stops an owned emulator. */
  close(): Promise<void>;
}

export interface AppSessionOptions {
  /** Use this emulator instead of starting one in this process. */
  emulatorUrl?: string;
  /** Force the in-memory secret store. */
  noKeychain?: boolean;
}

/** The value of an ok Result, or an error naming what failed. */
export function expectOk<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

let counter = 0;

/** Starts the services, signs ada in (password, then her revealed API key) and returns the session. */
export async function startAppSession(options: AppSessionOptions = {}): Promise<AppSession> {
  let emulatorUrl = options.emulatorUrl;
  let closeEmulator: (() => Promise<void>) | null = null;
  if (!emulatorUrl) {
    const emulator = await startEmulator({ port: 0, quiet: true, enableFaults: true });
    emulatorUrl = emulator.url;
    closeEmulator = emulator.close;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'dc-bench-data-'));
  const secrets = await openSecretStore(`DeepCurrent Desktop (bench ${randomBytes(4).toString('hex')})`, {
    disabled: options.noKeychain ?? false,
  });
  const store = new CountingSecretStore(secrets.store);
  const clipboard = new MemoryClipboard();
  const settings = await openSettingsFile({ dir: dataDir, flavour: 'conf' });
  const services = createAppServices({
    secretStore: store,
    kv: settings.kv,
    clipboard,
    localEmulatorUrl: emulatorUrl,
    notices: settings.notices,
    secretStorageMessage: secrets.message,
  });
  const environment = { kind: 'local' } as const;
  const signOutAll = async () => {
    const state = await services.router.call('getState', {});
    for (const account of state.ok ? (state.value as AppState).accounts : []) await services.router.call('signOut', { accountId: account.id });
  };
  const cleanup = async () => {
    await services.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    await closeEmulator?.();
  };
  let active: AppState['accounts'][number] | undefined;
  let apiKey: string;
  try {
    const signedIn = expectOk<AppState>(
      'signInWithPassword',
      (await services.router.call('signInWithPassword', { email: DEMO_EMAIL, password: DEMO_PASSWORD, environment })) as Result<AppState>,
    );
    const accountId = signedIn.activeAccountId!;
    const revealed = expectOk<RevealedKey>('revealApiKey', (await services.router.call('revealApiKey', { accountId })) as Result<RevealedKey>);
    apiKey = revealed.apiKey;
    const withKey = expectOk<AppState>(
      'signInWithApiKey',
      (await services.router.call('signInWithApiKey', { apiKey, environment })) as Result<AppState>,
    );
    active = withKey.accounts.find((a) => a.id === withKey.activeAccountId);
    if (!active || active.signedInWith !== 'api-key') throw new Error('signInWithApiKey did not make the API key the active credential.');
  } catch (err) {
    await signOutAll().catch(() => undefined);
    await cleanup();
    throw err;
  }

  const session: AppSession = {
    services,
    emulatorUrl,
    keychain: store.persistent ? 'os' : 'memory',
    accountId: active.id,
    apiKey,
    settingsPath: settings.path,
    send: async (request) => {
      const sent = (await session.services.router.call('sendRequest', {
        requestId: `bench-${++counter}`,
        request: composedRequest(request),
        draftAccountId: active.id,
      })) as Result<SentRequest>;
      if (!sent.ok) return sent;
      const { outcome } = sent.value;
      return outcome.ok ? { ok: true, value: outcome.response } : { ok: false, error: outcome.error };
    },
    keychainReads: () => store.reads,
    close: async () => {
      await signOutAll();
      await cleanup();
    },
  };
  return session;
}
