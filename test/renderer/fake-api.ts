/**
 * A fake `window.deepcurrent` for the renderer's jsdom tests: it answers every API function from a small in-memory
 * model of DeepCurrent (users, keys, regeneration requests, accounts, history) and records every call, so a test
 * can assert what the renderer asked for — and that it asked for nothing. The real main process is covered by the
 * node and end-to-end suites.
 */
import type { ApiName } from '../../src-shared/ipc-channels';
import type { DeepCurrentApi, RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import type { AppError, Result } from '../../src-shared/errors';
import { environmentLabel, type Environment } from '../../src-shared/environments';
import type { AccountSummary, AppState, ApiKeyStatus, RegenerationRequest, Settings } from '../../src-shared/models';
import type { EndpointOption, HistoryEntry, TesterResponse } from '../../src-shared/tester';

/** A DeepCurrent user of the fake. */
export interface FakeUser {
  email: string;
  password: string;
  fullName: string;
  plan: 'free' | 'pro';
  role: 'member' | 'support';
  apiKey: string;
  revealed: boolean;
  pendingKey: string | null;
  pendingRevealed: boolean;
  request: RegenerationRequest | null;
}

interface FakeAccount extends AccountSummary {
  heldKey: string | null;
  pendingHeldKey: string | null;
}

type Handler<K extends ApiName> = (request: RequestOf<K>) => Result<ResponseOf<K>> | Promise<Result<ResponseOf<K>>>;

/** A key in the `dc_` format, unique per call. */
let keySeq = 0;
export function makeKey(tag: string): string {
  keySeq += 1;
  return `dc_${tag}${String(keySeq).padStart(4, '0')}`.padEnd(43, 'Q') + `x9Q${String.fromCharCode(97 + (keySeq % 26))}`;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (error: AppError): Result<never> => ({ ok: false, error });

export const ENDPOINTS: EndpointOption[] = [
  { id: 'get-me', method: 'GET', path: '/api/v1/users/me', summary: 'Read the signed-in user', pathParams: [], exampleBody: null, needsAuth: true },
  { id: 'post-items', method: 'POST', path: '/api/v1/items', summary: 'Create an item', pathParams: [], exampleBody: '{\n  "title": "An item"\n}', needsAuth: true },
  { id: 'get-item', method: 'GET', path: '/api/v1/items/{id}', summary: 'Read an item', pathParams: ['id'], exampleBody: null, needsAuth: true },
];

/** The fake and its knobs. */
export class FakeDeepCurrent {
  readonly calls: { name: ApiName; request: unknown }[] = [];
  readonly users = new Map<string, FakeUser>();
  accounts: FakeAccount[] = [];
  activeAccountId: string | null = null;
  settings: Settings = { clipboardClearSeconds: 30, requestTimeoutSeconds: 30, theme: 'system' };
  secretStorage: AppState['secretStorage'] = { persistent: true, message: null };
  notices: string[] = [];
  tokenTtlMs = 30 * 60_000;
  /** `refreshProfile` answers a network error while true. */
  offline = false;
  /** `getApiKeyStatus` answers saved details, as main does when the server cannot be reached, while set. */
  keyStatusOfflineSince: string | null = null;
  endpointsFromCache = false;
  /** While true, `sendRequest` waits until `finishSend` or `cancelRequest`. */
  holdSends = false;
  history: HistoryEntry[] = [];
  readonly overrides: { [K in ApiName]?: Handler<K> } = {};
  private failedLogins = new Map<string, number>();
  private held = new Map<string, (result: Result<TesterResponse>) => void>();
  private seq = 0;

  constructor() {
    this.addUser({ email: 'ada@deepcurrent.test', fullName: 'Ada Lovelace', plan: 'pro', role: 'member' });
    this.addUser({ email: 'free@deepcurrent.test', fullName: 'Free Tier', plan: 'free', role: 'member' });
  }

  addUser(user: Pick<FakeUser, 'email' | 'fullName' | 'plan' | 'role'>): FakeUser {
    const full: FakeUser = { ...user, password: 'deepcurrent-demo', apiKey: makeKey('Key'), revealed: false, pendingKey: null, pendingRevealed: false, request: null };
    this.users.set(user.email, full);
    return full;
  }

  /** How many times an API function was called. */
  count(name: ApiName): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  get active(): FakeAccount | undefined {
    return this.accounts.find((a) => a.id === this.activeAccountId);
  }

  userOf(account: FakeAccount): FakeUser {
    return this.users.get(account.email)!;
  }

  /** Signs an account in directly (test set-up), as if through the sign-in screen. */
  seedAccount(email: string, kind: 'token' | 'api-key', environment: Environment = { kind: 'local' }): FakeAccount {
    const user = this.users.get(email)!;
    const account = this.upsert(user, environment, kind);
    if (kind === 'api-key') {
      account.heldKey = user.apiKey;
      account.hasApiKey = true;
      account.apiKeyLast4 = user.apiKey.slice(-4);
    }
    return account;
  }

  /** Support issues the user's open request. */
  issue(email: string): void {
    const user = this.users.get(email)!;
    if (user.request?.status !== 'pending') throw new Error('no pending request');
    user.pendingKey = makeKey('New');
    user.request = { ...user.request, status: 'issued', issuedAt: new Date().toISOString() };
  }

  /** Resolves a held `sendRequest` with a response. */
  finishSend(response: Partial<TesterResponse> = {}): void {
    const [id, resolve] = [...this.held.entries()][0] ?? [];
    if (!id || !resolve) throw new Error('no request in flight');
    this.held.delete(id);
    resolve(ok(this.response(200, '{"ok":true}', response)));
  }

  response(status: number, text: string, extra: Partial<TesterResponse> = {}): TesterResponse {
    return {
      status,
      statusText: status === 200 ? 'OK' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : '',
      durationMs: 123,
      sizeBytes: text.length,
      headers: [['content-type', 'application/json']],
      contentType: 'application/json',
      bodyKind: 'json',
      text,
      truncated: false,
      explanation: null,
      retryAfterSeconds: null,
      historyId: `h-${++this.seq}`,
      ...extra,
    };
  }

  private upsert(user: FakeUser, environment: Environment, kind: 'token' | 'api-key'): FakeAccount {
    let account = this.accounts.find((a) => a.email === user.email && a.environment.kind === environment.kind);
    if (!account) {
      account = {
        id: `acc-${++this.seq}`,
        email: user.email,
        environment,
        environmentLabel: environmentLabel(environment),
        baseUrl: 'http://127.0.0.1:8787',
        signedInWith: kind,
        hasApiKey: false,
        hasToken: false,
        apiKeyLast4: null,
        tokenExpiresAt: null,
        profile: null,
        lastVerifiedAt: null,
        needsSignIn: false,
        signInReason: null,
        defaultAuth: kind,
        heldKey: null,
        pendingHeldKey: null,
      };
      this.accounts.push(account);
    }
    account.signedInWith = kind;
    account.defaultAuth = kind;
    account.needsSignIn = false;
    if (kind === 'token') {
      account.hasToken = true;
      account.tokenExpiresAt = Date.now() + this.tokenTtlMs;
    }
    account.profile = this.profileOf(user);
    account.lastVerifiedAt = new Date().toISOString();
    this.activeAccountId = account.id;
    return account;
  }

  private profileOf(user: FakeUser): AccountSummary['profile'] {
    return {
      id: `u_${user.email}`,
      email: user.email,
      fullName: user.fullName,
      isActive: true,
      plan: user.plan,
      role: user.role,
      apiKey: { last4: user.apiKey.slice(-4), createdAt: '2026-01-02T03:04:05Z', revealed: user.revealed },
      pendingApiKey: user.pendingKey ? { createdAt: '2026-02-03T04:05:06Z', revealed: user.pendingRevealed } : null,
    };
  }

  private summary(a: FakeAccount): AccountSummary {
    const { heldKey: _h, pendingHeldKey: _p, ...summary } = a;
    return { ...summary, environment: { ...a.environment }, profile: a.profile ? { ...a.profile } : null };
  }

  state(): AppState {
    return {
      accounts: this.accounts.map((a) => this.summary(a)),
      activeAccountId: this.activeAccountId,
      environments: [
        { environment: { kind: 'local' }, label: 'Local emulator', baseUrl: 'http://127.0.0.1:8787', isDefault: true },
        { environment: { kind: 'production' }, label: 'Production', baseUrl: 'https://api.deepcurrent.app', isDefault: false },
      ],
      settings: { ...this.settings },
      secretStorage: { ...this.secretStorage },
      notices: [...this.notices],
    };
  }

  private tokenUsable(a: FakeAccount): boolean {
    return a.hasToken && (a.tokenExpiresAt === null || a.tokenExpiresAt > Date.now());
  }

  keyStatus(a: FakeAccount): ApiKeyStatus {
    const user = this.userOf(a);
    const req = user.request;
    const stage =
      !req ? 'idle' : req.status === 'pending' ? 'pending' : req.status === 'confirmed' ? 'confirmed' : a.pendingHeldKey ? 'revealed' : 'issued';
    return {
      accountId: a.id,
      last4: user.apiKey.slice(-4),
      createdAt: '2026-01-02T03:04:05Z',
      revealed: user.revealed,
      heldByApp: a.heldKey === user.apiKey,
      canReveal: this.tokenUsable(a),
      stage,
      request: req ? { ...req } : null,
      pendingKeyHeld: a.pendingHeldKey !== null,
      pendingKeyLast4: a.pendingHeldKey ? a.pendingHeldKey.slice(-4) : null,
      offlineSince: this.keyStatusOfflineSince,
    };
  }

  private find(accountId: string): FakeAccount | Result<never> {
    return this.accounts.find((a) => a.id === accountId) ?? fail({ kind: 'not-found', message: 'That account is no longer stored.' });
  }

  private readonly handlers: { [K in ApiName]: Handler<K> } = {
    getState: () => ok(this.state()),
    signInWithPassword: ({ email, password, environment }) => {
      const fails = this.failedLogins.get(email) ?? 0;
      if (fails >= 5) return fail({ kind: 'rate-limited', message: 'Too many failed sign-in attempts. Wait a minute, then try again.', status: 429, retryAfterSeconds: 60 });
      const user = this.users.get(email);
      if (!user || user.password !== password) {
        this.failedLogins.set(email, fails + 1);
        return fail({ kind: 'bad-credentials', message: 'Incorrect email or password.', status: 400 });
      }
      this.upsert(user, environment, 'token');
      return ok(this.state());
    },
    signInWithApiKey: ({ apiKey, environment }) => {
      const user = [...this.users.values()].find((u) => u.apiKey === apiKey);
      if (!user) return fail({ kind: 'unauthorized', message: 'This API key was not accepted: it is invalid or has been revoked.', status: 401 });
      this.seedAccount(user.email, 'api-key', environment);
      return ok(this.state());
    },
    switchAccount: ({ accountId }) => {
      const a = this.find(accountId);
      if ('ok' in a) return a;
      this.activeAccountId = a.id;
      return ok(this.state());
    },
    signOut: ({ accountId }) => {
      this.accounts = this.accounts.filter((a) => a.id !== accountId);
      if (this.activeAccountId === accountId) this.activeAccountId = this.accounts[0]?.id ?? null;
      return ok(this.state());
    },
    refreshProfile: ({ accountId }) => {
      const a = this.find(accountId);
      if ('ok' in a) return a;
      if (this.offline) return fail({ kind: 'network', message: 'DeepCurrent could not be reached. Check your connection.' });
      a.profile = this.profileOf(this.userOf(a));
      a.lastVerifiedAt = new Date().toISOString();
      return ok(this.summary(a));
    },
    updateSettings: (change) => {
      this.settings = { ...this.settings, ...change };
      return ok({ ...this.settings });
    },
    getApiKeyStatus: ({ accountId }) => {
      const a = this.find(accountId);
      return 'ok' in a ? a : ok(this.keyStatus(a));
    },
    revealApiKey: ({ accountId }) => {
      const a = this.find(accountId);
      if ('ok' in a) return a;
      const user = this.userOf(a);
      if (!this.tokenUsable(a)) return fail({ kind: 'forbidden', message: 'Revealing a key needs a session signed in with email and password.', status: 403 });
      if (user.pendingKey && !user.pendingRevealed && user.request?.status === 'issued') {
        user.pendingRevealed = true;
        a.pendingHeldKey = user.pendingKey;
        return ok({ apiKey: user.pendingKey, last4: user.pendingKey.slice(-4), createdAt: '2026-02-03T04:05:06Z', role: 'pending' as const });
      }
      if (user.revealed) return fail({ kind: 'conflict', message: 'API key has already been revealed', status: 409 });
      user.revealed = true;
      a.heldKey = user.apiKey;
      a.hasApiKey = true;
      a.apiKeyLast4 = user.apiKey.slice(-4);
      return ok({ apiKey: user.apiKey, last4: user.apiKey.slice(-4), createdAt: '2026-01-02T03:04:05Z', role: 'current' as const });
    },
    copyApiKey: ({ accountId, role }) => {
      const a = this.find(accountId);
      if ('ok' in a) return a;
      if ((role === 'current' ? a.heldKey : a.pendingHeldKey) === null) return fail({ kind: 'not-signed-in', message: 'This app does not hold that key.' });
      const seconds = this.settings.clipboardClearSeconds;
      return ok({ clearAt: Date.now() + seconds * 1000, clearAfterSeconds: seconds, protections: [] });
    },
    requestNewKey: ({ accountId, reason, note }) => {
      const a = this.find(accountId);
      if ('ok' in a) return a;
      const user = this.userOf(a);
      if (user.request && user.request.status !== 'confirmed') {
        return fail({ kind: 'conflict', message: 'A request for a new key is already open.', status: 409 });
      }
      user.request = { id: `rr_${++this.seq}`, status: 'pending', reason, note, createdAt: new Date().toISOString(), issuedAt: null, confirmedAt: null };
      return ok({ ...user.request });
    },
    confirmNewKey: ({ accountId }) => {
      const a = this.find(accountId);
      if ('ok' in a) return a;
      const user = this.userOf(a);
      if (!user.request || !a.pendingHeldKey) return fail({ kind: 'conflict', message: 'Reveal the new key first.', status: 409 });
      user.apiKey = a.pendingHeldKey;
      user.revealed = true;
      user.pendingKey = null;
      user.request = { ...user.request, status: 'confirmed', confirmedAt: new Date().toISOString() };
      a.heldKey = user.apiKey;
      a.hasApiKey = true;
      a.apiKeyLast4 = user.apiKey.slice(-4);
      a.pendingHeldKey = null;
      return ok(this.keyStatus(a));
    },
    sendRequest: ({ requestId, request }) => {
      const record = (result: Result<TesterResponse>) => {
        this.history.unshift({
          id: `h-${++this.seq}`,
          at: new Date().toISOString(),
          request,
          status: result.ok ? result.value.status : null,
          errorKind: result.ok ? null : result.error.kind,
          durationMs: 123,
          credentialKind: request.auth,
        });
        return result;
      };
      if (this.holdSends) return new Promise((resolve) => this.held.set(requestId, (r) => resolve(record(r))));
      const user = this.active ? this.userOf(this.active) : null;
      if (request.path === '/api/v1/users/me' && user) return record(ok(this.response(200, JSON.stringify(this.profileOf(user)))));
      if (request.path === '/api/v1/usage' && user?.plan === 'free') {
        return record(ok(this.response(403, '{"detail":"This feature requires a paid plan"}', { explanation: 'Your plan does not include this. A paid plan is needed.' })));
      }
      return record(ok(this.response(404, '{"detail":"Not Found"}')));
    },
    cancelRequest: ({ requestId }) => {
      const resolve = this.held.get(requestId);
      if (resolve) {
        this.held.delete(requestId);
        resolve(fail({ kind: 'cancelled', message: 'You cancelled the request.' }));
      }
      return ok(null);
    },
    listEndpoints: () => ok({ endpoints: ENDPOINTS, fromCache: this.endpointsFromCache, cachedAt: this.endpointsFromCache ? '2026-03-01T10:00:00Z' : null }),
    listHistory: () => ok(this.history.map((h) => ({ ...h }))),
    clearHistory: () => {
      this.history = [];
      return ok(null);
    },
  };

  /** The object to install as `window.deepcurrent`. */
  readonly api: DeepCurrentApi = new Proxy({} as DeepCurrentApi, {
    get: (_target, name: string) => async (request: unknown) => {
      this.calls.push({ name: name as ApiName, request: structuredClone(request) });
      await Promise.resolve();
      const override = this.overrides[name as ApiName] as Handler<ApiName> | undefined;
      const handler = override ?? (this.handlers[name as ApiName] as Handler<ApiName>);
      return structuredClone(await handler(request as never));
    },
  });
}
