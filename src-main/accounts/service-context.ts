/**
 * What every service shares: the stored accounts, the credential vault, settings, the clock, and how an
 * environment resolves to a base URL. Built once by `createAppServices`.
 */
import { decodeJwt } from 'jose';
import { PRODUCTION_BASE_URL, type Environment } from '../../src-shared/environments';
import { normaliseSettings, type Settings } from '../../src-shared/models';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { AccountStore, StoredAccount } from './account-store';
import type { CredentialVault, SecretKind } from './credential-vault';
import type { ClipboardPort, Clock, KeyValueStore } from '../platform/ports';

export interface ServiceContext {
  accounts: AccountStore;
  vault: CredentialVault;
  kv: KeyValueStore;
  clock: Clock;
  clipboard: ClipboardPort;
  /** The embedded emulator's URL in development builds; null in packaged builds. */
  localEmulatorUrl: string | null;
  log: (message: string) => void;
}

export function baseUrlOf(ctx: ServiceContext, env: Environment): string | null {
  switch (env.kind) {
    case 'local':
      return ctx.localEmulatorUrl;
    case 'production':
      return PRODUCTION_BASE_URL;
    case 'custom':
      return env.baseUrl;
  }
}

export function readSettings(kv: KeyValueStore): Settings {
  return normaliseSettings(kv.get('settings'));
}

/** Reads `exp` from a JWT (never verifies it) as milliseconds since the epoch, or null. */
export function tokenExpiry(token: string): number | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export const SIGN_IN_AGAIN: AppError = {
  kind: 'unauthorized',
  message: 'Your session has expired or your credential is no longer valid. Please sign in again.',
};

/** The keychain failed on a read (or a write outside the cases the key lifecycle words itself). */
export const KEYCHAIN_FAILED: AppError = {
  kind: 'keychain',
  message: 'The system keychain did not answer. Check that it is unlocked, then try again.',
};

/** Reads a secret; a keychain failure becomes a `keychain` error instead of a throw (logged without the secret). */
export async function readSecret(ctx: ServiceContext, accountId: string, kind: SecretKind): Promise<Result<string | null>> {
  try {
    return ok(await ctx.vault.get(accountId, kind));
  } catch (err) {
    ctx.log(`[keychain] read of ${kind} failed (${err instanceof Error ? err.name : typeof err})`);
    return fail({ ...KEYCHAIN_FAILED });
  }
}

/**
 * The secret to use for an account's call: the requested kind, or (with `prefer`) whichever it holds, the
 * account's primary first. An expired token is noticed from `exp` and never sent; a keychain failure is a
 * `keychain` error.
 */
export async function credentialFor(
  ctx: ServiceContext,
  account: StoredAccount,
  kind: 'api-key' | 'token',
): Promise<{ ok: true; secret: string } | { ok: false; error: AppError }> {
  if (kind === 'token') {
    if (!account.hasToken) return { ok: false, error: { kind: 'not-signed-in', message: 'This account has no session token. Sign in with email and password.' } };
    if (account.tokenExpiresAt !== null && account.tokenExpiresAt <= ctx.clock.now()) {
      return { ok: false, error: { ...SIGN_IN_AGAIN, message: 'Your session token has expired. Please sign in with your password again.' } };
    }
    const secret = await readSecret(ctx, account.id, 'token');
    if (!secret.ok) return secret;
    return secret.value ? { ok: true, secret: secret.value } : { ok: false, error: SIGN_IN_AGAIN };
  }
  if (!account.hasApiKey) return { ok: false, error: { kind: 'not-signed-in', message: 'This app does not hold an API key for this account.' } };
  const secret = await readSecret(ctx, account.id, 'api-key');
  if (!secret.ok) return secret;
  return secret.value
    ? { ok: true, secret: secret.value }
    : { ok: false, error: { kind: 'not-signed-in', message: 'The API key for this account is not in the keychain. Sign in again.' } };
}

/** Whether the account has a session token whose `exp` has not passed. */
export function hasUsableToken(ctx: ServiceContext, account: StoredAccount): boolean {
  return account.hasToken && (account.tokenExpiresAt === null || account.tokenExpiresAt > ctx.clock.now());
}

/** The account's primary credential kind, falling back to the other one when the primary is unusable. */
export function usableCredentialKind(ctx: ServiceContext, account: StoredAccount): 'api-key' | 'token' | null {
  const tokenUsable = hasUsableToken(ctx, account);
  if (account.signedInWith === 'token' && tokenUsable) return 'token';
  if (account.hasApiKey) return 'api-key';
  return tokenUsable ? 'token' : null;
}

/**
 * Records that the server rejected an account's credential (401): the account is marked as needing a new
 * sign-in, and a rejected token is dropped so it is never sent again. Never loops: callers do not retry.
 */
export async function noteUnauthorized(ctx: ServiceContext, accountId: string, kind: 'api-key' | 'token'): Promise<void> {
  const account = ctx.accounts.get(accountId);
  if (!account) return;
  if (kind === 'token') {
    await ctx.vault.delete(accountId, 'token').catch(() => undefined);
    const stillUsable = account.hasApiKey && account.signedInWith === 'api-key';
    ctx.accounts.update(accountId, { hasToken: false, tokenExpiresAt: null, needsSignIn: !stillUsable });
  } else {
    ctx.accounts.update(accountId, { needsSignIn: true });
  }
}
