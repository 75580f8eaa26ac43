/**
 * The composition root of the main process: the only file that knows every part. `bootstrapServices` opens the
 * adapters a running app needs (keychain with an honest in-memory fallback); `createAppServices` builds the
 * features and binds every API function of the IPC contract to its feature. Imports no `electron`: the Electron
 * shell (`index.ts`) and the start:web bridge both call it with their own adapters, and tests call it with fakes or
 * the real keychain.
 */
import { bootHint } from '../src-shared/boot-hint';
import type { ApiHandlers } from '../src-shared/ipc-contract';
import { createRouter, type Router } from './ipc/router';
import {
  AccountSession,
  AccountStore,
  createAccountHandlers,
  createDemoDataHandlers,
  CredentialVault,
  type ServiceContext,
} from './accounts';
import { fail, ok, type Result } from '../src-shared/errors';
import type { LogsFolderAnswer } from '../src-shared/models';
import {
  noSystemNotifier,
  systemClock,
  type ClipboardPort,
  type Clock,
  type FileSaver,
  type FolderOpener,
  type FolderPicker,
  type KeyValueStore,
  type LocalEmulatorControls,
  type NotifierPort,
  type SecretStore,
} from './platform/ports';
import type { HttpPort } from './platform/http';
import { createNodeHttp } from './platform/node-http';
import { createKeyLifecycleHandlers } from './api-key/key-lifecycle-service';
import { createTesterHandlers } from './tester/tester-service';
import { createCurlHandlers } from './tester/curl-service';
import { createCollectionsHandlers } from './collections';
import { createNodeFolderFiles, type FolderFiles } from './platform/folder-files';
import { createTabsHandlers } from './tester/tabs-service';
import { openSecretStore } from './platform/secret-store-factory';

export interface AppServicesOptions {
  secretStore: SecretStore;
  kv: KeyValueStore;
  clipboard: ClipboardPort;
  /** The HTTP port: Electron's `net.fetch` adapter in the app; by default the Node one (start:web, tests, bench). */
  http?: HttpPort;
  /** System notifications (Electron's, from `shell/`); by default none, and the window shows its own notices. */
  notifier?: NotifierPort;
  /** URL of the emulator embedded in development builds, or null (packaged builds). */
  localEmulatorUrl: string | null;
  /**
   * The Local emulator's demo sign-ins and its reset, where the host owns that emulator (development builds,
   * start:web's own); absent or null otherwise: no demo hint, and Reset demo data answers a refusal.
   */
  localEmulator?: LocalEmulatorControls | null;
  clock?: Clock;
  /** One-time notices for the user (for example: the settings file was damaged and moved aside). */
  notices?: string[];
  /** Why secrets are kept in memory only, when `secretStore.persistent` is false. */
  secretStorageMessage?: string | null;
  /** Where the main process logs (`createAppLog` in platform/log-file.ts: secrets are scrubbed on the way). */
  log?: (message: string) => void;
  /** The folder of the log file (`<data folder>/logs`), shown in Settings; null or absent when none is kept. */
  logsFolder?: string | null;
  /** Opens a folder in the file manager (Electron's `shell.openPath`); absent where the host cannot (start:web). */
  openFolder?: FolderOpener;
  /**
   * The default collection's folder (`<data folder>/collections`); absent or null where the host keeps none (then
   * the collections answer `unavailable`).
   */
  collectionsFolder?: string | null;
  /** Asks the user for a folder to add as a collection (Electron's dialog); absent where the host cannot (start:web). */
  pickFolder?: FolderPicker;
  /** The files of collection folders; the Node adapter by default. */
  folderFiles?: FolderFiles;
  /** The save dialog and write of "Save body" (Electron's `dialog`); absent where the host has none (start:web). */
  saveFile?: FileSaver;
}

export interface AppServices {
  router: Router;
  context: ServiceContext;
  /** The boot hint for the page about to load (`src-shared/boot-hint.ts`): a query string, possibly empty. */
  bootHint(): Promise<string>;
  /** Clears a copied key from the clipboard, aborts requests in flight and closes the HTTP port's connections. Call on quit. */
  dispose(): Promise<void>;
}

/**
 * Settings › Open logs folder: opens the folder where the host can (Electron), and where it cannot (start:web, a
 * browser page) answers where the folder is.
 */
function logsFolderHandler(
  folder: string | null,
  openFolder: FolderOpener | null,
  log: (message: string) => void,
): () => Promise<Result<LogsFolderAnswer>> {
  return async () => {
    if (!folder) return fail({ kind: 'unavailable', message: 'This app keeps no log file.' });
    if (!openFolder) {
      return ok({ folder, opened: false, message: `The browser preview cannot open folders on your computer. The logs are in ${folder}` });
    }
    const problem = await openFolder(folder);
    if (problem) {
      log(`[main] the logs folder could not be opened: ${problem}`);
      return fail({ kind: 'unavailable', message: `Your system did not open the logs folder. You can find it at ${folder}` });
    }
    return ok({ folder, opened: true, message: 'The logs folder is open in your file manager.' });
  };
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const log = options.log ?? (() => {});
  const clock = options.clock ?? systemClock;
  const session = new AccountSession({
    store: new AccountStore(options.kv),
    vault: new CredentialVault(options.secretStore),
    clock,
    localEmulatorUrl: options.localEmulatorUrl,
    log,
  });
  const http = options.http ?? createNodeHttp();
  const notifier = options.notifier ?? noSystemNotifier;
  const context: ServiceContext = { session, kv: options.kv, clock, clipboard: options.clipboard, http, notifier, log };
  const accounts = createAccountHandlers(context, {
    notices: options.notices ?? [],
    secretStorageMessage: options.secretStorageMessage ?? null,
    logsFolder: options.logsFolder ?? null,
    localEmulator: options.localEmulator ?? null,
  });
  const demoData = createDemoDataHandlers(context, options.localEmulator ?? null, accounts.getState);
  const lifecycle = createKeyLifecycleHandlers(context);
  const tester = createTesterHandlers(context, { saveFile: options.saveFile ?? null });
  const tabs = createTabsHandlers(context);
  const curl = createCurlHandlers(context);
  const collections = createCollectionsHandlers(context, {
    defaultFolder: options.collectionsFolder ?? null,
    files: options.folderFiles ?? createNodeFolderFiles(),
    pickFolder: options.pickFolder ?? null,
  });
  // An account's history, bodies and tabs go with it: the session tells, the tester forgets (accounts never import the tester).
  session.onSignedOut((accountId) => {
    tester.forgetAccount(accountId);
    tabs.forgetAccount(accountId);
  });
  const openLogsFolder = logsFolderHandler(options.logsFolder ?? null, options.openFolder ?? null, log);
  const handlers: ApiHandlers = {
    getState: accounts.getState,
    signInWithPassword: accounts.signInWithPassword,
    signInWithApiKey: accounts.signInWithApiKey,
    switchAccount: accounts.switchAccount,
    signOut: accounts.signOut,
    refreshProfile: accounts.refreshProfile,
    updateSettings: accounts.updateSettings,
    getApiKeyStatus: lifecycle.getApiKeyStatus,
    revealApiKey: lifecycle.revealApiKey,
    copyApiKey: lifecycle.copyApiKey,
    requestNewKey: lifecycle.requestNewKey,
    confirmNewKey: lifecycle.confirmNewKey,
    sendRequest: tester.sendRequest,
    cancelRequest: tester.cancelRequest,
    listEndpoints: tester.listEndpoints,
    saveResponseBody: tester.saveResponseBody,
    loadTabs: tabs.loadTabs,
    saveTabs: tabs.saveTabs,
    listHistory: tester.listHistory,
    clearHistory: tester.clearHistory,
    openLogsFolder,
    resetDemoData: demoData.resetDemoData,
    importCurl: curl.importCurl,
    listCollections: collections.listCollections,
    saveToCollection: collections.saveToCollection,
    removeFromCollection: collections.removeFromCollection,
    addCollectionFolder: collections.addCollectionFolder,
    forgetCollectionFolder: collections.forgetCollectionFolder,
    saveCollectionVariables: collections.saveCollectionVariables,
    importIntoCollection: collections.importIntoCollection,
  };
  return {
    router: createRouter(handlers, log),
    context,
    bootHint: async () => {
      const state = await accounts.getState({});
      return state.ok ? bootHint(state.value) : '';
    },
    dispose: async () => {
      await lifecycle.dispose();
      tester.dispose();
      collections.dispose();
      await http.close();
    },
  };
}

export interface BootstrapOptions {
  /** Keychain service name; development and packaged builds use different ones. */
  keychainService: string;
  /** The settings store (electron-store in the app, conf in start:web), already opened. */
  kv: KeyValueStore;
  /** Notices from opening the settings store (a damaged file moved aside). */
  kvNotices: string[];
  clipboard: ClipboardPort;
  /** The HTTP port; the Node adapter when not given. */
  http?: HttpPort;
  /** System notifications; none when not given. */
  notifier?: NotifierPort;
  localEmulatorUrl: string | null;
  /** See {@link AppServicesOptions.localEmulator}. */
  localEmulator?: LocalEmulatorControls | null;
  log?: (message: string) => void;
  /** See {@link AppServicesOptions.logsFolder}. */
  logsFolder?: string | null;
  /** See {@link AppServicesOptions.openFolder}. */
  openFolder?: FolderOpener;
  /** See {@link AppServicesOptions.collectionsFolder}. */
  collectionsFolder?: string | null;
  /** See {@link AppServicesOptions.pickFolder}. */
  pickFolder?: FolderPicker;
  /** See {@link AppServicesOptions.saveFile}. */
  saveFile?: FileSaver;
  /** Force the in-memory secret store (used by tests of the no-keychain path). */
  disableKeychain?: boolean;
}

export async function bootstrapServices(options: BootstrapOptions): Promise<AppServices> {
  const secrets = await openSecretStore(options.keychainService, { disabled: options.disableKeychain ?? false });
  return createAppServices({
    secretStore: secrets.store,
    kv: options.kv,
    clipboard: options.clipboard,
    http: options.http,
    notifier: options.notifier,
    localEmulatorUrl: options.localEmulatorUrl,
    localEmulator: options.localEmulator,
    notices: options.kvNotices,
    secretStorageMessage: secrets.message,
    log: options.log,
    logsFolder: options.logsFolder,
    openFolder: options.openFolder,
    collectionsFolder: options.collectionsFolder,
    pickFolder: options.pickFolder,
    saveFile: options.saveFile,
  });
}
