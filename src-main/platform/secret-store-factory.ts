/**
 * Chooses where secrets live: the OS keychain when it answers, else memory for this session only, with a message
 * that says so plainly (VS Code's approach; never a disk file "encrypted" with a machine-derived key).
 */
import type { SecretStore } from './ports';
import { KeytarSecretStore, loadKeytar } from './keytar-secret-store';
import { MemorySecretStore } from './memory-secret-store';

export interface OpenedSecretStore {
  store: SecretStore;
  /** Why secrets are kept in memory only; null with a working keychain. */
  message: string | null;
}

export const NO_KEYCHAIN_MESSAGE =
  'No system keychain is available (on Linux: no Secret Service such as GNOME Keyring or KWallet is running). ' +
  'Secrets are kept in memory for this session only and are never written to disk; you will need to sign in again after restarting.';

export async function openSecretStore(service: string, options: { disabled?: boolean } = {}): Promise<OpenedSecretStore> {
  if (options.disabled) return { store: new MemorySecretStore(), message: NO_KEYCHAIN_MESSAGE };
  try {
    const store = new KeytarSecretStore(await loadKeytar(), service);
    await store.probe();
    return { store, message: null };
  } catch {
    return { store: new MemorySecretStore(), message: NO_KEYCHAIN_MESSAGE };
  }
}
