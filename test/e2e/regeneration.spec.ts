/**
 * Issue 3's request for a new key, end to end through start:web: request it with a reason and a note (Pending),
 * support issues it (by the support account over HTTP, or by the emulator's auto-issue), the view follows it
 * (Refresh or its own polling), the new key is revealed once and copied, confirmed, and the server then refuses the
 * old key and accepts the new one. A restart between the reveal and the confirmation resumes where it stopped.
 */
import type { Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { issueAsSupport, newestRegenerationRequestId, usersMeStatus } from './helpers/emulator-http';
import { DEMO, nav, fact, signInWithPassword } from './helpers/sign-in';

const KEY_FORMAT = /^dc_[A-Za-z0-9_-]{32,}$/;

/** The `Status: …` line of the request's status view, matched exactly. */
function stage(page: Page, text: string) {
  return page.locator('.stage').filter({ hasText: new RegExp(`^Status: ${text.replace(/[()]/g, '\\$&')}$`) });
}

/** Setup: the app reveals (and so holds) the account's current key; answers it. */
async function holdCurrentKey(app: E2EApp): Promise<string> {
  const state = await app.call<{ activeAccountId: string }>('getState');
  if (!state.ok) throw new Error(state.error.message);
  const revealed = await app.call<{ apiKey: string }>('revealApiKey', { accountId: state.value.activeAccountId });
  if (!revealed.ok) throw new Error(revealed.error.message);
  return revealed.value.apiKey;
}

/** Fills and submits the request form; waits for `Pending`. */
async function requestNewKey(page: Page, reason: 'Compromised' | 'Lost' | 'Other', note: string): Promise<void> {
  await page.getByRole('button', { name: 'Request a new key' }).click();
  const form = page.getByRole('form', { name: 'Request a new key' });
  await form.getByRole('group', { name: 'Reason' }).getByRole('radio', { name: reason }).check();
  await form.getByLabel('Note').fill(note);
  await expect(form.getByText(`${note.length}/500`)).toBeVisible();
  await form.getByRole('button', { name: 'Submit request' }).click();
  await expect(form).toHaveCount(0);
  await expect(stage(page, 'Pending')).toBeVisible();
  await expect(page.getByText('Support has been notified.')).toBeVisible();
}

/** Reveals the issued key in the dialog, copies it, checks the clipboard, closes; answers the key. */
async function revealCopyAndClose(app: E2EApp, page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Reveal new key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  await expect(dialog.getByText('This is your new key.')).toBeVisible();
  const key = await dialog.getByRole('textbox', { name: 'API key' }).inputValue();
  expect(key).toMatch(KEY_FORMAT);
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
  expect(await app.clipboardText()).toBe(key);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(stage(page, 'Issued (new key revealed)')).toBeVisible();
  expect(await page.content()).not.toContain(key);
  return key;
}

/** Confirms (through the dialog that asks first), then checks the server (old key 401, new 200) and the screens. */
async function confirmAndCheck(app: E2EApp, page: Page, oldKey: string, newKey: string): Promise<void> {
  await page.getByRole('button', { name: 'Confirm new key' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Confirm the new key?' });
  await expect(ask).toContainText('stops working at once, everywhere it is used');
  await ask.getByRole('button', { name: 'Confirm new key' }).click();
  await expect(ask).toHaveCount(0);
  await expect(stage(page, 'Confirmed')).toBeVisible();
  await expect(page.getByText('The new key is now your API key. The old key has been revoked.')).toBeVisible();
  expect(await usersMeStatus(app, oldKey)).toBe(401);
  expect(await usersMeStatus(app, newKey)).toBe(200);
  await expect(fact(page, 'API key', `dc_…${newKey.slice(-4)} This app holds your key`)).toBeVisible();
  await nav(page, 'Account').click();
  await expect(fact(page, 'API key', `dc_…${newKey.slice(-4)} This app holds your key`)).toBeVisible();
  expect(await page.content()).not.toContain(newKey);
  expect(app.logs.filter((line) => line.includes(newKey) || line.includes(oldKey))).toEqual([]);
}

test('a new key is requested, issued by support, revealed, confirmed, and the old key is refused afterwards', async ({
  app,
  page,
}) => {
  await signInWithPassword(page, DEMO.ada);
  const oldKey = await holdCurrentKey(app);
  await nav(page, 'API key').click();
  await expect(fact(page, 'API key', `dc_…${oldKey.slice(-4)}`)).toBeVisible();

  await requestNewKey(page, 'Lost', 'Laptop stolen at the station');
  await expect(page.getByText('Reason: Lost', { exact: false })).toBeVisible();
  await expect(page.getByText('Note: Laptop stolen at the station')).toBeVisible();
  // Pending: the old key keeps working.
  expect(await usersMeStatus(app, oldKey)).toBe(200);

  await issueAsSupport(app, await newestRegenerationRequestId(app, oldKey));
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(stage(page, 'Issued')).toBeVisible();
  expect(await usersMeStatus(app, oldKey)).toBe(200);

  const newKey = await revealCopyAndClose(app, page);
  expect(newKey).not.toBe(oldKey);
  // Revealed but not confirmed: the new key does not authenticate yet, the old one still does.
  expect(await usersMeStatus(app, newKey)).toBe(401);
  expect(await usersMeStatus(app, oldKey)).toBe(200);

  await confirmAndCheck(app, page, oldKey, newKey);
  expect(app.pageErrors).toEqual([]);
});

test.describe('with requests issued automatically after 2 s', () => {
  test.use({ appOptions: { offline: false, noKeychain: false, enableFaults: false, openPage: true, autoIssueAfterSeconds: 2 } });

  test('the status view notices the issue by itself, and a restart between reveal and confirm resumes and completes', async ({
    app,
    page,
  }) => {
    test.setTimeout(45_000); // waits for the emulator to issue and the view to poll, then restarts the app
    await signInWithPassword(page, DEMO.ada);
    const oldKey = await holdCurrentKey(app);
    await nav(page, 'API key').click();
    await requestNewKey(page, 'Compromised', '');

    // No Refresh: the view polls while the request is open (first check after 2 s, then 4 s).
    await expect(stage(page, 'Issued')).toBeVisible({ timeout: 15_000 });
    // Main noticed the turn once (start:web records it; the user is looking at the screen, so no dot).
    expect(app.web.notifier.shown.map((n) => n.opens.screen)).toEqual(['api-key']);
    await expect(page.locator('.nav-dot')).toHaveCount(0);
    const newKey = await revealCopyAndClose(app, page);

    // Secrets outlive a restart only in the OS keychain (in memory they are gone by design, and the app asks to
    // sign in again); without one, the flow is completed without the restart.
    if (app.keychain === 'os') {
      await app.restart();
      await expect(fact(page, 'Email', DEMO.ada)).toBeVisible();
      await nav(page, 'API key').click();
      await expect(stage(page, 'Issued (new key revealed)')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Reveal new key' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Copy new key' })).toBeVisible();
      await page.getByRole('button', { name: 'Copy new key' }).click();
      await expect.poll(() => app.clipboardText()).toBe(newKey);
    } else {
      test.info().annotations.push({ type: 'skipped-step', description: 'No OS keychain: the restart step needs one.' });
    }
    expect(await usersMeStatus(app, oldKey)).toBe(200);

    await confirmAndCheck(app, page, oldKey, newKey);
    expect(app.pageErrors).toEqual([]);
  });

  test('a key issued while another screen is open: one notice from main, the page\'s own notice and a dot on API key until it is opened', async ({
    app,
    page,
  }) => {
    test.setTimeout(45_000);
    await signInWithPassword(page, DEMO.ada);
    await nav(page, 'API key').click();
    await requestNewKey(page, 'Lost', '');
    await nav(page, 'Request tester').click();

    const notice = page.getByRole('status').filter({ hasText: 'Your new API key is ready' });
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(nav(page, 'API key').locator('.nav-dot')).toBeVisible();
    await nav(page, 'Settings').click();
    await expect(nav(page, 'API key').locator('.nav-dot')).toBeVisible();
    expect(app.web.notifier.shown).toHaveLength(1);

    await notice.getByRole('button', { name: 'Open the API key screen' }).click();
    await expect(page.getByRole('heading', { name: 'API key', exact: true, level: 1 })).toBeVisible();
    await expect(page.locator('.nav-dot')).toHaveCount(0);
    await expect(notice).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reveal new key' })).toBeVisible();
    await page.getByRole('region', { name: 'New key request' }).getByRole('button', { name: 'Refresh' }).click();
    await expect(stage(page, 'Issued')).toBeVisible();
    expect(app.web.notifier.shown).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
  });
});
