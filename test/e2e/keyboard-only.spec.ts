/**
 * Every flow of parts 1–3 with the keyboard alone, in one test: sign in with email and password, move between the
 * screens, reveal the key, copy it and close the dialog with Escape, request a new key, reveal the issued key and
 * confirm it (the confirmation dialog: Cancel focused, focus kept inside, Escape cancels), send a request from the
 * tester with Ctrl+Enter, change a setting, sign out (its dialog: copy the key first, then sign out). Only Tab / Shift+Tab,
 * typing, Enter, Space, the arrow keys and Escape are used — never a click. The support account issues the new
 * key over the emulator's API (that is the support team's side, not the user's). At several points the focused
 * element must show a visible focus ring.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { issueAsSupport, newestRegenerationRequestId, passwordToken, usersMeStatus } from './helpers/emulator-http';
import { DEMO, nav, DEMO_PASSWORD, fact, signInHeading } from './helpers/sign-in';

/** Presses `key` (Tab by default) until `target` has the focus; fails after `max` presses. */
async function focusWith(page: Page, target: Locator, key = 'Tab', max = 60): Promise<void> {
  await expect(target).toBeVisible();
  const handle = await target.elementHandle();
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
    await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
  throw new Error(`${key} did not reach ${target} within ${max} presses (focus is on ${focused})`);
}

/** Asserts the focused element is `target` and shows a focus ring (an outline or a box shadow). */
async function expectFocusRing(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return {
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
      shadow: style.boxShadow !== 'none',
      focusVisible: el.matches(':focus-visible'),
    };
  });
  expect(ring.focusVisible, 'the focused element matches :focus-visible').toBe(true);
  expect(ring.outline || ring.shadow, 'the focused element shows an outline or a box shadow').toBe(true);
}

/** Presses an arrow key (ArrowDown by default) on a focused select until its selected option's text matches. */
async function arrowToOption(page: Page, select: Locator, text: RegExp, key = 'ArrowDown', max = 40): Promise<void> {
  await expect(select).toBeFocused();
  for (let i = 0; i <= max; i++) {
    const label = await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    if (text.test(label)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never selected an option matching ${text}`);
}


/** From anywhere on a screen, Shift+Tab back to a navigation item and press Enter; the screen's heading takes focus. */
async function navigateTo(page: Page, item: string, heading: string): Promise<void> {
  await focusWith(page, nav(page, item), 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(nav(page, item)).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: heading, exact: true, level: 1 })).toBeFocused();
}

test('every flow can be completed with the keyboard alone, with a visible focus ring', async ({ app, page }) => {
  test.setTimeout(120_000);
  const { keyboard } = page;

  // Sign in: the tabs follow the arrow keys; Enter submits the form.
  await expect(signInHeading(page)).toBeVisible();
  const passwordTab = page.getByRole('tab', { name: 'Email and password' });
  await focusWith(page, passwordTab);
  await expectFocusRing(page, passwordTab);
  await keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'API key' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'API key' })).toBeFocused();
  await expect(page.getByLabel('API key', { exact: true })).toBeVisible();
  await keyboard.press('ArrowLeft');
  await expect(passwordTab).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Tab');
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await keyboard.type(DEMO.ada);
  await keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await keyboard.type(DEMO_PASSWORD);
  await keyboard.press('Enter');
  await expect(fact(page, 'Email', DEMO.ada)).toBeVisible();
  await expect(fact(page, 'Signed in with', 'session token')).toBeVisible();

  // The account screen's own controls are reachable; then on to the API key screen.
  const refresh = page.getByRole('button', { name: 'Refresh' });
  await focusWith(page, refresh);
  await expectFocusRing(page, refresh);
  await navigateTo(page, 'API key', 'API key');
  await expect(page.getByText('This app does not hold your key yet; reveal it once to keep it here')).toBeVisible();

  // Reveal, copy (Space), close with Escape: Reveal is gone then, the focus goes to the main action (Copy API key),
  // only last4 remains.
  const reveal = page.getByRole('button', { name: 'Reveal API key' });
  await focusWith(page, reveal);
  await expectFocusRing(page, reveal);
  await keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  const keyField = dialog.getByRole('textbox', { name: 'API key' });
  await expect(keyField).toBeFocused();
  const key = await keyField.inputValue();
  expect(key).toMatch(/^dc_[A-Za-z0-9_-]{32,}$/);
  await focusWith(page, dialog.getByRole('button', { name: 'Copy', exact: true }));
  await expectFocusRing(page, dialog.getByRole('button', { name: 'Copy', exact: true }));
  await keyboard.press('Space');
  await expect(dialog.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
  expect(await app.clipboardText()).toBe(key);
  // The focus stays inside the dialog however far one tabs.
  for (let i = 0; i < 6; i++) {
    await keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
  }
  await keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reveal).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy API key' })).toBeFocused();
  await expect(page.getByText(`API key: dc_…${key.slice(-4)} This app holds your key`)).toBeVisible();

  // Request a new key: the reason radios follow the arrow keys; Enter submits.
  const requestButton = page.getByRole('button', { name: 'Request a new key' });
  await focusWith(page, requestButton);
  await keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Request a new key' })).toBeVisible();
  await focusWith(page, page.getByRole('radio', { name: 'Compromised' }));
  await keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Compromised' })).toBeChecked();
  await keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Lost' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Lost' })).toBeFocused();
  await keyboard.press('Tab');
  await expect(page.getByLabel('Note')).toBeFocused();
  await keyboard.type('Left my laptop on the train.');
  await expect(page.getByText('28/500')).toBeVisible();
  await focusWith(page, page.getByRole('button', { name: 'Submit request' }));
  await keyboard.press('Enter');
  await expect(page.getByText('Status: Pending')).toBeVisible();

  // Support issues it (their side, over the API); the user refreshes, reveals the new key and confirms it.
  const adaToken = await passwordToken(app, DEMO.ada);
  await issueAsSupport(app, await newestRegenerationRequestId(app, adaToken));
  const statusRefresh = page.getByRole('region', { name: 'New key request' }).getByRole('button', { name: 'Refresh' });
  await focusWith(page, statusRefresh);
  await expectFocusRing(page, statusRefresh);
  await keyboard.press('Enter');
  await expect(page.getByText('Status: Issued', { exact: true })).toBeVisible();
  await focusWith(page, page.getByRole('button', { name: 'Reveal new key' }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const newKey = await keyField.inputValue();
  expect(newKey).toMatch(/^dc_/);
  expect(newKey).not.toBe(key);
  await keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Status: Issued (new key revealed)')).toBeVisible();
  const confirm = page.getByRole('button', { name: 'Confirm new key' });
  await focusWith(page, confirm);
  await expectFocusRing(page, confirm);
  // Confirm asks first: Cancel has the focus, the focus stays in the dialog, Escape cancels and nothing changes.
  await keyboard.press('Enter');
  const ask = page.getByRole('alertdialog', { name: 'Confirm the new key?' });
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]'))).toBe(true);
  }
  await keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(confirm).toBeFocused();
  expect(await usersMeStatus(app, key)).toBe(200);
  await keyboard.press('Enter');
  await focusWith(page, ask.getByRole('button', { name: 'Confirm new key' }));
  await expectFocusRing(page, ask.getByRole('button', { name: 'Confirm new key' }));
  await keyboard.press('Enter');
  await expect(page.getByText('Status: Confirmed')).toBeVisible();
  await expect(page.getByText(`API key: dc_…${newKey.slice(-4)} This app holds your key`)).toBeVisible();
  expect(await usersMeStatus(app, key)).toBe(401);
  expect(await usersMeStatus(app, newKey)).toBe(200);

  // The request tester: pick an endpoint with the arrow keys, send with Ctrl+Enter.
  await navigateTo(page, 'Request tester', 'Request tester');
  const endpoint = page.getByLabel('Endpoint');
  await expect(endpoint).toContainText('GET /api/v1/users/me');
  await focusWith(page, endpoint);
  await expectFocusRing(page, endpoint);
  await arrowToOption(page, endpoint, /^GET \/api\/v1\/users\/me\b/);
  await expect(page.getByLabel('Path')).toHaveValue('/api/v1/users/me');
  await keyboard.press('Control+Enter');
  await expect(page.getByText('200 OK', { exact: true })).toBeVisible();
  await expect(page.getByText(/^GET \/api\/v1\/users\/me · 200 · /)).toBeVisible();
  // Then edit the path by typing and send again from the Path field.
  const path = page.getByLabel('Path');
  await focusWith(page, path);
  await keyboard.press('Control+A');
  await keyboard.type('/api/v1/usage');
  await keyboard.press('Control+Enter');
  await expect(page.getByText(/^GET \/api\/v1\/usage · 200 · /)).toBeVisible();
  // The request's parts are tabs: the arrow keys reach Authorization; switch the credential to the API key there.
  const parts = page.getByRole('tablist', { name: 'Request parts' });
  const query = parts.getByRole('tab', { name: 'Query' });
  await focusWith(page, query);
  await expectFocusRing(page, query);
  for (let i = 0; i < 3; i += 1) await keyboard.press('ArrowRight');
  await expect(parts.getByRole('tab', { name: 'Authorization' })).toBeFocused();
  await expect(parts.getByRole('tab', { name: 'Authorization' })).toHaveAttribute('aria-selected', 'true');
  const auth = page.getByLabel('Auth', { exact: true });
  await focusWith(page, auth);
  await arrowToOption(page, auth, /^API key$/, 'ArrowUp');
  await expect(page.getByText(`Acting as ${DEMO.ada} with API key dc_…${newKey.slice(-4)}`)).toBeVisible();
  // A snippet through the keyboard: the last part, End from the tab list.
  await focusWith(page, parts.getByRole('tab', { name: 'Authorization' }), 'Shift+Tab');
  await keyboard.press('End');
  await expect(parts.getByRole('tab', { name: 'Copy as' })).toBeFocused();
  const curl = page.getByRole('button', { name: 'curl', exact: true });
  await focusWith(page, curl);
  await keyboard.press('Enter');
  await expect(page.getByLabel('Snippet')).toHaveValue(/\$DEEPCURRENT_API_KEY/);

  // The divider between the request and the response: a separator the arrow keys move.
  const divider = page.getByRole('separator', { name: 'Resize the request and response panes' });
  await focusWith(page, divider, 'Shift+Tab');
  await expectFocusRing(page, divider);
  await keyboard.press('ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', '45');
  await keyboard.press('End');
  await expect(divider).toHaveAttribute('aria-valuenow', '80');
  await keyboard.press('Home');
  await expect(divider).toHaveAttribute('aria-valuenow', '20');

  // Tabs: Ctrl+T opens one (the focus is in its path), Ctrl+Enter sends it, Ctrl+Tab goes back, the arrow keys move
  // in the tab list, Delete closes the focused tab.
  await keyboard.press('Control+t');
  await expect(page.getByLabel('Path')).toBeFocused();
  await keyboard.type('/api/v1/items');
  await keyboard.press('Control+Enter');
  await expect(page.getByText(/^GET \/api\/v1\/items · 200 · /)).toBeVisible();
  const openTabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');
  await expect(openTabs).toHaveCount(2);
  await keyboard.press('Control+Tab');
  await expect(openTabs.first()).toBeFocused();
  await expect(openTabs.first()).toHaveAttribute('aria-selected', 'true');
  await expectFocusRing(page, openTabs.first());
  await keyboard.press('ArrowRight');
  await expect(openTabs.nth(1)).toBeFocused();
  await expect(page.getByLabel('Path')).toHaveValue('/api/v1/items');
  await keyboard.press('Delete');
  await expect(openTabs).toHaveCount(1);
  await expect(openTabs.first()).toBeFocused();
  await expect(page.getByLabel('Path')).toHaveValue('/api/v1/usage');

  // Settings: type a value, choose a theme with the arrow keys, save with Enter.
  await navigateTo(page, 'Settings', 'Settings');
  await focusWith(page, page.getByLabel('Request timeout (seconds)'));
  await keyboard.press('Control+A');
  await keyboard.type('45');
  await keyboard.press('Tab');
  await expect(page.getByLabel('Theme')).toBeFocused();
  await arrowToOption(page, page.getByLabel('Theme'), /^Dark$/);
  const save = page.getByRole('button', { name: 'Save settings' });
  await focusWith(page, save);
  await expectFocusRing(page, save);
  await keyboard.press('Enter');
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const state = await app.call<{ settings: { requestTimeoutSeconds: number; theme: string } }>('getState');
  expect(state.ok && state.value.settings).toMatchObject({ requestTimeoutSeconds: 45, theme: 'dark' });

  // Sign out from the account screen.
  await navigateTo(page, 'Account', 'Account');
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await focusWith(page, signOut);
  await expectFocusRing(page, signOut);
  // Sign out asks first (Cancel focused); Copy API key through the keyboard, then Sign out.
  await keyboard.press('Enter');
  const leave = page.getByRole('alertdialog', { name: `Sign out of ${DEMO.ada}?` });
  await expect(leave.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await focusWith(page, leave.getByRole('button', { name: 'Copy API key' }));
  await keyboard.press('Enter');
  await expect(leave.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
  expect(await app.clipboardText()).toBe(newKey);
  await focusWith(page, leave.getByRole('button', { name: 'Sign out' }));
  await expectFocusRing(page, leave.getByRole('button', { name: 'Sign out' }));
  await keyboard.press('Enter');
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByText(`Signed out of ${DEMO.ada} (Local emulator). No account is signed in on this computer now.`)).toBeVisible();
  const after = await app.call<{ accounts: unknown[] }>('getState');
  expect(after.ok && after.value.accounts).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
