/**
 * Every schema of the IPC contract is strict, all the way down: for each channel, valid payloads are accepted, and
 * the same payload with one unknown key added to any object in it (the payload itself, an environment, a composed
 * request, its body, a header, query or form row) is refused with `invalid-input` before a handler runs. The walk
 * finds the objects itself, so a new nested object in a sample is checked without a new line here.
 */
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src-main/ipc/router';
import { API_NAMES, type ApiName } from '../../src-shared/ipc-channels';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import { ok } from '../../src-shared/errors';
import type { ComposedRequest } from '../../src-shared/tester';

const row = { name: 'X-Trace', value: '1', enabled: true };
const request: Omit<ComposedRequest, 'body'> = {
  method: 'POST',
  path: '/api/v1/items/',
  query: [row],
  headers: [row],
  auth: 'api-key',
};

/** Valid payloads per channel, covering every nested object the contract has. Typed, so a new channel needs one. */
const VALID: { [K in ApiName]: Array<RequestOf<K>> } = {
  getState: [{}],
  signInWithPassword: [
    { email: 'ada@deepcurrent.test', password: 'x', environment: { kind: 'local' } },
    { email: 'ada@deepcurrent.test', password: 'x', environment: { kind: 'production' } },
    { email: 'ada@deepcurrent.test', password: 'x', environment: { kind: 'custom', baseUrl: 'https://api.example.com' } },
  ],
  signInWithApiKey: [{ apiKey: 'dc_' + 'q'.repeat(40), environment: { kind: 'custom', baseUrl: 'https://api.example.com' } }],
  switchAccount: [{ accountId: 'acc_x' }],
  signOut: [{ accountId: 'acc_x' }],
  refreshProfile: [{ accountId: 'acc_x' }],
  updateSettings: [{}, { theme: 'dark', clipboardClearSeconds: 30, requestTimeoutSeconds: 30 }],
  getApiKeyStatus: [{ accountId: 'acc_x' }],
  revealApiKey: [{ accountId: 'acc_x' }],
  copyApiKey: [{ accountId: 'acc_x', role: 'current' }],
  requestNewKey: [{ accountId: 'acc_x', reason: 'lost', note: '' }],
  confirmNewKey: [{ accountId: 'acc_x' }],
  sendRequest: [
    { requestId: 'r1', request: { ...request, body: { kind: 'none' } }, draftAccountId: 'acc_x' },
    { requestId: 'r1', request: { ...request, body: { kind: 'json', text: '{}' } }, draftAccountId: 'acc_x' },
    { requestId: 'r1', request: { ...request, body: { kind: 'form', fields: [row] } }, draftAccountId: 'acc_x' },
    { requestId: 'r1', request: { ...request, body: { kind: 'text', text: 'hi', contentType: 'text/plain' } }, draftAccountId: 'acc_x', sendAsActiveAccount: true },
  ],
  cancelRequest: [{ requestId: 'r1' }],
  listEndpoints: [{}],
  saveResponseBody: [{ historyId: 'h1' }],
  loadTabs: [{ accountId: 'acc_x' }],
  saveTabs: [
    {
      accountId: 'acc_x',
      tabs: [
        {
          id: 'tab-1',
          draft: {
            method: 'POST',
            path: '/api/v1/items',
            query: [row],
            headers: [row],
            bodyKind: 'json',
            jsonText: '{}',
            formFields: [row],
            text: '',
            textContentType: 'text/plain',
            auth: null,
            endpointId: '',
          },
        },
      ],
      activeTabId: 'tab-1',
      split: 50,
    },
  ],
  listHistory: [{}, { scope: 'all' }],
  clearHistory: [{}],
  openLogsFolder: [{}],
  resetDemoData: [{}],
  importCurl: [{ text: 'curl https://api.example.com/api/v1/items' }],
  listCollections: [{}, { since: 3 }],
  saveToCollection: [
    { collectionId: 'default', file: 'items.http', request: { ...request, name: 'Items', body: { kind: 'form', fields: [row] }, auth: null }, replace: false },
    { collectionId: 'default', file: 'items.http', request: { ...request, name: 'Items', body: { kind: 'text', text: 'x', contentType: 'text/plain' }, auth: 'none' }, replace: true },
  ],
  removeFromCollection: [{ collectionId: 'default', file: 'items.http', name: 'Items' }],
  addCollectionFolder: [{}],
  forgetCollectionFolder: [{ collectionId: 'c_x' }],
  saveCollectionVariables: [{ collectionId: 'default', environment: 'local', variables: [{ name: 'id', value: '1' }] }],
  importIntoCollection: [
    { collectionId: 'default', source: { kind: 'server' } },
    { collectionId: 'default', source: { kind: 'openapi-file', fileName: 'openapi.json', text: '{}' } },
    { collectionId: 'default', source: { kind: 'http-file', fileName: 'x.http', text: 'GET /x' } },
  ],
};

/** Every path to a plain object inside `value` (the root is `[]`), arrays walked through. */
function objectPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectPaths(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return [path, ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...path, key]))];
}

/** A deep copy of `payload` with `extra: 1` added to the object at `path`. */
function withExtraKey(payload: unknown, path: Array<string | number>): unknown {
  const copy = structuredClone(payload) as Record<string | number, unknown>;
  let target = copy;
  for (const step of path) target = target[step] as Record<string | number, unknown>;
  target.unexpected = 1;
  return copy;
}

function recordingRouter() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    API_NAMES.map((name) => [name, async () => {
      calls.push(name);
      return ok(null);
    }]),
  ) as unknown as ApiHandlers;
  return { router: createRouter(handlers), calls };
}

const cases = API_NAMES.flatMap((name) =>
  (VALID[name] as unknown[]).flatMap((payload, i) =>
    objectPaths(payload).map((path) => ({ name, sample: i + 1, payload, path, where: path.length ? path.join('.') : '(payload)' })),
  ),
);

describe('the IPC contract is strict at every level', () => {
  it.each(API_NAMES)('%s accepts its valid samples (so a refusal below is the extra key)', async (name) => {
    const { router, calls } = recordingRouter();
    for (const payload of VALID[name]) expect(await router.call(name, payload)).toEqual({ ok: true, value: null });
    expect(calls).toHaveLength(VALID[name].length);
  });

  it.each(cases)('$name (sample $sample) refuses an unknown key in $where', async ({ name, payload, path }) => {
    const { router, calls } = recordingRouter();
    const result = await router.call(name, withExtraKey(payload, path));
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(calls).toEqual([]);
  });

  it('walks the nested objects of sendRequest: request, body, header, query and form rows', () => {
    const where = new Set(cases.filter((c) => c.name === 'sendRequest').map((c) => c.where));
    expect([...where]).toEqual(
      expect.arrayContaining(['(payload)', 'request', 'request.body', 'request.headers.0', 'request.query.0', 'request.body.fields.0']),
    );
  });

  it('walks the nested objects of saveTabs: a tab, its draft and its rows', () => {
    const where = new Set(cases.filter((c) => c.name === 'saveTabs').map((c) => c.where));
    expect([...where]).toEqual(expect.arrayContaining(['tabs.0', 'tabs.0.draft', 'tabs.0.draft.query.0', 'tabs.0.draft.formFields.0']));
  });

  it.each([false, 'yes', 1, null])('sendRequest refuses sendAsActiveAccount %j (only true says the user chose)', async (flag) => {
    const { router, calls } = recordingRouter();
    const payload = { requestId: 'r1', request: { ...request, body: { kind: 'none' } }, draftAccountId: 'acc_x', sendAsActiveAccount: flag };
    expect(await router.call('sendRequest', payload)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(calls).toEqual([]);
  });

  it('sendRequest refuses a request that does not say which account its draft was made for', async () => {
    const { router, calls } = recordingRouter();
    expect(await router.call('sendRequest', { requestId: 'r1', request: { ...request, body: { kind: 'none' } } })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'The request was not valid (draftAccountId).' },
    });
    expect(calls).toEqual([]);
  });

  it.each(['API-KEY', 'bearer', 'basic', '', 'none ', null])('sendRequest refuses auth %j', async (auth) => {
    const { router, calls } = recordingRouter();
    const payload = { requestId: 'r1', request: { ...request, body: { kind: 'none' }, auth }, draftAccountId: 'acc_x' };
    expect(await router.call('sendRequest', payload)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'The request was not valid (request.auth).' },
    });
    expect(calls).toEqual([]);
  });
});
