/**
 * Issue 2, sign-in through start:web in a real Chromium: with a password and with an API key (what the account
 * screen shows and what is stored where), a wrong password, a malformed key refused before any network call, the
 * 429 lockout countdown, and the custom environment's URL check.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures/app';
import {
  DEMO,
  DEMO_PASSWORD,
  appState,
  countIpcCalls,
  expectAccountScreen,
  fact,
  revealKeyFor,
  signInHeading,
  signInWithApiKey,
  signInWithPassword,
  storedAccount,
} from './helpers/sign-in';
import { heldSecret } from '../helpers/held-secret';

/** A plain HTTP server on 127.0.0.1 that counts what reaches it and answers every request with a 401. */
async function countingServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
    res.end(JSON.stringify({ detail: 'Invalid API key' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

test('signing in with email and password shows the account with its session, and keeps the token in the vault only', async ({
  app,
  page,
}) => {
  await signInWithPassword(page, DEMO.ada);

  await expect(fact(page, 'Full name', 'Ada Lovelace')).toBeVisible();
  await expect(fact(page, 'Plan', 'Pro')).toBeVisible();
  await expect(fact(page, 'Role', 'Member')).toBeVisible();
  await expect(fact(page, 'Environment', 'Local emulator')).toBeVisible();
  await expect(fact(page, 'Signed in with', 'session token')).toBeVisible();
  await expect(fact(page, 'Session', /Expires in (29|30) min/)).toBeVisible();
  await expect(fact(page, 'API key', /dc_….{4} This app does not hold your key yet; reveal it once to keep it here/)).toBeVisible();
  await expect(page.getByText(/^Last verified /)).toBeVisible();
  await expect(page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Account' })).toHaveAttribute('aria-current', 'page');

  const account = await storedAccount(app, DEMO.ada);
  expect(account).toMatchObject({ signedInWith: 'token', hasToken: true, hasApiKey: false, needsSignIn: false });
  expect(account.tokenExpiresAt! - Date.now()).toBeGreaterThan(28 * 60_000);
  expect(account.tokenExpiresAt! - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  const token = await heldSecret(app.web.services, account.id, 'token');
  expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(app.pageErrors).toEqual([]);
});

test('signing in with an API key shows the key as dc_… and its last four, and stores the key', async ({ app, page }) => {
  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithApiKey(page, key);

  await expectAccountScreen(page, DEMO.ada);
  await expect(fact(page, 'Signed in with', 'API key')).toBeVisible();
  await expect(fact(page, 'API key', `dc_…${key.slice(-4)}`)).toBeVisible();
  await expect(fact(page, 'Full name', 'Ada Lovelace')).toBeVisible();
  await expect(fact(page, 'Plan', 'Pro')).toBeVisible();
  // A key does not expire: there is no session line.
  await expect(page.locator('.fact').filter({ hasText: /^Session:/ })).toHaveCount(0);

  const account = await storedAccount(app, DEMO.ada);
  expect(account).toMatchObject({ signedInWith: 'api-key', hasApiKey: true, hasToken: false, apiKeyLast4: key.slice(-4) });
  expect(await heldSecret(app.web.services, account.id, 'api-key')).toBe(key);
  expect(app.pageErrors).toEqual([]);
});

test('a wrong password is told beside the form; the email stays, the password is cleared, nobody is signed in', async ({
  app,
  page,
}) => {
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  expect((await appState(app)).accounts).toEqual([]);
});

test('a malformed API key is refused beside the field before any network call', async ({ app, page }) => {
  const server = await countingServer();
  try {
    const ipc = countIpcCalls(page, 'signInWithApiKey');
    await page.getByRole('tab', { name: 'API key' }).click();
    await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
    await page.getByLabel('Base URL').fill(server.url);
    const field = page.getByLabel('API key', { exact: true });

    await field.fill('sk_live_0123456789abcdef0123456789abcdef');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(field).toHaveAccessibleDescription(/DeepCurrent API keys start with "dc_"\./);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();

    await field.fill('dc_tooshort');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(field).toHaveAccessibleDescription(/This API key is too short/);
    await expect(signInHeading(page)).toBeVisible();

    // Nothing left the page, and nothing reached the environment's server.
    expect(ipc.count).toBe(0);
    expect(server.hits).toEqual([]);

    // Control: a well-formed key does go out (so the counters above would have seen a call).
    await field.fill(`dc_${'A1b2'.repeat(10)}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'This API key was not accepted' })).toBeVisible();
    expect(ipc.count).toBe(1);
    expect(server.hits).toEqual(['GET /api/v1/users/me']);
    expect((await appState(app)).accounts).toEqual([]);
  } finally {
    await server.close();
  }
});

test('after five wrong passwords the sixth shows a live countdown with Sign in disabled; another email still works', async ({
  app,
  page,
}) => {
  const email = page.getByLabel('Email', { exact: true });
  const password = page.getByLabel('Password', { exact: true });
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  const attempt = async () => {
    await password.fill('wrong-password');
    const answered = page.waitForResponse((r) => r.url().includes(encodeURIComponent('auth:sign-in-password')));
    await signIn.click();
    await answered;
  };

  await email.fill(DEMO.ada);
  for (let i = 0; i < 5; i++) {
    await attempt();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  }
  await attempt();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many attempts' })).toBeVisible();
  const countdown = page.getByText(/^Try again in \d+ s$/);
  await expect(countdown).toBeVisible();
  await expect(signIn).toBeDisabled();
  const secondsShown = async () => Number((await countdown.textContent())!.match(/\d+/)![0]);
  const first = await secondsShown();
  expect(first).toBeGreaterThan(50);
  expect(first).toBeLessThanOrEqual(60);
  await expect.poll(secondsShown, { timeout: 4_000 }).toBeLessThan(first);
  await expect(signIn).toBeDisabled();

  // The lockout is per email, on the server too: ada stays locked even with the right password…
  const locked = await app.call('signInWithPassword', { email: DEMO.ada, password: DEMO_PASSWORD, environment: { kind: 'local' } });
  expect(locked.ok).toBe(false);
  expect(!locked.ok && locked.error.kind).toBe('rate-limited');

  // …while another email can sign in at once.
  await email.fill(DEMO.free);
  await expect(signIn).toBeEnabled();
  await password.fill(DEMO_PASSWORD);
  await signIn.click();
  await expectAccountScreen(page, DEMO.free);
  expect((await appState(app)).accounts.map((a) => a.email)).toEqual([DEMO.free]);
});

test('a custom environment refuses http:// to a non-loopback host with a clear message, and accepts loopback', async ({
  app,
  page,
}) => {
  const ipc = countIpcCalls(page, 'signInWithPassword');
  await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
  const baseUrl = page.getByLabel('Base URL');
  await baseUrl.fill('http://api.example.com');
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(baseUrl).toHaveAccessibleDescription(/Plain http:\/\/ is allowed only for this computer \(127\.0\.0\.1 or localhost\); use https:\/\//);
  await expect(baseUrl).toBeFocused();
  await expect(signInHeading(page)).toBeVisible();
  expect(ipc.count).toBe(0);

  // The main process checks the same rule on its own (a renderer cannot skip the check).
  const direct = await app.call('signInWithPassword', {
    email: DEMO.ada,
    password: DEMO_PASSWORD,
    environment: { kind: 'custom', baseUrl: 'http://api.example.com' },
  });
  expect(direct.ok).toBe(false);
  expect(!direct.ok && direct.error).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('Plain http://') });

  // Loopback over http is fine: the emulator's own URL as a custom environment.
  await baseUrl.fill(app.emulator!.url);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, DEMO.ada);
  const account = await storedAccount(app, DEMO.ada);
  expect(account.environment).toEqual({ kind: 'custom', baseUrl: app.emulator!.url });
  expect(ipc.count).toBe(1);
});
