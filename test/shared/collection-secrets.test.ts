/**
 * The save refusal: what a collection may never hold (a literal Authorization, a token-like header, a body or query
 * secret, a credential-looking value anywhere), what it may (variables in their place, ordinary values), and the
 * words of the refusal, which say what to do instead.
 */
import { describe, expect, it } from 'vitest';
import {
  findRequestSecrets,
  findVariableSecrets,
  requestSecretsMessage,
  variableSecretsMessage,
  type CheckedRequest,
} from '../../src-shared/collection-secrets';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const KEY = `dc_${'AbCd1234'.repeat(5)}`;
const HEX = 'a1b2c3d4e5'.repeat(5);
const BASE64 = 'QWxhZGRpbjpvcGVuIHNlc2FtZQ1234abcdEFGH';

const row = (name: string, value: string, enabled = true) => ({ name, value, enabled });
const request = (change: Partial<CheckedRequest>): CheckedRequest => ({ path: '/api/v1/items', query: [], headers: [], body: { kind: 'none' }, ...change });
const where = (change: Partial<CheckedRequest>) => findRequestSecrets(request(change)).map((f) => f.where);

describe('a request is refused when it holds a credential', () => {
  it.each<[string, Partial<CheckedRequest>, string[]]>([
    ['a literal Authorization header', { headers: [row('Authorization', `Bearer ${JWT}`)] }, ['the Authorization header']],
    ['an Authorization header of plain words', { headers: [row('Authorization', 'Basic user passwd')] }, ['the Authorization header']],
    ['a Proxy-Authorization header', { headers: [row('Proxy-Authorization', 'Basic abc')] }, ['the Proxy-Authorization header']],
    ['a token-like header by its name', { headers: [row('X-Auth-Token', 'hunter2')] }, ['the X-Auth-Token header']],
    ['a Cookie header', { headers: [row('Cookie', 'session=abc')] }, ['the Cookie header']],
    ['an API key in an ordinary header', { headers: [row('X-Trace', KEY)] }, ['a credential-looking value in the X-Trace header']],
    ['a JWT in the path', { path: `/api/v1/items/${JWT}` }, ['a credential-looking value in the URL']],
    ['a secret-named query parameter', { query: [row('api_key', 'abc')] }, ['the api_key query parameter']],
    ['a hex run in a query value', { query: [row('ref', HEX)] }, ['a credential-looking value in the ref query parameter']],
    ['a password form field', { body: { kind: 'form', fields: [row('username', 'ada'), row('password', 'hunter2')] } }, ['the password form field']],
    ['a client_secret in a JSON body, nested', { body: { kind: 'json', text: '{"app": {"client_secret": "s3"}}' } }, ['the "client_secret" field of the JSON body']],
    ['a JSON body with {{variables}} outside strings and a literal secret', { body: { kind: 'json', text: '{"id": {{id}}, "password": "x"}' } }, ['the "password" field of the JSON body']],
    ['a base64 run in a text body', { body: { kind: 'text', text: `token is ${BASE64}` } }, ['a credential-looking value in the body']],
    ['a form text body with a secret field', { body: { kind: 'text', text: 'user=a&pass=b', contentType: 'application/x-www-form-urlencoded' } }, ['the pass form field']],
  ])('%s', (_what, change, expected) => {
    expect(where(change)).toEqual(expected);
  });

  it('names every place, once', () => {
    expect(
      where({ headers: [row('Authorization', 'Bearer x'), row('X-API-Key', 'k')], query: [row('token', 't')], body: { kind: 'json', text: `{"a": "${KEY}"}` } }),
    ).toEqual(['the token query parameter', 'the Authorization header', 'the X-API-Key header', 'a credential-looking value in the JSON body']);
  });
});

describe('a request may hold variables in a credential’s place and ordinary values', () => {
  it.each<[string, Partial<CheckedRequest>]>([
    ['Authorization with only a variable after the scheme', { headers: [row('Authorization', 'Bearer {{token}}')] }],
    ['a token-like header with only a variable', { headers: [row('X-API-Key', '{{apiKey}}')] }],
    ['an empty secret-named value', { headers: [row('X-API-Key', '')], query: [row('token', '')] }],
    ['a disabled row', { headers: [row('Authorization', `Bearer ${JWT}`, false)] }],
    ['a password from a variable', { body: { kind: 'form', fields: [row('username', 'ada@example.com'), row('password', '{{password}}')] } }],
    ['a JSON body with secret-named variables', { body: { kind: 'json', text: '{"password": "{{password}}", "title": "Ink"}' } }],
    ['ordinary words, UUIDs and dates', { path: '/api/v1/items/0b0c5e2a-6f1e-4d7c-9a43-2b7d7f1c9e10', query: [row('since', '2026-11-01T00:00:00Z'), row('author', 'Ada')] }],
    ['a variable whose long name would look like a credential', { path: '/api/v1/items/{{NewestItemIdentifierFromTheList2026}}' }],
  ])('%s', (_what, change) => {
    expect(where(change)).toEqual([]);
  });
});

describe('variables', () => {
  it('refuses a secret-named variable with a value and any credential-looking value', () => {
    expect(findVariableSecrets([{ name: 'token', value: 'abc' }, { name: 'id', value: KEY }, { name: 'host', value: 'api.example.com' }]).map((f) => f.where)).toEqual([
      'the variable token',
      'the variable id',
    ]);
  });

  it('lets a secret-named variable stay empty (its value is given in the tester) and refers to others', () => {
    expect(findVariableSecrets([{ name: 'password', value: '' }, { name: 'token', value: '{{other}}' }, { name: 'baseUrl', value: 'http://127.0.0.1:8000' }])).toEqual([]);
  });
});

describe('the refusal’s words', () => {
  it('say what was found and what to do instead', () => {
    expect(requestSecretsMessage([{ where: 'the Authorization header' }, { where: 'the password form field' }])).toBe(
      "Not saved: this request holds a credential (the Authorization header and the password form field). A collection never holds one: when it sends, the app adds the account's own credential (choose it under Auth). Remove the value, or put a {{variable}} in its place and give the variable its value in the tester when you send.",
    );
    expect(variableSecretsMessage([{ where: 'the variable token' }])).toMatch(/^Not saved: the variable token looks like a credential\. Variables are written to a plain file/);
  });
});
