/**
 * One Send, one answer: against the emulator over HTTP, `sendRequest` answers an attempted request with its outcome
 * (the response, or why there is none), the history entry it left and the account as the session now summarises it
 * (a rejected credential already noted), and answers a plain failure, leaving no history, when nothing was sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import type { SentRequest } from '../../src-shared/tester';
import { testHttp } from '../helpers/http';
import type { MemorySecretStore } from '../helpers/memory-secret-store';
import { startTester, value, type TesterFixture } from '../helpers/tester-context';

let f: TesterFixture;
beforeAll(async () => {
  f = await startTester();
});
afterAll(() => f?.close());
afterEach(async () => {
  await callApi(testHttp, f.emu.url, { method: 'DELETE', path: '/__faults' });
  f.ctx.session.update(f.account.id, { needsSignIn: false });
});

const history = async () => value(await f.handlers.listHistory({}));
const summary = () => f.ctx.session.summarise(f.ctx.session.get(f.account.id)!);

function responseOf(sent: SentRequest) {
  if (!sent.outcome.ok) throw new Error(`expected a response, got ${sent.outcome.error.kind}`);
  return sent.outcome.response;
}

describe('an attempted request is answered with its outcome, history entry and account', () => {
  it('answers a response with the entry it left in history and the account as the session sees it', async () => {
    const sent = value(await f.exchange({ path: '/api/v1/users/me' }));
    const response = responseOf(sent);
    expect(response).toMatchObject({ status: 200, credentialRejected: false });
    expect(sent.historyEntry).toMatchObject({ id: response.historyId, accountId: f.account.id, environment: { kind: 'local' }, status: 200 });
    expect((await history())[0]).toEqual(sent.historyEntry);
    expect(sent.account).toEqual(summary());
    expect(sent.account?.needsSignIn).toBe(false);
  });

  it('answers a rejected credential with credentialRejected and the account already needing a sign-in', async () => {
    const sent = value(await f.exchange({ path: '/api/v1/__echo', query: [{ name: 'status', value: '401', enabled: true }], auth: 'api-key' }));
    expect(responseOf(sent)).toMatchObject({ status: 401, credentialRejected: true });
    expect(sent.account).toMatchObject({ id: f.account.id, needsSignIn: true });
    expect(sent.account).toEqual(summary());
    expect(sent.historyEntry).toMatchObject({ status: 401, credentialKind: 'api-key' });
  });

  it('does not call a 401 to a request without a credential a rejected credential', async () => {
    const sent = value(await f.exchange({ path: '/api/v1/__echo', query: [{ name: 'status', value: '401', enabled: true }], auth: 'none' }));
    expect(responseOf(sent)).toMatchObject({ status: 401, credentialRejected: false });
    expect(responseOf(sent).explanation).toContain('no credential was sent');
    expect(responseOf(sent).explanation).not.toContain('Sign in again');
    expect(sent.account?.needsSignIn).toBe(false);
  });

  it('answers a failure on the way (refused connection, cancel) with the error and its history entry', async () => {
    await f.fault({ mode: 'refuse', path: '/api/v1/items', times: 1 });
    const refused = value(await f.exchange({ path: '/api/v1/items' }));
    expect(refused.outcome).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(refused.historyEntry).toMatchObject({ status: null, errorKind: 'network' });
    expect((await history())[0]!.id).toBe(refused.historyEntry.id);

    await f.fault({ mode: 'stall', path: '/api/v1/items', times: 1 });
    const pending = f.exchange({ path: '/api/v1/items' }, 'cancel-me');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await f.handlers.cancelRequest({ requestId: 'cancel-me' });
    const cancelled = value(await pending);
    expect(cancelled.outcome).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(cancelled.historyEntry.errorKind).toBe('cancelled');
    expect(cancelled.account).toEqual(summary());
  });
});

describe('a request that was never sent is a plain failure and leaves no history', () => {
  it.each([
    ['a JSON body that does not parse', { method: 'POST' as const, path: '/api/v1/items', body: { kind: 'json' as const, text: '{"title": ' } }, 'invalid-input'],
    ['a URL on another origin', { path: 'https://evil.example/api/v1/users/me' }, 'origin-refused'],
    ['a header the HTTP client refuses', { headers: [{ name: 'X-Trace', value: 'a\u0001b', enabled: true }] }, 'invalid-input'],
  ])('%s', async (_what, request, kind) => {
    const before = (await history()).map((e) => e.id);
    const r = await f.exchange(request);
    expect(r).toMatchObject({ ok: false, error: { kind } });
    expect((await history()).map((e) => e.id)).toEqual(before);
  });

  it('when the account holds no credential of the chosen kind', async () => {
    f.ctx.session.update(f.account.id, { hasToken: false });
    try {
      expect(await f.exchange({ auth: 'token' })).toMatchObject({ ok: false, error: { kind: 'not-signed-in' } });
      expect((await history()).filter((e) => e.credentialKind === 'token')).toEqual([]);
    } finally {
      f.ctx.session.update(f.account.id, { hasToken: true });
    }
  });

  it('when the keychain does not answer', async () => {
    f.restart(); // a new session: the key is read from the keychain again
    const before = (await history()).map((e) => e.id);
    (f.secrets as MemorySecretStore).failNext('get');
    expect(await f.exchange({ auth: 'api-key' })).toMatchObject({ ok: false, error: { kind: 'keychain' } });
    expect((await history()).map((e) => e.id)).toEqual(before);
  });
});
