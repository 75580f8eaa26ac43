/**
 * A pasted curl command, mapped to a tester request for the active environment: a table of commands as people copy
 * them (from docs, browsers' "Copy as cURL", READMEs) and what each fills, leaves out, refuses or ignores.
 */
import { describe, expect, it } from 'vitest';
import { curlToRequest } from '../../src-main/tester/curl-request';
import type { CurlImport } from '../../src-shared/curl';
import { looksLikeCurl } from '../../src-shared/curl';

const BASE = 'http://127.0.0.1:8000';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const KEY = `dc_${'AbCd1234'.repeat(5)}`;

function read(command: string, base = BASE): CurlImport {
  const result = curlToRequest(command, base);
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.value;
}

const row = (name: string, value: string) => ({ name, value, enabled: true });

describe('curl options mapped to the request', () => {
  it.each<[string, string, Partial<CurlImport['request']>]>([
    ['a bare URL', `curl ${BASE}/api/v1/users/me`, { method: 'GET', path: '/api/v1/users/me', query: [], headers: [], body: { kind: 'none' } }],
    ['-X and a quoted URL with a query', `curl -X DELETE '${BASE}/api/v1/items/it_1?force=true&note=a%20b'`, { method: 'DELETE', path: '/api/v1/items/it_1', query: [row('force', 'true'), row('note', 'a b')] }],
    ['--request, --url and --header', `curl --request PUT --url ${BASE}/api/v1/items/x --header 'Accept: application/json'`, { method: 'PUT', path: '/api/v1/items/x', headers: [row('Accept', 'application/json')] }],
    ['bundled short options (-sSLX)', `curl -sSLXPATCH ${BASE}/api/v1/items/x`, { method: 'PATCH' }],
    ['-d with JSON and a Content-Type', `curl ${BASE}/api/v1/items -H 'Content-Type: application/json' -d '{"title":"Ink"}'`, { method: 'POST', headers: [], body: { kind: 'json', text: '{"title":"Ink"}' } }],
    ['--json', `curl --json '{"title":"Ink"}' ${BASE}/api/v1/items`, { method: 'POST', headers: [row('Accept', 'application/json')], body: { kind: 'json', text: '{"title":"Ink"}' } }],
    ['-d form fields, twice', `curl -d title=Ink -d 'description=blue+black' ${BASE}/api/v1/items`, { method: 'POST', body: { kind: 'form', fields: [row('title', 'Ink'), row('description', 'blue black')] } }],
    ['--data-urlencode', `curl --data-urlencode 'q=a b&c' ${BASE}/api/v1/items`, { body: { kind: 'form', fields: [row('q', 'a b&c')] } }],
    ['--data-raw and --data-binary as text with their type', `curl -H 'Content-Type: text/plain' --data-raw 'hello' --data-binary 'world' ${BASE}/x`, { body: { kind: 'text', text: 'hello&world', contentType: 'text/plain' } }],
    ['-G puts the data in the query', `curl -G -d limit=10 -d skip=20 ${BASE}/api/v1/items`, { method: 'GET', query: [row('limit', '10'), row('skip', '20')], body: { kind: 'none' } }],
    ['-I is HEAD', `curl -I ${BASE}/api/v1/utils/health-check/`, { method: 'HEAD', path: '/api/v1/utils/health-check/' }],
    ['-A and -e become headers', `curl -A 'my-agent/1.0' -e 'https://docs.example/;auto' ${BASE}/x`, { headers: [row('User-Agent', 'my-agent/1.0'), row('Referer', 'https://docs.example/')] }],
    ['line continuations and $VARIABLES kept as written', `curl \\\n  -H "X-Trace: $TRACE_ID" \\\n  ${BASE}/x`, { headers: [row('X-Trace', '$TRACE_ID')] }],
    ['a URL without a scheme, as curl reads it', 'curl 127.0.0.1:8000/api/v1/items', { path: '/api/v1/items' }],
    ['a path only', 'curl /api/v1/items?limit=5', { path: '/api/v1/items', query: [row('limit', '5')] }],
    ['an unquoted & inside the URL', `curl ${BASE}/api/v1/items?limit=5&skip=10`, { query: [row('limit', '5'), row('skip', '10')] }],
    ['an unclosed quote, read to the end as a shell would not (people copy half a line)', `curl '${BASE}/api/v1/items`, { path: '/api/v1/items' }],
    ['a base path of the environment', 'curl https://host.example/prefix/api/v1/items', { path: '/api/v1/items' }],
  ])('%s', (_what, command, expected) => {
    const base = command.includes('host.example') ? 'https://host.example/prefix' : BASE;
    expect(read(command, base).request).toMatchObject(expected);
  });
});

describe('credentials in the command are recognised and left out', () => {
  it.each<[string, string, RegExp]>([
    ['an Authorization header with a JWT', `curl -H 'Authorization: Bearer ${JWT}' ${BASE}/api/v1/users/me`, /the Authorization header/],
    ['an Authorization header with a variable', `curl -H "Authorization: Bearer $TOKEN" ${BASE}/api/v1/users/me`, /the Authorization header/],
    ['-u user:password', `curl -u ada:secret ${BASE}/api/v1/users/me`, /its own user name and password or token/],
    ['--oauth2-bearer', `curl --oauth2-bearer ${JWT} ${BASE}/api/v1/users/me`, /its own user name and password or token/],
    ['-b cookies', `curl -b 'session=abc123' ${BASE}/api/v1/users/me`, /its cookies \(-b\)/],
    ['a Cookie header', `curl -H 'Cookie: session=abc' ${BASE}/x`, /the Cookie header/],
    ['a secret-named header', `curl -H 'X-API-Key: ${KEY}' ${BASE}/x`, /the X-API-Key header/],
    ['a credential-looking query value', `curl '${BASE}/x?api_key=${KEY}&limit=1'`, /the api_key query parameter/],
    ['a user and password in the URL', `curl http://ada:pw@127.0.0.1:8000/x`, /the user name and password in its URL/],
  ])('%s', (_what, command, leftOut) => {
    const imported = read(command);
    expect(imported.credentialLeftOut).toBe(true);
    expect(imported.notes[0]).toMatch(/^Left out: /);
    expect(imported.notes[0]).toMatch(leftOut);
    expect(imported.notes[0]).toContain("A credential never enters the tester: it sends the account's own.");
    const text = JSON.stringify(imported.request);
    for (const secret of [JWT, KEY, 'secret', 'abc123', 'Authorization', 'Cookie', '$TOKEN', 'pw']) expect(text).not.toContain(secret);
  });

  it('keeps the rest of the request', () => {
    const imported = read(`curl -H 'Authorization: Bearer ${JWT}' -H 'Accept: application/json' '${BASE}/x?api_key=${KEY}&limit=1'`);
    expect(imported.request.headers).toEqual([row('Accept', 'application/json')]);
    expect(imported.request.query).toEqual([row('limit', '1')]);
  });

  it('says nothing was left out when nothing was', () => {
    expect(read(`curl ${BASE}/x`)).toMatchObject({ credentialLeftOut: false, notes: [] });
  });
});

describe('what is refused, with a message that says why', () => {
  it.each<[string, string, string, RegExp]>([
    ['another origin (the pin rule)', 'curl https://evil.example/api/v1/users/me', 'origin-refused', /^This command goes to https:\/\/evil\.example, not to the active environment \(http:\/\/127\.0\.0\.1:8000\)\. The tester only sends to the active environment/],
    ['the same host on another port', 'curl http://127.0.0.1:9999/x', 'origin-refused', /goes to http:\/\/127\.0\.0\.1:9999/],
    ['outside the base path', 'curl https://host.example/other/x', 'origin-refused', /goes to https:\/\/host\.example\/other\/x/],
    ['-F multipart', `curl -F 'file=@a.png' ${BASE}/x`, 'invalid-input', /multipart form \(-F\), which the tester cannot send/],
    ['a body from a file', `curl -d @body.json ${BASE}/x`, 'invalid-input', /reads its body from a file/],
    ['headers from a file', `curl -H @headers.txt ${BASE}/x`, 'invalid-input', /reads its headers from a file/],
    ['a method the tester does not send', `curl -X PROPFIND ${BASE}/x`, 'invalid-input', /this command uses PROPFIND/],
    ['no URL', 'curl -s -H "Accept: */*"', 'invalid-input', /has no URL/],
    ['not curl', 'wget https://x.example', 'invalid-input', /^This is not a curl command/],
  ])('%s', (_what, command, kind, message) => {
    const base = command.includes('host.example') ? 'https://host.example/prefix' : BASE;
    const result = curlToRequest(command, base);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe(kind);
    expect(result.error.message).toMatch(message);
  });
});

describe('what is ignored, with a note', () => {
  it('-L, -k, -s, -i and --compressed, in one note', () => {
    const { notes } = read(`curl -L -k -s -i --compressed ${BASE}/x`);
    expect(notes).toEqual([
      'Ignored: -L (the app never follows redirects: you see each answer); -k (the app always checks certificates); -s, -i, --compressed (they change only what curl prints or how it connects).',
    ]);
  });

  it('what follows a pipe, and a JSON body without a Content-Type', () => {
    const { notes, request } = read(`curl -d '{"a":1}' ${BASE}/x | jq .`);
    expect(request.body).toEqual({ kind: 'json', text: '{"a":1}' });
    expect(notes).toEqual([
      'curl would send this JSON body as form data (the command gives no Content-Type); the tester sends it as JSON.',
      'Only the curl command was read; what followed it (| …) was not.',
    ]);
  });
});

describe('telling a curl command from a path', () => {
  it.each([
    ['curl https://x', true],
    ['  curl -X POST /a', true],
    ['$ curl /a', true],
    ['curl.exe /a', true],
    ['/api/v1/curl', false],
    ['curl', false],
    ['curls /a', false],
  ])('%s → %s', (text, expected) => {
    expect(looksLikeCurl(text)).toBe(expected);
  });
});
