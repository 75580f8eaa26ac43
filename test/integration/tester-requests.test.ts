/**
 * The request tester against the real emulator over HTTP: every method, every body kind, the credential kinds,
 * and the 401/403/404/422/429 answers with their explanations and effects on the account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_METHODS, type TesterResponse } from '../../src-shared/tester';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { composed, startTester, value, type TesterFixture } from '../helpers/tester-context';

interface Echo {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string;
  json: unknown;
}

let f: TesterFixture;
beforeAll(async () => {
  f = await startTester();
});
afterAll(() => f?.close());

const echoOf = (r: TesterResponse) => JSON.parse(r.text) as Echo;

describe('the tester sends every method and body kind as composed', () => {
  it.each(HTTP_METHODS.filter((m) => m !== 'HEAD'))('sends %s with the API key as a Bearer credential', async (method) => {
    const r = value(await f.send({ method, path: '/api/v1/__echo' }));
    expect(r.status).toBe(200);
    const echo = echoOf(r);
    expect(echo.method).toBe(method);
    // The echo carries the key back; the tester hides it from the renderer.
    expect(echo.headers.authorization).toBe('Bearer dc_…REDACTED');
    expect(r.text).not.toContain(f.apiKey);
    expect(r.explanation).toMatch(/hides credentials/);
  });

  it('authenticates with the account key and token (the server accepts them)', async () => {
    expect(value(await f.send({ path: '/api/v1/users/me', auth: 'api-key' })).status).toBe(200);
    expect(value(await f.send({ path: '/api/v1/users/me', auth: 'token' })).status).toBe(200);
  });

  it('sends HEAD and reports the empty body', async () => {
    const r = value(await f.send({ method: 'HEAD', path: '/api/v1/__echo' }));
    expect(r.status).toBe(200);
    expect(r.bodyKind).toBe('empty');
    expect(r.sizeBytes).toBe(0);
  });

  it('sends the session token when Auth is token, and no Authorization when Auth is none', async () => {
    expect(echoOf(value(await f.send({ path: '/api/v1/__echo', auth: 'token' }))).headers.authorization).toBe('Bearer REDACTED_JWT');
    expect(echoOf(value(await f.send({ path: '/api/v1/__echo', auth: 'none' }))).headers.authorization).toBeUndefined();
  });

  it('sends a JSON body with application/json', async () => {
    const text = '{\n  "title": "ü \\"x\\"",\n  "n": [1, 2]\n}';
    const echo = echoOf(value(await f.send({ method: 'POST', path: '/api/v1/__echo', body: { kind: 'json', text } })));
    expect(echo.body).toBe(text);
    expect(echo.json).toEqual({ title: 'ü "x"', n: [1, 2] });
    expect(echo.headers['content-type']).toBe('application/json');
  });

  it('sends form fields url-encoded', async () => {
    const echo = echoOf(
      value(
        await f.send({
          method: 'PUT',
          path: '/api/v1/__echo',
          body: { kind: 'form', fields: [{ name: 'a b', value: 'x&y=z ü', enabled: true }, { name: 'off', value: '1', enabled: false }] },
        }),
      ),
    );
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(echo.body).get('a b')).toBe('x&y=z ü');
    expect(new URLSearchParams(echo.body).has('off')).toBe(false);
  });

  it('sends raw text with its content type', async () => {
    const echo = echoOf(
      value(await f.send({ method: 'PATCH', path: '/api/v1/__echo', body: { kind: 'text', text: 'line 1\nline 2', contentType: 'text/csv' } })),
    );
    expect(echo.body).toBe('line 1\nline 2');
    expect(echo.headers['content-type']).toBe('text/csv');
  });

  it('sends the query table and typed headers, and drops a typed Authorization in favour of the account credential', async () => {
    const r = value(
      await f.send({
        path: '/api/v1/__echo?x=1',
        query: [{ name: 'q', value: 'a b&c', enabled: true }],
        headers: [
          { name: 'X-Trace', value: 't-1', enabled: true },
          { name: 'Authorization', value: 'Bearer typed-by-user', enabled: true },
        ],
      }),
    );
    const echo = echoOf(r);
    expect(echo.query).toEqual({ x: '1', q: 'a b&c' });
    expect(echo.headers['x-trace']).toBe('t-1');
    expect(echo.headers.authorization).toBe('Bearer dc_…REDACTED');
    expect(r.explanation).toMatch(/Authorization header was not sent/);
  });

  it('refuses invalid JSON before sending, with the position', async () => {
    const before = value(await f.handlers.listHistory({})).length;
    const r = await f.send({ method: 'POST', path: '/api/v1/items', body: { kind: 'json', text: '{"title": }' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ kind: 'invalid-input', message: expect.stringContaining('position 10') });
    expect(value(await f.handlers.listHistory({}))).toHaveLength(before);
  });

  it('signs in through the login form with Auth none, and hides the token it answers', async () => {
    const r = value(
      await f.send({
        method: 'POST',
        path: '/api/v1/login/access-token',
        auth: 'none',
        body: { kind: 'form', fields: [{ name: 'username', value: 'ada@deepcurrent.test', enabled: true }, { name: 'password', value: 'deepcurrent-demo', enabled: true }] },
      }),
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ access_token: 'REDACTED_JWT', token_type: 'bearer' });
  });

  it('refuses to reveal the API key (it would be lost) and sends nothing', async () => {
    const r = await f.send({ method: 'POST', path: '/api/v1/users/me/api-key/reveal', auth: 'token' });
    expect(!r.ok && r.error.kind).toBe('invalid-input');
  });

  it('refuses a URL to another origin and sends nothing', async () => {
    const r = await f.send({ path: 'http://127.0.0.1:1/api/v1/users/me' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('origin-refused');
      expect(r.error.message).toContain(`not to the active environment (${f.emu.url})`);
    }
  });
});

describe('real endpoints and their answers', () => {
  it('reads /api/v1/users/me with the key and passes the JSON on as the server sent it', async () => {
    const r = value(await f.send({ path: '/api/v1/users/me' }));
    expect(r).toMatchObject({ status: 200, statusText: 'OK', bodyKind: 'json', truncated: false, explanation: null });
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.text).toContain('"email":"ada@deepcurrent.test"');
    expect(r.text).not.toContain('\n');
    expect(r.sizeBytes).toBeGreaterThan(50);
    expect(r.durationMs).toBeGreaterThan(0);
    expect(r.headers.some(([n]) => n === 'content-length')).toBe(true);
  });

  it('creates an item with a JSON body (201)', async () => {
    const r = value(await f.send({ method: 'POST', path: '/api/v1/items', body: { kind: 'json', text: '{"title": "From the tester"}' } }));
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text)).toMatchObject({ title: 'From the tester' });
  });

  it('answers 404 for an unknown item, explained', async () => {
    const r = value(await f.send({ path: '/api/v1/items/it_does_not_exist' }));
    expect(r.status).toBe(404);
    expect(r.explanation).toMatch(/^Not found/);
  });

  it('answers 422 for an item with an empty title, with the server detail', async () => {
    const r = value(await f.send({ method: 'POST', path: '/api/v1/items', body: { kind: 'json', text: '{"title": ""}' } }));
    expect(r.status).toBe(422);
    expect(r.explanation).toMatch(/^The server did not accept the input: title: /);
  });

  it('answers 429 with Retry-After after 5 bad sign-ins through the login form (Auth none)', async () => {
    const attempt = () =>
      f.send({
        method: 'POST',
        path: '/api/v1/login/access-token',
        auth: 'none',
        body: {
          kind: 'form',
          fields: [
            { name: 'username', value: 'support@deepcurrent.test', enabled: true },
            { name: 'password', value: 'wrong-password', enabled: true },
          ],
        },
      });
    const statuses: number[] = [];
    let last: TesterResponse | null = null;
    for (let i = 0; i < 6; i += 1) {
      last = value(await attempt());
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect(last!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(last!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(last!.explanation).toContain(`${last!.retryAfterSeconds} s`);
    const history = value(await f.handlers.listHistory({}));
    expect(JSON.stringify(history)).not.toContain('wrong-password');
    expect(value(await f.handlers.listHistory({}))[0]).toMatchObject({ status: 429, credentialKind: 'none' });
  });
});

describe('401 and 403 for the account', () => {
  it('explains 403 on /api/v1/usage for the free plan and keeps the account signed in', async () => {
    const free = await f.switchTo('free@deepcurrent.test');
    try {
      const r = value(await f.send({ path: '/api/v1/usage', auth: 'token' }));
      expect(r.status).toBe(403);
      expect(r.explanation).toBe(
        'Credentials are valid but your account does not have access to the requested resource. This happens when a feature requires a paid plan or a specific role.',
      );
      expect(f.ctx.session.get(free.id)).toMatchObject({ needsSignIn: false, hasToken: true });
    } finally {
      f.ctx.session.setActive(f.account.id);
    }
  });

  it('explains 401 for a bad key, marks the account as needing sign-in, and does not retry', async () => {
    const bad = await f.switchTo('free@deepcurrent.test');
    try {
      await f.vault.set(bad.id, 'api-key', `dc_${'0'.repeat(40)}`);
      f.ctx.session.update(bad.id, { hasApiKey: true, apiKeyLast4: '0000' });
      const r = value(await f.send({ path: '/api/v1/users/me', auth: 'api-key' }));
      expect(r.status).toBe(401);
      expect(r.explanation).toBe('No credentials provided, or the API key / token is invalid. Sign in again.');
      expect(f.ctx.session.get(bad.id)?.needsSignIn).toBe(true);
      const history = value(await f.handlers.listHistory({}));
      expect(history.filter((e) => e.status === 401)).toHaveLength(1);
    } finally {
      f.ctx.session.setActive(f.account.id);
    }
  });

  it('drops a rejected session token so it is never sent again', async () => {
    const other = await f.switchTo('free@deepcurrent.test');
    try {
      const forged = `${f.token.split('.').slice(0, 2).join('.')}.forged-signature`;
      await f.vault.set(other.id, 'token', forged);
      const r = value(await f.send({ path: '/api/v1/users/me', auth: 'token' }));
      expect(r.status).toBe(401);
      expect(f.ctx.session.get(other.id)).toMatchObject({ hasToken: false });
      const again = await f.send({ path: '/api/v1/users/me', auth: 'token' });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.kind).toBe('not-signed-in');
    } finally {
      f.ctx.session.setActive(f.account.id);
    }
  });

  it('reports a keychain that refuses as a keychain error, and sends nothing', async () => {
    f.restart(); // empty vault cache: the next send reads the keychain
    (f.secrets as MemorySecretStore).failNext('get');
    const before = value(await f.handlers.listHistory({})).length;
    const r = await f.send({ path: '/api/v1/users/me' });
    expect(!r.ok && r.error.kind).toBe('keychain');
    expect(value(await f.handlers.listHistory({}))).toHaveLength(before);
    expect(value(await f.send({ path: '/api/v1/users/me' })).status).toBe(200);
  });

  it('falls back to the default timeout when the setting is damaged', async () => {
    f.ctx.kv.set('settings', { requestTimeoutSeconds: 'soon' });
    try {
      expect(value(await f.send({ path: '/api/v1/users/me' })).status).toBe(200);
    } finally {
      f.setTimeoutSeconds(30);
    }
  });

  it('answers not-signed-in without an active account', async () => {
    const accounts = f.ctx.kv.get('accounts');
    f.ctx.kv.set('accounts', []);
    try {
      const r = await f.handlers.sendRequest({ requestId: 'lonely', request: composed({}), draftAccountId: f.account.id });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('not-signed-in');
    } finally {
      f.ctx.kv.set('accounts', accounts);
      f.ctx.session.setActive(f.account.id);
    }
  });
});
