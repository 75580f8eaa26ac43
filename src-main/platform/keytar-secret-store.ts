/**
 * The OS keychain through `@github/keytar` (macOS Keychain, Windows Credential Manager, the Secret Service on
 * Linux). The only file that imports keytar. Every call has a time limit, and every failure becomes a
 * SecretStoreError whose message names no secret.
 */
import { SecretStoreError, type SecretStore } from './ports';

export type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
};

/** How long a keychain call may take before it counts as failed (a locked keychain can wait for a prompt forever). */
export const OP_TIMEOUT_MS = 10_000;

async function withTimeout<T>(what: string, work: Promise<T>, ms = OP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SecretStoreError(`The system keychain did not answer in time (${what}).`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof SecretStoreError) throw err;
    const reason = err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 200) : 'unknown error';
    throw new SecretStoreError(`The system keychain refused to ${what}: ${reason}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

export class KeytarSecretStore implements SecretStore {
  readonly persistent = true;

  constructor(
    private readonly keytar: Keytar,
    private readonly service: string,
    private readonly timeoutMs = OP_TIMEOUT_MS,
  ) {}

  get(account: string): Promise<string | null> {
    return withTimeout('read a credential', this.keytar.getPassword(this.service, account), this.timeoutMs);
  }

  set(account: string, secret: string): Promise<void> {
    return withTimeout('store a credential', this.keytar.setPassword(this.service, account, secret), this.timeoutMs);
  }

  delete(account: string): Promise<boolean> {
    return withTimeout('remove a credential', this.keytar.deletePassword(this.service, account), this.timeoutMs);
  }

  /**
   * Checks that the keychain answers at all (on Linux: a Secret Service on D-Bus) by looking up an entry that
   * never exists: no stored secret is loaded at start-up (`findCredentials` would load every one of them).
   */
  async probe(): Promise<void> {
    await withTimeout('answer', this.keytar.getPassword(this.service, PROBE_ENTRY), 5_000);
  }
}

/** The entry name the probe looks up; never written. */
const PROBE_ENTRY = 'deepcurrent-keychain-probe';

/** Loads keytar; throws when the native module or its system library is missing. */
export async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('@github/keytar')) as unknown as { default?: Keytar } & Keytar;
  return mod.default ?? mod;
}
