/**
 * Opens the adapters a running app needs (keychain with an honest in-memory fallback, the settings file with
 * recovery from corruption) and builds the services. Shared by the Electron shell (`index.ts`) and the start:web
 * bridge (`web/start-web.ts`); imports no `electron`, so the web bridge runs under plain Node.
 */
import type { ClipboardPort, KeyValueStore } from './services/ports';
import { createAppServices, type AppServices } from './services/app-services';
import { openSecretStore } from './adapters/secret-store-factory';

export interface BootstrapOptions {
  /** Keychain service name; development and packaged builds use different ones. */
  keychainService: string;
  /** The settings store (electron-store in the app, conf in start:web), already opened. */
  kv: KeyValueStore;
  /** Notices from opening the settings store (a damaged file moved aside). */
  kvNotices: string[];
  clipboard: ClipboardPort;
  localEmulatorUrl: string | null;
  openExternal: (url: string) => Promise<void>;
  log?: (message: string) => void;
  /** Force the in-memory secret store (used by tests of the no-keychain path). */
  disableKeychain?: boolean;
}

export async function bootstrapServices(options: BootstrapOptions): Promise<AppServices> {
  const secrets = await openSecretStore(options.keychainService, { disabled: options.disableKeychain ?? false });
  return createAppServices({
    secretStore: secrets.store,
    kv: options.kv,
    clipboard: options.clipboard,
    localEmulatorUrl: options.localEmulatorUrl,
    openExternal: options.openExternal,
    notices: options.kvNotices,
    secretStorageMessage: secrets.message,
    log: options.log,
  });
}
