/**
 * The request tester as a workbench (issue 14, items 1, 2, 5 and 7), through start:web in a real Chromium: at
 * 1280×800 Send and the response's status are on screen without scrolling (and stay there while a long body
 * scrolls); tabs keep their own requests and come back after a restart, without the secret typed in one; the
 * response tools (copy, save as a download, headers filter, the request as sent with the credential masked); the
 * code editor's styles under the page's CSP; and the fixes: the endpoint picker follows the draft, a sign-in
 * endpoint goes out without a credential with its form, the offline label only when the server cannot be reached,
 * and a 401 to a request sent without a credential says so and offers no sign-in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { DEMO, DEMO_PASSWORD, nav, signInWithPassword, storedAccount } from './helpers/sign-in';
import { chooseAuth, openRequestPart, openResponseView } from './helpers/workbench';
import { heldSecret } from '../helpers/held-secret';

const VIEWPORT = { width: 1280, height: 800 };

/** Opens the tester and waits for its endpoint list. */
async function openTester(page: Page): Promise<void> {
  await nav(page, 'Request tester').click();
  await expect(page.getByRole('heading', { name: 'Request tester', exact: true })).toBeVisible();
  await expect(page.getByLabel('Endpoint', { exact: true }).locator('option')).not.toHaveCount(1);
}

const path = (page: Page) => page.getByLabel('Path', { exact: true });
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });
const status = (page: Page) => page.locator('.response-panel .status-code');
const openTabs = (page: Page) => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab');

/** Whether the element's whole box is inside the window, and the page itself has not scrolled. */
async function onScreen(page: Page, selector: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await selector.boundingBox();
  const scrolled = await page.evaluate(() => (document.scrollingElement?.scrollTop ?? 0) + (document.querySelector('main')?.scrollTop ?? 0));
  return !!box && scrolled === 0 && box.y >= 0 && box.x >= 0 && box.y + box.height <= VIEWPORT.height && box.x + box.width <= VIEWPORT.width;
}

test.use({ viewport: VIEWPORT });

test.describe('at 1280×800, with the no-keychain banner taking its room', () => {
  test.use({ appOptions: { offline: false, noKeychain: true, enableFaults: false, openPage: true } });

  test('Send and the response status are on screen without scrolling, and stay while a long body scrolls', async ({ page }) => {
    await signInWithPassword(page, DEMO.ada);
    await openTester(page);
    await expect(page.getByText(/^No system keychain/).first()).toBeVisible();
    expect(await onScreen(page, send(page))).toBe(true);
    await path(page).fill('/api/v1/openapi.json');
    await send(page).click();
    await expect(status(page)).toHaveText('200 OK');
    expect(await onScreen(page, status(page))).toBe(true);
    expect(await onScreen(page, page.locator('.response-panel .status-line'))).toBe(true);
    // A long body scrolls inside its editor: the status and Send stay where they are.
    const scroller = page.locator('.response-panel .cm-scroller');
    await expect(page.locator('.response-panel .tok-key').first()).toBeVisible();
    const scrolled = await scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return el.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(1000);
    await expect(page.locator('.response-panel .cm-line').last()).toBeVisible();
    expect(await onScreen(page, status(page))).toBe(true);
    expect(await onScreen(page, send(page))).toBe(true);
  });
});

test('tabs keep their own requests and come back after a restart, without the secret typed in one', async ({ app, page }) => {
  const apiKey = `dc_${'Wq8'.repeat(12)}`;
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  await send(page).click();
  await expect(status(page)).toHaveText('200 OK');
  await page.getByRole('button', { name: 'New tab' }).click();
  await expect(path(page)).toBeFocused();
  await path(page).fill('/api/v1/items');
  await openRequestPart(page, 'Headers');
  await page.getByRole('button', { name: 'Add header' }).click();
  await page.getByLabel('Header 1 name').fill('X-Api-Key');
  await page.getByLabel('Header 1 value').fill(apiKey);
  await expect(page.getByText(/looks like a secret: header X-Api-Key/)).toBeVisible();
  await expect(status(page)).toHaveCount(0);
  await expect(openTabs(page)).toHaveText(['GET/api/v1/users/me×', 'GET/api/v1/items×']);
  await openTabs(page).first().click();
  await expect(status(page)).toHaveText('200 OK');
  await expect(path(page)).toHaveValue('/api/v1/users/me');
  // The tabs are kept a moment after the last change: wait until the first one is kept as the active one.
  const settingsFile = join(app.dataDir, 'settings.json');
  const kept = async () => {
    const stored = JSON.parse(await readFile(settingsFile, 'utf8')) as { workbench?: { accounts?: Record<string, { tabs: { id: string }[]; activeTabId: string }> } };
    const own = Object.values(stored.workbench?.accounts ?? {})[0];
    return own ? { tabs: own.tabs.length, firstActive: own.activeTabId === own.tabs[0]?.id } : null;
  };
  await expect.poll(kept).toEqual({ tabs: 2, firstActive: true });
  expect(await readFile(settingsFile, 'utf8')).not.toContain(apiKey);

  await app.restart();
  await openTester(page);
  await expect(openTabs(page)).toHaveText(['GET/api/v1/users/me×', 'GET/api/v1/items×']);
  await expect(openTabs(page).first()).toHaveAttribute('aria-selected', 'true');
  await openTabs(page).nth(1).click();
  await expect(path(page)).toHaveValue('/api/v1/items');
  await openRequestPart(page, 'Headers');
  await expect(page.getByLabel('Header 1 value')).toHaveValue('REDACTED');
  await expect(page.getByText(/Not kept across restarts, because it looks like a secret: header X-Api-Key/)).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('response tools: copy the body, save it (a download here), filter the headers, and the request as sent, masked', async ({
  app,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  await send(page).click();
  await expect(status(page)).toHaveText('200 OK');

  await page.getByRole('button', { name: 'Copy body' }).click();
  await expect(page.getByText('Body copied.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied).email).toBe(DEMO.ada);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save body' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('me.json');
  expect(JSON.parse(await readFile((await file.path())!, 'utf8')).email).toBe(DEMO.ada);

  await openResponseView(page, 'Headers');
  const rows = page.locator('.headers-table tbody tr');
  expect(await rows.count()).toBeGreaterThan(2);
  await page.getByLabel('Filter headers').fill('CONTENT-TYPE');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('application/json');

  await openResponseView(page, 'Request as sent');
  const token = await heldSecret(app.web.services, (await storedAccount(app, DEMO.ada)).id, 'token');
  expect(token).toMatch(/^eyJ/);
  await expect(page.getByText(`GET ${app.emulatorUrl}/api/v1/users/me`)).toBeVisible();
  await expect(page.getByRole('cell', { name: `Bearer eyJ…${token!.slice(-4)}`, exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(token!);
  expect(app.pageErrors).toEqual([]);
});

test('the code editor’s styles apply under the page’s CSP, with no violation', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  await page.reload();
  await signInWithPassword(page, DEMO.ada);
  await openTester(page);
  await send(page).click();
  await expect(page.locator('.response-panel .tok-key').first()).toBeVisible();
  // CodeMirror's own layout (its injected styles) is in force: the editor is a flex column, the gutter a flex row.
  const layout = await page.locator('.response-panel .cm-editor').evaluate((el) => ({
    editor: getComputedStyle(el).display,
    gutters: getComputedStyle(el.querySelector('.cm-gutters')!).display,
    nonce: document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '',
    styled: Array.from(document.querySelectorAll('style')).every((s) => s.nonce !== ''),
  }));
  expect(layout).toMatchObject({ editor: 'flex', gutters: 'flex', styled: true });
  expect(layout.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(violations).toEqual([]);
});

test.describe('the fixes', () => {
  test('the endpoint picker follows the draft edited by hand, and clears when it is no endpoint', async ({ page }) => {
    await signInWithPassword(page, DEMO.ada);
    await openTester(page);
    const picker = page.getByLabel('Endpoint', { exact: true });
    await picker.selectOption('GET /api/v1/users/me');
    await expect(picker).toHaveValue('GET /api/v1/users/me');
    await path(page).fill('/api/v1/items/it_42');
    await expect(picker).toHaveValue('GET /api/v1/items/{id}');
    await page.getByLabel('Method', { exact: true }).selectOption('PUT');
    await expect(picker).toHaveValue('PUT /api/v1/items/{id}');
    await path(page).fill('/api/v1/nowhere');
    await expect(picker).toHaveValue('');
  });

  test('a 401 sent with Auth = None says no credential was sent, and offers no sign-in', async ({ page }) => {
    await signInWithPassword(page, DEMO.ada);
    await openTester(page);
    await chooseAuth(page, 'none');
    await expect(page.getByText(`Acting as ${DEMO.ada} without credentials`)).toBeVisible();
    await send(page).click();
    await expect(status(page)).toHaveText('401 Unauthorized');
    await expect(page.getByText(/no credential was sent, so none was rejected and you do not need to sign in again/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
    await nav(page, 'Account').click();
    await expect(page.getByText('Sign-in needed')).toHaveCount(0);
  });

  test('the offline label shows only when the list could not be fetched, not for a cached copy while online', async ({ app, page }) => {
    await signInWithPassword(page, DEMO.ada);
    await openTester(page);
    await expect(page.getByText(/offline copy/)).toHaveCount(0);
    // Another start while the server answers: a cached copy exists, but the list is fetched and not called offline.
    await app.restart();
    await openTester(page);
    await expect(page.getByText(/offline copy/)).toHaveCount(0);
    // The server cannot be reached: the cached copy, labelled.
    await app.restart({ emulator: 'stopped' });
    await openTester(page);
    await expect(page.getByText(/^\(offline copy from .+\)$/)).toBeVisible();
  });
});

test.describe('a server in the field (the FastAPI template’s OAuth2 password flow)', () => {
  test.use({ appOptions: { offline: false, noKeychain: false, openPage: true, enableFaults: false, flavour: 'minimal' } });

  test('its token URL is sent without a credential, with a form of username, password and grant_type', async ({ app, page }) => {
    await signInWithPassword(page, DEMO.ada);
    await openTester(page);
    await expect(page.getByText(/^Acting as ada@deepcurrent\.test with session token/)).toBeVisible();
    const picker = page.getByLabel('Endpoint', { exact: true });
    await picker.selectOption('POST /api/v1/login/access-token');
    await expect(page.getByText(`Acting as ${DEMO.ada} without credentials`)).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Form' })).toBeChecked();
    await expect(page.getByLabel('Form field 1 name')).toHaveValue('username');
    await expect(page.getByLabel('Form field 2 name')).toHaveValue('password');
    await expect(page.getByLabel('Form field 3 name')).toHaveValue('grant_type');
    await expect(page.getByLabel('Form field 3 value')).toHaveValue('password');
    await page.getByLabel('Form field 1 value').fill(DEMO.ada);
    await page.getByLabel('Form field 2 value').fill(DEMO_PASSWORD);
    await send(page).click();
    await expect(status(page)).toHaveText('200 OK');
    // The token the server answered never reaches the page.
    await expect(page.getByRole('textbox', { name: 'Response body' })).toContainText('"access_token": "REDACTED_JWT"');
    await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
      'POST /api/v1/login/access-token · 200 · ',
    );
    await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText('no credential');
    expect(app.pageErrors).toEqual([]);
  });
});
