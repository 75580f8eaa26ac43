/**
 * Issue 3 through start:web in a real Chromium: the one-time reveal (the key in a monospace field, copied by the
 * main process and cleared from the clipboard after the set time, forgotten by the page once the dialog closes),
 * no Reveal once the key has been shown (main's 409 message, as sent, when it was shown elsewhere meanwhile), and
 * the key-only account: no Reveal, and sent to sign in with its password when its new key is issued.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { DEMO, nav, expectAccountScreen, fact, revealKeyFor, signInHeading, signInWithApiKey, signInWithPassword } from './helpers/sign-in';
import { issueAsSupport, newestRegenerationRequestId, passwordToken } from './helpers/emulator-http';
import { openApiKeyScreen } from './helpers/reveal-in-app';

const KEY_FORMAT = /^dc_[A-Za-z0-9_-]{32,}$/;

/** Where a text can still be found in the page: the markup, form values, web storage, the title. */
async function placesHolding(page: Page, secret: string): Promise<string[]> {
  return page.evaluate((needle) => {
    const found: string[] = [];
    if (document.documentElement.outerHTML.includes(needle)) found.push('markup');
    if ((document.body.innerText ?? '').includes(needle)) found.push('visible text');
    const fields = Array.from(document.querySelectorAll('input, textarea, select')) as HTMLInputElement[];
    if (fields.some((el) => el.value.includes(needle))) found.push('form values');
    for (const [name, storage] of [
      ['localStorage', window.localStorage],
      ['sessionStorage', window.sessionStorage],
    ] as const) {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i) ?? '';
        if (key.includes(needle) || (storage.getItem(key) ?? '').includes(needle)) found.push(name);
      }
    }
    if (document.title.includes(needle)) found.push('title');
    return found;
  }, secret);
}

test('a revealed key is shown once, copied, cleared from the clipboard after the set time, and then only its last four remain', async ({
  app,
  page,
}) => {
  test.setTimeout(45_000); // ~10 s of it waits for the clipboard to be cleared
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await signInWithPassword(page, DEMO.ada);

  await nav(page, 'Settings').click();
  await page.getByLabel('Clear clipboard after (seconds)').fill('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await openApiKeyScreen(page);
  await expect(page.getByText('This app does not hold your key yet; reveal it once to keep it here')).toBeVisible();
  await page.getByRole('button', { name: 'Reveal API key' }).click();

  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('This is the only time the full key is shown.')).toBeVisible();
  const field = dialog.getByRole('textbox', { name: 'API key' });
  const key = await field.inputValue();
  expect(key).toMatch(KEY_FORMAT);
  await expect(field).toHaveAttribute('readonly', '');
  expect(await field.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/monospace/);

  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
  await expect(dialog.getByRole('status').filter({ hasText: 'it will be removed after 10 seconds.' })).toHaveCount(1);
  expect(await app.clipboardText()).toBe(key);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  const last4 = key.slice(-4);
  await expect(fact(page, 'API key', `dc_…${last4}`)).toBeVisible();
  await expect(page.getByText('This app holds your key')).toBeVisible();
  expect(await placesHolding(page, key)).toEqual([]);
  // Not even a long piece of it is left anywhere (a masked form keeps the last four only).
  expect(await placesHolding(page, key.slice(0, 12))).toEqual([]);
  expect(await placesHolding(page, key.slice(-8))).toEqual([]);

  // The receipt keeps counting on the screen; the main process clears the clipboard after ~10 s.
  await expect(page.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
  await expect.poll(() => app.clipboardText(), { timeout: 15_000, intervals: [500] }).toBe('');
  await expect(page.getByText('The clipboard has been cleared.')).toBeVisible({ timeout: 3_000 });

  await nav(page, 'Account').click();
  await expect(fact(page, 'API key', `dc_…${last4}`)).toBeVisible();
  expect(await placesHolding(page, key)).toEqual([]);
  expect(consoleLines.filter((line) => line.includes(key))).toEqual([]);
  expect(app.logs.filter((line) => line.includes(key))).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('after the one-time reveal there is no Reveal; a key shown elsewhere meanwhile gets main\'s own 409 message', async ({
  app,
  page,
}) => {
  await signInWithPassword(page, DEMO.ada);
  await openApiKeyScreen(page);
  await page.getByRole('button', { name: 'Reveal API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  await expect(dialog.getByRole('textbox', { name: 'API key' })).toHaveValue(KEY_FORMAT);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Neither enabled nor disabled: main no longer offers it. Copy is the main action and has the focus.
  await expect(page.getByRole('button', { name: 'Reveal API key' })).toHaveCount(0);
  const copy = page.getByRole('button', { name: 'Copy API key' });
  await expect(copy).toHaveClass(/btn-primary/);
  await expect(copy).toBeFocused();
  await expect(page.getByText('This app holds your key')).toBeVisible();

  // Free's key: the screen offers Reveal, then the key is shown elsewhere (another device) before the click.
  await nav(page, 'Account').click();
  await signInWithPassword(page, DEMO.free);
  await openApiKeyScreen(page);
  await expect(page.getByRole('button', { name: 'Reveal API key' })).toBeVisible();
  await revealKeyFor(app, DEMO.free);
  await page.getByRole('button', { name: 'Reveal API key' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'This key has already been revealed, and DeepCurrent shows a key only once. If you no longer have it, use Request a new key to get a new one.',
  );
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reveal API key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Request a new key' })).toHaveClass(/btn-primary/);
  await expect(page.getByText('This app does not hold your key; copy it from where you saved it')).toBeVisible();
  await nav(page, 'Account').click();
  await expectAccountScreen(page, DEMO.free);
  await expect(page.getByText('This app does not hold your key; copy it from where you saved it')).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('an account signed in with a key only sees no Reveal, and is sent to sign in with its password when its new key is issued', async ({
  app,
  page,
}) => {
  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithApiKey(page, key);
  await openApiKeyScreen(page);
  await expect(fact(page, 'API key', `dc_…${key.slice(-4)}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reveal API key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy API key' })).toHaveClass(/btn-primary/);

  // A new key requested and issued (support's side): revealing it needs a password session, so the screen says so.
  await page.getByRole('button', { name: 'Request a new key' }).click();
  await page.getByRole('radio', { name: 'Lost' }).check();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Status: Pending')).toBeVisible();
  await issueAsSupport(app, await newestRegenerationRequestId(app, await passwordToken(app, DEMO.ada)));
  await page.getByRole('region', { name: 'New key request' }).getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByText('Status: Issued', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reveal new key' })).toHaveCount(0);
  await expect(page.getByText('Revealing a key needs a session signed in with email and password.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign in with email and password' }).click();
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Email and password' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

  await page.getByLabel('Password', { exact: true }).fill('deepcurrent-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, DEMO.ada);
  await openApiKeyScreen(page);
  await expect(page.getByText('Revealing a key needs a session signed in with email and password.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reveal new key' })).toHaveClass(/btn-primary/);
  expect(await placesHolding(page, key)).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
