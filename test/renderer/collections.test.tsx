/**
 * The Collections panel against the real main process (router and services, the collection folder on disk in a
 * temporary directory, the emulator over HTTP): Ctrl+S saves the draft as a `.http` block, a credential in it is
 * refused in words and nothing is written, a name already used is replaced only when asked, a saved request opens
 * into the editor with its variables, an edit made on disk shows in the panel, and variables are edited in the app.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import { button, byLabel, click, goTo, pageText, press, queryButton, renderApp, requestPart, type, waitFor } from './helpers';

const emulator = useEmulator();
let folder = '';
const folders: string[] = [];

beforeEach(() => {
  folder = join(mkdtempSync(join(tmpdir(), 'dc-renderer-collections-')), 'collections');
  folders.push(join(folder, '..'));
});
// Removed once every test is over: the panel of a test may still poll its folder while the test is torn down.
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

async function openTester() {
  const main = new Backend(emulator.current, { collectionsFolder: folder });
  await main.signIn('ada@deepcurrent.test', 'api-key');
  await renderApp(main);
  await goTo('Request tester');
  await waitFor(() => useAppStore.getState().collections.list !== null);
  return main;
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');
const fileText = (name: string) => readFileSync(join(folder, name), 'utf8');
const lastSend = (main: Backend) => main.lastRequest('sendRequest') as { request: { path: string; query: unknown[] }; draftAccountId?: string } | undefined;

describe('saving a request', () => {
  it('Ctrl+S opens the Save dialog; Save writes a .http block and lists it', async () => {
    await openTester();
    await type(byLabel('Path'), '/api/v1/items/{id}');
    await press('s', { ctrlKey: true });
    const d = await waitFor(dialog);
    expect(byLabel<HTMLInputElement>('Name', d).value).toBe('GET /api/v1/items/{id}');
    await type(byLabel('Name', d), 'One item');
    expect(byLabel<HTMLInputElement>('New file name', d).value).toBe('requests.http');
    await click(button('Save', d));
    await waitFor(() => dialog() === null);
    expect(fileText('requests.http')).toBe('### One item\n# @name One item\nGET {{baseUrl}}/api/v1/items/{{id}}\n');
    expect(pageText()).toContain('Saved “One item” in requests.http.');
    await waitFor(() => queryButton('GET One item /api/v1/items/{{id}}'));
  });

  it('refuses a request with a literal Authorization header, says what to do, and writes nothing', async () => {
    await openTester();
    await requestPart('Headers');
    await click(button('Add header'));
    await type(byLabel('Header 1 name'), 'Authorization');
    await type(byLabel('Header 1 value'), 'Bearer my-own-token');
    await click(button('Save request…'));
    const d = await waitFor(dialog);
    await click(button('Save', d));
    await waitFor(() => d.textContent?.includes('Not saved'));
    expect(d.querySelector('[role="alert"]')?.textContent).toContain(
      "Not saved: this request holds a credential (the Authorization header). A collection never holds one: when it sends, the app adds the account's own credential (choose it under Auth).",
    );
    expect(() => fileText('requests.http')).toThrow();
    // Replaced by a variable, it saves.
    await click(button('Cancel', d));
    await type(byLabel('Header 1 value'), 'Bearer {{token}}');
    await click(button('Save request…'));
    await click(button('Save', (await waitFor(dialog))!));
    await waitFor(() => dialog() === null);
    expect(fileText('requests.http')).toContain('Authorization: Bearer {{token}}');
  });

  it('asks before replacing a request of the same name', async () => {
    await openTester();
    await press('s', { ctrlKey: true });
    await click(button('Save', (await waitFor(dialog))!));
    await waitFor(() => dialog() === null);
    await type(byLabel('Path'), '/api/v1/items');
    // The draft keeps its saved name: saving again is replacing it, once confirmed.
    await press('s', { ctrlKey: true });
    const d = await waitFor(dialog);
    expect(byLabel<HTMLInputElement>('Name', d).value).toBe('GET /api/v1/users/me');
    await click(button('Save', d));
    await waitFor(() => d.textContent?.includes('already has a request named'));
    expect(fileText('requests.http')).toContain('/api/v1/users/me');
    await click(button('Replace it', d));
    await waitFor(() => dialog() === null);
    expect(fileText('requests.http')).toBe('### GET /api/v1/users/me\n# @name GET /api/v1/users/me\nGET {{baseUrl}}/api/v1/items\n');
  });
});

describe('opening and sending a saved request', () => {
  it('fills the editor, shows its variables, and sends with their values from the environment and the table', async () => {
    const main = await openTester();
    writeFileSync(join(folder, 'items.http'), '@limit = 5\n\n### Read an item\nGET {{baseUrl}}/api/v1/items/{{id}}?limit={{limit}}\nX-Trace: {{trace}}\n');
    writeFileSync(join(folder, 'http-client.env.json'), JSON.stringify({ local: { id: 'it_42' } }));
    const open = await waitFor(() => queryButton('GET Read an item /api/v1/items/{{id}}'), 5000);
    await click(open!);
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items/{{id}}?limit={{limit}}');
    expect(pageText()).toContain('Opened “Read an item” from items.http.');
    expect(pageText()).toContain('Otherwise “it_42”, from the local environment.');
    expect(pageText()).toContain('Otherwise “5”, from its file.');
    await click(button('Send'));
    expect(main.count('sendRequest')).toBe(0);
    expect(pageText()).toContain('No value for “trace”: give it one under Variables.');
    await type(byLabel('Value of trace'), 't-1');
    await click(button('Send'));
    await waitFor(() => main.count('sendRequest') === 1);
    expect(lastSend(main)!.request).toMatchObject({
      path: '/api/v1/items/it_42',
      query: [{ name: 'limit', value: '5', enabled: true }],
      headers: [{ name: 'X-Trace', value: 't-1', enabled: true }],
    });
    expect(lastSend(main)!.draftAccountId).toBe(useAppStore.getState().app!.activeAccountId);
  });

  it('shows an edit made on disk without being asked', async () => {
    await openTester();
    writeFileSync(join(folder, 'users.http'), '### Who am I\nGET {{baseUrl}}/api/v1/users/me\n');
    await waitFor(() => queryButton('GET Who am I /api/v1/users/me'), 5000);
    writeFileSync(join(folder, 'users.http'), '### Who am I, again\nGET {{baseUrl}}/api/v1/users/me\n');
    await waitFor(() => queryButton('GET Who am I, again /api/v1/users/me'), 5000);
    expect(queryButton('GET Who am I /api/v1/users/me')).toBeNull();
  });
});

describe('variables of the environment', () => {
  it('are written beside the collection, and a secret-looking one is refused', async () => {
    await openTester();
    await click(button('Variables…'));
    const d = await waitFor(dialog);
    await type(byLabel('Variable 1 name', d), 'token');
    await type(byLabel('Variable 1 value', d), 'abc');
    await click(button('Save variables', d));
    await waitFor(() => d.textContent?.includes('looks like a credential'));
    await type(byLabel('Variable 1 name', d), 'id');
    await click(button('Save variables', d));
    await waitFor(() => dialog() === null);
    expect(JSON.parse(fileText('http-client.env.json'))).toEqual({ local: { id: 'abc' } });
  });
});

describe('where folders cannot be picked (the browser preview)', () => {
  it('says so, and where the requests are kept', async () => {
    await openTester();
    await click(button('Add folder…'));
    await waitFor(() => pageText().includes('Picking a folder is not available in the browser preview.'));
    expect(pageText()).toContain(`Your requests are saved in ${folder}.`);
  });
});
