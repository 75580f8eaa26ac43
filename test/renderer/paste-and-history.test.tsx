/**
 * Paste anything and history worth using, in the tester against the real main process: a curl command pasted into
 * the Path field fills the request (never sent as a path), its Authorization left out and said so; Import curl does
 * the same from a dialog; the URL's query and the Query table follow each other; history is grouped by day,
 * searchable, coloured by status, per account with all accounts on request, and an entry of another account is
 * re-run only after asking, under that account.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeAccount, useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import { button, byLabel, choose, click, editorTextNow, goTo, pageText, queryButton, renderApp, requestPart, type, waitFor } from './helpers';

const emulator = useEmulator();

/** The tester, with ada signed in with her API key unless the backend given is already set up. */
async function openTester(given?: Backend) {
  const main = given ?? new Backend(emulator.current, { collectionsFolder: join(mkdtempSync(join(tmpdir(), 'dc-paste-')), 'collections') });
  if (!given) await main.signIn('ada@deepcurrent.test', 'api-key');
  await renderApp(main);
  await goTo('Request tester');
  return main;
}

const rows = () => Array.from(document.querySelectorAll<HTMLElement>('.history-list li'));
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

describe('a pasted curl command', () => {
  it('fills method, path, query, headers and body, leaves its Authorization out, and is not sent', async () => {
    const main = await openTester();
    const url = emulator.current.url;
    await type(byLabel('Path'), `curl -X POST '${url}/api/v1/items?draft=1' -H 'Authorization: Bearer abc.def.ghi' -H 'X-Trace: t1' --json '{"title":"Ink"}'`);
    await waitFor(() => main.count('importCurl') === 1 && byLabel<HTMLSelectElement>('Method').value === 'POST');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items?draft=1');
    expect(byLabel<HTMLInputElement>('Query parameter 1 name').value).toBe('draft');
    await requestPart('Headers');
    expect(byLabel<HTMLInputElement>('Header 1 name').value).toBe('X-Trace');
    await requestPart('Body');
    expect(byLabel<HTMLInputElement>('JSON').checked).toBe(true);
    await waitFor(() => editorTextNow('JSON body') === '{"title":"Ink"}');
    expect(pageText()).toContain('Left out: the Authorization header.');
    expect(pageText()).toContain("This request is sent with this account's API key (the Authorization tab).");
    expect(main.count('sendRequest')).toBe(0);
    expect(JSON.stringify(useAppStore.getState().tester.draft)).not.toContain('abc.def.ghi');
  });

  it('to another server is refused in words, and the path is left as it was', async () => {
    const main = await openTester();
    await type(byLabel('Path'), 'curl https://api.example.com/api/v1/users/me');
    await waitFor(() => main.count('importCurl') === 1 && pageText().includes('The pasted curl command was not imported'));
    expect(pageText()).toContain('This command goes to https://api.example.com, not to the active environment');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/users/me');
  });

  it('typed into the path is never sent: Send says to import it', async () => {
    const main = await openTester();
    // Typed character by character: not a paste, so it stays as typed…
    await type(byLabel('Path'), 'c');
    for (const text of ['cu', 'cur', 'curl', 'curl ', 'curl h', 'curl ht']) await type(byLabel('Path'), text);
    expect(main.count('importCurl')).toBe(0);
    // …and Send refuses it.
    await click(button('Send'));
    expect(main.count('sendRequest')).toBe(0);
    expect(pageText()).toContain('This is a curl command, not a path. Use Import curl to fill the request from it.');
  });

  it('can be imported from the Import curl dialog', async () => {
    const main = await openTester();
    await click(button('Import curl…'));
    const d = await waitFor(dialog);
    await type(byLabel('curl command', d), 'curl -G -d limit=5 /api/v1/items');
    await click(button('Import', d));
    await waitFor(() => dialog() === null);
    expect(main.count('importCurl')).toBe(1);
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items?limit=5');
    // The dialog's submit is its own: it never reaches the request form around it (a Send).
    await main.settle();
    expect(main.count('sendRequest')).toBe(0);
  });
});

describe('the URL and the Query table', () => {
  it('follow each other', async () => {
    const main = await openTester();
    await type(byLabel('Path'), '/api/v1/items?limit=5&skip=a%20b');
    expect(byLabel<HTMLInputElement>('Query parameter 1 name').value).toBe('limit');
    expect(byLabel<HTMLInputElement>('Query parameter 2 value').value).toBe('a b');
    await type(byLabel('Query parameter 1 value'), '10');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items?limit=10&skip=a%20b');
    await click(byLabel('Enable query parameter 2'));
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items?limit=10');
    await click(button('Send'));
    await waitFor(() => main.count('sendRequest') === 1);
    const sent = main.lastRequest('sendRequest')!.request;
    expect(sent.path).toBe('/api/v1/items');
    expect(sent.query).toEqual([
      { name: 'limit', value: '10', enabled: true },
      { name: 'skip', value: 'a b', enabled: false },
    ]);
  });

  it('a full URL of the environment pasted in becomes the path below it, its query in the table', async () => {
    await openTester();
    await type(byLabel('Path'), `${emulator.current.url}/api/v1/items?limit=1`);
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items?limit=1');
    expect(byLabel<HTMLInputElement>('Query parameter 1 value').value).toBe('1');
  });
});

describe('history', () => {
  it('groups by day, colours and searches by method, path and status', async () => {
    const main = await openTester();
    await click(button('Send'));
    await waitFor(() => rows().length === 1);
    await type(byLabel('Path'), '/api/v1/items/nothing-here');
    await click(button('Send'));
    await waitFor(() => rows().length === 2);
    expect(Array.from(document.querySelectorAll('.history-day h3')).map((h) => h.textContent)).toEqual(['Today']);
    expect(rows().map((r) => r.querySelector('.history-status')?.className)).toEqual(['history-status s4xx', 'history-status s2xx']);
    await type(byLabel('Search history'), '404');
    expect(rows().map((r) => r.querySelector('.history-path')?.textContent)).toEqual(['/api/v1/items/nothing-here']);
    await type(byLabel('Search history'), '2xx users');
    expect(rows().map((r) => r.querySelector('.history-path')?.textContent)).toEqual(['/api/v1/users/me']);
    await type(byLabel('Search history'), 'post');
    expect(rows()).toHaveLength(0);
    expect(pageText()).toContain('No request matches “post”.');
    expect(main.count('listHistory')).toBe(1);
  });

  it('shows every signed-in account’s entries on request, and re-runs another account’s only after asking, under that account', async () => {
    const main = new Backend(emulator.current);
    const free = await main.signIn('free@deepcurrent.test', 'api-key');
    await main.call('sendRequest', { requestId: 'free-1', request: { method: 'GET', path: '/api/v1/usage', query: [], headers: [], body: { kind: 'none' }, auth: 'api-key' }, draftAccountId: free.id });
    const ada = await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    await waitFor(() => pageText().includes('No requests yet.'));
    await choose(byLabel<HTMLSelectElement>('Show'), 'All signed-in accounts');
    await waitFor(() => rows().length === 1);
    expect(rows()[0]!.textContent).toContain('GET /api/v1/usage · 403 · ');
    expect(rows()[0]!.textContent).toContain('· free@deepcurrent.test (Local emulator)');

    await click(button('Re-run', rows()[0]));
    const d = await waitFor(dialog);
    expect(d.textContent).toContain('This request was sent as free@deepcurrent.test (Local emulator). The active account is ada@deepcurrent.test.');
    const sendsBefore = main.count('sendRequest');
    await click(button('Cancel', d));
    expect(main.count('sendRequest')).toBe(sendsBefore);
    expect(activeAccount(useAppStore.getState())?.id).toBe(ada.id);

    await click(button('Re-run', rows()[0]));
    await click(button('Switch and re-run', (await waitFor(dialog))!));
    await waitFor(() => main.count('sendRequest') === sendsBefore + 1);
    expect(activeAccount(useAppStore.getState())?.id).toBe(free.id);
    expect(main.lastRequest('sendRequest')).toMatchObject({ request: { path: '/api/v1/usage' }, draftAccountId: free.id });
    await waitFor(() => queryButton('Send') !== null && pageText().includes('403 Forbidden'));
    await goTo('Request tester');
  });

  it('saves an entry to a collection from history', async () => {
    const main = await openTester();
    await click(button('Send'));
    await waitFor(() => rows().length === 1);
    await click(button('Save…', rows()[0]));
    const d = await waitFor(dialog);
    expect(d.textContent).toContain('Save to a collection (from history)');
    expect(byLabel<HTMLInputElement>('Name', d).value).toBe('GET /api/v1/users/me');
    await type(byLabel('Name', d), 'Who am I');
    await click(button('Save', d));
    await waitFor(() => dialog() === null);
    expect(main.count('saveToCollection')).toBe(1);
    const folder = useAppStore.getState().collections.list![0]!.folder;
    expect(readFileSync(join(folder, 'requests.http'), 'utf8')).toBe('### Who am I\n# @name Who am I\nGET {{baseUrl}}/api/v1/users/me\n');
  });
});
