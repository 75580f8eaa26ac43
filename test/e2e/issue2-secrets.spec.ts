/**
 * Issue 2's leak check: after signing in with a password and with an API key (and using both once), the real
 * session token, the real key and the password appear nowhere outside the keychain: not in the settings folder,
 * the page's DOM, web storage, the console, the web app's log lines, or any answer the renderer received.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, KEYCHAIN_SERVICE } from './fixtures/app';
import { loadKeytar } from '../../src-main/platform/keytar-secret-store';
import { DEMO, DEMO_PASSWORD, fact, revealKeyFor, signInWithApiKey, signInWithPassword, storedAccount } from './helpers/sign-in';
import { chooseAuth } from './helpers/workbench';
import { heldSecret } from '../helpers/held-secret';

test('no token, key or password leaks out of the keychain during password and key sign-in', async ({ app, page }) => {
  const consoleLines: string[] = [];
  const answers: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/__ipc/')) {
      answers.push(''); // reserve the slot now so a slow body is still awaited below
      const slot = answers.length - 1;
      void response.text().then((text) => (answers[slot] = text), () => (answers[slot] = '<unread>'));
    }
  });
  await page.reload(); // the console and the answers are watched from the very first script on

  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithPassword(page, DEMO.ada);
  await signInWithApiKey(page, key); // the same account now holds both
  await expect(fact(page, 'API key', `dc_…${key.slice(-4)}`)).toBeVisible();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByText(/^Last verified /)).toBeVisible();
  // One call with each credential through the request tester (its history is written to the settings file).
  await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Request tester' }).click();
  await page.getByLabel('Path').fill('/api/v1/users/me');
  for (const [auth, kind] of [['API key', 'API key'], ['Session token', 'session token']] as const) {
    await chooseAuth(page, { label: auth });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText(new RegExp(`^GET /api/v1/users/me · 200 · .* · ${kind}$`))).toBeVisible();
  }
  await page.locator('nav[aria-label="Main"]').getByRole('button', { name: 'Account' }).click();
  await expect(fact(page, 'Signed in with', 'API key')).toBeVisible();

  // The real secrets, from where they are kept.
  const account = await storedAccount(app, DEMO.ada);
  const services = app.web.services;
  const token = (await heldSecret(services, account.id, 'token'))!;
  expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(await heldSecret(services, account.id, 'api-key')).toBe(key);
  if (app.keychain === 'os') {
    const entries = await (await loadKeytar()).findCredentials(KEYCHAIN_SERVICE);
    const mine = Object.fromEntries(entries.filter((e) => e.account.startsWith(`${account.id}:`)).map((e) => [e.account, e.password]));
    expect(mine).toEqual({ [`${account.id}:api-key`]: key, [`${account.id}:token`]: token });
  }

  // Everything outside the keychain.
  const files = (await readdir(app.dataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const settings = (await Promise.all(files.map((f) => readFile(join(f.parentPath, f.name), 'utf8')))).join('\n');
  const dom = await page.evaluate(() => document.documentElement.outerHTML);
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  await expect.poll(() => answers.includes('')).toBe(false);
  const places: Record<string, string> = {
    'settings folder': settings,
    DOM: dom,
    'web storage': storage,
    console: consoleLines.join('\n'),
    'web app log': app.logs.join('\n'),
    'answers to the renderer': answers.join('\n'),
  };

  // The places hold what they should (so an empty or unread place cannot pass by accident).
  expect(settings).toContain(DEMO.ada);
  expect(settings).toContain(key.slice(-4));
  expect(settings).toContain('/api/v1/users/me');
  expect(dom).toContain(`dc_…${key.slice(-4)}`);
  expect(storage).toContain('deepcurrent-bridge-token');
  expect(answers.length).toBeGreaterThan(5);
  expect(answers.join('\n')).toContain(DEMO.ada);

  const signature = token.split('.')[2]!;
  for (const [place, text] of Object.entries(places)) {
    expect(text, `token in ${place}`).not.toContain(token);
    expect(text, `token signature in ${place}`).not.toContain(signature);
    expect(text, `API key in ${place}`).not.toContain(key);
    expect(text, `API key body in ${place}`).not.toContain(key.slice(3));
    expect(text, `password in ${place}`).not.toContain(DEMO_PASSWORD);
  }
  expect(app.pageErrors).toEqual([]);
});
