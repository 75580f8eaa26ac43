/**
 * The account session: the one owner of every credential decision in the main process. It alone reads and writes
 * the credential vault (the keychain), and it decides:
 * - which credential a call uses, by policy (`token` = JWT only, `api-key`, or `either`), never an expired token;
 * - whether the account's stored environment is still the one its secrets were issued for (each secret is bound to
 *   that origin: the account id is derived from the environment's identity and the user id, and is derived again
 *   and compared before any secret leaves the vault; a mismatch sends nothing and asks for a sign-in, saying why);
 * - what a rejected credential means (401, or 403 "Could not validate credentials"): recorded once, never retried;
 * - what the renderer shows about an account (`needsSignIn`, its reason, the tester's default credential).
 * Features call through it; nothing else imports the vault.
 */
import { last4 } from '../../src-shared/credentials';
import { environmentLabel, PRODUCTION_BASE_URL, type Environment } from '../../src-shared/environments';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { AccountSummary, CurrentKey, Profile } from '../../src-shared/models';
import type { TesterAuth } from '../../src-shared/tester';
import type { Clock } from '../platform/ports';
import type { AccountStore, StoredAccount } from './account-store';
import type { CredentialVault, SecretKind } from './credential-vault';
import { accountIdFor, bindingProblem, tokenExpiry, userIdOf } from './account-identity';

/** Which credential a call may use: the session token only, the API key only, or whichever the account holds. */
export type CredentialPolicy = 'token' | 'api-key' | 'either';

/** A credential ready to send, with the account and the base URL it is bound to. */
export interface BoundCredential {
  account: StoredAccount;
  baseUrl: string;
  kind: 'token' | 'api-key';
  secret: string;
}

/** One credential to try for a call that accepts several, and which keychain entry it came from. */
export interface Attempt {
  kind: SecretKind;
  secret: string;
}

export const SIGN_IN_AGAIN: AppError = {
  kind: 'unauthorized',
  message: 'Your session has expired or your credential is no longer valid. Please sign in again.',
};

/** The one wording of a keychain that failed on a read. */
export const KEYCHAIN_FAILED: AppError = {
  kind: 'keychain',
  message: 'The system keychain did not answer (it may be locked). Unlock it and try again. Nothing was sent.',
};

const NO_SUCH_ACCOUNT: AppError = { kind: 'not-found', message: 'That account is no longer stored.' };
const NO_LOCAL_EMULATOR: AppError = {
  kind: 'not-signed-in',
  message: "This account's environment (the local emulator) is not available in this build.",
};

export interface AccountSessionOptions {
  store: AccountStore;
  vault: CredentialVault;
  clock: Clock;
  /** The embedded emulator's URL in development builds; null in packaged builds. */
  localEmulatorUrl: string | null;
  log: (message: string) => void;
}

export class AccountSession {
  private readonly store: AccountStore;
  private readonly vault: CredentialVault;
  private readonly clock: Clock;
  private readonly log: (message: string) => void;
  private readonly signedOutListeners = new Set<(accountId: string) => void>();
  readonly localEmulatorUrl: string | null;

  constructor(options: AccountSessionOptions) {
    this.store = options.store;
    this.vault = options.vault;
    this.clock = options.clock;
    this.log = options.log;
    this.localEmulatorUrl = options.localEmulatorUrl;
    this.checkStoredAccounts();
  }

  /** Whether secrets outlive this run (false for the in-memory fallback without a keychain). */
  get persistent(): boolean {
    return this.vault.persistent;
  }

  /**
   * On load: every stored environment is validated again and bound accounts whose environment no longer matches
   * are marked as needing a sign-in, with the reason. Without a persistent keychain, secrets from an earlier run
   * are gone, so no account claims to hold one.
   */
  private checkStoredAccounts(): void {
    for (const account of this.store.list()) {
      const problem = bindingProblem(account);
      if (problem) {
        this.log(`[accounts] ${account.id}: stored environment does not match its secrets; sign-in required`);
        this.store.update(account.id, { needsSignIn: true, signInReason: problem });
      }
      if (!this.vault.persistent && (account.hasApiKey || account.hasToken)) {
        this.store.update(account.id, { hasApiKey: false, hasToken: false, tokenExpiresAt: null, needsSignIn: true });
      }
    }
  }

  list(): StoredAccount[] {
    return this.store.list();
  }

  get(accountId: string): StoredAccount | null {
    return this.store.get(accountId);
  }

  activeId(): string | null {
    return this.store.activeId();
  }

  active(): StoredAccount | null {
    return this.store.active();
  }

  setActive(accountId: string): void {
    this.store.setActive(accountId);
  }

  /** Changes an account's non-secret metadata (profile, lifecycle, last verified time). */
  update(accountId: string, patch: Partial<Omit<StoredAccount, 'id' | 'environment' | 'userId'>>): StoredAccount | null {
    return this.store.update(accountId, patch);
  }

  baseUrlOf(env: Environment): string | null {
    switch (env.kind) {
      case 'local':
        return this.localEmulatorUrl;
      case 'production':
        return PRODUCTION_BASE_URL;
      case 'custom':
        return env.baseUrl;
    }
  }

  /** Whether the account has a session token whose `exp` has not passed. */
  hasUsableToken(account: StoredAccount): boolean {
    return account.hasToken && (account.tokenExpiresAt === null || account.tokenExpiresAt > this.clock.now());
  }

  /** The credential kind an `either` call uses: the primary one, or the other when the primary is unusable. */
  usableKind(account: StoredAccount): 'api-key' | 'token' | null {
    const tokenUsable = this.hasUsableToken(account);
    if (account.signedInWith === 'token' && tokenUsable) return 'token';
    if (account.hasApiKey) return 'api-key';
    return tokenUsable ? 'token' : null;
  }

  /** What the renderer shows for an account: main decides, the window does not derive it again. */
  summarise(account: StoredAccount): AccountSummary {
    const usable = this.usableKind(account);
    const blocked = bindingProblem(account);
    return {
      id: account.id,
      email: account.email,
      environment: account.environment,
      environmentLabel: environmentLabel(account.environment),
      baseUrl: this.baseUrlOf(account.environment),
      signedInWith: account.signedInWith,
      hasApiKey: account.hasApiKey,
      hasToken: account.hasToken,
      apiKeyLast4: account.apiKeyLast4,
      tokenExpiresAt: account.tokenExpiresAt,
      profile: account.profile,
      lastVerifiedAt: account.lastVerifiedAt,
      needsSignIn: blocked !== null || account.needsSignIn || usable === null,
      signInReason: blocked ?? account.signInReason ?? null,
      defaultAuth: (usable ?? 'none') satisfies TesterAuth,
      currentKey: this.currentKey(account),
      pendingKeyLast4: account.lifecycle?.stage === 'revealed' ? (account.lifecycle.pendingLast4 ?? null) : null,
      requestStage: account.lifecycle?.stage ?? 'idle',
    };
  }

  /**
   * The account's current key as the screens show it: the server's current key (its last four) when the profile
   * reports one, else the key this app holds; held when the app holds that very key. The API key screen's status
   * stores the same facts after each check (`hasApiKey`, `apiKeyLast4`, the profile), so both screens agree.
   */
  currentKey(account: StoredAccount): CurrentKey {
    const serverLast4 = account.profile?.apiKey?.last4 ?? null;
    const heldLast4 = account.hasApiKey ? account.apiKeyLast4 : null;
    return {
      last4: serverLast4 ?? heldLast4,
      held: heldLast4 !== null && (serverLast4 === null || serverLast4 === heldLast4),
      revealed: account.profile?.apiKey?.revealed ?? (heldLast4 !== null ? true : null),
    };
  }

  /** The account and its base URL, if its stored environment may be trusted with its secrets. */
  bound(accountId: string): Result<{ account: StoredAccount; baseUrl: string }> {
    const account = this.store.get(accountId);
    if (!account) return fail({ ...NO_SUCH_ACCOUNT });
    const problem = bindingProblem(account);
    if (problem) {
      if (!account.needsSignIn || account.signInReason !== problem) this.store.update(accountId, { needsSignIn: true, signInReason: problem });
      return fail({ kind: 'not-signed-in', message: problem });
    }
    const baseUrl = this.baseUrlOf(account.environment);
    return baseUrl ? ok({ account, baseUrl }) : fail({ ...NO_LOCAL_EMULATOR });
  }

  /** Reads a secret of a bound account; a keychain failure becomes a `keychain` error (logged without the secret). */
  async secret(accountId: string, kind: SecretKind): Promise<Result<string | null>> {
    const bound = this.bound(accountId);
    if (!bound.ok) return bound;
    try {
      return ok(await this.vault.get(accountId, kind));
    } catch (err) {
      this.log(`[keychain] read of ${kind} failed (${err instanceof Error ? err.name : typeof err})`);
      return fail({ ...KEYCHAIN_FAILED });
    }
  }

  /**
   * The credential for one call under a policy. An expired token is noticed from `exp` and never sent; an account
   * whose environment no longer matches sends nothing; a keychain failure is a `keychain` error.
   */
  async credential(accountId: string, policy: CredentialPolicy): Promise<Result<BoundCredential>> {
    const bound = this.bound(accountId);
    if (!bound.ok) return bound;
    const { account, baseUrl } = bound.value;
    const kind = policy === 'either' ? this.usableKind(account) : policy;
    if (kind === null) {
      this.store.update(accountId, { needsSignIn: true });
      return fail({ ...SIGN_IN_AGAIN, message: 'Your session has expired. Please sign in with your password again.' });
    }
    if (kind === 'token') {
      if (!account.hasToken) {
        return fail({ kind: 'not-signed-in', message: 'This account has no session token. Sign in with email and password.' });
      }
      if (!this.hasUsableToken(account)) {
        return fail({ ...SIGN_IN_AGAIN, message: 'Your session token has expired. Please sign in with your password again.' });
      }
    } else if (!account.hasApiKey) {
      return fail({ kind: 'not-signed-in', message: 'This app does not hold an API key for this account.' });
    }
    const secret = await this.secret(accountId, kind);
    if (!secret.ok) return secret;
    if (secret.value) return ok({ account, baseUrl, kind, secret: secret.value });
    return fail(
      kind === 'token'
        ? { ...SIGN_IN_AGAIN }
        : { kind: 'not-signed-in', message: 'The API key for this account is not in the keychain. Sign in again.' },
    );
  }

  /**
   * The credentials for a call that accepts either kind, best first: a usable token, then the API key; with
   * `pendingKey`, last the held new key (it authenticates only once the server has confirmed it).
   */
  async attempts(accountId: string, pendingKey: string | null): Promise<Result<Attempt[]>> {
    const bound = this.bound(accountId);
    if (!bound.ok) return bound;
    const { account } = bound.value;
    const attempts: Attempt[] = [];
    if (this.hasUsableToken(account)) {
      const token = await this.secret(accountId, 'token');
      if (!token.ok) return token;
      if (token.value) attempts.push({ kind: 'token', secret: token.value });
    }
    if (account.hasApiKey) {
      const key = await this.secret(accountId, 'api-key');
      if (!key.ok) return key;
      if (key.value) attempts.push({ kind: 'api-key', secret: key.value });
    }
    if (pendingKey) attempts.push({ kind: 'pending-api-key', secret: pendingKey });
    return ok(attempts);
  }

  /**
   * Records that the server rejected an account's credential: the account needs a new sign-in unless it still has
   * a primary credential that works, and a rejected token is dropped so it is never sent again. Callers never
   * retry with the same credential, so this never loops.
   */
  async noteRejected(accountId: string, kind: 'api-key' | 'token'): Promise<void> {
    const account = this.store.get(accountId);
    if (!account) return;
    if (kind === 'token') {
      await this.vault.delete(accountId, 'token').catch(() => undefined);
      const stillUsable = account.hasApiKey && account.signedInWith === 'api-key';
      this.store.update(accountId, { hasToken: false, tokenExpiresAt: null, needsSignIn: !stillUsable });
    } else {
      this.store.update(accountId, { needsSignIn: true });
    }
  }

  /** Stores a secret for an account (keychain first); throws the store's error so callers word it. */
  async storeSecret(accountId: string, kind: SecretKind, secret: string): Promise<void> {
    await this.vault.set(accountId, kind, secret);
  }

  /** Removes one secret of an account. */
  async deleteSecret(accountId: string, kind: SecretKind): Promise<void> {
    await this.vault.delete(accountId, kind);
  }

  /**
   * Signs an account in: the secret is stored first, then the metadata, so an account never points to a secret
   * that was not stored. The account id binds the secret to this environment. Throws the keychain's error.
   */
  async signIn(
    env: Environment,
    profile: Profile,
    secret: { kind: 'token'; value: string } | { kind: 'api-key'; value: string },
  ): Promise<StoredAccount> {
    const userId = userIdOf(profile);
    const id = accountIdFor(env, userId);
    const existing = this.store.get(id);
    await this.vault.set(id, secret.kind, secret.value);
    const base: StoredAccount = existing ?? {
      id,
      userId,
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
        ? { ...base, hasToken: true, tokenExpiresAt: tokenExpiry(secret.value), signedInWith: 'token' }
        : { ...base, hasApiKey: true, apiKeyLast4: last4(secret.value), signedInWith: 'api-key' };
    const now = new Date(this.clock.now()).toISOString();
    const account: StoredAccount = {
      ...next,
      userId,
      email: profile.email,
      environment: env,
      profile,
      lastVerifiedAt: now,
      needsSignIn: false,
      signInReason: null,
    };
    this.store.put(account);
    this.store.setActive(id);
    if (env.kind === 'local') await this.replaceStaleLocalAccounts(profile.email, id);
    return account;
  }

  /**
   * Calls `listener` with the account's id after each sign-out, once its secrets and metadata are gone, so data
   * another feature keeps per account goes with it (app.ts wires the tester's history here; accounts never import a
   * feature). Answers the function that removes the listener.
   */
  onSignedOut(listener: (accountId: string) => void): () => void {
    this.signedOutListeners.add(listener);
    return () => this.signedOutListeners.delete(listener);
  }


  /**
   * After the Local emulator started afresh (Settings › Reset demo data): its old tokens and keys can never work
   * again, so every Local account's secrets are removed and the account needs a sign-in, with `reason`. Accounts of
   * other environments are untouched. A keychain that refuses to remove a secret is logged; the account is marked
   * all the same (a rejected credential is then noted as usual). Answers the ids of the accounts marked.
   */
  async expireLocalAccounts(reason: string): Promise<string[]> {
    const marked: string[] = [];
    for (const account of this.store.list()) {
      if (account.environment.kind !== 'local') continue;
      let removed = true;
      try {
        await this.vault.deleteAll(account.id);
      } catch (err) {
        removed = false;
        this.log(`[keychain] removing the secrets of ${account.id} failed (${err instanceof Error ? err.name : typeof err})`);
      }
      this.store.update(account.id, {
        ...(removed ? { hasToken: false, hasApiKey: false, tokenExpiresAt: null, apiKeyLast4: null } : {}),
        lifecycle: null,
        needsSignIn: true,
        signInReason: reason,
      });
      marked.push(account.id);
    }
    return marked;
  }

  /**
   * On the Local emulator an email names one user; a new user id for an email that already has a Local account means
   * the emulator's data started afresh (a reset, a deleted state file), so that account can never work again: its
   * secrets are removed and the account is replaced by the one signing in. Kept when the keychain refuses.
   */
  private async replaceStaleLocalAccounts(email: string, keepId: string): Promise<void> {
    const address = email.trim().toLowerCase();
    for (const account of this.store.list()) {
      if (account.id === keepId || account.environment.kind !== 'local' || account.email.trim().toLowerCase() !== address) continue;
      try {
        await this.vault.deleteAll(account.id);
      } catch {
        continue;
      }
      this.store.remove(account.id);
    }
  }

  /**
   * Removes every secret of the account from the keychain, then the account, then tells the sign-out listeners
   * (one that throws is logged and does not stop the others). Throws the keychain's error, before anything is removed.
   */
  async signOut(accountId: string): Promise<void> {
    await this.vault.deleteAll(accountId);
    this.store.remove(accountId);
    for (const listener of this.signedOutListeners) {
      try {
        listener(accountId);
      } catch (err) {
        this.log(`[accounts] a sign-out listener failed (${err instanceof Error ? err.name : typeof err})`);
      }
    }
  }
}
