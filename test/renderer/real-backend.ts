/**
 * The renderer tests' backend: the real main process (`createAppServices`: the IPC router and every service) with
 * in-memory adapters (keychain, settings, clipboard), talking real HTTP on 127.0.0.1 to an emulator running in this
 * process. `window.deepcurrent` is built as the preload builds it (`buildDeepCurrentApi`): each function sends its
 * request on its channel to `services.router.callChannel`, request and answer passing through structured clone as
 * over IPC. Every call is recorded, so a test can assert what the renderer asked for — and that it asked for
 * nothing. A server state a test needs (a lockout, an unreachable server, an issued key) is made on the emulator over
 * HTTP: its `/__faults` endpoint, the support role, a reveal. The emulator and the services read the same `Date`, so
 * a test with fake timers moves all three processes' clocks together.
 */
import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import type { FaultSpec } from '../../emulator/faults';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import type { FolderOpener, LocalEmulatorControls } from '../../src-main/platform/ports';
import { RecordingNotifier } from '../../src-main/platform/recording-notifier';
import { buildDeepCurrentApi } from '../../src-preload/api-table';
import type { Environment } from '../../src-shared/environments';
import { API_NAMES, CHANNELS, EVENTS, type ApiName, type EventName } from '../../src-shared/ipc-channels';
import type { DeepCurrentApi, EventTypes, RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import type { AccountSummary } from '../../src-shared/models';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';

const SUPPORT_EMAIL = 'support@deepcurrent.test';
const nameOfChannel = new Map<string, ApiName>(API_NAMES.map((name) => [CHANNELS[name], name]));

/** A running emulator and what the tests do to it over HTTP. */
export class EmulatorHandle {
  private readonly revealedKeys = new Map<string, string>();

  constructor(readonly running: RunningEmulator) {}

  get url(): string {
    return this.running.url;
  }

  /** One HTTP exchange with the emulator, inside `act` (answers the app is waiting for may land meanwhile). */
  private http(method: string, path: string, init: { token?: string; json?: unknown; form?: Record<string, string> } = {}) {
    return act(() => this.exchange(method, path, init));
  }

  private async exchange(method: string, path: string, init: { token?: string; json?: unknown; form?: Record<string, string> }) {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }

  private async expect(method: string, path: string, init: Parameters<EmulatorHandle['http']>[2], status = 200) {
    const answer = await this.http(method, path, init);
    if (answer.status !== status) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json ?? {};
  }

  /** Signs a demo user in over HTTP and answers the access token. */
  async tokenOf(email: string): Promise<string> {
    const answer = await this.expect('POST', '/api/v1/login/access-token', {
      form: { grant_type: 'password', username: email, password: DEMO_PASSWORD },
    });
    return String(answer.access_token);
  }

  /** The user's current API key: revealed over HTTP the first time (the server then marks it revealed). */
  async apiKeyOf(email: string): Promise<string> {
    const known = this.revealedKeys.get(email);
    if (known) return known;
    const answer = await this.expect('POST', '/api/v1/users/me/api-key/reveal', { token: await this.tokenOf(email) });
    const key = String(answer.api_key);
    this.revealedKeys.set(email, key);
    return key;
  }

  /** Opens a regeneration request as the user, as another device would. */
  async openRequest(email: string, reason: 'compromised' | 'lost' | 'other' = 'lost'): Promise<string> {
    const answer = await this.expect(
      'POST',
      '/api/v1/users/me/api-key/regeneration-requests',
      { token: await this.tokenOf(email), json: { reason, note: '' } },
      201,
    );
    return String(answer.id);
  }

  /** Support issues the user's pending regeneration request (found through the user's own list). */
  async issueOpenRequest(email: string): Promise<void> {
    const list = await this.expect('GET', '/api/v1/users/me/api-key/regeneration-requests', { token: await this.tokenOf(email) });
    const pending = (list.data as { id: string; status: string }[]).find((r) => r.status === 'pending');
    if (!pending) throw new Error(`${email} has no pending request`);
    await this.expect('POST', `/api/v1/support/regeneration-requests/${pending.id}/issue`, { token: await this.tokenOf(SUPPORT_EMAIL) });
  }

  /** Adds a fault rule (`emulator/faults.ts`); every rule is removed after each test. */
  async fault(spec: FaultSpec): Promise<void> {
    await this.expect('POST', '/__faults', { json: spec });
  }

  async clearFaults(): Promise<void> {
    await this.expect('DELETE', '/__faults', {});
  }
}

/** The emulator options every test file starts from: fast password hashes, faults on, the test's clock. */
const EMULATOR_DEFAULTS: EmulatorOptions = { port: 0, quiet: true, scryptCost: 1024, enableFaults: true, now: () => Date.now() };

/**
 * An emulator for this test file: one shared by every test of the file (the default), or a fresh one per test
 * where the tests use up one-time server state (a key is revealed once). Faults are removed after each test.
 */
export function useEmulator(options: EmulatorOptions = {}, per: 'file' | 'test' = 'file'): { readonly current: EmulatorHandle } {
  let handle: EmulatorHandle | null = null;
  const start = async () => {
    handle = new EmulatorHandle(await startEmulator({ ...EMULATOR_DEFAULTS, ...options }));
  };
  const stop = async () => {
    await handle?.running.close();
    handle = null;
  };
  if (per === 'file') {
    beforeAll(start);
    afterAll(stop);
    afterEach(async () => {
      await handle?.clearFaults();
    });
  } else {
    beforeEach(start);
    afterEach(stop);
  }
  return {
    get current() {
      if (!handle) throw new Error('the emulator is not running (use it inside a test)');
      return handle;
    },
  };
}

/** How to build the services. */
export interface BackendOptions {
  /** The Local environment's URL; default the emulator's; null for a build without the Local environment. */
  localEmulatorUrl?: string | null;
  secrets?: MemorySecretStore;
  kv?: MemoryKv;
  notices?: string[];
  secretStorageMessage?: string | null;
  /** The log file's folder, as the app names it in Settings (nothing is written there by these tests). */
  logsFolder?: string | null;
  /** Opens a folder as Electron's shell would; absent, the app answers as start:web does. */
  openFolder?: FolderOpener;
  /** The Local emulator's demo sign-ins and reset, as a development build has them; absent, neither is offered. */
  localEmulator?: LocalEmulatorControls | null;
  /** The default collection's folder on disk (a test's temporary folder); absent, collections are unavailable. */
  collectionsFolder?: string | null;
  /** Main shows system notifications (as the Electron app does): the window then shows no notice of its own. */
  systemNotifications?: boolean;
}

/** One recorded call from the renderer. */
export interface RecordedCall {
  name: ApiName;
  request: unknown;
}

const running = new Set<Backend>();

/** The real main process of one test, and the `window.deepcurrent` that reaches it. */
export class Backend {
  readonly services: AppServices;
  readonly kv: MemoryKv;
  readonly secrets: MemorySecretStore;
  readonly clipboard = new MemoryClipboard();
  /** The notices main asked to show (what Electron would show as system notifications). */
  readonly notifier: RecordingNotifier;
  readonly calls: RecordedCall[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  /** The object to install as `window.deepcurrent`. */
  readonly api: DeepCurrentApi;
  private readonly holds = new Map<ApiName, Promise<void>>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(readonly emulator: EmulatorHandle, options: BackendOptions = {}) {
    this.kv = options.kv ?? new MemoryKv();
    this.secrets = options.secrets ?? new MemorySecretStore();
    this.notifier = new RecordingNotifier({ system: options.systemNotifications ?? false });
    this.services = createAppServices({
      secretStore: this.secrets,
      kv: this.kv,
      clipboard: this.clipboard,
      notifier: this.notifier,
      localEmulatorUrl: options.localEmulatorUrl === undefined ? emulator.url : options.localEmulatorUrl,
      notices: options.notices,
      secretStorageMessage: options.secretStorageMessage,
      logsFolder: options.logsFolder,
      openFolder: options.openFolder,
      localEmulator: options.localEmulator,
      collectionsFolder: options.collectionsFolder,
    });
    this.api = buildDeepCurrentApi((channel, request) => {
      const name = nameOfChannel.get(channel)!;
      this.calls.push({ name, request: structuredClone(request) });
      const hold = this.holds.get(name);
      this.holds.delete(name);
      const answer = (async () => {
        if (hold) await hold;
        return structuredClone(await this.services.router.callChannel(channel, structuredClone(request)));
      })();
      this.inFlight.add(answer);
      void answer.finally(() => this.inFlight.delete(answer));
      return answer;
    }, (channel, listener) => {
      // As the preload's: the listener gets the payload only, and the answer unsubscribes it.
      const set = this.listeners.get(channel) ?? new Set();
      this.listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    });
    running.add(this);
  }

  /** Sends a main → renderer event to the window, as `shell/app-events.ts` does (through structured clone). */
  emit<E extends EventName>(name: E, payload: EventTypes[E]): void {
    for (const listener of this.listeners.get(EVENTS[name]) ?? []) act(() => listener(structuredClone(payload)));
  }

  /** How many listeners the window has on an event. */
  listenerCount(name: EventName): number {
    return this.listeners.get(EVENTS[name])?.size ?? 0;
  }

  /** The user clicks the `index`-th notice main showed: as in the app, main asks the window to open its screen. */
  clickNotice(index = 0): void {
    const notice = this.notifier.shown[index];
    if (!notice) throw new Error(`main showed no notice #${index}`);
    this.emit('openScreen', notice.opens);
  }

  /** How many times the renderer called an API function. */
  count(name: ApiName): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  /** The request of the renderer's last call of an API function. */
  lastRequest<K extends ApiName>(name: K): RequestOf<K> | undefined {
    return this.calls.filter((c) => c.name === name).pop()?.request as RequestOf<K> | undefined;
  }

  /** Holds the renderer's next call of `name` on its way to the main process until `release()` (a slow IPC). */
  holdNext(name: ApiName): { release(): void } {
    let release = () => {};
    this.holds.set(name, new Promise<void>((resolve) => (release = resolve)));
    return { release: () => release() };
  }

  /** Calls the router directly (test set-up, not recorded); throws on a failure. */
  async call<K extends ApiName>(name: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    const result = await this.services.router.call(name, request);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.kind}: ${result.error.message}`);
    return result.value as ResponseOf<K>;
  }

  /** Signs a demo user in through the router, with the password or with their API key; answers the account. */
  async signIn(email: string, kind: 'token' | 'api-key', environment: Environment = { kind: 'local' }): Promise<AccountSummary> {
    const state =
      kind === 'token'
        ? await this.call('signInWithPassword', { email, password: DEMO_PASSWORD, environment })
        : await this.call('signInWithApiKey', { apiKey: await this.emulator.apiKeyOf(email), environment });
    return state.accounts.find((a) => a.id === state.activeAccountId)!;
  }

  /** Waits (at most `timeoutMs`) until no call of the renderer is in flight. */
  async settle(timeoutMs = 2000): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (this.inFlight.size > 0 && performance.now() < until) {
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => realSetTimeout(resolve, 20))]);
    }
  }

  async dispose(): Promise<void> {
    running.delete(this);
    await this.services.dispose();
  }
}

const realSetTimeout = globalThis.setTimeout;

/**
 * After each test (setup.ts): lets the answers the app is still waiting for land inside `act`, then stops every
 * backend of the test.
 */
export async function settleBackends(): Promise<void> {
  await act(async () => {
    for (const backend of running) await backend.settle();
  });
}

/** Disposes every backend of the test (called after each test by setup.ts). */
export async function disposeBackends(): Promise<void> {
  for (const backend of [...running]) await backend.dispose();
}
