import { describe, expect, it } from 'vitest';
import { activeAccount, useAppStore } from '../../src-renderer/store';
import { BODY_NOT_KEPT } from '../../src-renderer/store/tester-slice';
import { MemoryKv } from '../helpers/memory-kv';
import { Backend, useEmulator } from './real-backend';
import {
  button,
  byLabel,
  choose,
  click,
  editor,
  editorText,
  editorTextNow,
  goTo,
  hasText,
  pageText,
  press,
  queryButton,
  queryByLabel,
  renderApp,
  requestPart,
  type,
  typeInEditor,
  waitFor,
} from './helpers';

/** Tokens live 12 min 30 s on this file's emulator. */
const emulator = useEmulator({ tokenTtlSeconds: 750 });

async function signedIn(email = 'ada@deepcurrent.test', kind: 'token' | 'api-key' = 'api-key') {
  const main = new Backend(emulator.current);
  const account = await main.signIn(email, kind);
  return { main, account };
}

async function openTester(main: Backend) {
  await renderApp(main);
  await goTo('Request tester');
  await waitFor(() => byLabel<HTMLSelectElement>('Endpoint').options.length > 1);
}

const lastSend = (main: Backend) => main.lastRequest('sendRequest') as { requestId: string; request: Record<string, unknown> } | undefined;
const lastResponse = () => useAppStore.getState().tester.response!;

describe('request tester', () => {
  it('says who it acts as and with which credential', async () => {
    const { main, account } = await signedIn();
    await openTester(main);
    expect(hasText(`Acting as ada@deepcurrent.test with API key dc_…${account.apiKeyLast4}`)).toBe(true);
    await requestPart('Authorization');
    await choose(byLabel<HTMLSelectElement>('Auth'), 'None');
    expect(hasText('Acting as ada@deepcurrent.test without credentials')).toBe(true);
  });

  it('shows the session token with its time left', async () => {
    const { main } = await signedIn('ada@deepcurrent.test', 'token');
    await openTester(main);
    expect(hasText('Acting as ada@deepcurrent.test with session token (expires in 12 min)')).toBe(true);
  });

  it('fills method, path and example body from the endpoint picker and marks an offline copy', async () => {
    const { main } = await signedIn();
    await main.call('listEndpoints', {}); // an earlier visit cached the list…
    await emulator.current.fault({ mode: 'refuse', path: '/api/v1/openapi.json' }); // …and now the server is unreachable
    await openTester(main);
    expect(pageText()).toContain('(offline copy');
    await choose(byLabel<HTMLSelectElement>('Endpoint'), 'POST /api/v1/items — Create an item');
    expect(byLabel<HTMLSelectElement>('Method').value).toBe('POST');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items');
    expect(byLabel<HTMLInputElement>('JSON').checked).toBe(true);
    expect(await editorText('JSON body')).toContain('"title"');
  });

  it('does not call the list an offline copy while the server answers, though a copy is cached', async () => {
    const { main } = await signedIn();
    await main.call('listEndpoints', {}); // an earlier visit cached the list
    await openTester(main);
    expect(byLabel<HTMLSelectElement>('Endpoint').options.length).toBeGreaterThan(10);
    expect(pageText()).not.toContain('offline copy');
  });

  it('validates JSON as it is typed, refuses to send it broken, and formats it', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await requestPart('Body');
    await click(byLabel('JSON'));
    await typeInEditor('JSON body', '{"title": ');
    await waitFor(() => pageText().includes('Invalid JSON'));
    await waitFor(() => byLabel('JSON body').getAttribute('aria-invalid') === 'true');
    await click(button('Send'));
    expect(main.count('sendRequest')).toBe(0);
    await typeInEditor('JSON body', '{"title":"Hello","n":[1,2]}');
    await waitFor(() => pageText().includes('Valid JSON.'));
    expect(byLabel('JSON body').getAttribute('aria-invalid')).toBeNull();
    await click(button('Format'));
    expect(await editorText('JSON body')).toBe('{\n  "title": "Hello",\n  "n": [\n    1,\n    2\n  ]\n}');
  });

  it('formats a JSON body without touching its numbers, escapes or duplicate keys', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await requestPart('Body');
    await click(byLabel('JSON'));
    await typeInEditor('JSON body', '{"id":12345678901234567890,"f":1.0,"e":1e400,"z":-0,"s":"\\u00e9","a":1,"a":2,"o":{},"l":[ ]}');
    await waitFor(() => pageText().includes('Valid JSON.'));
    await click(button('Format'));
    expect(await editorText('JSON body')).toBe(
      '{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "e": 1e400,\n  "z": -0,\n  "s": "\\u00e9",\n  "a": 1,\n  "a": 2,\n  "o": {},\n  "l": []\n}',
    );
  });

  it('refuses to send a path that still has a {param} placeholder', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await choose(byLabel<HTMLSelectElement>('Endpoint'), 'GET /api/v1/items/{id} — Read an item');
    await click(button('Send'));
    expect(main.count('sendRequest')).toBe(0);
    expect(pageText()).toContain('No value for “id”: give it one under Variables.');
  });

  it('sends with Ctrl+Enter and shows status, time, size, headers and the pretty body', async () => {
    const { main } = await signedIn();
    await openTester(main);
    const path = byLabel<HTMLInputElement>('Path');
    path.focus();
    await press('Enter', { ctrlKey: true });
    await waitFor(() => hasText('200 OK'));
    expect(lastSend(main)?.request).toMatchObject({ method: 'GET', path: '/api/v1/users/me', auth: 'api-key', body: { kind: 'none' } });
    const response = lastResponse();
    expect(hasText(`${Math.round(response.durationMs)} ms`)).toBe(true);
    expect(response.headers.length).toBeGreaterThan(0);
    expect(pageText()).toContain(`Headers (${response.headers.length})`);
    await waitFor(() => queryByLabel('Response body')?.textContent?.includes('"email": "ada@deepcurrent.test"'));
    // Pretty, in colour: the keys and strings carry their token classes.
    expect(byLabel('Response body').querySelector('.tok-key')?.textContent).toBe('"id"');
    expect(byLabel('Response body').querySelector('.tok-string')).not.toBeNull();
    await press('Enter', { metaKey: true }, document.body);
    await waitFor(() => main.count('sendRequest') === 2);
  });

  it('sends query parameters and headers from the tables, only the filled rows', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await requestPart('Query');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'limit');
    await type(byLabel('Query parameter 1 value'), '5');
    await requestPart('Headers');
    await click(button('Add header'));
    await type(byLabel('Header 1 name'), 'X-Trace');
    await type(byLabel('Header 1 value'), 'abc');
    await click(byLabel('Enable header 1'));
    await click(button('Add header'));
    await click(button('Send'));
    await waitFor(() => main.count('sendRequest') === 1);
    expect(lastSend(main)?.request).toMatchObject({
      query: [{ name: 'limit', value: '5', enabled: true }],
      headers: [{ name: 'X-Trace', value: 'abc', enabled: false }],
    });
    await requestPart('Query');
    await click(button('Remove query parameter 1'));
    expect(pageText()).toContain('No query parameters.');
  });

  it('explains a 403 in words', async () => {
    const { main } = await signedIn('free@deepcurrent.test', 'api-key');
    await openTester(main);
    await type(byLabel('Path'), '/api/v1/usage');
    await click(button('Send'));
    await waitFor(() => hasText('403 Forbidden'));
    expect(pageText()).toContain('This happens when a feature requires a paid plan or a specific role.');
    expect(useAppStore.getState().screen).toBe('tester');
  });

  it('cancels a request in flight and tells a cancel apart from a network failure and a timeout', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await emulator.current.fault({ mode: 'stall', path: '/api/v1/users/me', times: 1 });
    await click(button('Send'));
    await click(await waitFor(() => queryButton('Cancel')));
    await waitFor(() => pageText().includes('Request cancelled'));
    expect(main.count('cancelRequest')).toBe(1);
    expect(queryButton('Cancel')).toBeNull();

    await emulator.current.fault({ mode: 'refuse', path: '/api/v1/users/me' });
    await click(button('Send'));
    await waitFor(() => pageText().includes('Could not reach the server'));
    // The cause in words (the emulator drops the connection), the code only on the Details line.
    expect(pageText()).toContain('The connection to the DeepCurrent server was reset before it answered.');
    expect(document.querySelector('.error-detail')?.textContent).toMatch(/^Details: [A-Z_]+$/);
    await emulator.current.clearFaults();

    await main.call('updateSettings', { requestTimeoutSeconds: 1 });
    await emulator.current.fault({ mode: 'stall', path: '/api/v1/users/me', times: 1 });
    await click(button('Send'));
    await waitFor(() => pageText().includes('No answer in time'), 5000);

    await type(byLabel('Path'), 'http://example.com/api/v1/users/me');
    await click(button('Send'));
    await waitFor(() => pageText().includes('Refused: not this environment’s server'));
  });

  it('lists history newest first, loads an entry into the editor, re-runs it and clears it', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));
    await type(byLabel('Path'), '/api/v1/items');
    await choose(byLabel<HTMLSelectElement>('Method'), 'DELETE');
    await click(button('Send'));
    await waitFor(() => document.querySelectorAll('.history-list li').length === 2);
    const items = Array.from(document.querySelectorAll('.history-list li')).map((li) => li.textContent ?? '');
    // The emulator has no DELETE on the collection: 405.
    expect(items[0]).toContain('DELETE /api/v1/items · 405');
    expect(items[1]).toContain('GET /api/v1/users/me · 200');
    expect(items[1]).toContain('API key');

    const second = document.querySelectorAll<HTMLElement>('.history-list li')[1];
    await click(button('Load', second));
    expect(byLabel<HTMLSelectElement>('Method').value).toBe('GET');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/users/me');

    await click(button('Re-run', document.querySelectorAll<HTMLElement>('.history-list li')[0]));
    await waitFor(() => main.count('sendRequest') === 3);
    expect(lastSend(main)?.request).toMatchObject({ method: 'DELETE', path: '/api/v1/items' });

    await click(button('Clear history'));
    expect(main.count('clearHistory')).toBe(1);
    await waitFor(() => pageText().includes('No requests yet.'));
  });

  it('shows a snippet that reads the credential from an environment variable', async () => {
    const { main } = await signedIn();
    const key = await emulator.current.apiKeyOf('ada@deepcurrent.test');
    await openTester(main);
    await requestPart('Copy as');
    await click(button('curl'));
    const snippet = byLabel<HTMLTextAreaElement>('Snippet');
    expect(snippet.readOnly).toBe(true);
    expect(snippet.value).toContain('curl');
    expect(snippet.value).toContain(`${emulator.current.url}/api/v1/users/me`);
    expect(snippet.value).toContain('DEEPCURRENT_API_KEY');
    expect(snippet.value).not.toContain(key);
    await click(button('Python requests'));
    expect(byLabel<HTMLTextAreaElement>('Snippet').value).toContain('import requests');
    expect(queryButton('Copy snippet')).not.toBeNull();
  });

  it('keeps a large body responsive: the whole text in the editor, only a screenful in the page, searchable', async () => {
    const { main } = await signedIn();
    await openTester(main);
    // The emulator's echo answers the request back (as text, base64 and parsed), pretty-printed: many lines.
    const rows = Array.from({ length: 6_000 }, (_, i) => ({ id: i, title: `item ${i}` }));
    await choose(byLabel<HTMLSelectElement>('Method'), 'POST');
    await type(byLabel('Path'), '/api/v1/__echo');
    await requestPart('Body');
    await click(byLabel('JSON'));
    await typeInEditor('JSON body', JSON.stringify(rows));
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));
    // Pretty-printed in slices: the text grows to the whole document while the page stays free.
    const view = await editor('Response body');
    await waitFor(() => view.state.doc.toString().endsWith('}') && view.state.doc.lines > 20_000, 10_000);
    expect(view.state.doc.toString()).toContain('"title": "item 5999"');
    expect(document.querySelectorAll('.response-panel .cm-line').length).toBeLessThan(500);
    await click(button('Search'));
    expect(queryByLabel('Find')).not.toBeNull();

    // One long line (700 kB of text), shown as received.
    await choose(byLabel<HTMLSelectElement>('Method'), 'GET');
    await click(byLabel('None'));
    await type(byLabel('Path'), '/api/v1/__bytes');
    await requestPart('Query');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'size');
    await type(byLabel('Query parameter 1 value'), '700000');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 2 name'), 'type');
    await type(byLabel('Query parameter 2 value'), 'text/plain');
    await click(button('Send'));
    await waitFor(() => hasText('200 OK') && lastResponse()?.text.length === 700_000);
    await waitFor(() => editorTextNow('Response body')?.length === 700_000);
    expect(editorTextNow('Response body')).toBe('a'.repeat(700_000));
    // A line that long is not wrapped (laying it out whole would hold the page), and the view says so.
    expect(pageText()).toContain('Lines are not wrapped here: a line of this text is longer than 100,000 characters.');
    expect(byLabel('Response body').classList.contains('cm-lineWrapping')).toBe(false);
  });

  it('marks a cut body and shows it raw', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await emulator.current.fault({ mode: 'huge-body', path: '/api/v1/users/me', times: 1 });
    await click(button('Send'));
    await waitFor(() => pageText().includes('Response cut at 10 MB'), 5000);
    // Main never sends a cut body as JSON: it is text, shown raw, with no Pretty or Tree view.
    expect(lastResponse()).toMatchObject({ truncated: true, bodyKind: 'text' });
    expect((await editorText('Response body')).startsWith('{"data":"xxx')).toBe(true);
    expect(queryButton('Tree')).toBeNull();
  });

  it('takes the response, the history entry and the account’s new state from the one answer of a Send', async () => {
    const { main, account } = await signedIn();
    await openTester(main);
    await waitFor(() => pageText().includes('No requests yet.'));
    const historyRows = () => Array.from(document.querySelectorAll('.history-list li')).map((li) => li.textContent ?? '');
    const callsOfOneSend = async (send: () => Promise<void>, done: () => boolean) => {
      const from = main.calls.length;
      await send();
      await waitFor(done);
      await main.settle();
      // The tabs' own saving (a while after an edit) is not part of a Send.
      return main.calls.slice(from).map((c) => c.name).filter((name) => name !== 'saveTabs');
    };

    expect(await callsOfOneSend(() => click(button('Send')), () => hasText('200 OK') && historyRows().length === 1)).toEqual(['sendRequest']);
    expect(historyRows()[0]).toContain('GET /api/v1/users/me · 200');

    // The server rejects the key (the emulator's echo answers 401): main notes it, and the answer says so.
    await type(byLabel('Path'), '/api/v1/__echo');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'status');
    await type(byLabel('Query parameter 1 value'), '401');
    const calls = await callsOfOneSend(() => click(button('Send')), () => historyRows().length === 2 && queryButton('Sign in again') !== null);
    expect(calls).toEqual(['sendRequest']);
    expect(historyRows()[0]).toContain('GET /api/v1/__echo · 401');
    expect(activeAccount(useAppStore.getState())).toMatchObject({ id: account.id, needsSignIn: true });
    await goTo('Account');
    expect(pageText()).toContain('Sign-in needed');
    expect(main.count('getState')).toBe(1); // the first one, when the app started
    expect(main.count('listHistory')).toBe(1); // the first visit to the tester
  });

  it('offers to sign in again only when main says the credential sent was rejected', async () => {
    const { main } = await signedIn();
    await openTester(main);
    await requestPart('Authorization');
    await choose(byLabel<HTMLSelectElement>('Auth'), 'None');
    await type(byLabel('Path'), '/api/v1/__echo');
    await requestPart('Query');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'status');
    await type(byLabel('Query parameter 1 value'), '401');
    await click(button('Send'));
    await waitFor(() => pageText().includes('no credential was sent, so none was rejected and you do not need to sign in again'));
    expect(queryButton('Sign in again')).toBeNull();
    expect(activeAccount(useAppStore.getState())?.needsSignIn).toBe(false);
  });

  it('loads an entry whose body history did not keep with that body kind empty, says so, and does not re-run it', async () => {
    const kv = new MemoryKv();
    const main = new Backend(emulator.current, { kv });
    const account = await main.signIn('ada@deepcurrent.test', 'api-key');
    kv.set('history', [
      {
        id: 'from-last-run',
        at: new Date().toISOString(),
        accountId: account.id,
        environment: { kind: 'local' },
        request: { method: 'POST', path: '/api/v1/items', query: [], headers: [], body: { kind: 'none' }, auth: 'api-key' },
        bodyNotKept: 'json',
        status: 201,
        errorKind: null,
        durationMs: 4,
        credentialKind: 'api-key',
      },
    ]);
    await openTester(main);
    const row = await waitFor(() => document.querySelector<HTMLElement>('.history-list li'));
    expect(row.textContent).toContain('POST /api/v1/items · 201');
    expect(row.textContent).toContain('· body not kept');
    await click(button('Re-run', row));
    expect(main.count('sendRequest')).toBe(0);
    expect(byLabel<HTMLSelectElement>('Method').value).toBe('POST');
    await requestPart('Body');
    expect(byLabel<HTMLInputElement>('JSON').checked).toBe(true);
    expect(await editorText('JSON body')).toBe('');
    expect(pageText()).toContain(BODY_NOT_KEPT);
  });

  it('shows each account its own history', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('free@deepcurrent.test', 'api-key');
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    await click(button('Send'));
    await waitFor(() => document.querySelectorAll('.history-list li').length === 1);
    await goTo('Account');
    await choose(byLabel<HTMLSelectElement>('Account'), 'free@deepcurrent.test — Local emulator');
    await waitFor(() => activeAccount(useAppStore.getState())?.email === 'free@deepcurrent.test');
    await goTo('Request tester');
    await waitFor(() => pageText().includes('No requests yet.'));
    expect(main.count('listHistory')).toBe(2);
  });
});
