/**
 * Issue part 7 (items 3, 6 and 7) in a real Chromium, through start:web with an emulator of its own — the set-up in
 * which the web preview, like a development build, offers the Local emulator's demo sign-ins and can reset its demo
 * data (the shared fixture uses an outside emulator, which it does not). Checked: the demo hint appears only once
 * the app has taken the prerendered sign-in form over, and Fill in signs in; Settings names the logs folder, and
 * Open logs folder says where it is; Reset demo data asks first (Cancel focused, Escape cancels) and then the Local
 * account needs a sign-in; axe finds nothing serious on these screens in either theme.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page, type Route } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../emulator/demo-accounts';
import type { Result } from '../../src-shared/errors';
import { startWebApp, type WebApp } from '../../web/web-app';
import { KEYCHAIN_SERVICE } from './fixtures/app';
import { expectAccessible } from './helpers/a11y';
import { expectAccountScreen, nav, signInHeading } from './helpers/sign-in';

let web: WebApp;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dc-e2e-demo-'));
  web = await startWebApp({
    port: 0,
    dataDir,
    build: 'never',
    rendererDir: process.env.DEEPCURRENT_E2E_RENDERER_DIR || undefined,
    emulator: { scryptCost: 1024 },
    keychainService: KEYCHAIN_SERVICE,
  });
});

test.afterEach(async () => {
  const state = (await web.services.router.call('getState', {})) as Result<{ accounts: Array<{ id: string }> }>;
  if (state.ok) for (const a of state.value.accounts) await web.services.router.call('signOut', { accountId: a.id });
  await web.close();
  await rm(dataDir, { recursive: true, force: true });
});

const hint = (page: Page) => page.getByRole('region', { name: 'Demo accounts' });
const shell = (page: Page) => page.locator('[data-boot-shell]');

/** Opens the app; with the OS keychain (a first run shows the prerendered form) its bundle is held until `release`. */
async function open(page: Page): Promise<{ prerendered: boolean; release(): void }> {
  const prerendered = web.services.context.session.persistent;
  let release = () => {};
  if (prerendered) {
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]*\.js$/, async (route: Route) => {
      await released;
      await route.continue();
    });
  }
  await page.goto(web.url, { waitUntil: prerendered ? 'commit' : 'load' });
  return { prerendered, release };
}

async function signInWithFillIn(page: Page, email: string): Promise<void> {
  await hint(page).getByRole('button', { name: `Fill in ${email}` }).click();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, email);
}

test('the demo hint appears once the app takes the prerendered form over, and Fill in signs in', async ({ page }) => {
  const app = await open(page);
  if (app.prerendered) {
    await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
    await expect(shell(page)).toBeVisible();
    await expect(page.locator('.demo-sign-ins')).toHaveCount(0); // not in the prerendered form
    app.release();
    await expect(shell(page)).toHaveCount(0);
  }
  await expect(hint(page)).toBeVisible();
  await expect(hint(page).getByRole('row')).toHaveCount(DEMO_ACCOUNTS.length + 1);
  await page.getByLabel('Environment').selectOption({ label: 'Production' });
  await expect(hint(page)).toHaveCount(0);
  await page.getByLabel('Environment').selectOption({ label: 'Local emulator' });
  await signInWithFillIn(page, 'free@deepcurrent.test');
});

test('Settings: the logs folder, and Reset demo data after a confirmation; the Local account then needs a sign-in', async ({ page }) => {
  const app = await open(page);
  app.release();
  await signInWithFillIn(page, 'ada@deepcurrent.test');
  await nav(page, 'Settings').click();

  const logs = page.getByRole('region', { name: 'Logs' });
  await expect(logs.getByText(web.logsFolder, { exact: true })).toBeVisible();
  await logs.getByRole('button', { name: 'Open logs folder' }).click();
  await expect(logs.getByRole('status')).toHaveText(`The browser preview cannot open folders on your computer. The logs are in ${web.logsFolder}`);

  const demo = page.getByRole('region', { name: 'Demo data' });
  const reset = demo.getByRole('button', { name: 'Reset demo data' });
  await reset.click();
  const dialog = page.getByRole('dialog', { name: 'Reset the demo data?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(reset).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Reset demo data' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(demo.getByRole('status')).toHaveText('The demo data was reset. Local accounts need to sign in again.');

  await nav(page, 'Account').click();
  await expect(page.getByText('Sign-in needed')).toBeVisible();
  await expect(page.getByText(/demo data was reset/)).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious on the sign-in hint and the Settings sections (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = await open(page);
    app.release();
    await expect(hint(page)).toBeVisible();
    await expectAccessible(page, `sign-in with the demo hint (${scheme})`);
    await signInWithFillIn(page, 'ada@deepcurrent.test');
    await nav(page, 'Settings').click();
    await expect(page.getByRole('region', { name: 'Demo data' })).toBeVisible();
    await expectAccessible(page, `settings with logs and demo data (${scheme})`);
    await page.getByRole('button', { name: 'Reset demo data' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, `the Reset demo data dialog (${scheme})`);
    await expect(signInHeading(page)).toHaveCount(0);
  });
}
