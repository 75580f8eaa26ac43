/**
 * The real OS keychain for integration tests: a KeytarSecretStore under a service name unique to the test run, or
 * null (with the reason) where no keychain answers. `npm test` starts an unlocked gnome-keyring on a private D-Bus
 * session on Linux, so there it is always available.
 */
import { randomBytes } from 'node:crypto';
import { KeytarSecretStore, loadKeytar } from '../../src-main/platform/keytar-secret-store';

export interface RealKeychain {
  store: KeytarSecretStore;
  service: string;
  /** Reads an entry straight from the keychain, bypassing every cache. */
  read(account: string): Promise<string | null>;
  /** Every entry under this service (account names and secrets). */
  entries(): Promise<Array<{ account: string; password: string }>>;
  /** Removes every entry this test run made. */
  cleanup(): Promise<void>;
}

let cached: Promise<RealKeychain | { unavailable: string }> | null = null;

export function realKeychain(): Promise<RealKeychain | { unavailable: string }> {
  cached ??= (async () => {
    try {
      const keytar = await loadKeytar();
      const service = `DeepCurrent Desktop (test ${randomBytes(4).toString('hex')})`;
      const store = new KeytarSecretStore(keytar, service);
      await store.probe();
      return {
        store,
        service,
        read: (account: string) => keytar.getPassword(service, account),
        entries: () => keytar.findCredentials(service),
        cleanup: async () => {
          for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
        },
      };
    } catch (err) {
      return { unavailable: `no OS keychain answers here (${err instanceof Error ? err.message : String(err)}); run the tests with npm test, which starts gnome-keyring` };
    }
  })();
  return cached;
}

export function isAvailable(k: RealKeychain | { unavailable: string }): k is RealKeychain {
  return 'store' in k;
}
