/**
 * The layout check, on every screen and state of the app, at 1280×800 and 800×600, in the light and the dark theme:
 * no two visible controls overlap, no visible label or button text is clipped, no button's words break across
 * lines (`helpers/layout.ts`). One browser context per size and theme walks the states: the sign-in form (its API
 * key tab, a network error with its Details line, a lockout), the account screen and its sign-out dialog, the API
 * key screen before and after the reveal (and the reveal dialog after Copy), the request form with an error,
 * Pending, the new key issued while another screen is open (the dot and the page's notice), Issued, Revealed, the
 * confirm dialog, Confirmed, the request tester with rows, a JSON body, a response, its tree and a snippet, the
 * settings (also with a field error), and the notice after signing out of one of two accounts; and the account and
 * API key screens of a server in the field (no key management).
 */
import type { Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { expectCleanLayout } from './helpers/layout';
import { issueAsSupport, newestRegenerationRequestId, passwordToken } from './helpers/emulator-http';
import { DEMO, DEMO_PASSWORD, nav, signInHeading, signInWithPassword } from './helpers/sign-in';
import { openRequestPart } from './helpers/workbench';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
const THEMES = ['light', 'dark'] as const;

async function walk(page: Page, app: E2EApp, where: string): Promise<void> {
  const check = (state: string) => expectCleanLayout(page, `${state} (${where})`);
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const dialog = page.getByRole('dialog');
  const alertDialog = page.getByRole('alertdialog');

  await expect(signInHeading(page)).toBeVisible();
  await check('sign-in');
  await page.getByRole('tab', { name: 'API key' }).click();
  await page.getByLabel('API key', { exact: true }).fill('not-a-key');
  await button('Sign in').click();
  await expect(page.getByLabel('API key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await check('sign-in, API key tab with a field error');

  await page.getByRole('tab', { name: 'Email and password' }).click();
  await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
  await page.getByLabel('Base URL').fill('http://127.0.0.1:2');
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await button('Sign in').click();
  await expect(page.getByText('Details: ECONNREFUSED')).toBeVisible();
  await check('sign-in with a network error');

  await page.getByLabel('Environment').selectOption({ label: 'Local emulator' });
  await page.getByLabel('Email', { exact: true }).fill('locked-out@deepcurrent.test');
  for (let i = 0; i < 6; i++) {
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    const answered = page.waitForResponse((r) => r.url().includes(encodeURIComponent('auth:sign-in-password')));
    await button('Sign in').click();
    await answered;
  }
  await expect(page.getByText(/^Try again in \d+ s$/)).toBeVisible();
  await check('sign-in with a lockout');

  await signInWithPassword(page, DEMO.ada);
  await expect(page.getByText(/^Last verified /)).toBeVisible();
  await check('account');
  await button('Sign out').click();
  await expect(alertDialog).toBeVisible();
  await check('sign-out dialog');
  await alertDialog.getByRole('button', { name: 'Cancel' }).click();

  await nav(page, 'API key').click();
  await expect(button('Reveal API key')).toBeVisible();
  await check('API key, not revealed yet');
  await button('Reveal API key').click();
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByText(/^Copied\./)).toBeVisible();
  await check('reveal dialog after Copy');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await button('Copy API key').click();
  await expect(page.getByText('This app holds your key')).toBeVisible();
  await expect(page.getByText(/^Copied\./)).toBeVisible();
  await check('API key, held, with a copy receipt');

  await button('Request a new key').click();
  await button('Submit request').click();
  await expect(page.getByText('Choose a reason.')).toBeVisible();
  await check('request form with an error');
  await page.getByRole('radio', { name: 'Lost' }).check();
  await page.getByLabel('Note').fill('Laptop lost on the train.');
  await button('Submit request').click();
  await expect(page.getByText('Status: Pending')).toBeVisible();
  await check('API key, request pending');

  // Issued while the request tester is open: the app notices by itself.
  await nav(page, 'Request tester').click();
  const token = await passwordToken(app, DEMO.ada);
  await issueAsSupport(app, await newestRegenerationRequestId(app, token));
  await expect(page.locator('.nav-dot')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^Your new API key is ready/)).toBeVisible();
  await page.getByRole('button', { name: 'Add query parameter' }).click();
  await openRequestPart(page, 'Headers');
  await page.getByRole('button', { name: 'Add header' }).click();
  await openRequestPart(page, 'Body');
  await page.getByRole('radio', { name: 'JSON' }).check();
  await page.getByLabel('JSON body').fill('{"title": "x"}');
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('Path').fill('/api/v1/items');
  await button('Send').click();
  await expect(page.locator('.response-panel .status-code')).toHaveText(/^201 /);
  await check('request tester with rows, a JSON body, a response and the new-key notice');
  await button('Tree').click();
  await openRequestPart(page, 'Copy as');
  await button('curl').click();
  await expect(page.getByLabel('Snippet')).toHaveValue(/curl/);
  await check('request tester with the response as a tree and a snippet');

  await button('Open the API key screen').click();
  await expect(button('Reveal new key')).toBeVisible();
  await check('API key, new key issued');
  await button('Reveal new key').click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(button('Confirm new key')).toBeVisible();
  await check('API key, new key revealed');
  await button('Confirm new key').click();
  await expect(alertDialog).toBeVisible();
  await check('confirm-new-key dialog');
  await alertDialog.getByRole('button', { name: 'Confirm new key' }).click();
  await expect(page.getByText('Status: Confirmed')).toBeVisible();
  await check('API key, new key confirmed');

  await nav(page, 'Settings').click();
  await check('settings');
  await page.getByLabel('Request timeout (seconds)').fill('0');
  await button('Save settings').click();
  await expect(page.getByText('Choose between 1 and 300 seconds.')).toBeVisible();
  await check('settings with a field error');

  await nav(page, 'Account').click();
  await button('Add account').click();
  await signInWithPassword(page, DEMO.free);
  await button('Sign out').click();
  await alertDialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText(/^Signed out of free@deepcurrent\.test/)).toBeVisible();
  await check('account after signing out of another account');
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    const where = `${size.width}×${size.height}, ${theme}`;
    test.describe(`layout at ${where}`, () => {
      test.use({ viewport: size, colorScheme: theme });
      test.describe.configure({ timeout: 120_000 });
      test(`no control overlaps another and no text is clipped, on every screen and state (${where})`, async ({ app, page }) => {
        await walk(page, app, where);
      });
    });
  }
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    const where = `${size.width}×${size.height}, ${theme}, a server in the field`;
    test.describe(`layout at ${where}`, () => {
      test.use({ viewport: size, colorScheme: theme, appOptions: { offline: false, noKeychain: false, enableFaults: false, openPage: true, flavour: 'minimal' } });
      test(`the account and API key screens of a server without key management are clean (${where})`, async ({ page }) => {
        await signInWithPassword(page, DEMO.ada);
        await expectCleanLayout(page, `account (${where})`);
        await nav(page, 'API key').click();
        await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();
        await expectCleanLayout(page, `API key without key management (${where})`);
      });
    });
  }
}
