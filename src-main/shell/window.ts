/**
 * The app's one secure window and the hardening every web contents gets: locked-down `webPreferences` (see
 * `security.ts`), navigation and redirects only to the app's own pages, `window.open` always denied (the app opens
 * no link in the OS browser), `<webview>` refused, DevTools only in development (off in the window's preferences,
 * and closed at once if they open anyway). Shown when ready, on a background that follows the Theme setting (or the
 * OS light/dark setting) so there is no white flash.
 */
import { BrowserWindow, nativeTheme, type WebContents } from 'electron';
import { isAppUrl, secureWebPreferences, type AppUrls } from './security';

/** How the main window is made. */
export interface MainWindowOptions {
  /** The built CommonJS preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /**
   * The page to load: the built renderer on the app protocol (`app://deepcurrent/index.html`, see
   * `app-protocol.ts`), or the dev server in development. Never a `file:` URL.
   */
  rendererUrl: string;
  /**
   * The boot hint (`src-shared/boot-hint.ts`), a query string, set as the page URL's query: lets the page show the
   * prerendered sign-in form and the chosen theme at its first paint. Holds nothing private.
   */
  bootHint?: string;
  /** Development only (`!app.isPackaged`): allow DevTools in this window. Off when not given. */
  devTools?: boolean;
}

/** How web contents are hardened beyond navigation. */
export interface HardeningOptions {
  /** Development only (`!app.isPackaged`): leave DevTools open when they open. Off when not given. */
  devTools?: boolean;
}

const appWindowContents = new WeakSet<WebContents>();

/** True for the web contents of a window this module created (the IPC layer trusts no other sender). */
export function isAppWindowContents(contents: WebContents): boolean {
  return appWindowContents.has(contents);
}

/**
 * Applies the navigation rules to any web contents (called from `app.on('web-contents-created')`, so no window,
 * frame or future view escapes them). `window.open` and target=_blank links open nothing, not even in the OS
 * browser: a link the app may open one day goes through `external-links.ts`, after the user has seen it.
 */
export function hardenWebContents(
  contents: WebContents,
  appUrls: AppUrls,
  log: (message: string) => void,
  options: HardeningOptions = {},
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrls)) {
      event.preventDefault();
      log('[window] navigation away from the app was blocked');
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrls)) {
      event.preventDefault();
      log('[window] redirect away from the app was blocked');
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[window] a <webview> was refused');
  });
  if (options.devTools !== true) {
    // `devTools: false` in the window's preferences already refuses them; this also covers any other web contents.
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      log('[window] DevTools were closed: they are not available in this build');
    });
  }
  contents.setWindowOpenHandler(() => {
    log('[window] a new window was refused');
    return { action: 'deny' };
  });
}

/** The window's background before the first paint: the Theme setting when it overrides the OS (from the hint). */
function darkBackground(bootHint: string | undefined): boolean {
  const theme = new URLSearchParams(bootHint ?? '').get('theme');
  return theme === 'dark' || (theme !== 'light' && nativeTheme.shouldUseDarkColors);
}

/**
 * Creates the main window, hidden until its first paint is ready, and loads the renderer with the boot hint as the
 * page URL's query. Refuses a `file:` URL before any window exists (under `file:` every file on the disk would
 * share the page's origin).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const url = new URL(options.rendererUrl);
  if (url.protocol === 'file:') throw new Error('The renderer is served from the app protocol, never from file:.');
  url.search = options.bootHint ?? '';
  const window = new BrowserWindow({
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'DeepCurrent',
    backgroundColor: darkBackground(options.bootHint) ? '#101418' : '#ffffff',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(options.preloadPath), devTools: options.devTools === true },
  });
  appWindowContents.add(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url.href);
  return window;
}
