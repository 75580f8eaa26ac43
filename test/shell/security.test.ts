import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  newStyleNonce,
  secureWebPreferences,
  securityHeaders,
  STYLE_NONCE_PLACEHOLDER,
  withStyleNonce,
  type AppUrls,
} from '../../src-main/shell/security';

const PACKAGED: AppUrls = { appIndexUrl: 'app://deepcurrent/index.html', devServerUrl: null };
const DEV: AppUrls = { appIndexUrl: null, devServerUrl: 'http://localhost:5173/' };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('content security policy', () => {
  it('is exactly the strict production policy by default', () => {
    expect(buildContentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it('never allows eval or inline scripts, even for the dev server', () => {
    for (const csp of [
      buildContentSecurityPolicy(),
      buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173/', inlineScriptHashes: ['sha256-abc='] }),
    ]) {
      const scripts = directives(csp).get('script-src')!;
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts.some((s) => s.startsWith('http') && !s.startsWith('http://localhost:5173'))).toBe(false);
    }
  });

  it('allows the dev server origin, its HMR socket and its inline preamble by hash only in development', () => {
    const dev = directives(buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173/', inlineScriptHashes: ['sha256-abc='] }));
    expect(dev.get('script-src')).toEqual(["'self'", 'http://localhost:5173', "'sha256-abc='"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('default-src')).toEqual(["'none'"]);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    const prod = directives(buildContentSecurityPolicy());
    expect(prod.get('connect-src')).toEqual(["'self'"]);
  });

  it('names the app origin beside every self, and never file: (review part 8, finding 3)', () => {
    const app = directives(buildContentSecurityPolicy({ appOrigin: 'app://deepcurrent' }));
    for (const name of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src']) {
      expect(app.get(name)!.slice(0, 2), name).toEqual(["'self'", 'app://deepcurrent']);
    }
    expect(app.get('default-src')).toEqual(["'none'"]);
    expect(app.get('object-src')).toEqual(["'none'"]);
    expect([...app.values()].flat().filter((source) => /^file:|^\*$|^'unsafe-/.test(source))).toEqual([]);
    expect(() => buildContentSecurityPolicy({ appOrigin: 'file://' })).toThrow();
    expect(() => buildContentSecurityPolicy({ appOrigin: 'file://host' })).toThrow();
    expect(() => buildContentSecurityPolicy({ appOrigin: "app://deepcurrent 'unsafe-eval'" })).toThrow();
  });

  it('allows the code editor’s run-time <style> elements by the page’s nonce only, never by unsafe-inline', () => {
    const nonce = newStyleNonce();
    const app = directives(buildContentSecurityPolicy({ appOrigin: 'app://deepcurrent', styleNonce: nonce }));
    expect(app.get('style-src')).toEqual(["'self'", 'app://deepcurrent', `'nonce-${nonce}'`]);
    expect(app.get('script-src')).toEqual(["'self'", 'app://deepcurrent']);
    expect([...app.values()].flat().filter((source) => source.startsWith("'unsafe-"))).toEqual([]);
    // The dev server's policy allows inline styles already; a nonce there would switch that off for vite's own.
    const dev = directives(buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173/', styleNonce: nonce }));
    expect(dev.get('style-src')).toEqual(["'self'", 'http://localhost:5173', "'unsafe-inline'"]);
    expect(() => buildContentSecurityPolicy({ styleNonce: "x' 'unsafe-inline" })).toThrow();
  });

  it('makes a fresh, unguessable style nonce for every answer and puts it into the page', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newStyleNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [nonce] = nonces;
    const page = `<meta content="style-src 'self' 'nonce-${STYLE_NONCE_PLACEHOLDER}'"><meta property="csp-nonce" nonce="${STYLE_NONCE_PLACEHOLDER}">`;
    expect(withStyleNonce(page, nonce!)).toBe(`<meta content="style-src 'self' 'nonce-${nonce}'"><meta property="csp-nonce" nonce="${nonce}">`);
    expect(() => withStyleNonce(page, '"><script>')).toThrow();
  });

  it('travels with nosniff, no referrer and no caching in the served headers', () => {
    const headers = securityHeaders('default-src x');
    expect(headers['Content-Security-Policy']).toBe('default-src x');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Cache-Control']).toBe('no-store');
  });
});

describe('app pages, navigation and IPC senders', () => {
  it("accepts the built index.html on the app protocol, with any hash or query, as the app's own page", () => {
    expect(isAppUrl('app://deepcurrent/index.html', PACKAGED)).toBe(true);
    expect(isAppUrl('app://deepcurrent/index.html#/account', PACKAGED)).toBe(true);
    expect(isAppUrl('app://deepcurrent/index.html?signin=*production&theme=dark', PACKAGED)).toBe(true);
  });

  it('refuses every file: URL, the built index.html included (review part 8, finding 3)', () => {
    for (const url of [
      'file:///opt/DeepCurrent/resources/app.asar/out/renderer/index.html',
      'file:///opt/DeepCurrent/resources/app.asar/out/renderer/other.html',
      'file:///tmp/index.html',
      'file://evil-host/opt/DeepCurrent/resources/app.asar/out/renderer/index.html',
    ]) {
      expect(isAppUrl(url, PACKAGED), url).toBe(false);
    }
  });

  it('refuses any other page, host, port or user on the app protocol', () => {
    for (const url of [
      'app://deepcurrent/',
      'app://deepcurrent/other.html',
      'app://deepcurrent/assets/index.js',
      'app://deepcurrent/index.html/../../etc/passwd',
      'app://evil/index.html',
      'app://deepcurrent.evil/index.html',
      'app://deepcurrent:8080/index.html',
      'app://user@deepcurrent/index.html',
      'app:///index.html',
      'apps://deepcurrent/index.html',
    ]) {
      expect(isAppUrl(url, PACKAGED), url).toBe(false);
    }
  });

  it('refuses the app protocol in development, where the dev server is the page', () => {
    expect(isAppUrl('app://deepcurrent/index.html', DEV)).toBe(false);
  });

  it('refuses remote pages, about:blank and other schemes in a packaged build', () => {
    for (const url of ['https://evil.example/', 'http://localhost:5173/', 'about:blank', 'data:text/html,x', 'devtools://devtools', '', null]) {
      expect(isAppUrl(url, PACKAGED), String(url)).toBe(false);
    }
  });

  it('accepts the dev server only on its exact origin', () => {
    expect(isAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html#x', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl('ws://localhost:5173/', DEV)).toBe(false);
  });
});

describe('window preferences and permissions', () => {
  it('locks the window down: isolation, sandbox, no node, web security, no insecure or experimental content', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.preload).toMatch(/\.cjs$/);
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      denyPermissionRequest({}, permission, (value) => {
        granted = value;
      });
      expect(granted).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});
