/**
 * Who an account is and where its secrets belong: environment identity, the derived account id, the user id of a
 * server that sends none, a JWT's expiry, and the binding check that refuses an environment the secrets were not
 * issued for.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { accountIdFor, bindingProblem, environmentIdentity, tokenExpiry, userIdOf } from '../../src-main/accounts/account-identity';
import type { StoredAccount } from '../../src-main/accounts';
import { PRODUCTION_BASE_URL, type Environment } from '../../src-shared/environments';
import type { Profile } from '../../src-shared/models';

const LOCAL: Environment = { kind: 'local' };
const PRODUCTION: Environment = { kind: 'production' };
const CUSTOM: Environment = { kind: 'custom', baseUrl: 'https://api.example.com' };

function account(environment: Environment, patch: Partial<StoredAccount> = {}): StoredAccount {
  return {
    id: accountIdFor(environment, 'u_1'),
    userId: 'u_1',
    email: 'ada@example.com',
    environment,
    signedInWith: 'token',
    hasApiKey: false,
    hasToken: true,
    apiKeyLast4: null,
    tokenExpiresAt: null,
    profile: null,
    lastVerifiedAt: null,
    needsSignIn: false,
    lifecycle: null,
    ...patch,
  };
}

describe('environment identity and account ids', () => {
  it('names Local by its kind, Production and a custom server by their base URL', () => {
    expect(environmentIdentity(LOCAL)).toBe('local');
    expect(environmentIdentity(PRODUCTION)).toBe(PRODUCTION_BASE_URL);
    expect(environmentIdentity(CUSTOM)).toBe('https://api.example.com');
  });

  it('derives a short, stable id that differs per environment and per user', () => {
    const ids = [accountIdFor(LOCAL, 'u_1'), accountIdFor(PRODUCTION, 'u_1'), accountIdFor(CUSTOM, 'u_1'), accountIdFor(LOCAL, 'u_2')];
    for (const id of ids) expect(id).toMatch(/^acc_[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(4);
    expect(accountIdFor(LOCAL, 'u_1')).toBe(ids[0]);
    // The separator keeps "base + user" pairs apart that would run together.
    expect(accountIdFor({ kind: 'custom', baseUrl: 'https://a.example' }, 'b')).not.toBe(accountIdFor({ kind: 'custom', baseUrl: 'https://a.exampleb' }, ''));
  });

  it("uses the server's id as text, or the email in lower case (marked) for a server that sends none", () => {
    const profile = (id: string | null, email: string) => ({ id, email }) as Profile;
    expect(userIdOf(profile('42', 'Ada@Example.com'))).toBe('42');
    expect(userIdOf(profile(null, ' Ada@Example.com '))).toBe('email:ada@example.com');
  });
});

describe('token expiry', () => {
  it("reads exp in milliseconds, and null for a token without exp or one that is not a JWT", async () => {
    const key = new TextEncoder().encode('k'.repeat(32));
    const withExp = await new SignJWT({ sub: 'u_1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(2_000_000_000).sign(key);
    const withoutExp = await new SignJWT({ sub: 'u_1' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    expect(tokenExpiry(withExp)).toBe(2_000_000_000_000);
    expect(tokenExpiry(withoutExp)).toBeNull();
    expect(tokenExpiry('dc_not-a-jwt')).toBeNull();
  });
});

describe('binding check', () => {
  it.each([LOCAL, PRODUCTION, CUSTOM, { kind: 'custom', baseUrl: 'http://127.0.0.1:8787' } as Environment])('accepts %j as it was signed in', (env) => {
    expect(bindingProblem(account(env))).toBeNull();
  });

  it.each<[string, unknown]>([
    ['an unknown kind', { kind: 'elsewhere' }],
    ['an unknown kind with a valid URL', { kind: 'elsewhere', baseUrl: 'https://api.example.com' }],
    ['no kind at all', {}],
    ['a custom URL that is not a string', { kind: 'custom', baseUrl: 42 }],
    ['a custom URL the form would have changed', { kind: 'custom', baseUrl: 'https://api.example.com/' }],
    ['plain http off this computer', { kind: 'custom', baseUrl: 'http://api.example.com' }],
    ['not a URL', { kind: 'custom', baseUrl: 'api.example.com' }],
  ])('refuses %s as an address the app does not accept', (_name, env) => {
    const stored = account(CUSTOM, { environment: env as Environment });
    expect(bindingProblem(stored)).toBe(
      'The server address stored for this account is not one the app accepts (https, or http on this computer only). Nothing was sent. Sign in again.',
    );
  });

  it.each<[string, Partial<StoredAccount>]>([
    ['another valid server', { environment: { kind: 'custom', baseUrl: 'https://elsewhere.example' } }],
    ['Production instead of the custom server', { environment: PRODUCTION }],
    ['another user id', { userId: 'u_2' }],
    ['a user id that is not text', { userId: 7 as unknown as string }],
  ])('refuses %s as not the one it signed in to, naming the stored address', (_name, patch) => {
    const stored = { ...account(CUSTOM), ...patch };
    const problem = bindingProblem(stored);
    expect(problem).toMatch(/^The server address stored for this account \(.+\) is not the one it signed in to/);
    expect(problem).toContain(patch.environment?.kind === 'production' ? 'Production' : patch.environment ? 'https://elsewhere.example' : 'https://api.example.com');
  });
});
