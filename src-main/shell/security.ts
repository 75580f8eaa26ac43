/**
 * The window's security rules as pure functions: the Content Security Policy, which URLs belong to the app, the
 * locked-down `webPreferences`, and the deny-all permission handlers. The Electron
 * shell (`window.ts`, `electron-ipc.ts`, `index.ts`) and the start:web bridge apply them; unit tests check them
 * under plain Node. Imports no `electron` at run time.
 */
import type { WebPreferences } from 'electron';

/**
 * The app's own pages: the built renderer's `index.html` on the app protocol (`app://deepcurrent/index.html`, see
 * `app-protocol.ts`), and the dev server in development. No `file:` URL is ever one of them.
 */
export interface AppUrls {
  /** `app://deepcurrent/index.html`, or null when the renderer is served by the dev server. */
  appIndexUrl: string | null;
  /** `http://localhost:5173/` in `electron-vite dev` (never in a packaged build), else null. */
  devServerUrl: string | null;
}

/** Options of the CSP: the production policy unless a dev server is given. */
export interface CspOptions {
  /**
   * The origin the packaged renderer is served from (`app://deepcurrent`), named beside `'self'` wherever `'self'`
   * is allowed, so the policy says which origin it trusts. Never a `file:` URL.
   */
  appOrigin?: string | null;
  /** Development only: the vite dev server, allowed for scripts, styles and its HMR WebSocket. */
  devServerUrl?: string | null;
  /** Development only: `sha256-…` hashes of inline scripts the dev server injects (React Refresh's preamble). */
  inlineScriptHashes?: readonly string[];
  /**
   * The page's style nonce (a fresh one per answer, {@link newStyleNonce}): allows the `<style>` elements that carry
   * it, which the request workbench's code editor (CodeMirror) creates at run time. Not used with a dev server,
   * whose policy allows inline styles anyway (a nonce would switch that off).
   */
  styleNonce?: string | null;
}

/**
 * Where the renderer's `index.html` names its style nonce (in the CSP meta tag and in `<meta property="csp-nonce">`,
 * which the renderer reads): every server of the page replaces it with a fresh nonce per answer
 * ({@link withStyleNonce}).
 */
export const STYLE_NONCE_PLACEHOLDER = 'DEEPCURRENT_STYLE_NONCE';

/** A fresh style nonce: 128 random bits, base64url. */
export function newStyleNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The page with its style nonce placeholder replaced by `nonce` (which must come from {@link newStyleNonce}). */
export function withStyleNonce(html: string, nonce: string): string {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(nonce)) throw new Error('Not a style nonce.');
  return html.split(STYLE_NONCE_PLACEHOLDER).join(nonce);
}

const PRODUCTION_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'none'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  ['img-src', ["'self'", 'data:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['object-src', ["'none'"]],
];

/**
 * The Content Security Policy of every app page. Production: nothing but the app's own scripts, styles, images
 * (and `data:` images), fonts and same-origin requests; no inline scripts, no `eval`, no frames, no plugins. With
 * `appOrigin` (the Electron app), that origin is listed beside `'self'`; the policy never names `file:`.
 * Development adds the dev server origin, its `ws:` HMR socket, the hashes of its inline preamble, and inline
 * styles (vite injects CSS as `<style>` in dev); it never adds `unsafe-eval` or `unsafe-inline` for scripts.
 * Outside development, `styleNonce` adds that nonce to `style-src` (never `unsafe-inline`).
 */
export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const appOrigin = options.appOrigin ?? null;
  // A scheme and a host, nothing else; `file:` never (under `file:` every file on the disk is one origin).
  if (appOrigin !== null && (!/^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+$/.test(appOrigin) || appOrigin.startsWith('file:'))) {
    throw new Error(`The app origin must be a scheme and a host: ${appOrigin}`);
  }
  const nonce = !dev && options.styleNonce ? options.styleNonce : null;
  if (nonce !== null && !/^[A-Za-z0-9_-]{16,}$/.test(nonce)) throw new Error('Not a style nonce.');
  const production = PRODUCTION_DIRECTIVES.map(([name, base]) => {
    const sources = name === 'style-src' && nonce ? [...base, `'nonce-${nonce}'`] : base;
    return [name, appOrigin ? sources.flatMap((s) => (s === "'self'" ? [s, appOrigin] : [s])) : sources] as const;
  });
  const directives = production.map(([name, sources]) => {
    if (!dev) return [name, sources] as const;
    const origin = dev.origin;
    const ws = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
    switch (name) {
      case 'script-src':
        return [name, [...sources, origin, ...(options.inlineScriptHashes ?? []).map((h) => `'${h}'`)]] as const;
      case 'style-src':
        return [name, [...sources, origin, "'unsafe-inline'"]] as const;
      case 'img-src':
      case 'font-src':
        return [name, [...sources, origin]] as const;
      case 'connect-src':
        return [name, [...sources, origin, ws]] as const;
      default:
        return [name, sources] as const;
    }
  });
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Response headers of every app page: the app protocol's answers, the dev server via Electron, and start:web. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True when `url` is one of the app's own pages: the built `index.html` on the app protocol (same scheme, host and
 * path, any query or hash) or, in development, a page of the dev server (same origin). Any other path, host, port,
 * user name or scheme is foreign, and so is every `file:` URL. The one answer for every use: an IPC sender frame's
 * URL (the IPC layer also checks the frame and window), a navigation or redirect of an app window, and the pages
 * that get the app's security headers.
 */
export function isAppUrl(url: unknown, appUrls: AppUrls): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (appUrls.appIndexUrl) {
    const index = new URL(appUrls.appIndexUrl);
    if (parsed.protocol === index.protocol) {
      // Compared part by part: WHATWG URL gives a custom scheme the origin "null".
      return (
        parsed.host === index.host &&
        parsed.username === '' &&
        parsed.password === '' &&
        parsed.pathname === index.pathname
      );
    }
  }
  if (appUrls.devServerUrl && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    return parsed.origin === new URL(appUrls.devServerUrl).origin;
  }
  return false;
}

/**
 * The `webPreferences` of every app window: context isolation, the sandbox, no Node anywhere, web security on, no
 * insecure content, no experimental or Blink features, no `<webview>`, no spellchecker (it would send typed text,
 * passwords included, to a dictionary service).
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** `session.setPermissionRequestHandler`: every permission request (camera, notifications, …) is refused. */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** `session.setPermissionCheckHandler`: every permission check answers "not granted". */
export function denyPermissionCheck(): boolean {
  return false;
}
