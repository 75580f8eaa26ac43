/**
 * Issue 6, renderer start: on a first run the sign-in form is on screen and takes input before the app's
 * JavaScript has loaded (the prerendered form of the production build, shown by `boot.js` from the boot hint),
 * and the app takes it over without losing anything: what was typed, the focus and caret, the environment chosen,
 * a Sign in pressed early. When the first screen is not that form (signed in), the prerendered form never shows.
 *
 * The app's bundle is held back by the test (a routed request that is answered only when the test says so), so
 * "before the app has loaded" is a fact here, not a race.
 */
import type { Page, Route } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { DEMO, DEMO_PASSWORD, expectAccountScreen, signInHeading, signInWithPassword } from './helpers/sign-in';

test.use({ appOptions: { offline: false, noKeychain: false, enableFaults: false, openPage: false } });

/** Holds the app's entry bundle until `release()`; the page is opened (not waiting for `load`). */
async function openWithBundleHeld(page: Page, url: string): Promise<{ release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route: Route) => {
    await released;
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'commit' });
  return { release };
}

const appMounted = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('deepcurrent:app-mounted').length > 0);

const shell = (page: Page) => page.locator('[data-boot-shell]');

test.beforeEach(({ app }) => {
  test.skip(app.keychain !== 'os', 'The prerendered form is for a first run with an OS keychain; none answers here (npm test starts one).');
});

test('a first run takes typing and an early Sign in before the app has loaded, and signs in with them', async ({ app, page }) => {
  const bundle = await openWithBundleHeld(page, app.web.url);
  const email = page.getByLabel('Email', { exact: true });
  await expect(email).toBeVisible();
  await expect(email).toBeFocused();
  await page.keyboard.type(DEMO.ada);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  // Still the prerendered form: the app's script has not run, and the early submit went nowhere.
  expect(await appMounted(page)).toBe(false);
  await expect(shell(page)).toHaveAttribute('data-submit-requested', '');
  expect(new URL(page.url()).search).toBe('');

  bundle.release();
  await expectAccountScreen(page, DEMO.ada);
  expect(await appMounted(page)).toBe(true);
  await expect(shell(page)).toHaveCount(0);
  expect(page.url()).not.toContain(DEMO_PASSWORD);
});

test('the focus and caret carry over: typing goes on in the live field after the app takes over', async ({ app, page }) => {
  const bundle = await openWithBundleHeld(page, app.web.url);
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await page.keyboard.type('ada@');
  bundle.release();
  await expect.poll(() => appMounted(page)).toBe(true);
  await expect(shell(page)).toHaveCount(0);
  const email = page.getByLabel('Email', { exact: true });
  await expect(email).toBeFocused();
  await page.keyboard.type('deepcurrent.test');
  await expect(email).toHaveValue(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, DEMO.ada);
});

test('the focus on a tab or on Sign in carries over too', async ({ app, page }) => {
  const bundle = await openWithBundleHeld(page, app.web.url);
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await page.keyboard.press('Shift+Tab'); // back to the selected tab, "Email and password"
  await expect(page.getByRole('tab', { name: 'Email and password' })).toBeFocused();
  bundle.release();
  await expect.poll(() => appMounted(page)).toBe(true);
  await expect(shell(page)).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Email and password' })).toBeFocused();
  await page.keyboard.press('ArrowRight'); // the live tabs answer the arrow keys
  await expect(page.getByRole('tab', { name: 'API key' })).toHaveAttribute('aria-selected', 'true');

  await page.goto('about:blank');
  const again = await openWithBundleHeld(page, app.web.url);
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab'); // Password, Environment, Sign in
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
  again.release();
  await expect.poll(() => appMounted(page)).toBe(true);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
});

test('an environment chosen in the prerendered form is the one the live form keeps', async ({ app, page }) => {
  const bundle = await openWithBundleHeld(page, app.web.url);
  await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
  bundle.release();
  await expect.poll(() => appMounted(page)).toBe(true);
  await expect(page.getByLabel('Environment')).toHaveValue('custom');
  await expect(page.getByLabel('Base URL')).toBeVisible();
});

test('when the app cannot load, the prerendered form says so instead of doing nothing', async ({ app, page }) => {
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
  await page.goto(app.web.url, { waitUntil: 'commit' });
  await expect(page.getByRole('alert')).toHaveText('DeepCurrent could not finish starting. Reload the window, or quit and reopen the app.');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  expect(await appMounted(page)).toBe(false);
});

test('signed in: the prerendered form stays hidden while the app loads, and the account screen follows', async ({ app, page }) => {
  await app.open();
  await signInWithPassword(page, DEMO.ada);
  await page.goto('about:blank'); // the same URL again would only be a fragment change, not a load
  const bundle = await openWithBundleHeld(page, app.web.url);
  await expect(shell(page)).toBeAttached();
  await expect(shell(page)).toBeHidden();
  await expect(signInHeading(page)).toBeHidden();
  bundle.release();
  await expectAccountScreen(page, DEMO.ada);
});

test('a stale hint (the form shown, but someone is signed in): the app shows the account, and replays nothing', async ({ app, page }) => {
  await app.open();
  await signInWithPassword(page, DEMO.ada);
  await page.goto('about:blank');
  const base = new URL(app.web.url);
  base.search = `signin=${encodeURIComponent('*local,production')}`; // as an old window URL would still say
  const bundle = await openWithBundleHeld(page, base.href);
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  await page.keyboard.type(DEMO.free);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  bundle.release();
  await expectAccountScreen(page, DEMO.ada);
  await expect(shell(page)).toHaveCount(0);
  const state = await app.call<{ accounts: { email: string }[] }>('getState');
  expect(state.ok && state.value.accounts.map((a) => a.email)).toEqual([DEMO.ada]);
});

test('a Theme other than System is applied before the app has loaded', async ({ app, page }) => {
  const saved = await app.call('updateSettings', { theme: 'dark' });
  expect(saved.ok).toBe(true);
  const bundle = await openWithBundleHeld(page, app.web.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Still a first run: the form shows too.
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  bundle.release();
  await expect.poll(() => appMounted(page)).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
