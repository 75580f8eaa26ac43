/**
 * Issue part 7 through start:web in a real Chromium, against a server in the field: the emulator's `minimal`
 * flavour, which answers like the FastAPI full-stack template's backend (integer ids, `users/me` without plan,
 * role or key, no key-management endpoints). Sign-in works, the screens say what the server does not provide
 * instead of inventing it, the API key screen offers no key action, the request tester works, and an answer
 * that cannot be read is named by its call and its first problem.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { DEMO, DEMO_PASSWORD, accountHeading, countIpcCalls, fact, nav, signInWithPassword } from './helpers/sign-in';
import { openRequestPart } from './helpers/workbench';

test.use({ appOptions: { offline: false, noKeychain: false, openPage: true, enableFaults: true, flavour: 'minimal' } });

const NOT_PROVIDED = 'Not provided by this server';

async function openApiKeyScreen(page: Page): Promise<void> {
  await nav(page, 'API key').click();
  await expect(page.getByRole('heading', { name: 'API key', exact: true })).toBeVisible();
}

test('signs in; the Account screen shows the email and name it sends and "Not provided by this server" for plan and role', async ({ page }) => {
  await signInWithPassword(page, DEMO.ada);
  await expect(fact(page, 'Full name', 'Ada Lovelace')).toBeVisible();
  await expect(fact(page, 'Plan', NOT_PROVIDED)).toBeVisible();
  await expect(fact(page, 'Role', NOT_PROVIDED)).toBeVisible();
  await expect(fact(page, 'Signed in with', 'session token')).toBeVisible();
  await expect(page.getByText(/^Last verified /)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the API key screen says this server offers no API key management, with no Reveal and no Request a new key', async ({ page }) => {
  await signInWithPassword(page, DEMO.ada);
  await openApiKeyScreen(page);
  await expect(page.getByRole('heading', { name: 'This server offers no API key management' })).toBeVisible();
  await expect(
    page.getByText('The server answered HTTP 404 to GET /api/v1/users/me/api-key/regeneration-requests: it has no API key management.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /Reveal/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Request a new key' })).toHaveCount(0);

  const checks = countIpcCalls(page, 'getApiKeyStatus');
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect.poll(() => checks.count).toBe(1);
  await expect(page.getByRole('heading', { name: 'This server offers no API key management' })).toBeVisible();
});

test('the request tester lists items and creates one, answered 200 as this server does', async ({ page }) => {
  await signInWithPassword(page, DEMO.ada);
  await nav(page, 'Request tester').click();
  await expect(page.getByRole('heading', { name: 'Request tester', exact: true })).toBeVisible();
  await expect(page.getByText(/^Acting as ada@deepcurrent\.test with session token/)).toBeVisible();

  await page.getByLabel('Method', { exact: true }).selectOption('POST');
  await page.getByLabel('Path', { exact: true }).fill('/api/v1/items/');
  await openRequestPart(page, 'Body');
  await page.getByRole('group', { name: 'Body' }).getByRole('radio', { name: 'JSON' }).check();
  await page.getByLabel('JSON body', { exact: true }).fill('{"title": "From a field server", "description": "e2e"}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.response-panel .status-code')).toHaveText('200 OK');
  await expect(page.getByLabel('Response body', { exact: true })).toContainText('"owner_id": ');

  await page.getByLabel('Method', { exact: true }).selectOption('GET');
  await page.getByRole('group', { name: 'Body' }).getByRole('radio', { name: 'None' }).check();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Response body', { exact: true })).toContainText('"title": "From a field server"');
  await expect(page.getByLabel('Response body', { exact: true })).toContainText('"count": 1');
});

test('a profile answer without email: sign-in says it succeeded, names the call and the missing field, and keeps no account', async ({ app, page }) => {
  await app.fault({ mode: 'body', path: '/api/v1/users/me', body: '{"id":1}', times: 1 });
  await page.getByRole('tab', { name: 'Email and password' }).click();
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.locator('#sign-in-errors');
  await expect(alert).toContainText(
    "Signed in, but the server's profile answer cannot be read: GET /api/v1/users/me: the answer has no email.",
  );
  await expect(alert).toContainText('nothing was stored');
  await expect(accountHeading(page)).toHaveCount(0);
  expect(app.logs.filter((line) => line.includes('/api/v1/users/me'))).toEqual([
    '[deepcurrent-api] GET /api/v1/users/me: cannot read the answer: the answer has no email',
  ]);
});

test('a profile answer without email on Refresh is named on the Account screen, and the account stays', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  await expect(page.getByText(/^Last verified /)).toBeVisible();
  await app.fault({ mode: 'body', path: '/api/v1/users/me', body: '{"id":1}', times: 1 });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText("The server's answer cannot be read: GET /api/v1/users/me: the answer has no email.");
  await expect(fact(page, 'Email', DEMO.ada)).toBeVisible();
});
