import { describe, expect, it } from 'vitest';
import { isSecretName, redactComposedRequest, REDACTED } from '../../src-shared/redaction';
import type { ComposedRequest } from '../../src-shared/tester';

const KEY = `dc_${'A1b2C3d4'.repeat(5)}`;
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzEyMyIsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function req(patch: Partial<ComposedRequest>): ComposedRequest {
  return { method: 'POST', path: '/api/v1/items', query: [], headers: [], body: { kind: 'none' }, auth: 'none', ...patch };
}

describe('redaction of composed requests', () => {
  it.each(['Authorization', 'authorization', ' X-API-Key ', 'Cookie', 'Proxy-Authorization', 'Set-Cookie'])(
    'treats the header %j as a credential header',
    (name) => expect(isSecretName(name)).toBe(true),
  );

  it.each(['Accept', 'X-Trace-Id', 'Content-Type'])('does not treat %j as a credential header', (name) =>
    expect(isSecretName(name)).toBe(false),
  );

  it('replaces credential header values, whatever they hold, and keeps the others', () => {
    const out = redactComposedRequest(
      req({
        headers: [
          { name: 'Authorization', value: 'Basic dXNlcjpwYXNz', enabled: true },
          { name: 'X-API-Key', value: 'short', enabled: false },
          { name: 'Cookie', value: 'session=abc', enabled: true },
          { name: 'Accept', value: 'application/json', enabled: true },
        ],
      }),
    );
    expect(out.headers).toEqual([
      { name: 'Authorization', value: REDACTED, enabled: true },
      { name: 'X-API-Key', value: REDACTED, enabled: false },
      { name: 'Cookie', value: REDACTED, enabled: true },
      { name: 'Accept', value: 'application/json', enabled: true },
    ]);
  });

  it('removes API keys and JWTs from the path, query, headers, form fields and body text', () => {
    const requests: ComposedRequest[] = [
      req({ path: `/api/v1/items/${KEY}?t=${JWT}#${KEY}` }),
      req({ query: [{ name: 'q', value: `x ${KEY} y`, enabled: true }, { name: JWT, value: '1', enabled: true }] }),
      req({ headers: [{ name: 'X-Note', value: `Bearer ${JWT}`, enabled: true }] }),
      req({ body: { kind: 'form', fields: [{ name: 'note', value: KEY, enabled: true }] } }),
      req({ body: { kind: 'json', text: `{"note": "${KEY}", "nested": {"t": "${JWT}"}}` } }),
      req({ body: { kind: 'text', text: `line\n${JWT}\n`, contentType: 'text/plain' } }),
      req({ path: `/api/v1/items?k=${encodeURIComponent(KEY).replace('_', '%5F')}` }),
    ];
    for (const r of requests) {
      const text = JSON.stringify(redactComposedRequest(r));
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(KEY.slice(3));
      expect(text).not.toContain(JWT);
      expect(text).not.toContain(JWT.split('.')[1]);
    }
  });

  it('redacts secret-named fields: form password, query api_key, JSON "password", form-encoded raw text', () => {
    const out = redactComposedRequest(
      req({
        path: '/api/v1/login/access-token?client_secret=s3cret&x=1',
        query: [{ name: 'api_key', value: 'plain-secret', enabled: true }],
        body: {
          kind: 'form',
          fields: [
            { name: 'username', value: 'ada@deepcurrent.test', enabled: true },
            { name: 'password', value: 'deepcurrent-demo', enabled: true },
          ],
        },
      }),
    );
    expect(out.path).toBe(`/api/v1/login/access-token?client_secret=${REDACTED}&x=1`);
    expect(out.query[0]!.value).toBe(REDACTED);
    expect(out.body).toEqual({
      kind: 'form',
      fields: [
        { name: 'username', value: 'ada@deepcurrent.test', enabled: true },
        { name: 'password', value: REDACTED, enabled: true },
      ],
    });
    const json = redactComposedRequest(req({ body: { kind: 'json', text: '{\n  "user": "a",\n  "password" : "p\\"w"\n}' } }));
    expect(json.body).toEqual({ kind: 'json', text: `{\n  "user": "a",\n  "password" : "${REDACTED}"\n}` });
    const raw = redactComposedRequest(
      req({ body: { kind: 'text', text: 'username=a&password=pw', contentType: 'application/x-www-form-urlencoded' } }),
    );
    expect(raw.body).toEqual({ kind: 'text', text: `username=a&password=${REDACTED}`, contentType: 'application/x-www-form-urlencoded' });
  });

  it('reads a raw body as JSON or form data when a typed Content-Type header says so, not only its own type', () => {
    const typed = (value: string, enabled = true) => [{ name: 'content-type', value, enabled }];
    const json = '{"password":"pw","user":"a"}';
    for (const headers of [typed('application/json'), typed('Application/JSON; charset=utf-8'), typed('application/json', false)]) {
      expect(redactComposedRequest(req({ headers, body: { kind: 'text', text: json } })).body).toEqual({
        kind: 'text',
        text: `{"password":"${REDACTED}","user":"a"}`,
      });
    }
    const form = redactComposedRequest(
      req({ headers: typed('application/x-www-form-urlencoded'), body: { kind: 'text', text: 'password=pw', contentType: 'text/plain' } }),
    );
    expect(form.body).toEqual({ kind: 'text', text: `password=${REDACTED}`, contentType: 'text/plain' });
  });

  it('keeps everything else as typed, so the entry can be loaded back into the editor', () => {
    const original = req({
      method: 'PATCH',
      path: '/api/v1/items/it_1?x=1',
      query: [{ name: 'limit', value: '5', enabled: false }],
      headers: [{ name: 'Accept', value: '*/*', enabled: true }],
      body: { kind: 'json', text: '{\n  "title": "ü \\"quoted\\""\n}' },
      auth: 'token',
    });
    expect(redactComposedRequest(original)).toEqual(original);
  });

  it('does not change the request it is given', () => {
    const original = req({ headers: [{ name: 'Authorization', value: 'Bearer x', enabled: true }] });
    redactComposedRequest(original);
    expect(original.headers[0]!.value).toBe('Bearer x');
  });
});

describe('redaction by pattern, not by an exact list', () => {
  const SECRET = 'Tr0ub4dor&3-horse';
  const body = (o: unknown) => ({ kind: 'json' as const, text: JSON.stringify(o) });
  const textOf = (r: ComposedRequest) => JSON.stringify(redactComposedRequest(r));

  it.each([
    ['a current_password JSON field', req({ body: body({ current_password: SECRET }) })],
    ['a new_password JSON field', req({ body: body({ new_password: SECRET }) })],
    ['a passphrase JSON field', req({ body: body({ passphrase: SECRET }) })],
    ['an X-Auth-Token header', req({ headers: [{ name: 'X-Auth-Token', value: SECRET, enabled: true }] })],
    ['an apiKey query row', req({ query: [{ name: 'apiKey', value: SECRET, enabled: true }] })],
    ['a client-secret form field', req({ body: { kind: 'form', fields: [{ name: 'client-secret', value: SECRET, enabled: true }] } })],
    ['a client_secret in the typed query string', req({ path: `/api/v1/items?client_secret=${encodeURIComponent(SECRET)}` })],
    ['a percent-encoded secret name in the typed query string', req({ path: `/api/v1/items?pass%77ord=${encodeURIComponent(SECRET)}` })],
    ['a JSON key written with an escape', req({ body: { kind: 'json', text: `{"pass\\u0077ord":"${SECRET}"}` } })],
    ['a JSON key whose escape splits the stem', req({ body: { kind: 'json', text: `{"p\\u0061ssword":"${SECRET}","\\u0074oken":"${SECRET}"}` } })],
    ['a secret-named key deep in arrays and objects', req({ body: body({ a: [{ b: { sessionToken: SECRET } }] }) })],
    ['a number under a secret name', req({ body: { kind: 'json', text: '{"pin_code":1,"passcode":739164}' } })],
  ])('masks %s', (_what, r) => {
    const text = textOf(r);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encodeURIComponent(SECRET));
    expect(text).not.toContain('739164');
    expect(text).toContain(REDACTED);
  });

  it('masks everything under a secret-named object, and keeps the rest of the JSON as typed', () => {
    const out = redactComposedRequest(
      req({ body: { kind: 'json', text: '{\n  "user": "ada",\n  "credentials": {"user": "ada", "pin": 1234, "ok": true},\n  "n": 5\n}' } }),
    );
    expect(out.body).toEqual({
      kind: 'json',
      text: `{\n  "user": "ada",\n  "credentials": {"user": "${REDACTED}", "pin": "${REDACTED}", "ok": true},\n  "n": 5\n}`,
    });
  });

  it('masks a credential-looking JSON value or key whatever its name, also when written with escapes', () => {
    const encodedKey = Buffer.from(KEY).toString('base64');
    const escapedKey = KEY.replace('d', '\\u0064');
    const out = textOf(req({ body: { kind: 'json', text: `{"note":"${encodedKey}","other":"${escapedKey}","${JWT}":1}` } }));
    expect(out).not.toContain(encodedKey);
    expect(out).not.toContain(KEY.slice(3));
    expect(out).not.toContain(JWT.split('.')[1]);
    expect(JSON.parse((redactComposedRequest(req({ body: { kind: 'json', text: `{"note":"${encodedKey}"}` } })).body as { text: string }).text)).toEqual({
      note: REDACTED,
    });
  });

  it('still masks secret-named members of a JSON text that does not parse', () => {
    const out = redactComposedRequest(
      req({ headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }], body: { kind: 'text', text: `{"new_password": "${SECRET}", ` } }),
    );
    expect(JSON.stringify(out)).not.toContain(SECRET);
  });

  it('masks a JWT in a query value and a long hex token in a header of any name', () => {
    const hex = 'deadbeef01'.repeat(5);
    const out = textOf(req({ query: [{ name: 'q', value: JWT, enabled: true }], headers: [{ name: 'X-Trace', value: hex, enabled: true }] }));
    expect(out).not.toContain(JWT.split('.')[1]);
    expect(out).not.toContain(hex);
  });
});
