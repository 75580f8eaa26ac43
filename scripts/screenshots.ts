/**
 * `npm run screenshots [-- --out DIR]`: every main screen of the app through start:web in Debian's Chromium, at
 * 1280×800 and 800×600, in the light and the dark theme, as PNG files (default folder `screenshots/`, ignored by
 * git). A fresh data folder and the in-memory keychain: nothing of the developer's own is touched. For looking at
 * what a change did to the screens, not a test.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** The screens to visit once signed in: the navigation item's name, and the file name. */
const SCREENS = [
  ['Account', 'account'],
  ['API key', 'api-key'],
  ['Request tester', 'tester'],
  ['Settings', 'settings'],
] as const;

/** How many pictures `collectionsAndHistory` takes per size and theme. */
const EXTRA_SHOTS = 5;

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
      await collectionsAndHistory(page, app.emulatorUrl ?? '', join(dataDir, 'collections'), shot);
      await context.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`screenshots: ${SIZES.length * THEMES.length * (SCREENS.length + 1 + EXTRA_SHOTS)} pictures in ${out}`);
} finally {
  await browser.close();
}

/**
 * The tester's collections, curl paste and history (issue 14, items 3, 4, 6): a saved request, a file written on
 * disk as an IDE would, a curl command pasted, two requests sent; then the panels and the dialogs.
 */
async function collectionsAndHistory(page: Page, emulatorUrl: string, folder: string, shot: (name: string) => Promise<void>): Promise<void> {
  await navItem(page, 'Request tester').click();
  const panel = page.getByRole('region', { name: 'Collections' });
  await panel.getByText('Folder:').waitFor();
  writeFileSync(join(folder, 'items.http'), '@id = it_1\n\n### One item\nGET {{baseUrl}}/api/v1/items/{{id}}\n\n### Create an item\nPOST {{baseUrl}}/api/v1/items\nContent-Type: application/json\n\n{"title": "Ink"}\n');
  await panel.getByRole('button', { name: 'GET One item /api/v1/items/{{id}}' }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.response-panel .status-code').waitFor();
  await page.getByLabel('Path', { exact: true }).fill(`curl -X GET '${emulatorUrl}/api/v1/items?limit=5' -H 'Authorization: Bearer abc.def.ghi' -H 'Accept: application/json' -L`);
  await page.getByText('Filled from the curl command.').waitFor();
  await page.getByLabel('Path', { exact: true }).scrollIntoViewIfNeeded();
  await shot('tester-curl-pasted');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByLabel('Path', { exact: true }).fill('/api/v1/usage');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('region', { name: 'History' }).getByRole('listitem').nth(2).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('tester-collections');
  await page.getByRole('region', { name: 'History' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('tester-history');
  await page.keyboard.press('Control+s');
  await page.getByRole('dialog', { name: 'Save request' }).waitFor();
  await shot('save-dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Import curl…' }).click();
  await page.getByLabel('curl command', { exact: true }).fill("curl -H 'Authorization: Bearer x' https://elsewhere.example/api");
  await page.getByRole('dialog', { name: 'Import curl' }).getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('dialog', { name: 'Import curl' }).getByRole('alert').waitFor();
  await shot('import-curl-refused');
  await page.keyboard.press('Escape');
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
