/**
 * Issue 4 through start:web in a real Chromium: the request tester sends with the account's key or session token
 * (added by the main process), creates an item from a JSON body, explains a 403 without signing out, refuses a
 * URL on another origin before sending anything, re-runs and loads history entries, copies snippets that hold no
 * secret, and cancels a request in flight.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { DEMO, expectAccountScreen, revealKeyFor, signInWithApiKey, signInWithPassword } from './helpers/sign-in';
import { heldSecret } from '../helpers/held-secret';

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
const FORBIDDEN_WORDS =
  'Credentials are valid but your account does not have access to the requested resource. This happens when a feature requires a paid plan or a specific role.';

/** Opens the request tester and waits for its endpoint list and history to load. */
async function openTester(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Request tester' }).click();
  await expect(page.getByRole('heading', { name: 'Request tester', exact: true })).toBeVisible();
  await expect(page.getByLabel('Endpoint', { exact: true }).locator('option')).not.toHaveCount(1);
}

/** A part of the request (`Query`, `Headers`, `Body`, `Authorization`, `Copy as`), as a tab of the request pane. */
function part(page: Page, name: string) {
  return page.getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name: new RegExp(`^${name}( \\(|$)`) });
}

/** The controls of the tester a user fills; `body` and `auth` open their part of the request first. */
function editor(page: Page) {
  return {
    method: page.getByLabel('Method', { exact: true }),
    path: page.getByLabel('Path', { exact: true }),
    auth: async () => {
      await part(page, 'Authorization').click();
      return page.getByLabel('Auth', { exact: true });
    },
    body: async (kind: 'None' | 'JSON' | 'Form' | 'Text') => {
      await part(page, 'Body').click();
      return page.getByRole('group', { name: 'Body' }).getByRole('radio', { name: kind });
    },
    /** The JSON body's code editor (its text, as a textbox). */
    json: page.getByRole('textbox', { name: 'JSON body', exact: true }),
    send: page.getByRole('button', { name: 'Send', exact: true }),
  };
}

/** The status line of the last response (`200 OK`). */
function statusCode(page: Page) {
  return page.locator('.response-panel .status-code');
}

/** The response body's code editor (read-only text). */
function responseBody(page: Page) {
  return page.getByRole('textbox', { name: 'Response body', exact: true });
}

/** The history entries, newest first. */
function historyRows(page: Page) {
  return page.getByRole('region', { name: 'History' }).getByRole('listitem');
}

/** Fills method and path (body None) and sends with the button. */
async function send(page: Page, method: string, path: string): Promise<void> {
  const e = editor(page);
  await e.method.selectOption(method);
  await e.path.fill(path);
  await e.send.click();
}

test('GET /api/v1/users/me chosen in the endpoint picker is sent with the API key', async ({ app, page }) => {
  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithApiKey(page, key);
  await openTester(page);
  await expect(page.getByText(`Acting as ${DEMO.ada} with API key dc_…${key.slice(-4)}`, { exact: true })).toBeVisible();

  const e = editor(page);
  await e.method.selectOption('DELETE');
  await e.path.fill('/api/v1/items/{id}');
  const picker = page.getByLabel('Endpoint', { exact: true });
  const option = picker.locator('option').filter({ hasText: /^GET \/api\/v1\/users\/me( — .*)?$/ });
  await expect(option).toHaveCount(1);
  await picker.selectOption((await option.getAttribute('value'))!);
  await expect(e.method).toHaveValue('GET');
  await expect(e.path).toHaveValue('/api/v1/users/me');
  await expect(await e.body('None')).toBeChecked();
  await expect(await e.auth()).toHaveValue('api-key');

  await e.send.click();
  await expect(statusCode(page)).toHaveText('200 OK');
  await expect(responseBody(page)).toContainText(`"email": "${DEMO.ada}"`);
  await expect(responseBody(page)).toContainText(`"last4": "${key.slice(-4)}"`);
  await expect(historyRows(page)).toHaveCount(1);
  await expect(historyRows(page).first()).toContainText('GET /api/v1/users/me · 200 · ');
  await expect(historyRows(page).first()).toContainText('· API key');
  expect(await page.content()).not.toContain(key);
  expect(app.pageErrors).toEqual([]);
});

test('an item is created from a JSON body and then listed; Ctrl+Enter sends', async ({ page }) => {
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  await expect(page.getByText(/^Acting as ada@deepcurrent\.test with session token \(expires in \d+ min\)$/)).toBeVisible();
  const e = editor(page);
  await e.method.selectOption('POST');
  await e.path.fill('/api/v1/items');
  await (await e.body('JSON')).check();
  await e.json.fill('{"title": "Buy more ink"');
  await expect(page.getByText(/^Invalid JSON: /)).toBeVisible();
  await e.json.fill('{"title": "Buy more ink", "description": "made by the e2e test"}');
  await expect(page.getByText('Valid JSON.')).toBeVisible();
  await e.send.click();
  await expect(statusCode(page)).toHaveText('201 Created');
  await expect(responseBody(page)).toContainText('"title": "Buy more ink"');

  await e.method.selectOption('GET');
  await (await e.body('None')).check();
  await e.path.fill('/api/v1/items');
  await e.path.press('Control+Enter');
  await expect(statusCode(page)).toHaveText('200 OK');
  await expect(responseBody(page)).toContainText('"title": "Buy more ink"');
  await expect(responseBody(page)).toContainText('"count": 1');
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyRows(page).first()).toContainText('GET /api/v1/items · 200 · ');
  await expect(historyRows(page).nth(1)).toContainText('POST /api/v1/items · 201 · ');
});

test('a 403 on /api/v1/usage for the free plan is explained in the docs’ words and the account stays signed in', async ({
  app,
  page,
}) => {
  await signInWithPassword(page, DEMO.free);
  await openTester(page);
  await send(page, 'GET', '/api/v1/usage');
  await expect(statusCode(page)).toHaveText('403 Forbidden');
  await expect(page.getByText(FORBIDDEN_WORDS)).toBeVisible();
  await expect(responseBody(page)).toContainText('This feature requires a paid plan');
  await expect(page.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);

  // Still signed in: the same credential keeps working, and the account screen does not ask to sign in.
  await send(page, 'GET', '/api/v1/users/me');
  await expect(statusCode(page)).toHaveText('200 OK');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Account' }).click();
  await expectAccountScreen(page, DEMO.free);
  await expect(page.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test.describe('a URL on another origin', () => {
  let other: Server;
  let otherOrigin: string;
  const hits: string[] = [];

  test.beforeAll(async () => {
    other = createServer((req, res) => {
      hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"stolen": true}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => new Promise<void>((resolve) => other.close(() => resolve())));

  test('is refused before anything is sent, and leaves no history entry', async ({ app, page }) => {
    await signInWithPassword(page, DEMO.ada);
    await openTester(page);
    await expect(page.getByText('No requests yet.')).toBeVisible();
    const refusal = page.getByRole('alert').filter({ hasText: 'Refused: not this environment’s server' });

    await send(page, 'GET', 'https://evil.example/api/v1/users/me');
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText('This request would go to https://evil.example, not to the active environment');
    await expect(refusal).toContainText('The app only sends your credential to the active environment.');
    await expect(statusCode(page)).toHaveCount(0);

    // Same host as the emulator, another port: another origin, refused too, and that server never hears of it.
    await send(page, 'GET', `${otherOrigin}/api/v1/users/me`);
    await expect(refusal).toContainText(`This request would go to ${otherOrigin}, not to the active environment`);
    expect(hits).toEqual([]);
    await expect(page.getByText('No requests yet.')).toBeVisible();
    await expect(historyRows(page)).toHaveCount(0);

    // The editor still works for the environment itself.
    await send(page, 'GET', `${app.emulatorUrl}/api/v1/users/me`);
    await expect(statusCode(page)).toHaveText('200 OK');
    await expect(historyRows(page)).toHaveCount(1);
    expect(hits).toEqual([]);
  });
});

test('a history entry is re-run as a new newest entry, and Load fills the editor', async ({ page }) => {
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  const e = editor(page);
  await e.method.selectOption('POST');
  await e.path.fill('/api/v1/items');
  await (await e.body('JSON')).check();
  await e.json.fill('{"title": "first"}');
  await e.send.click();
  await expect(statusCode(page)).toHaveText('201 Created');
  await (await e.body('None')).check();
  await send(page, 'GET', '/api/v1/users/me');
  await expect(statusCode(page)).toHaveText('200 OK');
  await expect(historyRows(page)).toHaveCount(2);

  // Re-run the older one (the POST).
  await historyRows(page).nth(1).getByRole('button', { name: 'Re-run' }).click();
  await expect(historyRows(page)).toHaveCount(3);
  await expect(historyRows(page).first()).toContainText('POST /api/v1/items · 201 · ');
  await expect(statusCode(page)).toHaveText('201 Created');
  await expect(e.path).toHaveValue('/api/v1/items');

  // Load the GET into an editor that holds something else: no request is sent.
  await e.method.selectOption('PUT');
  await e.path.fill('/api/v1/items/xyz');
  await historyRows(page).nth(1).getByRole('button', { name: 'Load' }).click();
  await expect(e.method).toHaveValue('GET');
  await expect(e.path).toHaveValue('/api/v1/users/me');
  await expect(await e.body('None')).toBeChecked();
  // And the original POST, with its JSON body.
  await historyRows(page).nth(2).getByRole('button', { name: 'Load' }).click();
  await expect(e.method).toHaveValue('POST');
  await expect(e.path).toHaveValue('/api/v1/items');
  await expect(await e.body('JSON')).toBeChecked();
  await expect(e.json).toHaveText('{"title": "first"}');
  await expect(historyRows(page)).toHaveCount(3);
});

/** The active account's id and the secrets the app holds for it (read in the test process, never from the page). */
async function heldSecrets(app: E2EApp): Promise<{ apiKey: string | null; token: string | null }> {
  const state = await app.call<{ activeAccountId: string }>('getState');
  if (!state.ok) throw new Error(state.error.message);
  const services = app.web.services;
  const id = state.value.activeAccountId;
  return { apiKey: await heldSecret(services, id, 'api-key'), token: await heldSecret(services, id, 'token') };
}

test('every snippet reads the credential from an environment variable and hides a typed key', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  const state = await app.call<{ activeAccountId: string }>('getState');
  expect(state.ok).toBe(true);
  // Setup: the app holds the account's key too, so both credentials can be chosen.
  expect((await app.call('revealApiKey', { accountId: state.ok ? state.value.activeAccountId : '' })).ok).toBe(true);
  const { apiKey, token } = await heldSecrets(app);
  expect(apiKey).toMatch(/^dc_/);
  expect(token).toMatch(JWT);
  await openTester(page);

  const e = editor(page);
  await e.path.fill('/api/v1/users/me');
  await part(page, 'Headers').click();
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header 1 name', { exact: true }).fill('X-API-Key');
  await page.getByLabel('Header 1 value', { exact: true }).fill(apiKey!);
  const snippet = page.getByLabel('Snippet', { exact: true });

  for (const [auth, variable] of [
    ['api-key', 'DEEPCURRENT_API_KEY'],
    ['token', 'DEEPCURRENT_TOKEN'],
  ] as const) {
    await (await e.auth()).selectOption(auth);
    await part(page, 'Copy as').click();
    for (const target of ['curl', 'Python requests', 'JavaScript fetch', 'HTTPie']) {
      await page.getByRole('button', { name: target, exact: true }).click();
      await expect(page.getByRole('button', { name: target, exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(snippet).toHaveValue(new RegExp(variable));
      const text = await snippet.inputValue();
      expect(text, `${target} with ${auth}`).toContain(`${app.emulatorUrl}/api/v1/users/me`);
      if (target === 'curl' || target === 'HTTPie') expect(text).toContain(`$${variable}`);
      expect(text, `${target} with ${auth}`).not.toContain(apiKey!);
      expect(text, `${target} with ${auth}`).not.toContain(token!);
      expect(text).not.toMatch(JWT);
      expect(text).not.toMatch(/dc_[A-Za-z0-9_-]{8,}/);
      expect(text).toMatch(/X-API-Key["']?:\s*["']?REDACTED/);
    }
  }
  expect(await page.content()).not.toContain(token!);
  expect(app.logs.filter((line) => line.includes(apiKey!) || line.includes(token!))).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test.describe('with the emulator’s fault modes', () => {
  test.use({ appOptions: { offline: false, noKeychain: false, enableFaults: true, openPage: true } });

  test('a stalled request is cancelled and the tester keeps working', async ({ app, page }) => {
    await signInWithPassword(page, DEMO.ada);
    await expect(page.getByText(/^Last verified /)).toBeVisible();
    await openTester(page);
    await app.fault({ mode: 'stall', path: '/api/v1/users/me' });

    await send(page, 'GET', '/api/v1/users/me');
    await expect(page.getByRole('button', { name: 'Sending…' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Request cancelled' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);
    await expect(editor(page).send).toBeVisible();
    await expect(historyRows(page).first()).toContainText('GET /api/v1/users/me · cancelled · ');

    await send(page, 'GET', '/api/v1/items');
    await expect(statusCode(page)).toHaveText('200 OK');
    await expect(page.getByRole('alert').filter({ hasText: 'Request cancelled' })).toHaveCount(0);
    await expect(historyRows(page)).toHaveCount(2);
    expect(app.pageErrors).toEqual([]);
  });
});
