/**
 * The Electron main process: lifecycle and wiring only. One instance; every web contents hardened; the built
 * renderer served from `app://deepcurrent/` (`shell/app-protocol.ts`, never `file://`); the session's CSP header,
 * deny-all permissions; the services built by `bootstrapServices` (keychain, settings, clipboard); the IPC
 * handlers; the window. In development (`!app.isPackaged`) the DeepCurrent emulator starts in-process on a
 * free loopback port and is the default environment; packaged builds default to Production.
 *
 * Build flags (set by `electron.vite.config.ts`, never declared elsewhere):
 * - `__INCLUDE_EMULATOR__`: false for `electron-vite build --mode package` (what the installers use): no emulator
 *   entry is built and the code that loads it is dead; true for `electron-vite dev` and a plain build (`npm start`),
 *   which build `out/main/local-emulator.js` beside this file. Even then the emulator only starts when the app is
 *   not packaged, with its state in the app's data folder (`local-emulator.json`).
 * - `__DEV_INLINE_SCRIPT_HASHES__`: the CSP hashes of the dev server's inline React Refresh preamble (dev only).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, protocol, session } from 'electron';
import { bootstrapServices, type AppServices } from './app';
import { createAppLog, logsFolderIn } from './platform/log-file';
import { openSettingsFile } from './platform/settings-file';
import type { LocalEmulator, StartLocalEmulator } from './platform/ports';
import type { OpenScreenEvent } from '../src-shared/ipc-contract';
import { installAppMenu } from './shell/app-menu';
import { APP_INDEX_URL, APP_ORIGIN, handleAppProtocol, registerAppScheme } from './shell/app-protocol';
import { createElectronClipboard } from './shell/electron-clipboard';
import { openElectronLogFile } from './shell/electron-log-file';
import { createElectronFolderOpener } from './shell/open-folder';
import { createElectronFolderPicker } from './shell/pick-folder';
import { createElectronFileSaver } from './shell/save-file';
import { apiSession, createElectronHttp } from './shell/electron-http';
import { registerIpcHandlers } from './shell/electron-ipc';
import { sendAppEvent } from './shell/app-events';
import { createElectronNotifier } from './shell/electron-notifier';
import { createMainWindow, hardenWebContents } from './shell/window';
import {
  buildContentSecurityPolicy,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  type AppUrls,
} from './shell/security';

declare const __INCLUDE_EMULATOR__: boolean;
declare const __DEV_INLINE_SCRIPT_HASHES__: string[];

// Tests and side-by-side development runs may keep their settings apart; never honoured by a packaged build. Set
// before anything reads the data folder (the log file is in it).
if (!app.isPackaged && process.env.DEEPCURRENT_USER_DATA_DIR) app.setPath('userData', process.env.DEEPCURRENT_USER_DATA_DIR);

/** `<userData>/logs`: the log file's folder, also Electron's logs path (Help › Open Logs Folder, Settings). */
const logsFolder = logsFolderIn(app.getPath('userData'));
app.setAppLogsPath(logsFolder);
/** The main process's log: secrets scrubbed, then `main.log` (rotated) and the console. */
const log = createAppLog(openElectronLogFile({ folder: logsFolder }), (line) => console.log(line));
const openFolder = createElectronFolderOpener();

/** Help › Open Logs Folder: the OS file manager on the log file's folder. */
function openLogsFolder(): void {
  void openFolder(logsFolder).then((problem) => {
    if (problem) log(`[main] the logs folder could not be opened: ${problem}`);
  });
}

let services: AppServices | null = null;
let closeEmulator: (() => Promise<void>) | null = null;
let mainWindow: BrowserWindow | null = null;
let disposed = false;
/** Opens the window again when there is none (set once the app has started). */
let reopenWindow: (() => void) | null = null;

/** The Local environment's emulator, in development builds only (see `LocalEmulator` in platform/ports.ts). */
async function startLocalEmulator(): Promise<LocalEmulator | null> {
  if (!__INCLUDE_EMULATOR__ || app.isPackaged) return null;
  try {
    const entry = pathToFileURL(join(__dirname, 'local-emulator.js')).href;
    const { startLocalEmulator: start } = (await import(/* @vite-ignore */ entry)) as { startLocalEmulator: StartLocalEmulator };
    const emulator = await start({ stateFile: join(app.getPath('userData'), 'local-emulator.json'), log });
    closeEmulator = emulator.close;
    return emulator;
  } catch (err) {
    log(`[main] the local emulator could not start: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/**
 * A click on a system notification: bring the window forward and ask its page to open the screen. With no window
 * (macOS keeps the app running without one), the click only opens the window, on its first screen.
 */
function openScreenFromNotification(event: OpenScreenEvent): void {
  if (!mainWindow) {
    reopenWindow?.();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  sendAppEvent(mainWindow.webContents, 'openScreen', event);
}

/** The policy of the app's pages: the app origin in a packaged or built run, the dev server in development. */
function appCsp(appUrls: AppUrls): string {
  return buildContentSecurityPolicy({
    appOrigin: appUrls.appIndexUrl ? APP_ORIGIN : null,
    devServerUrl: appUrls.devServerUrl,
    inlineScriptHashes: appUrls.devServerUrl ? __DEV_INLINE_SCRIPT_HASHES__ : [],
  });
}

/**
 * The default session (the window's): the built renderer on the app protocol (its answers carry the CSP, the page's
 * with its own style nonce), the same CSP over any header of another app page that passes through webRequest (the
 * dev server's), deny-all permissions.
 */
function applySessionPolicy(appUrls: AppUrls, rendererDir: string): void {
  const csp = appCsp(appUrls);
  const ses = session.defaultSession;
  // The app protocol puts its own policy on its answers: the page's carries a fresh style nonce each time.
  if (appUrls.appIndexUrl) handleAppProtocol(ses.protocol, rendererDir, { log });
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, appUrls) || details.url.startsWith(`${APP_ORIGIN}/`)) return callback({});
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
}

function showWindow(appUrls: AppUrls, bootHint: string): void {
  mainWindow = createMainWindow({
    preloadPath: join(__dirname, '../preload/index.cjs'),
    rendererUrl: appUrls.devServerUrl ?? APP_INDEX_URL,
    bootHint,
    devTools: !app.isPackaged,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
  const rendererDir = join(__dirname, '../renderer');
  const appUrls: AppUrls = { appIndexUrl: devServerUrl ? null : APP_INDEX_URL, devServerUrl };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrls, log, { devTools: !app.isPackaged }));
  installAppMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: 'DeepCurrent',
    onOpenLogs: openLogsFolder,
    onAbout: () => app.showAboutPanel(),
  });
  applySessionPolicy(appUrls, rendererDir);

  const localEmulator = await startLocalEmulator();
  const settings = await openSettingsFile({ dir: app.getPath('userData'), flavour: 'electron-store' });
  services = await bootstrapServices({
    keychainService: app.isPackaged ? 'DeepCurrent Desktop' : 'DeepCurrent Desktop (development)',
    kv: settings.kv,
    kvNotices: settings.notices,
    clipboard: createElectronClipboard({ log }),
    // Chromium's network stack on a dedicated in-memory session: the system proxy (PAC included) and the OS
    // certificate store, no cookie jar, no cache.
    http: createElectronHttp({ session: apiSession(session) }),
    notifier: createElectronNotifier({ onOpen: openScreenFromNotification, log }),
    localEmulatorUrl: localEmulator?.url ?? null,
    localEmulator,
    log,
    logsFolder,
    openFolder,
    collectionsFolder: join(app.getPath('userData'), 'collections'),
    pickFolder: createElectronFolderPicker(log),
    saveFile: createElectronFileSaver(),
  });
  registerIpcHandlers(services.router, appUrls, log);
  showWindow(appUrls, await services.bootHint());

  reopenWindow = () => {
    if (BrowserWindow.getAllWindows().length !== 0 || !services) return;
    void services.bootHint().then((hint) => {
      if (BrowserWindow.getAllWindows().length === 0) showWindow(appUrls, hint);
    });
  };
  app.on('activate', () => reopenWindow?.());
}

async function shutdown(): Promise<void> {
  try {
    await services?.dispose();
  } catch {
    log('[main] services did not stop cleanly');
  }
  try {
    await closeEmulator?.();
  } catch {
    log('[main] the emulator did not stop cleanly');
  }
}

// Before `ready`, as Electron requires: the scheme the built renderer is served from (standard and secure).
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void shutdown().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`[main] startup failed: ${err instanceof Error ? err.message : String(err)}`);
      app.quit();
    });
}
