/**
 * Session expiry with a short-lived token (the emulator's `tokenTtlSeconds: 6`): the account screen counts down to
 * `Session expired`, the app asks for the password again (`Sign in again` → the sign-in form with the email filled
 * in), and it never loops on a 401 — the page's calls to the main process stay few while it waits. A 403 (the free
 * plan's `/api/v1/usage`) never signs anyone out. A DeepCurrent-compatible server that answers a bad token with
 * `403 Could not validate credentials` is treated as a 401 (also covered at the service level in
 * `test/integration/tester-faults.test.ts`).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { DEMO, nav, DEMO_PASSWORD, expectAccountScreen, fact, signInHeading, signInWithPassword, storedAccount } from './helpers/sign-in';


/** Counts every call the page makes to the main process (`/__ipc/…`) from now on, by channel. */
function countIpc(page: Page): { total(): number; calls: string[] } {
  const calls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/__ipc/')) calls.push(decodeURIComponent(path.slice('/__ipc/'.length)));
  });
  return { calls, total: () => calls.length };
}

/** Lets `ms` pass with the page idle (proving that nothing happens needs a window of time). */
const idle = (page: Page, ms: number) => page.waitForTimeout(ms);

test.describe('with a 6 s token', () => {
  test.use({ appOptions: { offline: false, noKeychain: false, enableFaults: false, openPage: true, tokenTtlSeconds: 6 } });

  test('the countdown reaches "Session expired", the app asks for the password again, and never loops on 401', async ({
    app,
    page,
  }) => {
    const ipc = countIpc(page);
    await signInWithPassword(page, DEMO.ada);
    await expect(fact(page, 'Session', /Expires in [1-6] s/)).toBeVisible();
    await expect(fact(page, 'Session', 'Session expired')).toBeVisible({ timeout: 10_000 });
    const prompt = page.getByRole('alert').filter({ hasText: 'Session expired' });
    await expect(prompt).toContainText('Sign in again with your password to keep using this account.');

    // Waiting: no call loop (a loop on 401 would make dozens of calls a second).
    const atExpiry = ipc.total();
    await idle(page, 3_000);
    expect(ipc.calls.slice(atExpiry), 'calls made while the expired session sat idle').toHaveLength(0);

    // Refresh asks the server once, gets the 401, and turns it into one sign-in prompt.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(signInHeading(page)).toBeVisible();
    const afterPrompt = ipc.total();
    await idle(page, 2_000);
    expect(ipc.calls.slice(afterPrompt), 'calls made after the sign-in prompt').toHaveLength(0);
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page.getByRole('tab', { name: 'Email and password' })).toHaveAttribute('aria-selected', 'true');

    // Back from the prompt, `Sign in again` on the account screen leads to the same form.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Session expired' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(signInHeading(page)).toBeVisible();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectAccountScreen(page, DEMO.ada);
    await expect(fact(page, 'Session', /Expires in [1-6] s/)).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Session expired' })).toHaveCount(0);
    expect((await storedAccount(app, DEMO.ada)).needsSignIn).toBe(false);
    // Over the whole test, the page made a bounded number of calls.
    expect(ipc.total(), ipc.calls.join(', ')).toBeLessThan(25);
    expect(app.pageErrors).toEqual([]);
  });

  test('a request sent from the tester after expiry leads to one sign-in prompt, not a loop', async ({ app, page }) => {
    const signedIn = await app.call('signInWithPassword', { email: DEMO.ada, password: DEMO_PASSWORD, environment: { kind: 'local' } });
    expect(signedIn.ok).toBe(true);
    await page.reload();
    await nav(page, 'Request tester').click();
    await expect(page.getByText(/^Acting as ada@deepcurrent\.test with session token \(expires in [1-6] s\)$/)).toBeVisible();
    await expect(page.getByText(`Acting as ${DEMO.ada} with session token (expired)`)).toBeVisible({ timeout: 10_000 });
    const ipc = countIpc(page);
    await page.getByLabel('Path').fill('/api/v1/users/me');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(signInHeading(page)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Your session token has expired. Please sign in with your password again.' })).toBeVisible();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
    await idle(page, 2_500);
    const sends = ipc.calls.filter((c) => c === 'tester:send');
    expect(sends, 'the request is sent once, never retried in a loop').toHaveLength(1);
    expect(ipc.total(), ipc.calls.join(', ')).toBeLessThan(6);
    expect(app.pageErrors).toEqual([]);
  });
});

test('a 403 (the free plan on /api/v1/usage) is explained and never signs the user out', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.free);
  await nav(page, 'Request tester').click();
  await page.getByLabel('Path').fill('/api/v1/usage');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('403 Forbidden', { exact: true })).toBeVisible();
  await expect(page.locator('.response-panel .alert-warning')).toContainText(/paid plan/);
  await expect(signInHeading(page)).toHaveCount(0);
  await expect(page.getByText(/^Acting as free@deepcurrent\.test with session token \(expires in \d+ min\)$/)).toBeVisible();
  // Still signed in: the next request with the same credential works, and the account is not marked.
  await page.getByLabel('Path').fill('/api/v1/users/me');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible();
  await nav(page, 'Account').click();
  await expectAccountScreen(page, DEMO.free);
  await expect(fact(page, 'Session', /Expires in \d+ min/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
  const account = await storedAccount(app, DEMO.free);
  expect(account.needsSignIn).toBe(false);
  expect(account.hasToken).toBe(true);
});

test.describe('a DeepCurrent-compatible server that answers a bad token with 403 "Could not validate credentials"', () => {
  let proxy: Server;
  let target = '';
  let rejectTokens = false;

  test.beforeAll(async () => {
    // In front of the test's emulator: forwards everything, except that once `rejectTokens` is set it answers
    // every credentialed API call as such servers do for a revoked token.
    proxy = createServer((req, res) => {
      if (rejectTokens && req.headers.authorization) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"detail":"Could not validate credentials"}');
        return;
      }
      // Host is the upstream's own (the emulator refuses a Host that is not its address, as any server behind a
      // reverse proxy would see its own name).
      const { host: _host, ...headers } = req.headers;
      const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  test.afterAll(async () => new Promise<void>((resolve) => proxy.close(() => resolve())));

  test('is treated as an invalid credential: explained as such, and the account asks for a sign-in', async ({ app, page }) => {
    target = app.emulator!.url;
    rejectTokens = false;
    const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const signedIn = await app.call('signInWithPassword', {
      email: DEMO.ada,
      password: DEMO_PASSWORD,
      environment: { kind: 'custom', baseUrl: base },
    });
    expect(signedIn.ok).toBe(true);
    await page.reload();
    await expectAccountScreen(page, DEMO.ada);
    await nav(page, 'Request tester').click();
    await page.getByLabel('Path').fill('/api/v1/items');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('200 OK', { exact: true })).toBeVisible();

    rejectTokens = true;
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('403 Forbidden', { exact: true })).toBeVisible();
    await expect(page.getByText('No credentials provided, or the API key / token is invalid. Sign in again.')).toBeVisible();
    await expect.poll(async () => (await storedAccount(app, DEMO.ada)).needsSignIn).toBe(true);
    // The tester offers the same way out as for a 401.
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    await nav(page, 'Account').click();
    await expect(page.getByRole('alert').filter({ hasText: 'Session expired' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    rejectTokens = false;
  });
});
