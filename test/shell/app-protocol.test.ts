/**
 * The app protocol (review part 8, finding 3): the packaged renderer is served from `app://deepcurrent/`, only from
 * its folder. `resolveAppRequest` decides every answer and runs here under Node against a real folder on disk (with
 * real symlinks); the Electron binding is driven with a stand-in for Electron's `protocol` and real `Request` and
 * `Response` objects. What these tests cannot show is Electron itself serving the scheme (see the skipped Electron
 * smoke test, test/e2e/electron-smoke.spec.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerBody,
  APP_INDEX_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  handleAppProtocol,
  registerAppScheme,
  resolveAppRequest,
  type AppAnswer,
} from '../../src-main/shell/app-protocol';
import { buildContentSecurityPolicy } from '../../src-main/shell/security';

let base: string;
let renderer: string;
let outside: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'dc-app-protocol-')));
  renderer = join(base, 'renderer');
  outside = join(base, 'outside');
  mkdirSync(join(renderer, 'assets', 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><meta property="csp-nonce" nonce="DEEPCURRENT_STYLE_NONCE"><title>DeepCurrent</title>');
  writeFileSync(join(renderer, 'boot.js'), '/* boot */');
  writeFileSync(join(renderer, '.env'), 'SECRET=1');
  writeFileSync(join(renderer, 'assets', 'index-Ab_1-x.js'), 'export {};');
  writeFileSync(join(renderer, 'assets', 'index-Cd2.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'inter.woff2'), 'wOF2');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(renderer, 'assets', 'blob.bin'), 'x');
  writeFileSync(join(outside, 'secret.txt'), 'not for the page');
  writeFileSync(join(base, 'package.json'), '{}');
  // A link inside the folder to a file inside it is followed; links that lead out are refused.
  symlinkSync(join(renderer, 'boot.js'), join(renderer, 'assets', 'boot-link.js'));
  symlinkSync(join(outside, 'secret.txt'), join(renderer, 'escape.js'));
  symlinkSync(outside, join(renderer, 'linked-dir'));
  // The renderer folder itself reached through a link (as an install path may be).
  symlinkSync(renderer, join(base, 'renderer-link'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const resolve = (url: string, method?: string) => resolveAppRequest(url, renderer, method ? { method } : {});

function cspDirectives(answer: AppAnswer): Map<string, string[]> {
  const csp = answer.headers['Content-Security-Policy'] ?? '';
  return new Map(
    csp.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('files the app protocol serves', () => {
  it.each([
    [APP_INDEX_URL, 'index.html', 'text/html; charset=utf-8'],
    [`${APP_INDEX_URL}?signin=*production&theme=dark#/account`, 'index.html', 'text/html; charset=utf-8'],
    [`${APP_ORIGIN}/`, 'index.html', 'text/html; charset=utf-8'],
    [`${APP_ORIGIN}/boot.js`, 'boot.js', 'text/javascript; charset=utf-8'],
    [`${APP_ORIGIN}/assets/index-Ab_1-x.js`, 'assets/index-Ab_1-x.js', 'text/javascript; charset=utf-8'],
    [`${APP_ORIGIN}/assets/index-Cd2.css`, 'assets/index-Cd2.css', 'text/css; charset=utf-8'],
    [`${APP_ORIGIN}/assets/inter.woff2`, 'assets/inter.woff2', 'font/woff2'],
    [`${APP_ORIGIN}/assets/logo.svg`, 'assets/logo.svg', 'image/svg+xml'],
    [`${APP_ORIGIN}/assets/blob.bin`, 'assets/blob.bin', 'application/octet-stream'],
    [`${APP_ORIGIN}/assets/boot-link.js`, 'boot.js', 'text/javascript; charset=utf-8'],
  ])('%s is %s as %s', async (url, file, type) => {
    const answer = await resolve(url);
    expect(answer.status).toBe(200);
    expect(answer.path).toBe(join(renderer, file));
    expect(answer.headers['Content-Type']).toBe(type);
    expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves from a renderer folder reached through a symlink', async () => {
    const answer = await resolveAppRequest(APP_INDEX_URL, join(base, 'renderer-link'));
    expect(answer.status).toBe(200);
    expect(answer.path).toBe(join(renderer, 'index.html'));
  });

  it('answers HEAD like GET and refuses every other method', async () => {
    expect((await resolve(APP_INDEX_URL, 'HEAD')).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const answer = await resolve(APP_INDEX_URL, method);
      expect(answer.status, method).toBe(405);
      expect(answer.path).toBeUndefined();
      expect(answer.headers.Allow).toBe('GET, HEAD');
    }
  });
});

describe('what the app protocol refuses', () => {
  it.each([
    ['an encoded slash after ..', `${APP_ORIGIN}/..%2f..%2fpackage.json`],
    ['an encoded slash even between plain names (a path must not change shape when decoded)', `${APP_ORIGIN}/assets%2findex-Ab_1-x.js`],
    ['an encoded slash, upper case', `${APP_ORIGIN}/..%2F..%2Fpackage.json`],
    ['encoded dots and slash', `${APP_ORIGIN}/%2e%2e%2fpackage.json`],
    ['double-encoded dots and slash', `${APP_ORIGIN}/%252e%252e%252fpackage.json`],
    ['a backslash', `${APP_ORIGIN}/..\\package.json`],
    ['encoded backslashes', `${APP_ORIGIN}/assets%5c..%5c..%5cpackage.json`],
    ['an absolute path after a double slash', `${APP_ORIGIN}//etc/passwd`],
    ['an encoded absolute path', `${APP_ORIGIN}/%2Fetc%2Fpasswd`],
    ['a Windows drive', `${APP_ORIGIN}/C:/Windows/win.ini`],
    ['a Windows drive with encoded backslashes', `${APP_ORIGIN}/C:%5CWindows%5Cwin.ini`],
    ['a NUL byte', `${APP_ORIGIN}/index.html%00.js`],
    ['a dot file, even one in the folder', `${APP_ORIGIN}/.env`],
    ['a malformed escape', `${APP_ORIGIN}/%E0%A4%A`],
    ['a folder with a trailing slash (an empty segment)', `${APP_ORIGIN}/assets/sub/`],
  ])('refuses %s (403)', async (_label, url) => {
    const answer = await resolve(url);
    expect(answer.status).toBe(403);
    expect(answer.path).toBeUndefined();
  });

  it.each([
    ['.. resolved by the URL parser', `${APP_ORIGIN}/../package.json`],
    ['encoded .. resolved by the URL parser', `${APP_ORIGIN}/%2e%2e/%2e%2e/package.json`],
    ['an absolute path of the disk', () => `${APP_ORIGIN}${join(outside, 'secret.txt')}`],
    ['a symlink to a file outside the folder', `${APP_ORIGIN}/escape.js`],
    ['a file below a symlinked folder outside', `${APP_ORIGIN}/linked-dir/secret.txt`],
    ['a folder', `${APP_ORIGIN}/assets`],
    ['a missing file', `${APP_ORIGIN}/missing.js`],
  ])('answers %s with 404, never a file outside the folder', async (_label, url) => {
    const answer = await resolve(typeof url === 'function' ? url() : url);
    expect(answer.status).toBe(404);
    expect(answer.path).toBeUndefined();
  });

  it.each([
    'app://evil/index.html',
    'app://deepcurrent.evil/index.html',
    'app://evil.deepcurrent/index.html',
    'app://deepcurrent:8080/index.html',
    'app://user:pw@deepcurrent/index.html',
    'app://user@deepcurrent/index.html',
    'app:///index.html',
    'app://127.0.0.1/index.html',
    'https://deepcurrent/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s: one scheme, one host, no port, no credentials (403)', async (url) => {
    const answer = await resolve(url);
    expect(answer.status).toBe(403);
    expect(answer.path).toBeUndefined();
  });
});

describe('the headers of every answer', () => {
  it('carry a CSP that names the app origin and never allows file:', async () => {
    const answer = await resolve(APP_INDEX_URL);
    expect(answer.headers['Content-Security-Policy']).toBe(buildContentSecurityPolicy({ appOrigin: APP_ORIGIN, styleNonce: answer.styleNonce }));
    expect((await resolve(`${APP_ORIGIN}/boot.js`)).headers['Content-Security-Policy']).toBe(buildContentSecurityPolicy({ appOrigin: APP_ORIGIN }));
    const csp = cspDirectives(answer);
    expect(csp.get('script-src')).toEqual(["'self'", APP_ORIGIN]);
    expect(csp.get('connect-src')).toEqual(["'self'", APP_ORIGIN]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    const sources = [...csp.values()].flat();
    expect(sources.filter((source) => source.startsWith('file:') || source === '*' || source.startsWith("'unsafe-"))).toEqual([]);
  });

  it('carry the CSP and the security headers on refusals too', async () => {
    for (const url of [`${APP_ORIGIN}/missing.js`, `${APP_ORIGIN}/..%2fx`, 'app://evil/']) {
      const answer = await resolve(url);
      expect(answer.headers['Content-Security-Policy'], url).toContain(APP_ORIGIN);
      expect(answer.headers['X-Content-Type-Options'], url).toBe('nosniff');
      expect(answer.headers['Content-Type'], url).toBe('text/plain; charset=utf-8');
    }
  });

  it('carry the CSP the caller gives, with the page’s style nonce', async () => {
    const answer = await resolveAppRequest(APP_INDEX_URL, renderer, { csp: (nonce) => `default-src 'none'; style-src 'nonce-${nonce}'` });
    expect(answer.headers['Content-Security-Policy']).toBe(`default-src 'none'; style-src 'nonce-${answer.styleNonce}'`);
  });

  it('give the page a fresh style nonce each time, in its CSP and in its text, and no other file one', async () => {
    const first = await resolve(APP_INDEX_URL);
    const second = await resolve(APP_INDEX_URL);
    expect(first.styleNonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second.styleNonce).not.toBe(first.styleNonce);
    expect(cspDirectives(first).get('style-src')).toEqual(["'self'", APP_ORIGIN, `'nonce-${first.styleNonce}'`]);
    const text = new TextDecoder().decode(await answerBody({ ...first, path: first.path! }));
    expect(text).toBe(`<!doctype html><meta property="csp-nonce" nonce="${first.styleNonce}"><title>DeepCurrent</title>`);
    expect((await resolve(`${APP_ORIGIN}/boot.js`)).styleNonce).toBeUndefined();
  });
});

describe('the Electron binding (with a stand-in for protocol)', () => {
  function bound(dir = renderer) {
    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    const logs: string[] = [];
    handleAppProtocol({ handle: (scheme, fn) => void handlers.set(scheme, fn as (request: Request) => Promise<Response>) }, dir, {
      log: (m) => void logs.push(m),
    });
    return { handler: handlers.get('app')!, logs, schemes: [...handlers.keys()] };
  }

  it('registers the scheme as standard and secure with the fetch API, and nothing more', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('handles only the app scheme and answers the page with its bytes, its type and the CSP', async () => {
    const { handler, schemes } = bound();
    expect(schemes).toEqual(['app']);
    const response = await handler(new Request(`${APP_INDEX_URL}?signin=*production`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`script-src 'self' ${APP_ORIGIN}`);
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(await response.text()).toBe(readFileSync(join(renderer, 'index.html'), 'utf8').replace('DEEPCURRENT_STYLE_NONCE', nonce!));
  });

  it('answers a refusal with its status, plain text and the CSP, and logs no URL', async () => {
    const { handler, logs } = bound();
    const response = await handler(new Request(`${APP_ORIGIN}/..%2f..%2fpackage.json`));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Forbidden');
    expect(response.headers.get('content-security-policy')).toContain(APP_ORIGIN);
    expect(logs).toEqual(['[app-protocol] refused a request (403)']);
    const outsider = await handler(new Request(`${APP_ORIGIN}/escape.js`));
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).not.toContain('not for the page');
  });

  it('answers HEAD without a body', async () => {
    const { handler } = bound();
    const response = await handler(new Request(APP_INDEX_URL, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
