/**
 * The account session's checks of stored accounts at load, without a network: environment binding (the account id
 * derived again from the stored environment), re-validation of stored URLs, and what an account may claim when the
 * secrets of an earlier run are gone (no keychain).
 */
import { describe, expect, it } from 'vitest';
import { AccountSession, AccountStore, accountIdFor, CredentialVault, type StoredAccount } from '../../src-main/accounts';
import { MemorySecretStore as NoKeychain } from '../../src-main/platform/memory-secret-store';
import type { Environment } from '../../src-shared/environments';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore as FakeKeychain } from '../helpers/memory-secret-store';

function stored(environment: Environment, patch: Partial<StoredAccount> = {}): StoredAccount {
  const userId = 'u_1';
  return {
    id: accountIdFor({ kind: 'production' }, userId),
    userId,
    email: 'ada@example.com',
    environment,
    signedInWith: 'token',
    hasApiKey: true,
    hasToken: true,
    apiKeyLast4: 'abcd',
    tokenExpiresAt: Date.now() + 60_000,
    profile: null,
    lastVerifiedAt: null,
    needsSignIn: false,
    lifecycle: null,
    ...patch,
  };
}

function sessionOver(account: StoredAccount, persistent: boolean): AccountSession {
  const kv = new MemoryKv();
  kv.set('accounts', [account]);
  const store = new AccountStore(kv);
  const vault = new CredentialVault(persistent ? new FakeKeychain() : new NoKeychain());
  return new AccountSession({ store, vault, clock: { now: () => Date.now() }, localEmulatorUrl: null, log: () => {} });
}

describe('stored accounts, checked at load', () => {
  it('keeps an account whose environment is the one its id was derived from', () => {
    const session = sessionOver(stored({ kind: 'production' }), true);
    const summary = session.summarise(session.list()[0]!);
    expect(summary).toMatchObject({ needsSignIn: false, signInReason: null, defaultAuth: 'token' });
  });

  it.each<[string, Environment]>([
    ['another server', { kind: 'custom', baseUrl: 'https://elsewhere.example' }],
    ['plain http off this computer', { kind: 'custom', baseUrl: 'http://api.deepcurrent.app' }],
    ['a URL the form would have normalised', { kind: 'custom', baseUrl: 'https://api.deepcurrent.app/' }],
  ])('asks for a sign-in, saying why, when the stored environment is %s', (_name, environment) => {
    const session = sessionOver(stored(environment), true);
    const summary = session.summarise(session.list()[0]!);
    expect(summary.needsSignIn).toBe(true);
    expect(summary.signInReason).toMatch(/Sign in again\.$/);
  });

  it('without a keychain, stops claiming the secrets of an earlier run, also for a mismatched environment', () => {
    for (const environment of [{ kind: 'production' }, { kind: 'custom', baseUrl: 'https://elsewhere.example' }] as Environment[]) {
      const session = sessionOver(stored(environment), false);
      const summary = session.summarise(session.list()[0]!);
      expect(summary).toMatchObject({ hasToken: false, hasApiKey: false, needsSignIn: true, defaultAuth: 'none' });
    }
  });
});
