import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, CHANNELS } from '../../src-shared/ipc-channels';
import { startWebApp, type WebApp } from '../../web/web-app';
import { injectBootHint } from '../../web/static-files';

/** The parts of a bridge answer the tests read. */
interface ReplyBody {
  ok: boolean;
  value: {
    environments: Array<{ baseUrl: string; environment: { kind: string }; demoSignIns?: Array<{ email: string; password: string }> }>;
    accounts: Array<{ email: string }>;
  };
  error: { kind: string; message: string };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): ReplyBody;
}

/** A raw HTTP request (so Host and Origin can be set to anything). */
function send(
  app: WebApp,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: app.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function ipc(app: WebApp, channel: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(app, `/__ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-deepcurrent-bridge': app.token,
      origin: app.origin,
      ...headers,
    },
    body: JSON.stringify(payload),
  });
}

let app: WebApp;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dc-web-bridge-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body></body></html>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  app = await startWebApp({
    port: 0,
    dataDir: join(dir, 'data'),
    rendererDir: renderer,
    noKeychain: true,
    emulator: { scryptCost: 1024 },
    testHooks: true,
  });
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the start:web bridge', () => {
  it('prints a 127.0.0.1 URL with a fresh 32-byte token in the fragment', async () => {
    expect(app.url).toBe(`http://127.0.0.1:${app.port}/#token=${app.token}`);
    expect(Buffer.from(app.token, 'base64url')).toHaveLength(32);
    const other = await startWebApp({ port: 0, dataDir: join(dir, 'other'), rendererDir: join(dir, 'renderer'), noKeychain: true, emulator: false });
    try {
      expect(other.token).not.toBe(app.token);
      expect(other.emulatorUrl).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('serves the page with the app CSP and the bridge script first in <head>', async () => {
    const page = await send(app, '/', { headers: { host: `127.0.0.1:${app.port}` } });
    expect(page.status).toBe(200);
    const nonce = /'nonce-([A-Za-z0-9_-]{22})'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(page.headers['content-security-policy']).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'; ` +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
    // A fresh nonce for every answer of the page; the assets' policy has none.
    const again = await send(app, '/', { headers: { host: `127.0.0.1:${app.port}` } });
    expect(again.headers['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
    expect((await send(app, '/assets/app.js')).headers['content-security-policy']).not.toContain('nonce');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toMatch(/^<!doctype html><html><head><script defer src="\/__bridge\.js"><\/script><meta charset/);
    expect(page.text).not.toContain(app.token);
    const asset = await send(app, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const reply = await send(app, path);
      expect(reply.status, path).toBe(404);
      expect(reply.text).not.toContain('outside the renderer');
    }
  });

  it('answers a call made with the token through the same validated router', async () => {
    const reply = await ipc(app, CHANNELS.getState, {});
    expect(reply.status).toBe(200);
    const result = reply.json();
    expect(result.ok).toBe(true);
    expect(result.value.environments.some((e) => e.baseUrl === app.emulatorUrl)).toBe(true);
    const invalid = (await ipc(app, CHANNELS.switchAccount, { accountId: 42, extra: true })).json();
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const unknown = (await ipc(app, 'app:shell-exec', {})).json();
    expect(unknown).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'Unknown request.' } });
  });

  it('signs in against the emulator without sending the session token to the page', async () => {
    const reply = await ipc(app, CHANNELS.signInWithPassword, {
      email: 'ada@deepcurrent.test',
      password: 'deepcurrent-demo',
      environment: { kind: 'local' },
    });
    const result = reply.json();
    expect(result.ok).toBe(true);
    expect(result.value.accounts.map((a) => a.email)).toContain('ada@deepcurrent.test');
    expect(reply.text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    // The preview's own emulator is offered with its published demo sign-ins (the sign-in form's hint); apart from
    // that list, nothing in the answer carries the password that was typed.
    const local = result.value.environments.find((e) => e.environment.kind === 'local');
    expect(local?.demoSignIns).toContainEqual({ email: 'ada@deepcurrent.test', password: 'deepcurrent-demo' });
    const withoutHint = result.value.environments.map(({ demoSignIns: _hint, ...option }) => option);
    expect(JSON.stringify({ ...result.value, environments: withoutHint })).not.toContain('deepcurrent-demo');
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const none = await ipc(app, CHANNELS.getState, {}, { 'x-deepcurrent-bridge': '' });
    expect(none.status).toBe(403);
    expect(none.json()).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const wrong = await ipc(app, CHANNELS.getState, {}, { 'x-deepcurrent-bridge': `${app.token.slice(0, -1)}${app.token.endsWith('A') ? 'B' : 'A'}` });
    expect(wrong.status).toBe(403);
    const prefix = await ipc(app, CHANNELS.getState, {}, { 'x-deepcurrent-bridge': app.token.slice(0, 10) });
    expect(prefix.status).toBe(403);
  });

  it('refuses a rebound host name and a foreign origin even with the token', async () => {
    for (const host of [`localhost:${app.port}`, `evil.example:${app.port}`, '127.0.0.1', `127.0.0.1:${app.port + 1}`]) {
      const reply = await ipc(app, CHANNELS.getState, {}, { host });
      expect(reply.status, host).toBe(403);
      expect(reply.json().error.message).toMatch(/127\.0\.0\.1/);
    }
    for (const origin of ['https://evil.example', `http://localhost:${app.port}`, 'null']) {
      const reply = await ipc(app, CHANNELS.getState, {}, { origin });
      expect(reply.status, origin).toBe(403);
    }
  });

  it('refuses non-JSON bodies, oversized bodies and other methods; answers bad JSON with a Result', async () => {
    const form = await ipc(app, CHANNELS.getState, {}, { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    const big = await send(app, `/__ipc/${encodeURIComponent(CHANNELS.getState)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-deepcurrent-bridge': app.token },
      body: Buffer.alloc(6 * 1024 * 1024 + 10, 0x20),
    });
    expect(big.status).toBe(413);
    expect(big.json().error.message).toMatch(/too large/);
    const declared = Buffer.alloc(7 * 1024 * 1024, 0x20);
    const bigDeclared = await send(app, `/__ipc/${encodeURIComponent(CHANNELS.getState)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-deepcurrent-bridge': app.token,
        'content-length': String(declared.length),
      },
      body: declared,
    });
    expect(bigDeclared.status).toBe(413);
    const get = await send(app, `/__ipc/${encodeURIComponent(CHANNELS.getState)}`, { headers: { 'x-deepcurrent-bridge': app.token } });
    expect(get.status).toBe(405);
    const broken = await send(app, `/__ipc/${encodeURIComponent(CHANNELS.getState)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-deepcurrent-bridge': app.token },
      body: '{"not json',
    });
    expect(broken.status).toBe(400);
    expect(broken.json()).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'The request was not valid JSON.' } });
    expect((await ipc(app, CHANNELS.getState, {})).status).toBe(200);
  });

  it('exposes the test clipboard hook only with the token', async () => {
    expect((await send(app, '/__test/clipboard')).status).toBe(403);
    const reply = await send(app, '/__test/clipboard', { headers: { 'x-deepcurrent-bridge': app.token } });
    expect(reply.json()).toEqual({ ok: true, value: { text: '' } });
  });
});

describe('the boot hint in the served page (issue 6)', () => {
  it('is written into <html data-boot> from the current state on every load, and left out when empty', async () => {
    const host = { host: `127.0.0.1:${app.port}` };
    expect((await app.services.router.call('updateSettings', { theme: 'dark' })).ok).toBe(true);
    expect((await send(app, '/', { headers: host })).text).toContain('<html data-boot="theme=dark">');
    expect((await app.services.router.call('updateSettings', { theme: 'system' })).ok).toBe(true);
    const page = await send(app, '/index.html', { headers: host });
    expect(page.text).not.toContain('data-boot');
    expect(page.text).toMatch(/<html><head>/);
  });

  it('is escaped as an attribute value', () => {
    expect(injectBootHint('<html lang="en"><body></body></html>', 'signin=*a"b<c>&d')).toBe(
      '<html data-boot="signin=*a&quot;b&lt;c&gt;&amp;d" lang="en"><body></body></html>',
    );
  });
});

describe('the bridge script', () => {
  it('defines one function per channel that posts to its own channel with the token, then hides the token', async () => {
    const script = await (await send(app, '/__bridge.js')).text;
    const fetched: Array<{ url: string; init: { method: string; headers: Record<string, string>; body: string } }> = [];
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    const window: Record<string, unknown> = {};
    runInNewContext(script, {
      window,
      location: { hash: `#token=${app.token}`, pathname: '/', search: '' },
      history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
      sessionStorage: { setItem: (k: string, v: string) => stored.set(k, v), getItem: (k: string) => stored.get(k) ?? null },
      fetch: async (url: string, init: { method: string; headers: Record<string, string>; body: string }) => {
        fetched.push({ url, init });
        return { json: async () => ({ ok: true, value: url }) };
      },
    });
    const api = window.deepcurrent as Record<string, (r?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...API_NAMES, 'onOpenScreen'].sort());
    // The preview has no main → renderer events: the subscription registers nothing and unsubscribes quietly.
    const unsubscribe = (api.onOpenScreen as unknown as (listener: () => void) => () => void)(() => {});
    expect(typeof unsubscribe).toBe('function');
    expect(() => unsubscribe()).not.toThrow();
    expect(Object.isFrozen(api)).toBe(true);
    expect(replaced).toEqual(['/']);
    expect([...stored.values()]).toEqual([app.token]);
    for (const name of API_NAMES) {
      await api[name]!({ probe: name });
      const last = fetched.at(-1)!;
      expect(last.url).toBe(`/__ipc/${encodeURIComponent(CHANNELS[name])}`);
      expect(last.init.method).toBe('POST');
      expect(last.init.headers['x-deepcurrent-bridge']).toBe(app.token);
      expect(last.init.headers['content-type']).toBe('application/json');
      expect(JSON.parse(last.init.body)).toEqual({ probe: name });
    }
  });

  it('answers a network error Result when the server is gone', async () => {
    const script = await (await send(app, '/__bridge.js')).text;
    const window: Record<string, unknown> = {};
    runInNewContext(script, {
      window,
      location: { hash: '', pathname: '/', search: '' },
      history: { state: null, replaceState: () => {} },
      sessionStorage: { setItem: () => {}, getItem: () => 'stored-token' },
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const api = window.deepcurrent as Record<string, (r?: unknown) => Promise<unknown>>;
    expect(await api.getState!({})).toEqual({
      ok: false,
      error: { kind: 'network', message: 'The DeepCurrent preview server is not reachable.' },
    });
  });
});

describe('closing the web preview', () => {
  it('stops the server and the emulator it started', async () => {
    const local = await startWebApp({ port: 0, dataDir: join(dir, 'closing'), rendererDir: join(dir, 'renderer'), noKeychain: true, emulator: { scryptCost: 1024 } });
    const emulatorUrl = local.emulatorUrl!;
    expect((await fetch(`${emulatorUrl}/api/v1/openapi.json`)).status).toBeLessThan(500);
    await local.close();
    await expect(fetch(`${emulatorUrl}/api/v1/openapi.json`)).rejects.toThrow();
    await expect(send(local, '/')).rejects.toThrow();
    await local.close();
    expect(await readFile(join(dir, 'renderer', 'index.html'), 'utf8')).not.toContain('__bridge');
  });
});
