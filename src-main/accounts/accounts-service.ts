/**
 * Accounts and sign-in: email and password (OAuth2 password grant → JWT kept in the keychain, `exp` decoded, the
 * password never stored), API key (format checked before any network call, verified with `GET /users/me`, stored
 * only then), switching, signing out (secrets and cached profile removed), settings, and the app state the renderer
 * starts from. Works offline from the stored metadata.
 */
import { apiKeyFormatProblem } from '../../src-shared/credentials';
import { firstRunEnvironments } from '../../src-shared/boot-hint';
import { checkBaseUrl, type Environment } from '../../src-shared/environments';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import type { AccountSummary, AppState, EnvironmentOption, Profile, Settings } from '../../src-shared/models';
import { apiAnswersAt, fetchProfile, requestAccessToken, unreadableDetail } from '../deepcurrent-api';
import { SecretStoreError, type LocalEmulatorControls } from '../platform/ports';
import { readSettings, type ServiceContext } from './service-context';

/** A sign-in whose credential the keychain would not store (a failed read is the session's `KEYCHAIN_FAILED`). */
const KEYCHAIN_WRITE_FAILED: AppError = {
  kind: 'keychain',
  message: 'The system keychain refused to store the credential, so you were not signed in. Unlock your keychain and try again.',
};

/** A sign-out whose credentials the keychain would not remove: the account is kept, signed in. */
const KEYCHAIN_REMOVE_FAILED: AppError = {
  kind: 'keychain',
  message: 'The system keychain did not let the app remove this account’s credentials. Unlock it and try again.',
};

/**
 * The password was accepted and a token issued, but the profile could not be read: said as such, never as a
 * failed sign-in. Nothing is stored — the app keeps no account it cannot name (a profile without an email), and the
 * issued token is dropped with it, which the message says.
 */
function profileAfterGrantFailed(error: AppError): AppError {
  const unreadable = unreadableDetail(error);
  const notKept = 'The app keeps an account only once it can read its profile (at least the email), so this sign-in was not kept and nothing was stored.';
  if (unreadable) return { ...error, message: `Signed in, but the server's profile answer cannot be read: ${unreadable}. ${notKept}` };
  return { ...error, message: `Signed in, but the app could not read the account's profile: ${error.message} ${notKept}` };
}

/**
 * A refused API key. A DeepCurrent server refuses a bad key with 401; a server without API keys (the FastAPI
 * template) reads the key as a session token and answers 403 "Could not validate credentials": then the key may be
 * fine, but this server does not take keys at all.
 */
function apiKeyRefusal(error: AppError): string {
  if (error.status === 403) {
    return 'This server did not accept the API key: it answered as servers without API keys do ("Could not validate credentials"). Sign in with your email and password instead.';
  }
  return 'This API key was not accepted: it is invalid or has been revoked.';
}

export interface AccountHandlerOptions {
  notices: string[];
  secretStorageMessage: string | null;
  /** The folder of the log file, for Settings; null when none is kept. */
  logsFolder?: string | null;
  /** The Local emulator's demo sign-ins and reset, where the host owns it (development builds); else null. */
  localEmulator?: LocalEmulatorControls | null;
}

type AccountHandlers = Pick<
  ApiHandlers,
  'getState' | 'signInWithPassword' | 'signInWithApiKey' | 'switchAccount' | 'signOut' | 'refreshProfile' | 'updateSettings'
>;

export function createAccountHandlers(ctx: ServiceContext, options: AccountHandlerOptions): AccountHandlers {
  /** Notices from start-up (a damaged settings file moved aside); sent with every state so a reload or a sign-in
   * does not lose one the user has not dismissed yet (dismissal is the window's business). */
  const notices = [...options.notices];

  const localEmulator = options.localEmulator ?? null;

  /**
   * The sign-in form's environments: the same list the production build prerenders the form with, and for the
   * Local emulator its published demo sign-ins (after React takes the prerendered form over, the hint appears).
   */
  function environments(): EnvironmentOption[] {
    return firstRunEnvironments(ctx.session.localEmulatorUrl !== null).map((o) => ({
      ...o,
      baseUrl: ctx.session.baseUrlOf(o.environment) ?? '',
      ...(o.environment.kind === 'local' && localEmulator ? { demoSignIns: localEmulator.demoSignIns.map((d) => ({ ...d })) } : {}),
    }));
  }

  function state(): AppState {
    return {
      accounts: ctx.session.list().map((a) => ctx.session.summarise(a)),
      activeAccountId: ctx.session.activeId(),
      environments: environments(),
      settings: readSettings(ctx.kv),
      secretStorage: {
        persistent: ctx.session.persistent,
        message: ctx.session.persistent ? null : (options.secretStorageMessage ?? 'No system keychain is available: secrets are kept for this session only.'),
      },
      notices: [...notices],
      logsFolder: options.logsFolder ?? null,
      canResetDemoData: localEmulator !== null && ctx.session.localEmulatorUrl !== null,
      systemNotifications: ctx.notifier.system,
    };
  }

  function resolveEnvironment(env: Environment): Result<{ env: Environment; baseUrl: string }> {
    if (env.kind === 'custom') {
      const checked = checkBaseUrl(env.baseUrl);
      if (!checked.ok) return fail({ kind: 'invalid-input', message: checked.error });
      const { baseUrl } = checked.value;
      return ok({ env: { kind: 'custom', baseUrl }, baseUrl });
    }
    const baseUrl = ctx.session.baseUrlOf(env);
    if (!baseUrl) return fail({ kind: 'invalid-input', message: 'The local emulator is not available in this build.' });
    return ok({ env, baseUrl });
  }

  /**
   * A sign-in answered 404 (or 405): when no DeepCurrent API answers at the base URL at all (a path that leads
   * nowhere), says so instead of "Not found."; otherwise the error stands. Costs nothing on the happy path.
   */
  async function explainMissingApi(error: AppError, baseUrl: string): Promise<AppError> {
    if (error.status !== 404 && error.status !== 405) return error;
    if (await apiAnswersAt(ctx.http, baseUrl)) return error;
    return { kind: 'not-found', status: error.status, message: `No DeepCurrent API found at ${baseUrl}. Check the address: the app adds /api/v1 to it.` };
  }

  /** Stores the secret (keychain first), then the account, through the session. */
  async function remember(
    env: Environment,
    profile: Profile,
    secret: { kind: 'token'; value: string } | { kind: 'api-key'; value: string },
  ): Promise<Result<AppState>> {
    try {
      await ctx.session.signIn(env, profile, secret);
    } catch (err) {
      ctx.log(`[accounts] keychain write failed: ${err instanceof SecretStoreError ? err.message : 'unknown error'}`);
      return fail(KEYCHAIN_WRITE_FAILED);
    }
    return ok(state());
  }

  async function signInWithPassword(req: RequestOf<'signInWithPassword'>): Promise<Result<AppState>> {
    const email = req.email.trim();
    if (!email || !email.includes('@')) return fail({ kind: 'invalid-input', message: 'Enter the email address of your DeepCurrent account.' });
    if (!req.password) return fail({ kind: 'invalid-input', message: 'Enter your password.' });
    const resolved = resolveEnvironment(req.environment);
    if (!resolved.ok) return resolved;
    const env = resolved.value;
    const token = await requestAccessToken(ctx, env.baseUrl, email, req.password);
    if (!token.ok) return fail(await explainMissingApi(token.error, env.baseUrl));
    const profile = await fetchProfile(ctx, env.baseUrl, token.value);
    if (!profile.ok) return fail(profileAfterGrantFailed(profile.error));
    return remember(env.env, profile.value, { kind: 'token', value: token.value });
  }

  async function signInWithApiKey(req: RequestOf<'signInWithApiKey'>): Promise<Result<AppState>> {
    const key = req.apiKey.trim();
    const problem = apiKeyFormatProblem(key);
    if (problem) return fail({ kind: 'invalid-input', message: problem });
    const resolved = resolveEnvironment(req.environment);
    if (!resolved.ok) return resolved;
    const env = resolved.value;
    const profile = await fetchProfile(ctx, env.baseUrl, key);
    if (!profile.ok) {
      if (profile.error.kind === 'unauthorized') return fail({ ...profile.error, message: apiKeyRefusal(profile.error) });
      return fail(await explainMissingApi(profile.error, env.baseUrl));
    }
    return remember(env.env, profile.value, { kind: 'api-key', value: key });
  }

  async function switchAccount(req: RequestOf<'switchAccount'>): Promise<Result<AppState>> {
    if (!ctx.session.get(req.accountId)) return fail({ kind: 'not-found', message: 'That account is no longer stored.' });
    ctx.session.setActive(req.accountId);
    return ok(state());
  }

  async function signOut(req: RequestOf<'signOut'>): Promise<Result<AppState>> {
    if (!ctx.session.get(req.accountId)) return fail({ kind: 'not-found', message: 'That account is no longer stored.' });
    try {
      await ctx.session.signOut(req.accountId);
    } catch {
      return fail({ ...KEYCHAIN_REMOVE_FAILED });
    }
    return ok(state());
  }

  async function refreshProfile(req: RequestOf<'refreshProfile'>): Promise<Result<AccountSummary>> {
    const credential = await ctx.session.credential(req.accountId, 'either');
    if (!credential.ok) return credential;
    const { account, baseUrl, kind, secret } = credential.value;
    const profile = await fetchProfile(ctx, baseUrl, secret);
    if (!profile.ok) {
      if (profile.error.kind === 'unauthorized') await ctx.session.noteRejected(account.id, kind);
      return profile;
    }
    const updated = ctx.session.update(account.id, {
      profile: profile.value,
      email: profile.value.email,
      lastVerifiedAt: new Date(ctx.clock.now()).toISOString(),
      needsSignIn: false,
      signInReason: null,
    });
    return ok(ctx.session.summarise(updated ?? account));
  }

  async function updateSettings(req: RequestOf<'updateSettings'>): Promise<Result<Settings>> {
    const next: Settings = { ...readSettings(ctx.kv) };
    if (req.clipboardClearSeconds !== undefined) next.clipboardClearSeconds = req.clipboardClearSeconds;
    if (req.requestTimeoutSeconds !== undefined) next.requestTimeoutSeconds = req.requestTimeoutSeconds;
    if (req.theme !== undefined) next.theme = req.theme;
    ctx.kv.set('settings', next);
    return ok(next);
  }

  return {
    getState: async () => ok(state()),
    signInWithPassword,
    signInWithApiKey,
    switchAccount,
    signOut,
    refreshProfile,
    updateSettings,
  };
}
