/**
 * Accounts and sign-in: email and password (OAuth2 password grant → JWT kept in the keychain, `exp` decoded, the
 * password never stored), API key (format checked before any network call, verified with `GET /users/me`, stored
 * only then), switching, signing out (secrets and cached profile removed), settings, and the app state the renderer
 * starts from. Works offline from the stored metadata.
 */
import { createHash } from 'node:crypto';
import { apiKeyFormatProblem, last4 } from '../../src-shared/credentials';
import { firstRunEnvironments } from '../../src-shared/boot-hint';
import { checkBaseUrl, environmentLabel, type Environment } from '../../src-shared/environments';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import type { AccountSummary, AppState, EnvironmentOption, Profile, Settings } from '../../src-shared/models';
import { fetchProfile } from '../deepcurrent-api/deepcurrent-endpoints';
import type { StoredAccount } from './account-store';
import { callApi } from '../deepcurrent-api/api-client';
import { SecretStoreError } from '../platform/ports';
import { baseUrlOf, credentialFor, noteUnauthorized, readSettings, tokenExpiry, usableCredentialKind, type ServiceContext } from './service-context';
import { isSafeExternalUrl } from '../shell/security';

function accountIdFor(baseUrl: string, userId: string): string {
  return `acc_${createHash('sha256').update(`${baseUrl}\n${userId}`).digest('hex').slice(0, 16)}`;
}

const KEYCHAIN_FAILED: AppError = {
  kind: 'keychain',
  message: 'The system keychain refused to store the credential, so you were not signed in. Unlock your keychain and try again.',
};

export interface AccountHandlerOptions {
  openExternal: (url: string) => Promise<void>;
  notices: string[];
  secretStorageMessage: string | null;
}

type AccountHandlers = Pick<
  ApiHandlers,
  'getState' | 'signInWithPassword' | 'signInWithApiKey' | 'switchAccount' | 'signOut' | 'refreshProfile' | 'updateSettings' | 'openExternal'
>;

export function createAccountHandlers(ctx: ServiceContext, options: AccountHandlerOptions): AccountHandlers {
  /** Notices from start-up (a damaged settings file moved aside); sent with every state so a reload or a sign-in
   * does not lose one the user has not dismissed yet (dismissal is the window's business). */
  const notices = [...options.notices];

  function summarise(account: StoredAccount): AccountSummary {
    return {
      id: account.id,
      email: account.email,
      environment: account.environment,
      environmentLabel: environmentLabel(account.environment),
      baseUrl: baseUrlOf(ctx, account.environment),
      signedInWith: account.signedInWith,
      hasApiKey: account.hasApiKey,
      hasToken: account.hasToken,
      apiKeyLast4: account.apiKeyLast4,
      tokenExpiresAt: account.tokenExpiresAt,
      profile: account.profile,
      lastVerifiedAt: account.lastVerifiedAt,
      needsSignIn: account.needsSignIn || usableCredentialKind(ctx, account) === null,
    };
  }

  /** The sign-in form's environments: the same list the production build prerenders the form with. */
  function environments(): EnvironmentOption[] {
    return firstRunEnvironments(ctx.localEmulatorUrl !== null).map((o) => ({ ...o, baseUrl: baseUrlOf(ctx, o.environment) ?? '' }));
  }

  function state(): AppState {
    return {
      accounts: ctx.accounts.list().map(summarise),
      activeAccountId: ctx.accounts.activeId(),
      environments: environments(),
      settings: readSettings(ctx.kv),
      secretStorage: {
        persistent: ctx.vault.persistent,
        message: ctx.vault.persistent ? null : (options.secretStorageMessage ?? 'No system keychain is available: secrets are kept for this session only.'),
      },
      notices: [...notices],
    };
  }

  function resolveEnvironment(env: Environment): { ok: true; env: Environment; baseUrl: string } | { ok: false; error: AppError } {
    if (env.kind === 'custom') {
      const checked = checkBaseUrl(env.baseUrl);
      if (!checked.ok) return { ok: false, error: { kind: 'invalid-input', message: checked.message } };
      return { ok: true, env: { kind: 'custom', baseUrl: checked.baseUrl }, baseUrl: checked.baseUrl };
    }
    const baseUrl = baseUrlOf(ctx, env);
    if (!baseUrl) return { ok: false, error: { kind: 'invalid-input', message: 'The local emulator is not available in this build.' } };
    return { ok: true, env, baseUrl };
  }

  /** Stores the secret first, then the metadata: an account never points to a secret that was not stored. */
  async function remember(
    env: Environment,
    baseUrl: string,
    profile: Profile,
    secret: { kind: 'token'; value: string; expiresAt: number | null } | { kind: 'api-key'; value: string },
  ): Promise<Result<AppState>> {
    const id = accountIdFor(baseUrl, profile.id);
    const existing = ctx.accounts.get(id);
    try {
      await ctx.vault.set(id, secret.kind, secret.value);
    } catch (err) {
      ctx.log(`[accounts] keychain write failed: ${err instanceof SecretStoreError ? err.message : 'unknown error'}`);
      return fail(KEYCHAIN_FAILED);
    }
    const now = new Date(ctx.clock.now()).toISOString();
    const base: StoredAccount = existing ?? {
      id,
      userId: profile.id,
      email: profile.email,
      environment: env,
      signedInWith: secret.kind,
      hasApiKey: false,
      hasToken: false,
      apiKeyLast4: null,
      tokenExpiresAt: null,
      profile: null,
      lastVerifiedAt: null,
      needsSignIn: false,
      lifecycle: null,
    };
    const next: StoredAccount =
      secret.kind === 'token'
        ? { ...base, hasToken: true, tokenExpiresAt: secret.expiresAt, signedInWith: 'token' }
        : { ...base, hasApiKey: true, apiKeyLast4: last4(secret.value), signedInWith: 'api-key' };
    ctx.accounts.put({ ...next, email: profile.email, environment: env, profile, lastVerifiedAt: now, needsSignIn: false });
    ctx.accounts.setActive(id);
    return ok(state());
  }

  async function signInWithPassword(req: RequestOf<'signInWithPassword'>): Promise<Result<AppState>> {
    const email = req.email.trim();
    if (!email || !email.includes('@')) return fail({ kind: 'invalid-input', message: 'Enter the email address of your DeepCurrent account.' });
    if (!req.password) return fail({ kind: 'invalid-input', message: 'Enter your password.' });
    const env = resolveEnvironment(req.environment);
    if (!env.ok) return fail(env.error);
    const login = await callApi<{ access_token?: unknown }>(env.baseUrl, {
      method: 'POST',
      path: '/api/v1/login/access-token',
      form: { grant_type: 'password', username: email, password: req.password },
    });
    if (!login.ok) return login;
    const token = login.value?.access_token;
    if (typeof token !== 'string' || token.length === 0) {
      return fail({ kind: 'bad-response', message: 'The server did not send a session token.' });
    }
    const profile = await fetchProfile(env.baseUrl, token);
    if (!profile.ok) return profile;
    return remember(env.env, env.baseUrl, profile.value, { kind: 'token', value: token, expiresAt: tokenExpiry(token) });
  }

  async function signInWithApiKey(req: RequestOf<'signInWithApiKey'>): Promise<Result<AppState>> {
    const key = req.apiKey.trim();
    const problem = apiKeyFormatProblem(key);
    if (problem) return fail({ kind: 'invalid-input', message: problem });
    const env = resolveEnvironment(req.environment);
    if (!env.ok) return fail(env.error);
    const profile = await fetchProfile(env.baseUrl, key);
    if (!profile.ok) {
      if (profile.error.kind === 'unauthorized') {
        return fail({ ...profile.error, message: 'This API key was not accepted: it is invalid or has been revoked.' });
      }
      return profile;
    }
    return remember(env.env, env.baseUrl, profile.value, { kind: 'api-key', value: key });
  }

  async function switchAccount(req: RequestOf<'switchAccount'>): Promise<Result<AppState>> {
    if (!ctx.accounts.get(req.accountId)) return fail({ kind: 'not-found', message: 'That account is no longer stored.' });
    ctx.accounts.setActive(req.accountId);
    return ok(state());
  }

  async function signOut(req: RequestOf<'signOut'>): Promise<Result<AppState>> {
    const account = ctx.accounts.get(req.accountId);
    if (!account) return fail({ kind: 'not-found', message: 'That account is no longer stored.' });
    try {
      await ctx.vault.deleteAll(account.id);
    } catch {
      return fail({ kind: 'keychain', message: 'The system keychain did not let the app remove this account’s credentials. Unlock it and try again.' });
    }
    ctx.accounts.remove(account.id);
    return ok(state());
  }

  async function refreshProfile(req: RequestOf<'refreshProfile'>): Promise<Result<AccountSummary>> {
    const account = ctx.accounts.get(req.accountId);
    if (!account) return fail({ kind: 'not-found', message: 'That account is no longer stored.' });
    const baseUrl = baseUrlOf(ctx, account.environment);
    if (!baseUrl) return fail({ kind: 'network', message: 'The local emulator is not running in this build.' });
    const kind = usableCredentialKind(ctx, account);
    if (!kind) {
      ctx.accounts.update(account.id, { needsSignIn: true });
      return fail({ kind: 'unauthorized', message: 'Your session has expired. Please sign in with your password again.' });
    }
    const credential = await credentialFor(ctx, account, kind);
    if (!credential.ok) return fail(credential.error);
    const profile = await fetchProfile(baseUrl, credential.secret);
    if (!profile.ok) {
      if (profile.error.kind === 'unauthorized') await noteUnauthorized(ctx, account.id, kind);
      return profile;
    }
    const updated = ctx.accounts.update(account.id, {
      profile: profile.value,
      email: profile.value.email,
      lastVerifiedAt: new Date(ctx.clock.now()).toISOString(),
      needsSignIn: false,
    });
    return ok(summarise(updated ?? account));
  }

  async function updateSettings(req: RequestOf<'updateSettings'>): Promise<Result<Settings>> {
    const next: Settings = { ...readSettings(ctx.kv) };
    if (req.clipboardClearSeconds !== undefined) next.clipboardClearSeconds = req.clipboardClearSeconds;
    if (req.requestTimeoutSeconds !== undefined) next.requestTimeoutSeconds = req.requestTimeoutSeconds;
    if (req.theme !== undefined) next.theme = req.theme;
    ctx.kv.set('settings', next);
    return ok(next);
  }

  /** The shells' openers check the URL again with the same `isSafeExternalUrl`; this answers a refusal in words. */
  async function openExternal(req: RequestOf<'openExternal'>): Promise<Result<null>> {
    if (!isSafeExternalUrl(req.url)) {
      return fail({ kind: 'invalid-input', message: 'Only https:// links (without a user name or password) can be opened.' });
    }
    await options.openExternal(req.url);
    return ok(null);
  }

  return {
    getState: async () => ok(state()),
    signInWithPassword,
    signInWithApiKey,
    switchAccount,
    signOut,
    refreshProfile,
    updateSettings,
    openExternal,
  };
}
