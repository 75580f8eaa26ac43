/**
 * Accessibility, screen by screen, in a real Chromium: axe-core (every default rule, none disabled) finds no
 * serious or critical violation on the sign-in screen (also with an error shown, a network error with its Details
 * line and on the `API key` tab), the account screen and its sign-out dialog, the API key screen (before and after
 * the reveal), the open reveal dialog (with the copy countdown), the request-a-new-key form, the regeneration status
 * (pending, issued, new key revealed), the new-key notice with the dot on API key, the confirm-new-key dialog, the request tester with a response (its body as a JSON
 * tree), a 403 explanation and a snippet, and the settings — in the light and the dark theme, following the OS
 * (`prefers-color-scheme`) and the settings' `Theme` override. Other violations are printed by the helper.
 */
import type { Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { expectAccessible } from './helpers/a11y';
import { issueAsSupport, newestRegenerationRequestId, passwordToken } from './helpers/emulator-http';
import { DEMO, nav, signInHeading, signInWithPassword } from './helpers/sign-in';


/** Walks every screen and dialog, running axe on each; `label` names the theme in messages. */
async function auditEveryScreen(page: Page, app: E2EApp, label: string): Promise<void> {
  const audit = (what: string) => expectAccessible(page, `${what} (${label})`);

  await expect(signInHeading(page)).toBeVisible();
  await audit('sign-in');

  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await audit('sign-in with an error');

  await page.getByRole('tab', { name: 'API key' }).click();
  await page.getByLabel('API key', { exact: true }).fill('not-a-key');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('API key', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await audit('sign-in, API key tab with a field error');

  await page.getByRole('tab', { name: 'Email and password' }).click();
  await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
  await page.getByLabel('Base URL').fill('http://127.0.0.1:2');
  await page.getByLabel('Email', { exact: true }).fill(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill('deepcurrent-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Details: ECONNREFUSED')).toBeVisible();
  await audit('sign-in with a network error and its Details line');
  await page.getByLabel('Environment').selectOption({ label: 'Local emulator' });

  await signInWithPassword(page, DEMO.ada);
  await expect(page.getByText(/^Last verified /)).toBeVisible();
  await audit('account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('alertdialog', { name: `Sign out of ${DEMO.ada}?` })).toBeVisible();
  await audit('sign-out dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toBeHidden();

  await nav(page, 'API key').click();
  await expect(page.getByText(/^API key: dc_…/)).toBeVisible();
  await audit('API key');

  await page.getByRole('button', { name: 'Reveal API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
  await audit('reveal dialog, open, after Copy');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('This app holds your key')).toBeVisible();
  await audit('API key, held, with a copy receipt');

  await page.getByRole('button', { name: 'Request a new key' }).click();
  await expect(page.getByRole('heading', { name: 'Request a new key' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Choose a reason.')).toBeVisible();
  await audit('request-a-new-key form with an error');
  await page.getByRole('radio', { name: 'Lost' }).check();
  await page.getByLabel('Note').fill('Laptop lost on the train.');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Status: Pending')).toBeVisible();
  await audit('regeneration status, pending');

  // Issued while another screen is open: the dot on API key and the page's own notice.
  await nav(page, 'Settings').click();
  const token = await passwordToken(app, DEMO.ada);
  await issueAsSupport(app, await newestRegenerationRequestId(app, token));
  await expect(page.getByRole('button', { name: 'Open the API key screen' })).toBeVisible({ timeout: 15_000 });
  await audit('settings with the new-key notice and the dot on API key');
  await page.getByRole('button', { name: 'Open the API key screen' }).click();
  await expect(page.getByText('Status: Issued', { exact: true })).toBeVisible();
  await audit('regeneration status, issued');
  await page.getByRole('button', { name: 'Reveal new key' }).click();
  await page.getByRole('dialog', { name: 'Your API key' }).getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Confirm new key' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Confirm the new key?' })).toBeVisible();
  await audit('confirm-new-key dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await audit('regeneration status, new key revealed');

  await nav(page, 'Request tester').click();
  await expect(page.getByRole('heading', { name: 'Request tester' })).toBeVisible();
  await expect(page.getByLabel('Endpoint')).toContainText('GET /api/v1/users/me');
  await page.getByLabel('Path').fill('/api/v1/users/me');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible();
  await expect(page.locator('.response-panel .tok-key').first()).toBeVisible();
  // The body in the code editor (Pretty, in colour), with its search panel open.
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Find' })).toBeVisible();
  await audit('request tester with a 200 response in the code editor, its search open');
  const parts = page.getByRole('tablist', { name: 'Request parts' });
  await parts.getByRole('tab', { name: 'Copy as' }).click();
  await page.getByRole('button', { name: 'curl', exact: true }).click();
  await expect(page.getByLabel('Snippet')).toHaveValue(/curl/);
  // The body as a JSON tree.
  await page.getByRole('button', { name: 'Tree', exact: true }).click();
  await expect(page.getByRole('button', { name: /^root \{\d+\}$/ })).toHaveAttribute('aria-expanded', 'true');
  await audit('request tester with a 200 response as a JSON tree and a snippet');
  const views = page.getByRole('tablist', { name: 'Response views' });
  await views.getByRole('tab', { name: /^Headers/ }).click();
  await page.getByLabel('Filter headers').fill('content');
  await audit('request tester, the response headers filtered');
  await views.getByRole('tab', { name: 'Request as sent' }).click();
  await expect(page.getByText(/^Bearer eyJ…/)).toBeVisible();
  await audit('request tester, the request as sent');

  await page.getByRole('button', { name: 'New tab' }).click();
  await page.getByLabel('Path').fill('/api/v1/items/does-not-exist');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText(/^404 /)).toBeVisible();
  await parts.getByRole('tab', { name: /^Body/ }).click();
  await page.getByRole('radio', { name: 'JSON' }).check();
  await page.getByRole('textbox', { name: 'JSON body' }).fill('{"title": ');
  await expect(page.getByText(/^Invalid JSON/)).toBeVisible();
  await audit('request tester with two tabs, a 404, history and an invalid JSON body');

  await nav(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await audit('settings');
  await page.getByLabel('Request timeout (seconds)').fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Choose between 1 and 300 seconds.')).toBeVisible();
  await audit('settings with a field error');
}

/** The page's effective background colour (the body's), to prove the theme really changed. */
function backgroundOf(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/** A colour's relative lightness (0 black … 255 white), from `rgb(r, g, b)`. */
function lightness(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test.describe('axe finds no serious or critical violation on any screen', () => {
  test.describe.configure({ timeout: 90_000 });

  test('in the light theme (OS light)', async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    expect(lightness(await backgroundOf(page))).toBeGreaterThan(200);
    await auditEveryScreen(page, app, 'light');
  });

  test('in the dark theme (OS dark)', async ({ app, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(lightness(await backgroundOf(page))).toBeLessThan(60);
    await auditEveryScreen(page, app, 'dark');
  });

  test('in the theme chosen in Settings against the OS: dark while the OS is light, light while it is dark', async ({ page }) => {
    // The override uses the same colour set as the OS-driven theme (see styles.css), so a shorter walk suffices:
    // each kind of screen once, plus the proof that the override really applies.
    await page.emulateMedia({ colorScheme: 'light' });
    await signInWithPassword(page, DEMO.free);
    await nav(page, 'Settings').click();
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(lightness(await backgroundOf(page))).toBeLessThan(60);
    await expectAccessible(page, 'settings (dark by the Theme setting, OS light)');

    await nav(page, 'Account').click();
    await expect(page.getByText(/^Last verified /)).toBeVisible();
    await expectAccessible(page, 'account (dark by the Theme setting, OS light)');

    await nav(page, 'API key').click();
    await page.getByRole('button', { name: 'Reveal API key' }).click();
    await expect(page.getByRole('dialog', { name: 'Your API key' })).toBeVisible();
    await expectAccessible(page, 'reveal dialog (dark by the Theme setting, OS light)');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await nav(page, 'Request tester').click();
    await page.getByLabel('Path').fill('/api/v1/usage');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText(/^403 /)).toBeVisible();
    await expectAccessible(page, 'request tester with a 403 explanation (dark by the Theme setting, OS light)');

    await page.emulateMedia({ colorScheme: 'dark' });
    await nav(page, 'Settings').click();
    await page.getByLabel('Theme').selectOption('light');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(lightness(await backgroundOf(page))).toBeGreaterThan(200);
    await expectAccessible(page, 'settings (light by the Theme setting, OS dark)');
    await nav(page, 'Account').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectAccessible(page, 'sign-out dialog (light by the Theme setting, OS dark)');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
    await expect(signInHeading(page)).toBeVisible();
    await expect(page.getByText(/^Signed out of /)).toBeVisible();
    expect(lightness(await backgroundOf(page))).toBeGreaterThan(200);
    await expectAccessible(page, 'sign-in (light by the Theme setting, OS dark)');
  });
});
