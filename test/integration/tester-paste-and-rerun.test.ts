/**
 * Paste anything and history worth using, over the real router and services with the emulator: a curl command is
 * read against the active environment (never sent), a curl command typed as the path is refused before anything is
 * sent or kept in history, a request made for one account is never sent under another, and the whole history of the
 * signed-in accounts can be listed, each entry tagged with its account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import type { HttpPort } from '../../src-main/platform/http';
import { createNodeHttp } from '../../src-main/platform/node-http';
import { CURL_AS_PATH } from '../../src-main/tester/tester-request';
import type { AppError, Result } from '../../src-shared/errors';
import type { ApiName } from '../../src-shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { value } from '../helpers/result';
import { composed } from '../helpers/tester-context';

let emu: RunningEmulator;
let app: AppServices;
/** Every request the app's HTTP port sent (the only way out to the network). */
const hits: string[] = [];

function countingHttp(): HttpPort {
  const inner = createNodeHttp();
  return {
    send: (request) => {
      hits.push(`${request.method} ${request.url}`);
      return inner.send(request);
    },
    close: () => inner.close(),
  };
}

function call<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return (app.router.call(name, payload) as Promise<Result<ResponseOf<K>>>).then(value);
}

async function refusal<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<AppError> {
  const result = await app.router.call(name, payload);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error;
}

async function signIn(email: string): Promise<string> {
  return (await call('signInWithPassword', { email, password: DEMO_PASSWORD, environment: { kind: 'local' } })).activeAccountId!;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  app = createAppServices({ secretStore: new MemorySecretStore(), kv: new MemoryKv(), clipboard: new MemoryClipboard(), localEmulatorUrl: emu.url, http: countingHttp() });
});

afterAll(async () => {
  await app?.dispose();
  await emu?.close();
});

describe('a pasted curl command', () => {
  it('is read against the active environment into a request, its Authorization left out, nothing sent', async () => {
    await signIn('ada@deepcurrent.test');
    const sentBefore = hits.length;
    const imported = await call('importCurl', { text: `curl -X POST '${emu.url}/api/v1/items?draft=1' -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln' -H 'Content-Type: application/json' -d '{"title":"Ink"}'` });
    expect(imported.request).toEqual({
      method: 'POST',
      path: '/api/v1/items',
      query: [{ name: 'draft', value: '1', enabled: true }],
      headers: [],
      body: { kind: 'json', text: '{"title":"Ink"}' },
    });
    expect(imported.credentialLeftOut).toBe(true);
    expect(hits.length).toBe(sentBefore);
  });

  it('to another server is refused by the pin rule', async () => {
    const error = await refusal('importCurl', { text: 'curl https://api.example.com/api/v1/users/me' });
    expect(error.kind).toBe('origin-refused');
    expect(error.message).toContain(`not to the active environment (${emu.url})`);
  });

  it('typed or pasted as the path is never sent and leaves no history', async () => {
    const historyBefore = (await call('listHistory', {})).length;
    const sentBefore = hits.length;
    const draftAccountId = (await call('getState', {})).activeAccountId!;
    const error = await refusal('sendRequest', { requestId: 'curl-as-path', request: composed({ path: `curl ${emu.url}/api/v1/users/me`, auth: 'token' }), draftAccountId });
    expect(error).toEqual({ kind: 'invalid-input', message: CURL_AS_PATH });
    expect(hits.length).toBe(sentBefore);
    expect((await call('listHistory', {})).length).toBe(historyBefore);
  });
});

describe('a request made for one account', () => {
  let ada = '';
  let free = '';

  it('is sent when its account is the active one', async () => {
    ada = await signIn('ada@deepcurrent.test');
    const before = hits.length;
    const sent = await call('sendRequest', { requestId: 'ada-1', request: composed({ path: '/api/v1/items', auth: 'token' }), draftAccountId: ada });
    expect(sent.outcome).toMatchObject({ ok: true, response: { status: 200 } });
    expect(hits.slice(before)).toEqual([`GET ${emu.url}/api/v1/items`]);
  });

  it('is refused, unsent and unrecorded, when another account is active', async () => {
    free = await signIn('free@deepcurrent.test');
    const sentBefore = hits.length;
    const error = await refusal('sendRequest', { requestId: 'ada-2', request: composed({ path: '/api/v1/items', auth: 'token' }), draftAccountId: ada });
    expect(error.kind).toBe('conflict');
    // Both accounts are named, so the user knows which to switch to.
    expect(error.message).toMatch(/^This request was made for ada@deepcurrent\.test\b.*\bfree@deepcurrent\.test\b/);
    expect(hits.length).toBe(sentBefore);
    expect(await call('listHistory', {})).toEqual([]);
  });

  it('lists the whole history of the signed-in accounts on request, each entry with its account', async () => {
    await call('sendRequest', { requestId: 'free-1', request: composed({ path: '/api/v1/users/me', auth: 'token' }), draftAccountId: free });
    const all = await call('listHistory', { scope: 'all' });
    expect(all.map((e) => [e.accountId, e.request.path])).toEqual([
      [free, '/api/v1/users/me'],
      [ada, '/api/v1/items'],
    ]);
    expect((await call('listHistory', {})).map((e) => e.accountId)).toEqual([free]);
    await call('signOut', { accountId: ada });
    expect((await call('listHistory', { scope: 'all' })).map((e) => e.accountId)).toEqual([free]);
  });
});
