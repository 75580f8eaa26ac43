/**
 * The emulator's fault modes end to end, through the request tester in a real Chromium (and `refuse` through
 * sign-in too): each gives a clear message under the right title, the UI keeps answering while a slow request is in
 * flight (typing in `Path` shows at once, other controls work), and `Cancel` stops a stalled and a trickling
 * request. The same modes are tested at the service level in `test/integration/tester-faults.test.ts`.
 */
import type { Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { DEMO, nav, DEMO_PASSWORD, expectAccountScreen, signInHeading } from './helpers/sign-in';
import { openRequestPart } from './helpers/workbench';

test.use({ appOptions: { offline: false, noKeychain: false, enableFaults: true, openPage: true } });

/** How long the UI may take to show a typed path while a request is in flight (generous: 2 cores, other tests). */
const RESPONSIVE_MS = 1_500;


/** Setup: ada signed in (through the services, not the behaviour under test), the tester open. */
async function openTester(app: E2EApp, page: Page): Promise<void> {
  const signedIn = await app.call('signInWithPassword', { email: DEMO.ada, password: DEMO_PASSWORD, environment: { kind: 'local' } });
  expect(signedIn.ok).toBe(true);
  // (A reload, not `app.open()`: going to the same URL with only the #token fragment is no navigation at all.)
  await page.reload();
  await nav(page, 'Request tester').click();
  await expect(page.getByRole('heading', { name: 'Request tester', level: 1 })).toBeVisible();
}

/** Types a path and presses Send. */
async function send(page: Page, path: string): Promise<void> {
  await page.getByLabel('Path').fill(path);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The tester's error box with this title. */
const errorBox = (page: Page, title: string) => page.getByRole('alert').filter({ has: page.locator('.alert-title', { hasText: title }) });

/** Types into `Path` while a request is in flight and returns how long the page took to show it. */
async function typingDelayWhileInFlight(page: Page, text: string): Promise<number> {
  await expect(page.getByRole('button', { name: 'Sending…' })).toBeVisible();
  const path = page.getByLabel('Path');
  const started = Date.now();
  await path.fill(text);
  await expect(path).toHaveValue(text);
  const elapsed = Date.now() - started;
  // Another control works meanwhile too: the body kind can be switched, and back.
  await openRequestPart(page, 'Body');
  await page.getByRole('radio', { name: 'Text' }).check();
  await expect(page.getByLabel('Text body')).toBeVisible();
  await page.getByRole('radio', { name: 'None' }).check();
  await expect(page.getByRole('button', { name: 'Sending…' })).toBeVisible();
  return elapsed;
}

test('a refused connection at sign-in is told plainly, and the next attempt works', async ({ app, page }) => {
  await app.fault({ mode: 'refuse', path: '/api/v1/login/access-token', times: 1 });
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The emulator drops the connection: the cause in words, the code only on the Details line.
  const alert = page.getByRole('alert').filter({ hasText: /^The connection to the DeepCurrent server was reset before it answered\. .*Details: [A-Z_]+$/ });
  await expect(alert).toBeVisible();
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, DEMO.ada);
});

test('refused and reset connections: "Could not reach the server", and the history says so', async ({ app, page }) => {
  await openTester(app, page);
  await app.fault({ mode: 'refuse', path: '/api/v1/users/me', times: 1 });
  await send(page, '/api/v1/users/me');
  await expect(errorBox(page, 'Could not reach the server')).toContainText('The connection to the DeepCurrent server was reset before it answered.');
  await expect(page.getByText(/^GET \/api\/v1\/users\/me · network · /)).toBeVisible();

  await app.fault({ mode: 'reset-mid-body', path: '/api/v1/items', times: 1 });
  await send(page, '/api/v1/items');
  await expect(errorBox(page, 'Could not reach the server')).toBeVisible();
  await expect(page.getByText(/^GET \/api\/v1\/items · network · /)).toBeVisible();
  // No half response is shown as if it were the answer.
  await expect(page.getByText('200 OK', { exact: true })).toHaveCount(0);

  // The fault is gone: the same request now answers.
  await send(page, '/api/v1/items');
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('a stalled server: "No answer in time" after the 2 s set in Settings, the UI responsive, and Cancel works', async ({
  app,
  page,
}) => {
  await openTester(app, page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Request timeout (seconds)').fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await nav(page, 'Request tester').click();

  await app.fault({ mode: 'stall', path: '/api/v1/usage', times: 1 });
  const started = Date.now();
  await send(page, '/api/v1/usage');
  const typing = await typingDelayWhileInFlight(page, '/api/v1/typed-while-waiting');
  expect(typing, 'typing shows while the request is in flight').toBeLessThan(RESPONSIVE_MS);
  await expect(errorBox(page, 'No answer in time')).toBeVisible({ timeout: 10_000 });
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThanOrEqual(1_900);
  expect(waited).toBeLessThan(8_000);
  await expect(page.getByText(/^GET \/api\/v1\/usage · timeout · /)).toBeVisible();
  await expect(page.getByLabel('Path')).toHaveValue('/api/v1/typed-while-waiting');

  // Cancel, long before the 2 s are up.
  await app.fault({ mode: 'stall', path: '/api/v1/items', times: 1 });
  await send(page, '/api/v1/items');
  await expect(page.getByRole('button', { name: 'Sending…' })).toBeVisible();
  const cancelAt = Date.now();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(errorBox(page, 'Request cancelled')).toBeVisible();
  expect(Date.now() - cancelAt).toBeLessThan(1_500);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);
  await expect(page.getByText(/^GET \/api\/v1\/items · cancelled · /)).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('HTTP 500 and 503 are shown as responses with a server-error explanation and Retry-After', async ({ app, page }) => {
  await openTester(app, page);
  await app.fault({ mode: 'http-500', path: '/api/v1/users/me', times: 1 });
  await send(page, '/api/v1/users/me');
  await expect(page.getByText('500 Internal Server Error', { exact: true })).toBeVisible();
  await expect(page.getByText('The server had a problem (HTTP 500). This is not caused by your request; try again later.')).toBeVisible();

  await app.fault({ mode: 'http-503', path: '/api/v1/users/me', times: 1, retryAfter: 7 });
  await send(page, '/api/v1/users/me');
  await expect(page.getByText('503 Service Unavailable', { exact: true })).toBeVisible();
  await expect(page.getByText(/^The server had a problem \(HTTP 503\)/)).toBeVisible();
  await expect(page.getByText('Retry-After: 7 s', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Response body')).toContainText('"detail": "Service Unavailable"');
  // Still signed in: a 5xx never signs anyone out.
  await nav(page, 'Account').click();
  await expectAccountScreen(page, DEMO.ada);
  await expect(page.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
});

test('a JSON body that does not parse is shown as readable text', async ({ app, page }) => {
  await openTester(app, page);
  await app.fault({ mode: 'invalid-json', path: '/api/v1/users/me', times: 1 });
  await send(page, '/api/v1/users/me');
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Response body')).toContainText('"email": "ada@deepcurrent.test", "full_name": "Ada Lov');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('a body over 10 MB is cut and marked "Response cut at 10 MB", and the page stays responsive', async ({ app, page }) => {
  await openTester(app, page);
  await app.fault({ mode: 'huge-body', path: '/api/v1/items', times: 1 });
  await send(page, '/api/v1/items');
  await expect(page.getByText('Response cut at 10 MB', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible();
  // The code editor holds the whole text, but only what is in view is in the DOM, not 10 MB.
  await expect(page.getByLabel('Response body')).toContainText('{"data":"xxx');
  const domChars = await page.getByLabel('Response body').evaluate((el) => el.textContent?.length ?? 0);
  expect(domChars).toBeLessThan(600_000);
  const path = page.getByLabel('Path');
  const started = Date.now();
  await path.fill('/api/v1/after-the-big-one');
  await expect(path).toHaveValue('/api/v1/after-the-big-one');
  expect(Date.now() - started).toBeLessThan(RESPONSIVE_MS);
  // The editor's search finds and marks the match.
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('textbox', { name: 'Find' }).fill('"data"');
  await page.getByRole('textbox', { name: 'Find' }).press('Enter');
  await expect(page.locator('.response-panel .cm-searchMatch').first()).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('a trickling body: the UI stays responsive, Cancel stops it, and a slow body that ends is shown', async ({ app, page }) => {
  await openTester(app, page);
  await app.fault({ mode: 'trickle', path: '/api/v1/items', times: 1, intervalMs: 300 });
  await send(page, '/api/v1/items');
  const typing = await typingDelayWhileInFlight(page, '/api/v1/typed-during-trickle');
  expect(typing).toBeLessThan(RESPONSIVE_MS);
  const cancelAt = Date.now();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(errorBox(page, 'Request cancelled')).toBeVisible();
  expect(Date.now() - cancelAt).toBeLessThan(1_500);
  await expect(page.getByText(/^GET \/api\/v1\/items · cancelled · /)).toBeVisible();

  await app.fault({ mode: 'trickle', path: '/api/v1/items', times: 1, intervalMs: 40 });
  await send(page, '/api/v1/items');
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel('Response body')).toContainText('"fault": "trickle"');
  expect(app.pageErrors).toEqual([]);
});
