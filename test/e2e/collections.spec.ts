/**
 * Issue 14, items 3, 4 and 6 through start:web in a real Chromium: save → a `.http` file appears in the collection
 * folder with no secret in it (and a literal Authorization is refused in words); an edit made on disk shows in the
 * app; a curl command pasted into Path fills the request (its Authorization left out) and is never sent as a path;
 * history per account, with every account's on request and a re-run under the entry's own account after asking.
 * Axe (serious and critical) on the new panels and dialogs in both themes, and the new controls with the keyboard.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { expectAccessible } from './helpers/a11y';
import { heldSecret } from '../helpers/held-secret';
import { appState, countIpcCalls, DEMO, nav, signInWithPassword } from './helpers/sign-in';
import { openRequestPart } from './helpers/workbench';

const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

const folderOf = (app: E2EApp) => join(app.dataDir, 'collections');

async function openTester(page: Page): Promise<void> {
  await nav(page, 'Request tester').click();
  await expect(page.getByRole('heading', { name: 'Request tester', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Collections' }).getByText('Folder:')).toBeVisible();
}

function collections(page: Page): Locator {
  return page.getByRole('region', { name: 'Collections' });
}

function historyRows(page: Page): Locator {
  return page.getByRole('region', { name: 'History' }).getByRole('listitem');
}

/** The active account's session token, read in the test process (never from the page). */
async function sessionToken(app: E2EApp): Promise<string> {
  const state = await appState(app);
  return (await heldSecret(app.web.services, state.activeAccountId!, 'token'))!;
}

test('save writes a .http file with no secret in it; a literal Authorization is refused; an edit on disk shows', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  const token = await sessionToken(app);
  expect(token).toMatch(JWT);
  await openTester(page);

  await page.getByLabel('Path', { exact: true }).fill('/api/v1/items/{id}');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save request' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill('Read an item');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(collections(page).getByRole('status')).toHaveText('Saved “Read an item” in requests.http.');
  await expect(collections(page).getByRole('button', { name: 'GET Read an item /api/v1/items/{{id}}' })).toBeVisible();
  const file = join(folderOf(app), 'requests.http');
  expect(readFileSync(file, 'utf8')).toBe('### Read an item\n# @name Read an item\nGET {{baseUrl}}/api/v1/items/{{id}}\n');

  // The session token typed as a header: refused, in words, and nothing written.
  await openRequestPart(page, 'Headers');
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header 1 name', { exact: true }).fill('Authorization');
  await page.getByLabel('Header 1 value', { exact: true }).fill(`Bearer ${token}`);
  await collections(page).getByRole('button', { name: 'Save request…' }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('With my token');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not saved: this request holds a credential (the Authorization header).');
  await expect(dialog.getByRole('alert')).toContainText('put a {{variable}} in its place');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  for (const name of readdirSync(folderOf(app))) expect(readFileSync(join(folderOf(app), name), 'utf8')).not.toMatch(JWT);

  // An edit made in an IDE shows without asking.
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n### Health\nGET {{baseUrl}}/api/v1/utils/health-check/\n`);
  await expect(collections(page).getByRole('button', { name: 'GET Health /api/v1/utils/health-check/' })).toBeVisible();
  await collections(page).getByRole('button', { name: 'GET Health /api/v1/utils/health-check/' }).click();
  await expect(page.getByLabel('Path', { exact: true })).toHaveValue('/api/v1/utils/health-check/');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.response-panel .status-code')).toHaveText('200 OK');
  expect(await page.content()).not.toContain(token);
  expect(app.pageErrors).toEqual([]);
});

test('a pasted curl command fills the request, its Authorization left out, and is never sent as a path', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  const token = await sessionToken(app);
  await openTester(page);
  const sends = countIpcCalls(page, 'sendRequest');
  const path = page.getByLabel('Path', { exact: true });
  const command = `curl -X POST '${app.emulatorUrl}/api/v1/items?draft=1' -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '{"title": "From curl"}'`;
  // A real paste event, as Ctrl+V makes it.
  await path.click();
  await path.evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, command);
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('POST');
  await expect(path).toHaveValue('/api/v1/items?draft=1');
  await expect(page.getByLabel('Query parameter 1 name', { exact: true })).toHaveValue('draft');
  await openRequestPart(page, 'Body');
  await expect(page.getByRole('radio', { name: 'JSON' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'JSON body' })).toHaveText('{"title": "From curl"}');
  const notes = page.getByRole('status').filter({ hasText: 'Filled from the curl command.' });
  await expect(notes).toContainText('Left out: the Authorization header.');
  await expect(notes).toContainText("This request is sent with this account's session token (the Authorization tab).");
  expect(sends.count).toBe(0);
  expect(await page.content()).not.toContain(token);

  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.response-panel .status-code')).toHaveText('201 Created');
  await expect(historyRows(page).first()).toContainText('POST /api/v1/items · 201 · ');

  // Typed by hand into Path, a curl command is refused at Send: nothing goes out, nothing lands in history.
  await path.fill('');
  await path.pressSequentially('curl /api/v1/users/me');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('This is a curl command, not a path. Use Import curl to fill the request from it.')).toBeVisible();
  expect(sends.count).toBe(1);
  await expect(historyRows(page)).toHaveCount(1);
  expect(app.pageErrors).toEqual([]);
});

test('history is per account, every account’s on request, and an entry is re-run under its own account after asking', async ({ page }) => {
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  await page.getByLabel('Path', { exact: true }).fill('/api/v1/items');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(historyRows(page)).toHaveCount(1);

  await nav(page, 'Account').click();
  await signInWithPassword(page, DEMO.free);
  await openTester(page);
  await expect(page.getByText('No requests yet.')).toBeVisible();
  await page.getByLabel('Path', { exact: true }).fill('/api/v1/usage');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(historyRows(page)).toHaveCount(1);
  await expect(historyRows(page).first()).toContainText('GET /api/v1/usage · 403 · ');
  await expect(historyRows(page).first().locator('.history-status')).toHaveClass(/s4xx/);
  await expect(page.getByRole('heading', { name: 'Today', level: 3 })).toBeVisible();

  await page.getByLabel('Show', { exact: true }).selectOption('all');
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyRows(page).nth(1)).toContainText('GET /api/v1/items · 200 · ');
  await expect(historyRows(page).nth(1)).toContainText('ada@deepcurrent.test (Local emulator)');
  await page.getByLabel('Search history', { exact: true }).fill('403');
  await expect(historyRows(page)).toHaveCount(1);
  await page.getByLabel('Search history', { exact: true }).fill('');

  await historyRows(page).nth(1).getByRole('button', { name: 'Re-run' }).click();
  const ask = page.getByRole('dialog', { name: 'Re-run as another account?' });
  await expect(ask).toContainText('This request was sent as ada@deepcurrent.test (Local emulator). The active account is free@deepcurrent.test.');
  await ask.getByRole('button', { name: 'Switch and re-run' }).click();
  await expect(page.locator('.response-panel .status-code')).toHaveText('200 OK');
  await expect(page.locator('.app-header .who')).toContainText('ada@deepcurrent.test');
  await page.getByLabel('Show', { exact: true }).selectOption('account');
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyRows(page).first()).toContainText('GET /api/v1/items · 200 · ');
});

test.describe('accessibility of the new panels and dialogs', () => {
  test.describe.configure({ timeout: 90_000 });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation (${theme})`, async ({ app, page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await signInWithPassword(page, DEMO.ada);
      await openTester(page);
      writeFileSync(join(folderOf(app), 'items.http'), '@id = it_1\n\n### One item\nGET {{baseUrl}}/api/v1/items/{{id}}\n\n### Broken\nWEBSOCKET ws://x\n');
      await expect(collections(page).getByRole('button', { name: 'GET One item /api/v1/items/{{id}}' })).toBeVisible();
      await collections(page).getByRole('button', { name: 'GET One item /api/v1/items/{{id}}' }).click();
      await expect(page.getByRole('group', { name: 'Variables' })).toBeVisible();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(historyRows(page)).toHaveCount(1);
      await page.getByLabel('Path', { exact: true }).fill(`curl -H 'Authorization: Bearer x' ${app.emulatorUrl}/api/v1/users/me`);
      await expect(page.getByText('Filled from the curl command.')).toBeVisible();
      await expectAccessible(page, `tester with collections, variables, curl notes and history (${theme})`);

      await page.keyboard.press('Control+s');
      await expect(page.getByRole('dialog', { name: 'Save request' })).toBeVisible();
      await expectAccessible(page, `save dialog (${theme})`);
      await page.keyboard.press('Escape');
      await collections(page).getByRole('button', { name: 'Variables…' }).click();
      await expect(page.getByRole('dialog', { name: 'Variables of local' })).toBeVisible();
      await expectAccessible(page, `variables dialog (${theme})`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Import curl…' }).click();
      await expect(page.getByRole('dialog', { name: 'Import curl' })).toBeVisible();
      await expectAccessible(page, `import curl dialog (${theme})`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  }
});

test('the new controls work with the keyboard alone', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  const { keyboard } = page;

  // Save with Ctrl+S: the dialog takes the focus on its Name field; Enter saves.
  await page.getByLabel('Path', { exact: true }).focus();
  await keyboard.press('Control+s');
  const save = page.getByRole('dialog', { name: 'Save request' });
  await expect(save.getByLabel('Name', { exact: true })).toBeFocused();
  await keyboard.press('Control+a');
  await keyboard.type('Who am I');
  await keyboard.press('Enter');
  await expect(save).toBeHidden();
  expect(readFileSync(join(folderOf(app), 'requests.http'), 'utf8')).toContain('### Who am I');

  // The saved request opens with Enter from the keyboard.
  await page.getByLabel('Path', { exact: true }).fill('/api/v1/items');
  const saved = collections(page).getByRole('button', { name: 'GET Who am I /api/v1/users/me' });
  await saved.focus();
  await expect(saved).toBeFocused();
  await keyboard.press('Enter');
  await expect(page.getByLabel('Path', { exact: true })).toHaveValue('/api/v1/users/me');

  // Import curl: open, type, Tab to Import, Enter; Escape would close it.
  await page.getByRole('button', { name: 'Import curl…' }).focus();
  await keyboard.press('Enter');
  const importDialog = page.getByRole('dialog', { name: 'Import curl' });
  await expect(importDialog.getByLabel('curl command', { exact: true })).toBeFocused();
  await keyboard.type('curl -X DELETE /api/v1/items/x');
  await keyboard.press('Tab');
  await expect(importDialog.getByRole('button', { name: 'Import', exact: true })).toBeFocused();
  await keyboard.press('Enter');
  await expect(importDialog).toBeHidden();
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('DELETE');

  // History: search and the Show select by keyboard; the ask dialog closes with Escape.
  await keyboard.press('Control+Enter');
  await expect(historyRows(page)).toHaveCount(1);
  await page.getByLabel('Search history', { exact: true }).focus();
  await keyboard.type('delete');
  await expect(historyRows(page)).toHaveCount(1);
  await keyboard.press('Tab');
  await expect(page.getByLabel('Show', { exact: true })).toBeFocused();
  await keyboard.press('ArrowDown');
  await expect(page.getByLabel('Show', { exact: true })).toHaveValue('all');
});
