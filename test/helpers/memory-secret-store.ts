/**
 * An in-memory SecretStore for tests: `persistent` is configurable, and failures can be injected per operation
 * (`failNext('set', 2)`) to play a locked or broken keychain. `snapshot()` shows what a real keychain would hold.
 */
import { SecretStoreError, type SecretStore } from '../../src-main/platform/ports';

type Operation = 'get' | 'set' | 'delete';

export class MemorySecretStore implements SecretStore {
  readonly persistent: boolean;
  private readonly secrets = new Map<string, string>();
  private readonly failures: Record<Operation, number> = { get: 0, set: 0, delete: 0 };
  /** Called after an entry is stored (entry name only). */
  onSet: ((account: string) => void) | null = null;
  /** Every operation attempted, in order (entry names only, never the secrets). */
  readonly calls: Array<{ op: Operation; account: string }> = [];

  constructor(options: { persistent?: boolean } = {}) {
    this.persistent = options.persistent ?? true;
  }

  /** The next `times` calls of `op` throw a SecretStoreError (as keytar does for a locked keychain). */
  failNext(op: Operation, times = 1): void {
    this.failures[op] += times;
  }

  private maybeFail(op: Operation, account: string): void {
    this.calls.push({ op, account });
    if (this.failures[op] > 0) {
      this.failures[op] -= 1;
      throw new SecretStoreError(`The keychain refused to ${op} (injected failure)`);
    }
  }

  async get(account: string): Promise<string | null> {
    this.maybeFail('get', account);
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.maybeFail('set', account);
    this.secrets.set(account, secret);
    this.onSet?.(account);
  }

  async delete(account: string): Promise<boolean> {
    this.maybeFail('delete', account);
    return this.secrets.delete(account);
  }

  /** A copy of every entry, for assertions. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.secrets);
  }
}
