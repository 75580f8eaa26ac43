/**
 * The account secrets, over a SecretStore: one keychain entry per account and kind, read from the keychain once per
 * account and session and then served from memory (the main process's memory only). Every write goes to the
 * keychain first, so a crash never loses a secret the app has acknowledged.
 */
import type { SecretStore } from '../platform/ports';

/** What a secret is: the account's API key, its session token, or a revealed new key waiting for confirmation. */
export type SecretKind = 'api-key' | 'token' | 'pending-api-key';

export class CredentialVault {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly store: SecretStore) {}

  get persistent(): boolean {
    return this.store.persistent;
  }

  private entry(accountId: string, kind: SecretKind): string {
    return `${accountId}:${kind}`;
  }

  async get(accountId: string, kind: SecretKind): Promise<string | null> {
    const name = this.entry(accountId, kind);
    if (this.cache.has(name)) return this.cache.get(name) ?? null;
    const value = await this.store.get(name);
    this.cache.set(name, value);
    return value;
  }

  async set(accountId: string, kind: SecretKind, secret: string): Promise<void> {
    const name = this.entry(accountId, kind);
    await this.store.set(name, secret);
    this.cache.set(name, secret);
  }

  async delete(accountId: string, kind: SecretKind): Promise<void> {
    const name = this.entry(accountId, kind);
    await this.store.delete(name);
    this.cache.set(name, null);
  }

  async deleteAll(accountId: string): Promise<void> {
    for (const kind of ['api-key', 'token', 'pending-api-key'] as const) await this.delete(accountId, kind);
  }
}
