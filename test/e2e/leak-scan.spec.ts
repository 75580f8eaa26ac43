/**
 * The leak scan, self-contained: one test drives a full session — sign in with a password and with a key, reveal,
 * copy and close, a whole regeneration (request, issue, reveal the new key, confirm), tester requests in which the
 * user types an `X-API-Key: dc_…` header, a key in the query and one in a JSON body, every snippet, the history
 * (load, re-run), sign out — and then looks for the real keys and JWTs (taken from the main process's vault, never
 * from the page) everywhere they must not be: the web app's log, everything printed by the test process (the
 * emulator's request log included), the page's console and errors, every file under the data folder, the DOM and
 * every field's value, local and session storage, and a V8 heap snapshot of the renderer taken once the reveal
 * dialogs are closed (and another at the end, for what never may enter the renderer: the JWT and the revoked key).
 */
import { format } from 'node:util';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type E2EApp } from './fixtures/app';
import { issueAsSupport, newestRegenerationRequestId, passwordToken } from './helpers/emulator-http';
import { DEMO, nav, DEMO_PASSWORD, appState, expectAccountScreen, revealKeyFor, signInHeading, signInWithPassword } from './helpers/sign-in';
import { heldSecret } from '../helpers/held-secret';
import { chooseAuth, openRequestPart } from './helpers/workbench';

test.use({ appOptions: { offline: false, noKeychain: false, enableFaults: false, openPage: true, emulatorLog: true } });

/** Anything shaped like a DeepCurrent API key or a JWT. */
const KEY_SHAPE = /dc_[A-Za-z0-9_-]{32,}/;
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

/** A line of the emulator's request log: `GET /api/v1/users/me 200 3ms`. */
const REQUEST_LOG_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S* \d{3} \d+ms$/;


/** Every secret the app's vault holds right now, for every stored account. */
async function vaultSecrets(app: E2EApp): Promise<string[]> {
  const found: string[] = [];
  for (const account of (await appState(app)).accounts) {
    for (const kind of ['api-key', 'token', 'pending-api-key'] as const) {
      const value = await heldSecret(app.web.services, account.id, kind);
      if (value) found.push(value);
    }
  }
  return found;
}

/** The page's DOM, every field's current value, and both storages, as one text. */
function pageText(page: Page): Promise<{ dom: string; storage: string }> {
  return page.evaluate(() => {
    const values = Array.from(document.querySelectorAll('input, textarea, select')).map((el) => (el as HTMLInputElement).value);
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i)!)])));
    return { dom: `${document.documentElement.outerHTML}\n${values.join('\n')}`, storage: `${dump(localStorage)}\n${dump(sessionStorage)}` };
  });
}

/** A V8 heap snapshot of the page's renderer, after two garbage collections. */
async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(200);
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return chunks.join('');
  } finally {
    await cdp.detach();
  }
}

/** Asserts that `text` (named `where`) holds none of `secrets`. */
function expectNone(where: string, text: string, secrets: Iterable<string>): void {
  for (const secret of secrets) {
    expect(text.includes(secret), `${where} holds a secret ending in …${secret.slice(-4)}`).toBe(false);
  }
}

/** Asserts that `text` holds nothing shaped like a key or a JWT (catches secrets the test does not know of). */
function expectNoShapes(where: string, text: string): void {
  expect(text, `${where} holds something shaped like an API key`).not.toMatch(KEY_SHAPE);
  expect(text, `${where} holds something shaped like a JWT`).not.toMatch(JWT_SHAPE);
}

test('no API key or JWT leaks into logs, files, storage, the DOM, the console or the renderer heap', async ({ app, page }) => {
  test.setTimeout(150_000);
  const secrets = new Set<string>();
  const remember = async () => (await vaultSecrets(app)).forEach((s) => secrets.add(s));

  // Everything printed by this process while the test runs (the emulator's request log, any error it prints).
  // The request log is kept for the scan only, not echoed, so the test's output stays readable.
  const printed: string[] = [];
  const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
    console[name] = (...args: unknown[]) => {
      const line = format(...args);
      printed.push(line);
      if (!REQUEST_LOG_LINE.test(line)) originals[name](...args);
    };
  }
  const consoleMessages: string[] = [];
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));

  try {
    // 1. Sign in with email and password.
    await signInWithPassword(page, DEMO.ada);
    await remember();
    const ada = (await appState(app)).accounts.find((a) => a.email === DEMO.ada)!;
    const adaToken = await heldSecret(app.web.services, ada.id, 'token');
    expect(adaToken).toMatch(JWT_SHAPE);

    // 2. Reveal, copy, close.
    await nav(page, 'API key').click();
    await page.getByRole('button', { name: 'Reveal API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your API key' });
    await expect(dialog).toBeVisible();
    const firstKey = (await heldSecret(app.web.services, ada.id, 'api-key'))!;
    expect(firstKey).toMatch(KEY_SHAPE);
    secrets.add(firstKey);
    // The control: while the dialog is open, the key is in the renderer's heap, and the search finds it.
    expect((await heapSnapshot(page)).includes(firstKey), 'the heap search finds the key while the dialog shows it').toBe(true);
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(dialog.getByText(/^Copied\. The clipboard will be cleared in \d+ s$/)).toBeVisible();
    expect(await app.clipboardText()).toBe(firstKey);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`API key: dc_…${firstKey.slice(-4)} This app holds your key`)).toBeVisible();
    const afterReveal = await pageText(page);
    expectNone('the DOM after the reveal dialog closed', afterReveal.dom, secrets);
    expectNone('web storage after the reveal dialog closed', afterReveal.storage, secrets);

    // 3. A whole regeneration: request, support issues it, reveal the new key, confirm.
    await page.getByRole('button', { name: 'Request a new key' }).click();
    await page.getByRole('radio', { name: 'Compromised' }).check();
    await page.getByLabel('Note').fill('Pasted into a chat by mistake.');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByText('Status: Pending')).toBeVisible();
    await issueAsSupport(app, await newestRegenerationRequestId(app, await passwordToken(app, DEMO.ada)));
    await page.getByRole('region', { name: 'New key request' }).getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Reveal new key' }).click();
    await expect(dialog).toBeVisible();
    await remember();
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(dialog.getByText(/^Copied\./)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Confirm new key' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm new key' }).click();
    await expect(page.getByText('Status: Confirmed')).toBeVisible();
    await remember();
    const newKey = (await heldSecret(app.web.services, ada.id, 'api-key'))!;
    expect(newKey).not.toBe(firstKey);
    expect(secrets.has(newKey)).toBe(true);

    // 4. The renderer's heap once the reveal dialogs are closed: neither key, nor the JWT, is left in it.
    const heap = await heapSnapshot(page);
    expect(heap.length).toBeGreaterThan(100_000);
    expect(heap, 'the snapshot holds the store (a sanity check of the search)').toContain(DEMO.ada);
    expectNone('the renderer heap after the reveal dialogs closed', heap, secrets);

    // 5. Sign in with an API key (free's, revealed straight from the emulator as setup), as a second account.
    const freeKey = await revealKeyFor(app, DEMO.free);
    secrets.add(freeKey);
    await nav(page, 'Account').click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('tab', { name: 'API key' }).click();
    await page.getByLabel('API key', { exact: true }).fill(freeKey);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectAccountScreen(page, DEMO.free);
    await remember();
    expectNone('the DOM after signing in with a key', (await pageText(page)).dom, secrets);

    // 6. Back to ada; tester requests with secrets the user typed: a header, a query parameter, a JSON body. (The
    // JWT typed here is one the test fetched itself: the app's own token never reaches the page.)
    const typedJwt = await passwordToken(app, DEMO.ada);
    secrets.add(typedJwt);
    await page.getByLabel('Account').selectOption({ label: `${DEMO.ada} — Local emulator` });
    await expectAccountScreen(page, DEMO.ada);
    await nav(page, 'Request tester').click();
    await chooseAuth(page, 'api-key');
    await page.getByLabel('Path').fill('/api/v1/users/me');
    await openRequestPart(page, 'Headers');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-API-Key');
    await page.getByLabel('Header 1 value').fill(newKey);
    await openRequestPart(page, 'Query');
    await page.getByRole('button', { name: 'Add query parameter' }).click();
    await page.getByLabel('Query parameter 1 name').fill('token');
    await page.getByLabel('Query parameter 1 value').fill(typedJwt);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText('200 OK', { exact: true })).toBeVisible();

    await page.getByLabel('Method').selectOption('POST');
    // The path typed without a query clears the Query table (the URL and the table stay in sync).
    await page.getByLabel('Path').fill('/api/v1/items');
    await expect(page.getByRole('button', { name: 'Remove query parameter 1' })).toHaveCount(0);
    await openRequestPart(page, 'Body');
    await page.getByRole('radio', { name: 'JSON' }).check();
    await page.getByLabel('JSON body').fill(JSON.stringify({ title: 'Keys to rotate', description: `old key ${freeKey}` }));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByText(/^201 /)).toBeVisible();

    // 7. Snippets for every target hold no secret (typed values are redacted, the credential is a variable).
    await openRequestPart(page, 'Copy as');
    for (const target of ['curl', 'Python requests', 'JavaScript fetch', 'HTTPie']) {
      await page.getByRole('button', { name: target, exact: true }).click();
      const snippet = await page.getByLabel('Snippet').inputValue();
      expect(snippet).toMatch(/DEEPCURRENT_API_KEY/);
      expectNone(`the ${target} snippet`, snippet, secrets);
      expectNoShapes(`the ${target} snippet`, snippet);
    }

    // 8. History: the entries, loaded back into the editor and re-run, hold no secret.
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByText(/^POST \/api\/v1\/items · 201 · /)).toBeVisible();
    await expect(history.getByText(/^GET \/api\/v1\/users\/me · 200 · /)).toBeVisible();
    await history.getByRole('button', { name: 'Load' }).last().click();
    await openRequestPart(page, 'Headers');
    await expect(page.getByLabel('Header 1 value')).toHaveValue('REDACTED');
    await openRequestPart(page, 'Query');
    await expect(page.getByLabel('Query parameter 1 value')).toHaveValue('REDACTED');
    await history.getByRole('button', { name: 'Re-run' }).first().click();
    await expect(history.getByRole('listitem')).toHaveCount(3);
    expectNone('the tester after loading from history', (await pageText(page)).dom, [newKey, typedJwt, freeKey]);
    // The settings file holds the history (written within a second), redacted and without any body; and the open
    // tabs' drafts for the next start (bodies included: they are the user's work), with what looks secret replaced.
    const settingsFile = join(app.dataDir, 'settings.json');
    // (The endpoint list cached there names /api/v1/items too: wait for the history entries themselves.)
    const storedHistory = async () => JSON.stringify((JSON.parse(await readFile(settingsFile, 'utf8')) as { history?: unknown[] }).history ?? []);
    await expect.poll(storedHistory).toContain('/api/v1/items');
    await expect.poll(async () => JSON.stringify(JSON.parse(await readFile(settingsFile, 'utf8')).workbench ?? null)).toContain('Keys to rotate');
    const withHistory = JSON.parse(await readFile(settingsFile, 'utf8')) as { history: unknown; workbench: unknown };
    expect(JSON.stringify(withHistory.history)).toContain('REDACTED');
    expect(JSON.stringify(withHistory.history)).not.toContain('Keys to rotate');
    expectNone('the tabs kept in the settings file', JSON.stringify(withHistory.workbench), secrets);

    // 9. Sign out of both accounts (each takes its history with it).
    await nav(page, 'Account').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
    await expectAccountScreen(page, DEMO.free);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
    await expect(signInHeading(page)).toBeVisible();
    expect((await appState(app)).accounts).toEqual([]);

    // 10. What is left: the renderer never held the JWT; the revoked key was only ever in its reveal dialog.
    const finalHeap = await heapSnapshot(page);
    expectNone('the renderer heap at the end (JWT, revoked key)', finalHeap, [adaToken!, firstKey]);
  } finally {
    Object.assign(console, originals);
  }

  expect(secrets.size).toBeGreaterThanOrEqual(5); // ada's JWT, ada's first and new key, free's key, the typed JWT
  const all = [...secrets];

  // (A calm session logs little or nothing; whatever was logged is scanned.)
  test.info().annotations.push({ type: 'scanned', description: `${app.logs.length} web app log lines, ${printed.length} printed lines` });
  const log = app.logs.join('\n');
  expectNone('the web app log', log, all);
  expectNoShapes('the web app log', log);

  const emulatorLines = printed.filter((line) => REQUEST_LOG_LINE.test(line));
  expect(emulatorLines.length, 'the emulator printed its request log').toBeGreaterThan(10);
  const output = printed.join('\n');
  expectNone('the test process output', output, all);
  expectNoShapes('the test process output', output);

  const consoleText = consoleMessages.join('\n');
  expectNone('the page console', consoleText, all);
  expectNoShapes('the page console', consoleText);
  expect(app.pageErrors).toEqual([]);

  const files = await readdir(app.dataDir, { recursive: true, withFileTypes: true });
  const scanned: string[] = [];
  for (const entry of files) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = (await readFile(path)).toString('latin1');
    expectNone(path, text, [...all, DEMO_PASSWORD]);
    expectNoShapes(path, text);
    scanned.push(path);
  }
  expect(scanned.some((p) => p.endsWith('settings.json'))).toBe(true);
  const settings = await readFile(join(app.dataDir, 'settings.json'), 'utf8');
  const stored = JSON.parse(settings) as { history?: unknown[]; workbench?: { accounts?: Record<string, unknown> } };
  // Each account took its history and its tabs with it at sign-out.
  expect(stored.history ?? []).toEqual([]);
  expect(stored.workbench?.accounts ?? {}).toEqual({});

  const end = await pageText(page);
  expectNone('the DOM at the end', end.dom, all);
  expectNoShapes('the DOM at the end', end.dom);
  expectNone('web storage at the end', end.storage, all);
  expectNoShapes('web storage at the end', end.storage);
});
