/**
 * `npm run screenshots [-- --out DIR]`: every main screen of the app through start:web in Debian's Chromium, at
 * 1280×800 and 800×600, in the light and the dark theme, as PNG files (default folder `screenshots/`, ignored by
 * git), and the request workbench in its main states (a JSON response, its tree, its headers, the request as sent,
 * a JSON request body, a 401 sent without a credential, two tabs). A fresh data folder and the in-memory keychain:
 * nothing of the developer's own is touched. For looking at what a change did to the screens, not a test.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../emulator/demo-accounts';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/fixtures/browsers';
import { nav as navItem } from '../test/e2e/helpers/sign-in';
import { startWebApp } from '../web/web-app';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
const out = resolve(values.out!);
mkdirSync(out, { recursive: true });

const executablePath = chromiumPath();
if (!executablePath) {
  console.error('screenshots: no Chromium at /usr/bin/chromium (apt-get install chromium), or set CHROMIUM_PATH.');
  process.exit(2);
}

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
] as const;
const THEMES = ['light', 'dark'] as const;
/** How many workbench states `workbenchStates` takes. */
const WORKBENCH_STATES = 7;

/** The screens to visit once signed in: the navigation item's name, and the file name. */
const SCREENS = [
  ['Account', 'account'],
  ['API key', 'api-key'],
  ['Request tester', 'tester'],
  ['Settings', 'settings'],
] as const;

const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  for (const theme of THEMES) {
    for (const size of SIZES) {
      // A fresh app each time, so every set starts at the first run's sign-in form.
      const dataDir = mkdtempSync(join(tmpdir(), 'dc-screens-'));
      const app = await startWebApp({ dataDir, noKeychain: true, emulator: { enableFaults: true } });
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: theme });
      const page = await context.newPage();
      await page.goto(app.url);
      const shot = async (name: string) => {
        await page.waitForTimeout(150);
        await page.screenshot({ path: join(out, `${name}-${size.name}-${theme}.png`), fullPage: false });
      };
      await page.getByRole('heading', { name: 'Sign in to DeepCurrent' }).waitFor();
      await shot('sign-in');
      await signIn(page);
      for (const [nav, file] of SCREENS) {
        await navItem(page, nav).click();
        await shot(file);
      }
      await workbenchStates(page, shot);
      await context.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`screenshots: ${SIZES.length * THEMES.length * (SCREENS.length + 1 + WORKBENCH_STATES)} pictures in ${out}`);
} finally {
  await browser.close();
}

/** Signs in as ada on the Local emulator with the demo password. */
async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill('ada@deepcurrent.test');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Account', exact: true }).waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
    console.error(await page.locator('body').innerText());
    throw err;
  });
}

/** The request workbench with a response, its views, a request body, an explained 401 and a second tab. */
async function workbenchStates(page: Page, shot: (name: string) => Promise<void>): Promise<void> {
  await navItem(page, 'Request tester').click();
  const path = page.getByLabel('Path', { exact: true });
  await path.fill('/api/v1/users/me');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.response-panel .status-code').waitFor();
  await page.locator('.response-panel .tok-key').first().waitFor();
  await shot('tester-response');
  await page.getByRole('button', { name: 'Tree', exact: true }).click();
  await shot('tester-response-tree');
  await page.getByRole('tab', { name: /^Headers \(\d+\)$/ }).last().click();
  await shot('tester-response-headers');
  await page.getByRole('tab', { name: 'Request as sent' }).click();
  await shot('tester-request-as-sent');
  await page.getByLabel('Method', { exact: true }).selectOption('POST');
  await path.fill('/api/v1/items');
  await page.getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name: /^Body/ }).click();
  await page.getByRole('radio', { name: 'JSON' }).check();
  await page.getByLabel('JSON body', { exact: true }).fill('{"title": "Buy more ink", "description": "for the printer", "tags": ["office", 2, true, null]}');
  await shot('tester-json-body');
  await page.getByLabel('Method', { exact: true }).selectOption('GET');
  await page.getByRole('radio', { name: 'None' }).check();
  await path.fill('/api/v1/users/me');
  await page.getByRole('tab', { name: /^Authorization/ }).click();
  await page.getByLabel('Auth', { exact: true }).selectOption('none');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('no credential was sent', { exact: false }).waitFor();
  await shot('tester-401-without-credential');
  await page.getByRole('button', { name: 'New tab' }).click();
  await path.fill('/api/v1/items');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.response-panel .status-code').waitFor();
  await shot('tester-two-tabs');
}
