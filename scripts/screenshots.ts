/**
 * `npm run screenshots [-- --out DIR]`: every main screen of the app, and the states of the API key flow, through
 * start:web in Debian's Chromium, at 1280×800 and 800×600, in the light and the dark theme, as PNG files (default
 * folder `screenshots/`, ignored by git). A fresh data folder and the in-memory keychain: nothing of the developer's
 * own is touched. For looking at what a change did to the screens, not a test.
 *
 * The walk: sign-in (also with a network error and its Details line) → account → its sign-out dialog → API key
 * (Reveal) → the reveal dialog after Copy → API key (Copy, held) → request form → Pending → Issued seen from another
 * screen (the dot and the page's notice) → Issued → Revealed (Confirm) → the confirm dialog → Confirmed → request
 * tester → settings → collections, curl paste and history → the request workbench in its main states (a JSON response,
 * its tree, its headers, the request as sent, a JSON request body, a 401 sent without a credential, two tabs) → the
 * notice after signing out of one of two accounts; then the API key screen of a server in the field (no key
 * management).
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

let pictures = 0;
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
        pictures += 1;
      };
      try {
        await walk(page, shot, app.emulatorUrl!, join(dataDir, 'collections'));
      } catch (err) {
        await page.screenshot({ path: join(out, `FAILED-${size.name}-${theme}.png`) });
        throw err;
      } finally {
        await context.close();
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  // A server in the field (the FastAPI template's backend): the API key screen says it offers no key management.
  for (const theme of THEMES) {
    for (const size of SIZES) {
      const dataDir = mkdtempSync(join(tmpdir(), 'dc-screens-'));
      const app = await startWebApp({ dataDir, noKeychain: true, emulator: { flavour: 'minimal' } });
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: theme });
      const page = await context.newPage();
      try {
        await page.goto(app.url);
        await page.getByRole('heading', { name: 'Sign in to DeepCurrent' }).waitFor();
        await signIn(page, 'ada@deepcurrent.test');
        await navItem(page, 'API key').click();
        await page.getByRole('button', { name: 'Check again' }).waitFor();
        await page.waitForTimeout(150);
        await page.screenshot({ path: join(out, `api-key-field-server-${size.name}-${theme}.png`) });
        pictures += 1;
      } finally {
        await context.close();
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  console.log(`screenshots: ${pictures} pictures in ${out}`);
} finally {
  await browser.close();
}

/** Every screen and state, one picture each. */
async function walk(page: Page, shot: (name: string) => Promise<void>, emulatorUrl: string, collections: string): Promise<void> {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await page.getByRole('heading', { name: 'Sign in to DeepCurrent' }).waitFor();
  await shot('sign-in');

  // A server that refuses the connection: the cause in words, the code on the Details line.
  await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
  await page.getByLabel('Base URL').fill('http://127.0.0.1:2');
  await signIn(page, 'ada@deepcurrent.test', false);
  await page.getByText(/^Details: /).waitFor();
  await shot('sign-in-network-error');
  await page.getByLabel('Environment').selectOption({ label: 'Local emulator' });

  await signIn(page, 'ada@deepcurrent.test');
  await shot('account');
  await button('Sign out').click();
  await page.getByRole('alertdialog').waitFor();
  await shot('account-sign-out-dialog');
  await button('Cancel').click();

  await navItem(page, 'API key').click();
  await button('Reveal API key').waitFor();
  await shot('api-key');
  await button('Reveal API key').click();
  const reveal = page.getByRole('dialog', { name: 'Your API key' });
  await reveal.getByRole('button', { name: 'Copy', exact: true }).click();
  await reveal.getByText(/^Copied\./).waitFor();
  await shot('api-key-reveal-dialog');
  await reveal.getByRole('button', { name: 'Close' }).click();
  await button('Copy API key').waitFor();
  await shot('api-key-held');

  await button('Request a new key').click();
  await page.getByRole('radio', { name: 'Lost' }).check();
  await page.getByLabel('Note').fill('Laptop lost on the train.');
  await shot('api-key-request-form');
  await button('Submit request').click();
  await page.getByText('Status: Pending').waitFor();
  await shot('api-key-pending');

  // Issued while another screen is open: the app keeps checking, then marks the API key item.
  await navItem(page, 'Settings').click();
  await issueOpenRequest(emulatorUrl, 'ada@deepcurrent.test');
  await page.locator('.nav-dot').waitFor({ timeout: 20_000 });
  await shot('settings-key-issued-notice');
  await navItem(page, 'API key').click();
  await button('Reveal new key').waitFor();
  await shot('api-key-issued');
  await button('Reveal new key').click();
  await page.getByRole('dialog', { name: 'Your API key' }).getByRole('button', { name: 'Close' }).click();
  await button('Confirm new key').waitFor();
  await shot('api-key-revealed');
  await button('Confirm new key').click();
  await page.getByRole('alertdialog').waitFor();
  await shot('api-key-confirm-dialog');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm new key' }).click();
  await page.getByText('Status: Confirmed').waitFor();
  await shot('api-key-confirmed');

  await navItem(page, 'Request tester').click();
  await page.getByLabel('Path').fill('/api/v1/users/me');
  await button('Send').click();
  await page.getByText('200 OK', { exact: true }).first().waitFor();
  await shot('tester');
  await navItem(page, 'Settings').click();
  await shot('settings');
  await collectionsAndHistory(page, emulatorUrl, collections, shot);
  await workbenchStates(page, shot);

  // Two accounts, then sign out of one: the notice says who left and who is active now.
  await button('Add account').or(navItem(page, 'Account')).first().click();
  await button('Add account').click();
  await signIn(page, 'free@deepcurrent.test');
  await button('Sign out').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
  await page.getByText(/^Signed out of free@deepcurrent\.test/).waitFor();
  await shot('account-after-sign-out');
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

/** Signs in with the demo password on the environment chosen in the form; waits for the account screen. */
async function signIn(page: Page, email: string, expectAccount = true): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  if (!expectAccount) return;
  await page.getByRole('heading', { name: 'Account', exact: true }).waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
    console.error(await page.locator('body').innerText());
    throw err;
  });
  await page.getByText(/^Last verified /).waitFor();
}

/** Support issues the user's pending request over the emulator's API (the support team's side, not the app's). */
async function issueOpenRequest(baseUrl: string, email: string): Promise<void> {
  const token = async (username: string) => {
    const res = await fetch(`${baseUrl}/api/v1/login/access-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password: DEMO_PASSWORD }).toString(),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const list = await fetch(`${baseUrl}/api/v1/users/me/api-key/regeneration-requests`, {
    headers: { authorization: `Bearer ${await token(email)}` },
  });
  const pending = ((await list.json()) as { data: Array<{ id: string; status: string }> }).data.find((r) => r.status === 'pending');
  if (!pending) throw new Error(`${email} has no pending request`);
  const issued = await fetch(`${baseUrl}/api/v1/support/regeneration-requests/${pending.id}/issue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token('support@deepcurrent.test')}` },
  });
  if (!issued.ok) throw new Error(`issuing answered ${issued.status}`);
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
