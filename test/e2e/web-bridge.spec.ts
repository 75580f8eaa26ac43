/**
 * The start:web bridge in a real Chromium: the page works with the one-time token, the token leaves the address
 * bar, the CSP is served and enforced, and calls without the token, with a wrong one, with a rebound Host or from
 * a foreign origin are refused.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures/app';
import { CHANNELS, EVENT_NAMES, subscriptionName } from '../../src-shared/ipc-channels';

const GET_STATE = `/__ipc/${encodeURIComponent(CHANNELS.getState)}`;

/** The parts of a bridge answer the tests read. */
interface BridgeResult {
  ok: boolean;
  value?: { environments: unknown[] };
  error?: { kind: string; message: string };
}

/** What the page's `window` holds, as these tests see it. */
interface BridgeWindow {
  deepcurrent: Record<string, (request?: unknown) => Promise<BridgeResult>>;
  __inlineRan?: boolean;
}

/** A raw request from the test process, so that Host and Origin can be anything. */
function post(port: number, headers: Record<string, string>): Promise<{ status: number; body: BridgeResult }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: GET_STATE, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

test('the page works with the token, and the token leaves the address bar', async ({ app, page }) => {
  await expect(page.getByRole('heading', { name: 'Sign in to DeepCurrent' })).toBeVisible();
  expect(page.url()).toBe(`${app.web.origin}/`);
  expect(page.url()).not.toContain(app.web.token);
  const state = await page.evaluate(() => (window as unknown as BridgeWindow).deepcurrent.getState({}));
  expect(state.ok).toBe(true);
  expect(state.value!.environments.length).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to DeepCurrent' })).toBeVisible();
  expect((await page.evaluate(() => (window as unknown as BridgeWindow).deepcurrent.getState({}))).ok).toBe(true);
  expect(await app.clipboardText()).toBe('');
  expect(app.pageErrors).toEqual([]);
});

test('every start has its own token; a restart over the same settings keeps the accounts', async ({ app, page }) => {
  const signIn = await app.call('signInWithPassword', {
    email: 'ada@deepcurrent.test',
    password: 'deepcurrent-demo',
    environment: { kind: 'local' },
  });
  expect(signIn.ok).toBe(true);
  const first = { token: app.web.token, port: app.web.port };

  await app.restart();
  expect(app.web.token).not.toBe(first.token);
  expect(page.url()).toBe(`${app.web.origin}/`);
  const state = await page.evaluate(() => (window as unknown as BridgeWindow).deepcurrent.getState({}));
  expect(state.ok).toBe(true);
  expect(JSON.stringify(state.value)).toContain('ada@deepcurrent.test');
  const stale = await post(app.web.port, { 'content-type': 'application/json', 'x-deepcurrent-bridge': first.token });
  expect(stale.status).toBe(403);

  await app.restart({ emulator: 'stopped' });
  const offline = await page.evaluate(() => (window as unknown as BridgeWindow).deepcurrent.getState({}));
  expect(offline.ok).toBe(true);
  expect(JSON.stringify(offline.value)).toContain('ada@deepcurrent.test');
});

test('window.deepcurrent offers only the named functions and cannot be replaced', async ({ page }) => {
  const shape = await page.evaluate(() => {
    const api = (window as unknown as BridgeWindow).deepcurrent;
    let replaced = false;
    try {
      (window as unknown as { deepcurrent: unknown }).deepcurrent = { getState: () => 'fake' };
      replaced = (window as unknown as BridgeWindow).deepcurrent !== api;
    } catch {
      replaced = false;
    }
    return { keys: Object.keys(api).sort(), frozen: Object.isFrozen(api), replaced, hasInvoke: 'invoke' in api };
  });
  // One function per channel and one subscription per main → renderer event (which registers nothing here).
  expect(shape.keys).toEqual([...Object.keys(CHANNELS), ...EVENT_NAMES.map(subscriptionName)].sort());
  expect(shape.frozen).toBe(true);
  expect(shape.replaced).toBe(false);
  expect(shape.hasInvoke).toBe(false);
});

test('a page opened without the token can load but every call is refused', async ({ app, page }) => {
  await page.goto(`${app.web.origin}/`);
  const result = await page.evaluate(async () => {
    sessionStorage.clear();
    const res = await fetch('/__ipc/app%3Aget-state', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: await res.json() };
  });
  expect(result.status).toBe(403);
  expect(result.body).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  const wrong = await page.evaluate(async () => {
    const res = await fetch('/__ipc/app%3Aget-state', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-deepcurrent-bridge': 'A'.repeat(43) },
      body: '{}',
    });
    return res.status;
  });
  expect(wrong).toBe(403);
});

test('the bridge refuses a rebound Host and a foreign Origin even with the right token', async ({ app }) => {
  const { port, token } = app.web;
  const good = { 'content-type': 'application/json', 'x-deepcurrent-bridge': token };
  expect((await post(port, good)).status).toBe(200);
  const rebound = await post(port, { ...good, host: `attacker.example:${port}` });
  expect(rebound.status).toBe(403);
  expect(rebound.body.ok).toBe(false);
  expect((await post(port, { ...good, host: `localhost:${port}` })).status).toBe(403);
  expect((await post(port, { ...good, origin: 'https://attacker.example' })).status).toBe(403);
  expect((await post(port, { ...good, origin: `http://localhost:${port}` })).status).toBe(403);
});

test.describe('a page on another origin', () => {
  let evil: Server;
  let evilOrigin: string;

  test.beforeAll(async () => {
    evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>elsewhere</title><p>elsewhere</p>');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => new Promise<void>((resolve) => evil.close(() => resolve())));

  test('cannot call the bridge, even knowing the token', async ({ app, page }) => {
    await page.goto(evilOrigin);
    const outcome = await page.evaluate(
      async ({ target, token }) => {
        const results: string[] = [];
        try {
          const res = await fetch(`${target}/__ipc/app%3Aget-state`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-deepcurrent-bridge': token },
            body: '{}',
          });
          results.push(`preflighted:${res.status}`);
        } catch {
          results.push('preflighted:blocked');
        }
        try {
          const res = await fetch(`${target}/__ipc/app%3Aget-state`, { method: 'POST', mode: 'no-cors', body: '{}' });
          results.push(`simple:${res.type}`);
        } catch {
          results.push('simple:blocked');
        }
        return results;
      },
      { target: app.web.origin, token: app.web.token },
    );
    expect(outcome[0]).toBe('preflighted:blocked');
    expect(outcome[1]).toMatch(/^simple:(opaque|blocked)$/);
  });
});

test('the CSP is served with the page and enforced: no inline, foreign or blob scripts, no remote requests, no inline styles without the page’s nonce', async ({
  app,
  page,
}) => {
  expect(page.url()).toBe(`${app.web.origin}/`);
  const response = await page.reload();
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toMatch(/unsafe-eval|unsafe-inline/);
  const nonce = /style-src 'self' 'nonce-([A-Za-z0-9_-]{22})';/.exec(headers['content-security-policy']!)?.[1];
  expect(nonce, 'style-src names a fresh nonce').toBeDefined();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // (Chromium lets DevTools-protocol evaluation use eval whatever the CSP, so "no unsafe-eval" is checked on the
  // header above rather than by calling eval from the test.)
  const enforced = await page.evaluate(async () => {
    const w = window as unknown as BridgeWindow;
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    w.__inlineRan = false;
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.appendChild(inline);
    const foreign = document.createElement('script');
    foreign.src = 'http://127.0.0.1:9/evil.js';
    document.head.appendChild(foreign);
    const blob = document.createElement('script');
    blob.src = URL.createObjectURL(new Blob(['window.__inlineRan = true'], { type: 'text/javascript' }));
    document.head.appendChild(blob);
    // A <style> without the page's nonce is refused; one with it (as the code editor makes them) applies.
    const probe = document.createElement('p');
    probe.id = 'style-probe';
    document.body.appendChild(probe);
    const foreignStyle = document.createElement('style');
    foreignStyle.textContent = '#style-probe { margin-left: 17px; }';
    document.head.appendChild(foreignStyle);
    const pageNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
    const nonced = document.createElement('style');
    nonced.setAttribute('nonce', pageNonce);
    nonced.textContent = '#style-probe { margin-top: 23px; }';
    document.head.appendChild(nonced);
    let remoteBlocked = false;
    try {
      await fetch('https://example.com/');
    } catch {
      remoteBlocked = true;
    }
    await settle();
    const probed = getComputedStyle(probe);
    return { inlineRan: w.__inlineRan, violations, remoteBlocked, marginLeft: probed.marginLeft, marginTop: probed.marginTop, pageNonce };
  });
  expect(enforced.pageNonce).toBe(nonce);
  expect(enforced.marginLeft).toBe('0px');
  expect(enforced.marginTop).toBe('23px');
  expect(enforced.inlineRan).toBe(false);
  const blocked = new Set(enforced.violations);
  expect(blocked).toContain('script-src-elem inline');
  expect(blocked).toContain('script-src-elem http://127.0.0.1:9/evil.js');
  expect(blocked).toContain('script-src-elem blob');
  expect(blocked).toContain('connect-src https://example.com/');
  expect(blocked).toContain('style-src-elem inline');
  expect(enforced.remoteBlocked).toBe(true);
});
