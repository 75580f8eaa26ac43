import { describe, expect, it } from 'vitest';
import { isCredentialHeader, redactComposedRequest, REDACTED } from '../../src-shared/redaction';
import type { ComposedRequest } from '../../src-shared/tester';

const KEY = `dc_${'A1b2C3d4'.repeat(5)}`;
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzEyMyIsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function req(patch: Partial<ComposedRequest>): ComposedRequest {
  return { method: 'POST', path: '/api/v1/items', query: [], headers: [], body: { kind: 'none' }, auth: 'none', ...patch };
}

describe('redaction of composed requests', () => {
  it.each(['Authorization', 'authorization', ' X-API-Key ', 'Cookie', 'Proxy-Authorization', 'Set-Cookie'])(
    'treats %j as a credential header',
    (name) => expect(isCredentialHeader(name)).toBe(true),
  );

  it.each(['Accept', 'X-Trace-Id', 'Content-Type'])('does not treat %j as a credential header', (name) =>
    expect(isCredentialHeader(name)).toBe(false),
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
