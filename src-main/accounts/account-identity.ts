/**
 * Who an account is and where its secrets belong: the identity of an environment, the account id derived from it
 * and the server's user, and the check that a stored account's environment is still the one its secrets were
 * issued for. Pure functions; the account session applies them before any secret leaves the vault.
 */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { checkBaseUrl, environmentLabel, PRODUCTION_BASE_URL, type Environment } from '../../src-shared/environments';
import type { Profile } from '../../src-shared/models';
import type { StoredAccount } from './account-store';

/**
 * What an environment is, for binding secrets to it: the Local emulator by kind (its port changes from run to
 * run), Production and a custom URL by their base URL.
 */
export function environmentIdentity(env: Environment): string {
  switch (env.kind) {
    case 'local':
      return 'local';
    case 'production':
      return PRODUCTION_BASE_URL;
    case 'custom':
      return env.baseUrl;
  }
}

/** An account's id: bound to the environment its secrets were issued for and to the server's user id. */
export function accountIdFor(env: Environment, userId: string): string {
  return `acc_${createHash('sha256').update(`${environmentIdentity(env)}\n${userId}`).digest('hex').slice(0, 16)}`;
}

/**
 * The user id an account is bound to: the server's id as text, or — for a server that sends none — the email in
 * lower case, marked so it can never equal a server's id. Email is the one field every server sends.
 */
export function userIdOf(profile: Profile): string {
  return profile.id ?? `email:${profile.email.trim().toLowerCase()}`;
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

/**
 * Why a stored environment cannot be trusted with this account's secrets, or null. Every stored environment is
 * checked again (a settings file can be edited): a known kind, a custom URL that passes the sign-in form's check
 * unchanged, and the account id derived from it.
 */
export function bindingProblem(account: StoredAccount): string | null {
  const env = account.environment as Partial<Environment> & { kind?: unknown; baseUrl?: unknown };
  const valid =
    env.kind === 'local' ||
    env.kind === 'production' ||
    (env.kind === 'custom' &&
      typeof env.baseUrl === 'string' &&
      (() => {
        const checked = checkBaseUrl(env.baseUrl);
        return checked.ok && checked.value.baseUrl === env.baseUrl;
      })());
  if (!valid) {
    return 'The server address stored for this account is not one the app accepts (https, or http on this computer only). Nothing was sent. Sign in again.';
  }
  if (typeof account.userId !== 'string' || accountIdFor(account.environment, account.userId) !== account.id) {
    return `The server address stored for this account (${environmentLabel(account.environment)}) is not the one it signed in to, so the app did not send its credentials there. Sign in again.`;
  }
  return null;
}
