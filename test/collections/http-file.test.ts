/**
 * The `.http` reader and writer against a corpus of examples from both tools' documentation (JetBrains' HTTP Client
 * and VS Code's REST Client, in `fixtures/`, origin marked in each file), round trips included: a file read and
 * written reads back the same; a request saved and read back is the request; replacing one request in a file
 * changes that block's lines only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCollectionFile } from '../../src-main/collections/collection-reader';
import { removeRequestText, saveRequestText } from '../../src-main/collections/collection-edits';
import type { HttpFile } from '../../src-main/collections/http-file-model';
import { readHttpFile } from '../../src-main/collections/http-file-reader';
import { writeHttpFile } from '../../src-main/collections/http-file-writer';
import type { CollectionRequest } from '../../src-shared/collections';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const JETBRAINS = fixture('jetbrains-http-client.http');
const REST_CLIENT = fixture('vscode-rest-client.http');

/** The blocks without their line numbers (what a round trip must keep). */
const content = (file: HttpFile) => file.blocks.map(({ lines: _lines, ...rest }) => rest);

/** The request of the block whose name (or separator text) is `name`. */
function requestNamed(text: string, name: string) {
  const block = readHttpFile(text).blocks.find((b) => b.request?.name === name);
  if (!block) throw new Error(`no request named ${name}`);
  return block;
}

describe('the JetBrains HTTP Client corpus', () => {
  const file = readHttpFile(JETBRAINS);

  it('reads one block per ### and the leading comments as a block of their own', () => {
    expect(file.blocks).toHaveLength(23);
    expect(file.blocks[0]!.request).toBeNull();
    expect(file.blocks[0]!.comments[0]).toMatch(/^# Origin: examples from JetBrains/);
    expect(file.blocks.slice(1).every((b) => b.request !== null)).toBe(true);
  });

  it.each([
    ['Send a GET request', 'GET', 'https://examples.http-client.intellij.net/get?show_env=1', [['Accept', 'application/json']], null],
    ['Send a POST request with json body', 'POST', 'https://examples.http-client.intellij.net/post', [['Content-Type', 'application/json']], '{\n  "id": 999,\n  "value": "content"\n}'],
    ['Send a POST request with body as parameters', 'POST', 'https://examples.http-client.intellij.net/post', [['Content-Type', 'application/x-www-form-urlencoded']], 'id=999&value=content'],
    ['Multi-line URL', 'GET', 'http://localhost:80/api/get?id=123&value=content', [], null],
    ['Short form with a Host header', 'GET', '/api/get', [['Host', 'localhost:80']], null],
    ['Variables from the environment file', 'GET', 'http://{{host}}/api/json/get?id={{id}}', [['Accept', 'application/json']], null],
    ['GetIp', 'GET', 'https://examples.http-client.intellij.net/ip', [], null],
    ['WebSocket', 'WEBSOCKET', 'ws://localhost:8080/websocket', [], null],
    ['GraphQL', 'GRAPHQL', 'http://localhost:8080/graphql', [], 'query { hello }'],
  ])('reads “%s” as %s %s', (name, method, url, headers, body) => {
    const { request } = requestNamed(JETBRAINS, name);
    expect(request).toMatchObject({ method, url, body, headers: headers.map(([n, v]) => ({ name: n, value: v })) });
  });

  it('keeps a multipart body as written, its file reference included', () => {
    const { request } = requestNamed(JETBRAINS, 'Send a form with the text and file fields');
    expect(request!.body).toContain('--WebAppBoundary\nContent-Disposition: form-data; name="element-name"');
    expect(request!.body!.endsWith('< ./request-form-data.json\n--WebAppBoundary--')).toBe(true);
  });

  it('separates response handlers and output redirects from the body', () => {
    const token = requestNamed(JETBRAINS, 'Authorization by token, part 1. Retrieve and save token.');
    expect(token.request!.body).toBe('{\n  "token": "my-secret-token"\n}');
    expect(token.responseHandler).toEqual(['> {% client.global.set("auth_token", response.body.json.token); %}']);
    expect(requestNamed(JETBRAINS, 'Redirect the response to a file').responseHandler).toEqual(['>> ./myFile.json']);
    expect(requestNamed(JETBRAINS, 'Compare with the previous response').responseHandler).toEqual(['<> 2023-01-25T101112.200.json']);
    expect(requestNamed(JETBRAINS, 'Response handler in a file').responseHandler).toEqual(['> scripts/my-script.js']);
  });

  it('reads tags, in-place variables and a pre-request script before the request line', () => {
    expect(requestNamed(JETBRAINS, 'Disable redirects').request!.tags).toEqual([{ name: 'no-redirect', value: '' }]);
    expect(requestNamed(JETBRAINS, 'Timeout').request!.tags).toEqual([{ name: 'timeout', value: '600' }]);
    expect(requestNamed(JETBRAINS, 'In-place variable').variables).toEqual([{ name: 'myhost', value: 'example.org' }]);
    const script = requestNamed(JETBRAINS, 'Pre-request script');
    expect(script.preScript).toEqual(['< {%', '    request.variables.set("firstname", "John")', '%}']);
    expect(script.request!.url).toBe('https://examples.http-client.intellij.net/get?name={{firstname}}');
  });

  it('lists what the tester cannot send as problems, and says what it leaves aside in notes', () => {
    const listed = parseCollectionFile('jetbrains.http', JETBRAINS);
    expect(listed.problems).toEqual([
      'WebSocket: WEBSOCKET requests are not something the tester sends.',
      'GraphQL: GRAPHQL requests are not something the tester sends.',
    ]);
    const byName = (name: string) => listed.requests.find((r) => r.request.name === name)!;
    expect(byName('Using a request body from a file').notes).toEqual([
      'Its body is read from a file (< ./input.json), which the app does not do: it has no body here.',
    ]);
    expect(byName('Pre-request script').notes).toEqual(['Its pre-request script stays in the file; the app does not run it.']);
    expect(byName('Send a POST request with body as parameters').request.body).toEqual({
      kind: 'form',
      fields: [
        { name: 'id', value: '999', enabled: true },
        { name: 'value', value: 'content', enabled: true },
      ],
    });
  });

  it('round trips: written and read again, every block is the same', () => {
    expect(content(readHttpFile(writeHttpFile(file)))).toEqual(content(file));
  });
});

describe('the VS Code REST Client corpus', () => {
  const file = readHttpFile(REST_CLIENT);
  const requests = file.blocks.filter((b) => b.request !== null);

  it('reads the file variables before the first ### and a request variable block', () => {
    expect(file.blocks[0]!.variables.map((v) => `${v.name}=${v.value}`)).toEqual([
      'hostname=api.example.com',
      'port=8080',
      'host={{hostname}}:{{port}}',
      'contentType=application/json',
      'createdAt={{$datetime iso8601}}',
      'modifiedBy={{$processEnv USERNAME}}',
    ]);
    expect(file.blocks[1]!.variables).toEqual([{ name: 'name', value: 'hello' }]);
    expect(file.blocks[1]!.request).toMatchObject({ method: 'GET', url: 'https://{{host}}/authors/{{name}}', httpVersion: 'HTTP/1.1' });
  });

  it('reads a bare URL as GET, and a query continued on indented lines', () => {
    expect(requests[2]!.request).toMatchObject({ method: null, url: 'https://example.com/comments/1', httpVersion: null });
    expect(requests[4]!.request).toMatchObject({ method: 'GET', url: 'https://example.com/comments?page=2&pageSize=10' });
  });

  it('reads a form body written over several & lines as form fields', () => {
    const listed = parseCollectionFile('rest.http', REST_CLIENT);
    const login = listed.requests.find((r) => r.request.path === 'https://api.example.com/login')!;
    expect(login.request.body).toEqual({
      kind: 'form',
      fields: [
        { name: 'name', value: 'foo', enabled: true },
        { name: 'password', value: 'bar', enabled: true },
      ],
    });
  });

  it('reads # @name, # @prompt and # @note, and comments of both kinds', () => {
    const named = requests.filter((b) => b.request!.name !== null).map((b) => b.request!.name);
    expect(named).toEqual(['login', 'createComment']);
    expect(requests.find((b) => b.request!.tags.some((t) => t.name === 'prompt'))!.request!.tags.map((t) => t.value)).toEqual([
      'username',
      'refCode Your reference code display on webpage',
      'otp Your one-time password in your mailbox',
    ]);
    expect(requests.find((b) => b.request!.method === 'DELETE')!.request!.tags).toEqual([{ name: 'note', value: 'Are you sure you want to delete it?' }]);
    expect(requests[requests.length - 1]!.comments).toEqual(['// A comment with two slashes', '# A comment with a hash']);
  });

  it('keeps a GraphQL body with its blank line, and a {{baseUrl}} request as a path', () => {
    const listed = parseCollectionFile('rest.http', REST_CLIENT);
    const graphql = listed.requests.find((r) => r.request.path === 'https://api.example.com/graphql')!;
    expect(graphql.request.body.kind).toBe('json');
    expect((graphql.request.body as { text: string }).text).toContain('}\n\n{\n    "name": "vscode-restclient"');
    const login = listed.requests.find((r) => r.request.name === 'login')!;
    expect(login.request.path).toBe('/api/login');
  });

  it('says which block it could not read as a request (REST Client’s curl form)', () => {
    const listed = parseCollectionFile('rest.http', REST_CLIENT);
    expect(listed.problems).toHaveLength(1);
    expect(listed.problems[0]).toMatch(/^A block the app does not read as a request: "curl -X POST https:\/\/example\.com\/comments/);
  });

  it('round trips: written and read again, every block is the same', () => {
    expect(content(readHttpFile(writeHttpFile(file)))).toEqual(content(file));
  });
});

const base: CollectionRequest = { name: 'x', method: 'GET', path: '/api/v1/items', query: [], headers: [], body: { kind: 'none' }, auth: null };

describe('a request saved and read back', () => {
  it.each<[string, Partial<CollectionRequest>]>([
    ['a plain GET', {}],
    ['a query with spaces, + and %', { query: [{ name: 'q', value: 'a b+c%d', enabled: true }, { name: 'limit', value: '10', enabled: true }] }],
    ['a JSON body', { method: 'POST', body: { kind: 'json', text: '{\n  "title": "Buy ink",\n  "n": [1, 2]\n}' } }],
    ['form fields', { method: 'POST', path: '/api/v1/login/access-token', body: { kind: 'form', fields: [{ name: 'username', value: 'ada@example.com', enabled: true }, { name: 'scope', value: 'a b', enabled: true }] }, auth: 'none' }],
    ['a text body with its type', { method: 'PUT', body: { kind: 'text', text: '<item>ink</item>', contentType: 'application/xml' } }],
    ['a text body without a type', { method: 'PUT', body: { kind: 'text', text: 'plain words' } }],
    ['headers and a variable', { headers: [{ name: 'Accept', value: 'application/json', enabled: true }, { name: 'X-Trace', value: '{{trace}}', enabled: true }] }],
    ['a path variable', { path: '/api/v1/items/{{id}}', auth: 'api-key' }],
    ['the session token chosen', { auth: 'token' }],
    ['a URL of another server, kept as written', { path: 'https://other.example/x' }],
  ])('%s', (_what, change) => {
    const request = { ...base, ...change, name: 'Saved request' };
    const saved = saveRequestText('', request, { replace: false, file: 'a.http' });
    expect(saved.ok).toBe(true);
    const text = saved.ok ? saved.value.text : '';
    const listed = parseCollectionFile('a.http', text);
    expect(listed.problems).toEqual([]);
    expect(listed.requests.map((r) => r.request)).toEqual([request]);
    // And the app's own text is stable: read and written again, byte for byte.
    expect(writeHttpFile(readHttpFile(text))).toBe(text);
  });

  it('writes {id} placeholders as {{id}} and the path after {{baseUrl}}', () => {
    const saved = saveRequestText('', { ...base, name: 'One item', path: '/api/v1/items/{id}' }, { replace: false, file: 'a.http' });
    expect(saved.ok && saved.value.text).toBe('### One item\n# @name One item\nGET {{baseUrl}}/api/v1/items/{{id}}\n');
  });

  it('leaves disabled rows out', () => {
    const request = { ...base, name: 'r', headers: [{ name: 'X-Off', value: '1', enabled: false }], query: [{ name: 'off', value: '1', enabled: false }] };
    const saved = saveRequestText('', request, { replace: false, file: 'a.http' });
    expect(saved.ok && saved.value.text).not.toContain('off');
  });
});

describe('editing a file one request at a time', () => {
  it('replaces a request of the corpus by name and leaves every other line as it was', () => {
    const name = 'Authorization by token, part 2. Use token to authorize.';
    const saved = saveRequestText(JETBRAINS, { ...base, name, headers: [{ name: 'Accept', value: 'text/plain', enabled: true }] }, { replace: true, file: 'jb.http' });
    expect(saved.ok).toBe(true);
    const text = saved.ok ? saved.value.text : '';
    const before = JETBRAINS.split('\n');
    const after = text.split('\n');
    const start = before.indexOf(`### ${name}`);
    const end = before.indexOf('### Using a request body from a file');
    expect(after.slice(0, start)).toEqual(before.slice(0, start));
    expect(after.slice(after.indexOf('### Using a request body from a file'))).toEqual(before.slice(end));
    expect(after.slice(start, after.indexOf('### Using a request body from a file'))).toEqual([
      `### ${name}`,
      `# @name ${name}`,
      'GET {{baseUrl}}/api/v1/items',
      'Accept: text/plain',
      '',
    ]);
  });

  it('keeps the replaced request’s response handler and tags, and takes the new Auth choice', () => {
    const withHandler = saveRequestText(JETBRAINS, { ...base, name: 'Authorization by token, part 1. Retrieve and save token.', auth: 'none' }, { replace: true, file: 'jb.http' });
    const block = requestNamed(withHandler.ok ? withHandler.value.text : '', 'Authorization by token, part 1. Retrieve and save token.');
    expect(block.responseHandler).toEqual(['> {% client.global.set("auth_token", response.body.json.token); %}']);
    expect(block.request!.tags).toEqual([{ name: 'deepcurrent-auth', value: 'none' }]);
    const withTag = saveRequestText(JETBRAINS, { ...base, name: 'Disable redirects' }, { replace: true, file: 'jb.http' });
    expect(requestNamed(withTag.ok ? withTag.value.text : '', 'Disable redirects').request!.tags).toEqual([{ name: 'no-redirect', value: '' }]);
  });

  it('asks before replacing a request of the same name', () => {
    const first = saveRequestText('', { ...base, name: 'Items' }, { replace: false, file: 'a.http' });
    const again = saveRequestText(first.ok ? first.value.text : '', { ...base, name: 'Items', method: 'POST' }, { replace: false, file: 'a.http' });
    expect(again).toEqual({ ok: false, error: { kind: 'conflict', message: 'a.http already has a request named “Items”. Replace it, or choose another name.' } });
  });

  it('appends after one blank line, keeps CRLF line endings, and removes a request with its block', () => {
    const crlf = '### One\r\nGET {{baseUrl}}/one\r\n\r\n\r\n';
    const saved = saveRequestText(crlf, { ...base, name: 'Two' }, { replace: false, file: 'a.http' });
    const text = saved.ok ? saved.value.text : '';
    expect(text).toBe('### One\r\nGET {{baseUrl}}/one\r\n\r\n### Two\r\n# @name Two\r\nGET {{baseUrl}}/api/v1/items\r\n');
    const removed = removeRequestText(text, 'One', 'a.http');
    expect(removed).toEqual({ ok: true, value: '### Two\r\n# @name Two\r\nGET {{baseUrl}}/api/v1/items\r\n' });
  });

  it('refuses a body line the format would read as the next request', () => {
    const saved = saveRequestText('', { ...base, name: 'x', method: 'POST', body: { kind: 'text', text: 'a\n### b' } }, { replace: false, file: 'a.http' });
    expect(saved.ok ? '' : saved.error.message).toMatch(/^Not saved: a line of the body starts with ###/);
  });
});
