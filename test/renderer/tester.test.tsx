import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { FakeDeepCurrent } from './fake-api';
import { button, byLabel, choose, click, goTo, hasText, pageText, press, queryButton, renderApp, type, waitFor } from './helpers';

async function openTester(fake: FakeDeepCurrent) {
  await renderApp(fake);
  await goTo('Request tester');
  await waitFor(() => byLabel<HTMLSelectElement>('Endpoint').options.length > 1);
}

const lastSend = (fake: FakeDeepCurrent) =>
  fake.calls.filter((c) => c.name === 'sendRequest').pop()?.request as { requestId: string; request: Record<string, unknown> } | undefined;

describe('request tester', () => {
  it('says who it acts as and with which credential', async () => {
    const fake = new FakeDeepCurrent();
    const account = fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    expect(hasText(`Acting as ada@deepcurrent.test with API key dc_…${account.apiKeyLast4}`)).toBe(true);
    await choose(byLabel<HTMLSelectElement>('Auth'), 'None');
    expect(hasText('Acting as ada@deepcurrent.test without credentials')).toBe(true);
  });

  it('shows the session token with its time left', async () => {
    const fake = new FakeDeepCurrent();
    fake.tokenTtlMs = 12 * 60_000 + 30_000;
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openTester(fake);
    expect(hasText('Acting as ada@deepcurrent.test with session token (expires in 12 min)')).toBe(true);
  });

  it('fills method, path and example body from the endpoint picker and marks an offline copy', async () => {
    const fake = new FakeDeepCurrent();
    fake.endpointsFromCache = true;
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    expect(pageText()).toContain('(offline copy');
    await choose(byLabel<HTMLSelectElement>('Endpoint'), 'POST /api/v1/items — Create an item');
    expect(byLabel<HTMLSelectElement>('Method').value).toBe('POST');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/items');
    expect(byLabel<HTMLInputElement>('JSON').checked).toBe(true);
    expect(byLabel<HTMLTextAreaElement>('JSON body').value).toContain('"title"');
  });

  it('validates JSON as it is typed, refuses to send it broken, and formats it', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    await click(byLabel('JSON'));
    const body = byLabel<HTMLTextAreaElement>('JSON body');
    await type(body, '{"title": ');
    await waitFor(() => pageText().includes('Invalid JSON'));
    expect(body.getAttribute('aria-invalid')).toBe('true');
    await click(button('Send'));
    expect(fake.count('sendRequest')).toBe(0);
    await type(body, '{"title":"Hello","n":[1,2]}');
    await waitFor(() => pageText().includes('Valid JSON.'));
    await click(button('Format'));
    expect(body.value).toBe('{\n  "title": "Hello",\n  "n": [\n    1,\n    2\n  ]\n}');
  });

  it('formats a JSON body without touching its numbers, escapes or duplicate keys', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    await click(byLabel('JSON'));
    const body = byLabel<HTMLTextAreaElement>('JSON body');
    await type(body, '{"id":12345678901234567890,"f":1.0,"e":1e400,"z":-0,"s":"\\u00e9","a":1,"a":2,"o":{},"l":[ ]}');
    await waitFor(() => pageText().includes('Valid JSON.'));
    await click(button('Format'));
    expect(body.value).toBe(
      '{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "e": 1e400,\n  "z": -0,\n  "s": "\\u00e9",\n  "a": 1,\n  "a": 2,\n  "o": {},\n  "l": []\n}',
    );
  });

  it('refuses to send a path that still has a {param} placeholder', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    await choose(byLabel<HTMLSelectElement>('Endpoint'), 'GET /api/v1/items/{id} — Read an item');
    await click(button('Send'));
    expect(fake.count('sendRequest')).toBe(0);
    expect(pageText()).toContain('Replace {id} in the path with a value.');
  });

  it('sends with Ctrl+Enter and shows status, time, size, headers and the pretty body', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    const path = byLabel<HTMLInputElement>('Path');
    path.focus();
    await press('Enter', { ctrlKey: true });
    await waitFor(() => hasText('200 OK'));
    expect(lastSend(fake)?.request).toMatchObject({ method: 'GET', path: '/api/v1/users/me', auth: 'api-key', body: { kind: 'none' } });
    expect(hasText('123 ms')).toBe(true);
    expect(pageText()).toContain('Headers (1)');
    const view = byLabel<HTMLElement>('Response body');
    expect(view.textContent).toContain('"email": "ada@deepcurrent.test"');
    await press('Enter', { metaKey: true }, document.body);
    await waitFor(() => fake.count('sendRequest') === 2);
  });

  it('sends query parameters and headers from the tables, only the filled rows', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'limit');
    await type(byLabel('Query parameter 1 value'), '5');
    await click(button('Add header'));
    await type(byLabel('Header 1 name'), 'X-Trace');
    await type(byLabel('Header 1 value'), 'abc');
    await click(byLabel('Enable header 1'));
    await click(button('Add header'));
    await click(button('Send'));
    await waitFor(() => fake.count('sendRequest') === 1);
    expect(lastSend(fake)?.request).toMatchObject({
      query: [{ name: 'limit', value: '5', enabled: true }],
      headers: [{ name: 'X-Trace', value: 'abc', enabled: false }],
    });
    await click(button('Remove query parameter 1'));
    expect(pageText()).toContain('No query parameters.');
  });

  it('explains a 403 in words', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('free@deepcurrent.test', 'api-key');
    await openTester(fake);
    await type(byLabel('Path'), '/api/v1/usage');
    await click(button('Send'));
    await waitFor(() => hasText('403 Forbidden'));
    expect(pageText()).toContain('A paid plan is needed.');
    expect(useAppStore.getState().screen).toBe('tester');
  });

  it('cancels a request in flight and tells a cancel apart from a network failure and a timeout', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    fake.holdSends = true;
    await openTester(fake);
    await click(button('Send'));
    await click(await waitFor(() => queryButton('Cancel')));
    await waitFor(() => pageText().includes('Request cancelled'));
    expect(fake.count('cancelRequest')).toBe(1);
    expect(queryButton('Cancel')).toBeNull();

    fake.holdSends = false;
    fake.overrides.sendRequest = () => ({ ok: false, error: { kind: 'network', message: 'The server refused the connection.' } });
    await click(button('Send'));
    await waitFor(() => pageText().includes('Could not reach the server'));
    expect(pageText()).toContain('The server refused the connection.');
    fake.overrides.sendRequest = () => ({ ok: false, error: { kind: 'timeout', message: 'No answer within 30 seconds.' } });
    await click(button('Send'));
    await waitFor(() => pageText().includes('No answer in time'));
    fake.overrides.sendRequest = () => ({ ok: false, error: { kind: 'origin-refused', message: 'Only the environment’s own server can be called.' } });
    await click(button('Send'));
    await waitFor(() => pageText().includes('Refused: not this environment’s server'));
  });

  it('lists history newest first, loads an entry into the editor, re-runs it and clears it', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    await click(button('Send'));
    await type(byLabel('Path'), '/api/v1/items');
    await choose(byLabel<HTMLSelectElement>('Method'), 'DELETE');
    await click(button('Send'));
    await waitFor(() => document.querySelectorAll('.history-list li').length === 2);
    const items = Array.from(document.querySelectorAll('.history-list li')).map((li) => li.textContent ?? '');
    expect(items[0]).toContain('DELETE /api/v1/items · 404');
    expect(items[1]).toContain('GET /api/v1/users/me · 200');
    expect(items[1]).toContain('API key');

    const second = document.querySelectorAll<HTMLElement>('.history-list li')[1];
    await click(button('Load', second));
    expect(byLabel<HTMLSelectElement>('Method').value).toBe('GET');
    expect(byLabel<HTMLInputElement>('Path').value).toBe('/api/v1/users/me');

    await click(button('Re-run', document.querySelectorAll<HTMLElement>('.history-list li')[0]));
    await waitFor(() => fake.count('sendRequest') === 3);
    expect(lastSend(fake)?.request).toMatchObject({ method: 'DELETE', path: '/api/v1/items' });

    await click(button('Clear history'));
    expect(fake.count('clearHistory')).toBe(1);
    expect(pageText()).toContain('No requests yet.');
  });

  it('shows a snippet that reads the credential from an environment variable', async () => {
    const fake = new FakeDeepCurrent();
    const account = fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openTester(fake);
    await click(button('curl'));
    const snippet = byLabel<HTMLTextAreaElement>('Snippet');
    expect(snippet.readOnly).toBe(true);
    expect(snippet.value).toContain('curl');
    expect(snippet.value).toContain('http://127.0.0.1:8787/api/v1/users/me');
    expect(snippet.value).toContain('DEEPCURRENT_API_KEY');
    expect(snippet.value).not.toContain(account.heldKey!);
    await click(button('Python requests'));
    expect(byLabel<HTMLTextAreaElement>('Snippet').value).toContain('import requests');
    expect(queryButton('Copy snippet')).not.toBeNull();
  });

  it('keeps a large body responsive: a page of lines at a time, searchable', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i, title: `item ${i}` }));
    const text = JSON.stringify(rows);
    fake.overrides.sendRequest = () => ({ ok: true, value: fake.response(200, text, { sizeBytes: text.length }) });
    await openTester(fake);
    const started = performance.now();
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));
    expect(performance.now() - started).toBeLessThan(3000);
    const view = byLabel<HTMLElement>('Response body');
    expect(view.textContent!.split('\n').length).toBeLessThanOrEqual(500);
    expect(pageText()).toMatch(/Showing 500 of \d+ rows/);
    await type(byLabel('Search'), 'item 19999');
    await waitFor(() => pageText().includes('1 matching line'));
    expect(byLabel<HTMLElement>('Response body').querySelector('mark')?.textContent).toBe('item 19999');
    await click(button('Raw'));
    await type(byLabel('Search'), '');
    // One long line: cut into rows of 1,000 characters, 500 rows at a time, joined back without a break.
    expect(byLabel<HTMLElement>('Response body').textContent).toBe(text.slice(0, 500_000));
    await click(button('Show more'));
    expect(byLabel<HTMLElement>('Response body').textContent).toBe(text);
  });

  it('marks a cut body', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    fake.overrides.sendRequest = () => ({ ok: true, value: fake.response(200, '{"a": [1, 2', { truncated: true }) });
    await openTester(fake);
    await click(button('Send'));
    await waitFor(() => pageText().includes('Response cut at 10 MB'));
    expect(pageText()).toContain('not complete JSON');
  });
});
