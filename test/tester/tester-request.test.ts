import { describe, expect, it } from 'vitest';
import { prepareRequest, type PreparedRequest } from '../../src-main/tester/tester-request';
import type { ComposedRequest, KeyValue } from '../../src-shared/tester';
import { composeUrl, isOnEnvironment } from '../../src-shared/tester-wire';

const BASE = 'http://127.0.0.1:8787';

function req(patch: Partial<ComposedRequest> = {}): ComposedRequest {
  return { method: 'GET', path: '/api/v1/users/me', query: [], headers: [], body: { kind: 'none' }, auth: 'api-key', ...patch };
}

const row = (name: string, value: string, enabled = true): KeyValue => ({ name, value, enabled });

function prepared(base: string, request: ComposedRequest): PreparedRequest {
  const result = prepareRequest(base, request);
  if (!result.ok) throw new Error(`refused: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function header(p: PreparedRequest, name: string): string | undefined {
  return p.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

describe('request building: URL', () => {
  it('appends the path to the environment base URL, with or without a leading slash', () => {
    expect(prepared(BASE, req({ path: '/api/v1/users/me' })).url).toBe(`${BASE}/api/v1/users/me`);
    expect(prepared(BASE, req({ path: 'api/v1/users/me' })).url).toBe(`${BASE}/api/v1/users/me`);
    expect(prepared(`${BASE}/`, req({ path: '/api/v1/users/me' })).url).toBe(`${BASE}/api/v1/users/me`);
  });

  it('keeps a base path: /items under https://api.example.com/v2 goes to /v2/items', () => {
    expect(prepared('https://api.example.com/v2', req({ path: '/items' })).url).toBe('https://api.example.com/v2/items');
  });

  it('encodes enabled query rows and skips disabled and unnamed ones', () => {
    const p = prepared(
      BASE,
      req({
        path: '/api/v1/items',
        query: [row('skip', '0'), row('a b', 'c&d=e#f ü'), row('off', '1', false), row('', 'orphan'), row('limit', '5')],
      }),
    );
    expect(p.url).toBe(`${BASE}/api/v1/items?skip=0&a%20b=c%26d%3De%23f%20%C3%BC&limit=5`);
    expect(new URL(p.url).searchParams.get('a b')).toBe('c&d=e#f ü');
  });

  it('adds the query rows after a query typed in the path, and drops a fragment', () => {
    expect(prepared(BASE, req({ path: '/api/v1/items?skip=1#top', query: [row('limit', '2')] })).url).toBe(
      `${BASE}/api/v1/items?skip=1&limit=2`,
    );
  });

  it('percent-encodes spaces and non-ASCII characters in the path', () => {
    expect(prepared(BASE, req({ path: '/api/v1/items/a b/ü' })).url).toBe(`${BASE}/api/v1/items/a%20b/%C3%BC`);
  });

  it('accepts an absolute URL on the active environment', () => {
    expect(prepared(BASE, req({ path: `${BASE}/api/v1/usage` })).url).toBe(`${BASE}/api/v1/usage`);
  });
});

describe('origin pinning: the credential only goes to the active environment', () => {
  const attacks: [string, string][] = [
    ['another host', 'http://evil.example/api/v1/users/me'],
    ['another scheme', 'https://127.0.0.1:8787/api/v1/users/me'],
    ['another port', 'http://127.0.0.1:8788/api/v1/users/me'],
    ['another name for the same machine', 'http://localhost:8787/api/v1/users/me'],
    ['IPv6 loopback', 'http://[::1]:8787/api/v1/users/me'],
    ['upper-case scheme and host', 'HTTP://EVIL.EXAMPLE/'],
    ['protocol-relative', '//evil.example/api/v1/users/me'],
    ['protocol-relative after spaces', '   //evil.example/x'],
    ['protocol-relative split by a tab', '/\t/evil.example/x'],
    ['protocol-relative split by a newline', '/\n/evil.example/x'],
    ['double backslash', '\\\\evil.example\\x'],
    ['slash backslash', '/\\evil.example'],
    ['backslash slash', '\\/evil.example'],
    ['userinfo trick', 'http://127.0.0.1:8787@evil.example/api/v1/users/me'],
    ['userinfo trick with a password', 'http://127.0.0.1:8787:pw@evil.example/'],
    ['fragment trick', 'http://evil.example#@127.0.0.1:8787/'],
    ['backslash userinfo trick', 'http://evil.example\\@127.0.0.1:8787/'],
    ['host suffix trick', 'http://127.0.0.1.evil.example:8787/'],
    ['scheme-relative without slashes to another scheme', 'https:evil.example'],
    ['javascript URL', 'javascript:alert(1)'],
    ['file URL', 'file:///etc/passwd'],
    ['data URL', 'data:text/plain,hello'],
    ['ftp URL', 'ftp://evil.example/'],
  ];

  it.each(attacks)('refuses %s (%j) and sends nothing', (_label, path) => {
    expect(isOnEnvironment(BASE, composeUrl(BASE, req({ path })))).toBe(false); // the snippets agree
    const result = prepareRequest(BASE, req({ path }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('origin-refused');
    expect(result.error.message).toMatch(
      /^This request would go to \S+, not to the active environment \(http:\/\/127\.0\.0\.1:8787\)\. The app only sends your credential to the active environment\.$/,
    );
  });

  it('names both origins in the refusal', () => {
    const result = prepareRequest(BASE, req({ path: 'https://evil.example:8443/x' }));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'origin-refused',
        message:
          'This request would go to https://evil.example:8443, not to the active environment (http://127.0.0.1:8787). The app only sends your credential to the active environment.',
      },
    });
  });

  it('refuses a user name and password in a same-origin URL', () => {
    const result = prepareRequest(BASE, req({ path: 'http://user:secret@127.0.0.1:8787/api/v1/users/me' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('origin-refused');
      expect(result.error.message).not.toContain('secret');
    }
  });

  it.each([
    ['../admin', 'https://api.example.com/admin'],
    ['/%2e%2e/admin', 'https://api.example.com/admin'],
    ['/%2E%2E/%2e%2e/admin', 'https://api.example.com/admin'],
    ['https://api.example.com/admin', 'https://api.example.com/admin'],
    ['https://api.example.com/v2evil', 'https://api.example.com/v2evil'],
  ])('refuses %j, which leaves the base path /v2', (path, target) => {
    const result = prepareRequest('https://api.example.com/v2', req({ path }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('origin-refused');
      expect(result.error.message).toContain(`would go to ${target}, not to the active environment (https://api.example.com/v2)`);
    }
  });

  it.each([
    ['@evil.example', `${BASE}/@evil.example`],
    [':@evil.example/x', `${BASE}/:@evil.example/x`],
    ['/api/v1/items/../users/me', `${BASE}/api/v1/users/me`],
    ['evil.example', `${BASE}/evil.example`],
  ])('keeps %j on the active environment as a path', (path, url) => {
    expect(prepared(BASE, req({ path })).url).toBe(url);
    expect(isOnEnvironment(BASE, url)).toBe(true);
  });

  it('refuses an absolute URL that does not parse, and sends nothing', () => {
    const result = prepareRequest(BASE, req({ path: 'http://127.0.0.1:8787.evil.example/' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-input');
  });

  it('keeps a host-like query value in the query', () => {
    const p = prepared(BASE, req({ path: '/api/v1/items', query: [row('x', '//evil.example/@')] }));
    expect(new URL(p.url).origin).toBe(BASE);
  });
});

describe('encoded separators under a base path (review part 8, finding 6)', () => {
  const BASED = 'https://api.example.com/base';
  const attacks: [string, string][] = [
    ['encoded slashes after dot-dot', '/..%2f..%2fother'],
    ['upper-case encoded slash', '/..%2F..%2Fother'],
    ['encoded dots and slash', '/%2e%2e%2fother'],
    ['encoded dots, upper case', '/%2E%2E%2Fother'],
    ['encoded backslash', '/..%5cother'],
    ['upper-case encoded backslash', '/..%5Cother'],
    ['a half-encoded dot-dot before an encoded slash', '/.%2e%2fother'],
    ['double-encoded slash', '/..%252f..%252fother'],
    ['double-encoded dots and slash', '/%252e%252e%252fother'],
    ['triple-encoded slash', '/..%25252fother'],
    ['an encoded slash inside a segment', '/items%2f..%2f..%2fother'],
    ['a double-encoded dot-dot segment', '/api/%252e%252e/other'],
    ['a dot-dot segment with a path parameter', '/..;/other'],
    ['an absolute URL with an encoded slash', 'https://api.example.com/base/..%2fother'],
  ];

  it.each(attacks)('refuses %s (%j), says nothing was sent, and the snippets agree', (_label, path) => {
    const result = prepareRequest(BASED, req({ path }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('origin-refused');
      expect(result.error.message).toMatch(/encoded "\/" or "\\" or a "\.\." segment/);
      expect(result.error.message).toContain('https://api.example.com/base');
      expect(result.error.message).toMatch(/Nothing was sent\.$/);
    }
    expect(isOnEnvironment(BASED, composeUrl(BASED, req({ path })))).toBe(false);
  });

  it.each([
    ['/api/v1/items/a%20b', 'https://api.example.com/base/api/v1/items/a%20b'],
    ['/api/v1/users/me?x=%2F', 'https://api.example.com/base/api/v1/users/me?x=%2F'],
    ['/api/v1/users/me?next=..%2f..%2fother', 'https://api.example.com/base/api/v1/users/me?next=..%2f..%2fother'],
    ['/api/v1/items/%C3%BC', 'https://api.example.com/base/api/v1/items/%C3%BC'],
    ['/api/v1/items/100%25', 'https://api.example.com/base/api/v1/items/100%25'],
    ['/api/v1/items/v1..2', 'https://api.example.com/base/api/v1/items/v1..2'],
    ['/api/v1/items/...', 'https://api.example.com/base/api/v1/items/...'],
  ])('still sends the legitimate %j', (path, url) => {
    expect(prepared(BASED, req({ path })).url).toBe(url);
    expect(isOnEnvironment(BASED, url)).toBe(true);
  });

  it('leaves an encoded slash alone when the environment has no base path (there is nothing to step out of)', () => {
    expect(prepared(BASE, req({ path: '/api/v1/files/a%2Fb' })).url).toBe(`${BASE}/api/v1/files/a%2Fb`);
  });
});

describe('the one-time key reveal', () => {
  it.each(['/api/v1/users/me/api-key/reveal', '/api/v1/users/me/api-key/reveal/', '/api/v1/users/me/api-key/revea%6c', '/api/v1//users/me/api-key/reveal'])(
    'refuses POST %j: the key would be shown once, hidden, and lost',
    (path) => {
      const result = prepareRequest(BASE, req({ method: 'POST', path, auth: 'token' }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/^The request tester does not reveal API keys/);
    },
  );

  it('lets the other key endpoints through', () => {
    expect(prepareRequest(BASE, req({ method: 'GET', path: '/api/v1/users/me/api-key/regeneration-requests' })).ok).toBe(true);
  });
});

describe('request building: headers', () => {
  it('sends enabled typed headers, trimmed, and skips disabled ones', () => {
    const p = prepared(BASE, req({ headers: [row(' X-Trace ', ' abc '), row('X-Off', '1', false), row('', 'x')] }));
    expect(p.headers).toEqual([['X-Trace', 'abc']]);
  });

  it('drops a typed Authorization header when the app injects a credential, with a note', () => {
    const p = prepared(BASE, req({ auth: 'api-key', headers: [row('authorization', 'Bearer typed')] }));
    expect(header(p, 'authorization')).toBeUndefined();
    expect(p.notes.join(' ')).toMatch(/Authorization header was not sent.*API key/);
  });

  it('sends a typed Authorization header when Auth is none', () => {
    const p = prepared(BASE, req({ auth: 'none', headers: [row('Authorization', 'Bearer typed')] }));
    expect(header(p, 'authorization')).toBe('Bearer typed');
    expect(p.notes).toEqual([]);
  });

  it('drops the headers the HTTP client sets itself (Host, Content-Length…) with a note', () => {
    const p = prepared(BASE, req({ headers: [row('Host', 'evil.example'), row('Content-Length', '5'), row('Connection', 'close')] }));
    expect(p.headers).toEqual([]);
    expect(p.notes).toHaveLength(3);
  });

  it.each([
    ['a name with a space', row('X Bad', '1')],
    ['a value with a line break', row('X-Inject', 'a\r\nX-Evil: 1')],
    ['a value outside Latin-1', row('X-Name', '日本')],
  ])('refuses %s', (_label, bad) => {
    const result = prepareRequest(BASE, req({ headers: [bad] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-input');
  });

  it('does not echo a secret-looking header name in its refusal', () => {
    const key = `dc_${'k'.repeat(40)}`;
    const result = prepareRequest(BASE, req({ headers: [row(`${key} x`, '1')] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain(key);
  });
});

describe('request building: body', () => {
  it('sends a JSON body with application/json', () => {
    const p = prepared(BASE, req({ method: 'POST', body: { kind: 'json', text: '{"title": "x"}' } }));
    expect(p.body).toBe('{"title": "x"}');
    expect(header(p, 'content-type')).toBe('application/json');
  });

  it('keeps a typed Content-Type over the default', () => {
    const p = prepared(
      BASE,
      req({ method: 'POST', headers: [row('Content-Type', 'application/merge-patch+json')], body: { kind: 'json', text: '{}' } }),
    );
    expect(p.headers).toEqual([['Content-Type', 'application/merge-patch+json']]);
  });

  it('encodes form fields as application/x-www-form-urlencoded', () => {
    const p = prepared(
      BASE,
      req({ method: 'POST', body: { kind: 'form', fields: [row('username', 'a+b@x.test'), row('password', 'p&w= d'), row('off', 'x', false)] } }),
    );
    expect(p.body).toBe('username=a%2Bb%40x.test&password=p%26w%3D+d');
    expect(header(p, 'content-type')).toBe('application/x-www-form-urlencoded');
  });

  it('sends raw text with text/plain or the chosen content type', () => {
    expect(header(prepared(BASE, req({ method: 'PUT', body: { kind: 'text', text: 'hi' } })), 'content-type')).toBe(
      'text/plain; charset=utf-8',
    );
    const xml = prepared(BASE, req({ method: 'PUT', body: { kind: 'text', text: '<a/>', contentType: 'application/xml' } }));
    expect(xml.body).toBe('<a/>');
    expect(header(xml, 'content-type')).toBe('application/xml');
  });

  it('sends no body and no content type for an empty body', () => {
    const p = prepared(BASE, req({ method: 'POST', body: { kind: 'json', text: '  \n ' } }));
    expect(p.body).toBeUndefined();
    expect(header(p, 'content-type')).toBeUndefined();
  });

  it('refuses invalid JSON with the line, column and position, and sends nothing', () => {
    const result = prepareRequest(BASE, req({ method: 'POST', body: { kind: 'json', text: '{\n  "title": "x",\n}' } }));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'The JSON body is not valid: A trailing comma is not allowed in JSON at line 2, column 15 (position 16). Nothing was sent.',
      },
    });
  });

  it.each(['GET', 'HEAD'] as const)('refuses a body on %s', (method) => {
    const result = prepareRequest(BASE, req({ method, body: { kind: 'text', text: 'x' } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`A ${method} request cannot carry a body`);
  });
});
