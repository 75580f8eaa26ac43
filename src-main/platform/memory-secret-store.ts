/**
 * The honest fallback when there is no OS keychain: secrets live in this process's memory only and are gone when
 * the app quits. Never written to disk in any form (no "encryption" with a machine-derived key).
 */
import type { SecretStore } from './ports';

export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
}
