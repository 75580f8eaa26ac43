/**
 * IPC fuzzing: every channel of the contract receives thousands of arbitrary and malformed payloads (wrong types,
 * huge strings, prototype-pollution keys, deep nesting, near-valid mutations) through the same router the Electron
 * shell and the web bridge use, wired to the real services and a running emulator. Every call must answer a typed
 * Result, nothing may throw, and no answer or log line may contain a secret the app holds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemorySecretStore } from '../../src-main/platform/memory-secret-store';
import { API_NAMES, type ApiName } from '../../src-shared/ipc-channels';
import { ERROR_KINDS } from '../../src-shared/errors';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import { makeAppContext } from '../helpers/app-context';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { heldSecret } from '../helpers/held-secret';
import { testHttp } from '../helpers/http';
import { join } from 'node:path';

const RUNS_PER_CHANNEL = Number(process.env.DC_FUZZ_RUNS ?? 250);

/** A valid payload per channel, the seed for near-valid mutations. */
const VALID: Record<ApiName, () => unknown> = {
  getState: () => ({}),
  signInWithPassword: () => ({ email: 'nobody@deepcurrent.test', password: 'x', environment: { kind: 'local' } }),
  signInWithApiKey: () => ({ apiKey: 'dc_' + 'q'.repeat(40), environment: { kind: 'local' } }),
  switchAccount: () => ({ accountId: 'acc_x' }),
  signOut: () => ({ accountId: 'acc_missing' }),
  refreshProfile: () => ({ accountId: 'acc_x' }),
  updateSettings: () => ({ theme: 'dark' }),
  getApiKeyStatus: () => ({ accountId: 'acc_x' }),
  revealApiKey: () => ({ accountId: 'acc_x' }),
  copyApiKey: () => ({ accountId: 'acc_x', role: 'current' }),
  requestNewKey: () => ({ accountId: 'acc_x', reason: 'lost', note: '' }),
  confirmNewKey: () => ({ accountId: 'acc_x' }),
  sendRequest: () => ({ requestId: 'r1', request: { method: 'GET', path: '/api/v1/utils/health-check/', query: [], headers: [], body: { kind: 'none' }, auth: 'none' }, draftAccountId: 'acc_x' }),
  cancelRequest: () => ({ requestId: 'r-none' }),
  listEndpoints: () => ({}),
  saveResponseBody: () => ({ historyId: 'h-missing' }),
  loadTabs: () => ({ accountId: 'acc_missing' }),
  saveTabs: () => ({ accountId: 'acc_missing', tabs: [], activeTabId: null, split: 50 }),
  listHistory: () => ({}),
  clearHistory: () => ({}),
  openLogsFolder: () => ({}),
  resetDemoData: () => ({}),
  importCurl: () => ({ text: "curl -H 'Authorization: Bearer x' http://127.0.0.1/api/v1/users/me" }),
  listCollections: () => ({ since: 1 }),
  saveToCollection: () => ({
    collectionId: 'default',
    file: 'fuzz.http',
    request: { name: 'Fuzz', method: 'GET', path: '/api/v1/users/me', query: [], headers: [], body: { kind: 'none' }, auth: null },
    replace: false,
  }),
  removeFromCollection: () => ({ collectionId: 'default', file: 'fuzz.http', name: 'Fuzz' }),
  addCollectionFolder: () => ({}),
  forgetCollectionFolder: () => ({ collectionId: 'c_missing' }),
  saveCollectionVariables: () => ({ collectionId: 'default', environment: 'local', variables: [{ name: 'id', value: '1' }] }),
  importIntoCollection: () => ({ collectionId: 'default', source: { kind: 'http-file', fileName: 'x.http', text: 'GET /api/v1/users/me' } }),
};

const pollutionKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty');
const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'A'.repeat(n));
const deep = fc.integer({ min: 50, max: 2_000 }).map((depth) => {
  let v: unknown = { end: true };
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { nested: v };
  return v;
});
const polluted = fc.tuple(pollutionKey, fc.anything()).map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}: ${JSON.stringify(v ?? null) ?? 'null'}}`));

function mutate(name: ApiName) {
  return fc.tuple(fc.string({ maxLength: 20 }), fc.oneof(fc.anything(), hugeString, deep, polluted), fc.boolean()).map(([key, value, replace]) => {
    const base = VALID[name]() as Record<string, unknown>;
    const keys = Object.keys(base);
    if (replace && keys.length > 0) base[keys[key.length % keys.length]!] = value;
    else base[key] = value;
    return base;
  });
}

function payloads(name: ApiName) {
  return fc.oneof(
    fc.anything({ withBigInt: false, withObjectString: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }),
    fc.jsonValue(),
    hugeString,
    deep,
    polluted,
    mutate(name),
    mutate(name),
  );
}

describe('IPC fuzzing of every channel', () => {
  let emu: RunningEmulator;
  let services: AppServices;
  let secrets: string[];
  let logs: string[];
  let cleanup: () => void;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
    const app = await makeAppContext(new MemorySecretStore(), emu.url);
    cleanup = app.cleanup;
    logs = [];
    services = createAppServices({
      secretStore: new MemorySecretStore(),
      kv: app.ctx.kv,
      clipboard: new MemoryClipboard(),
      localEmulatorUrl: emu.url,
      log: (m) => logs.push(m),
      // Collections over a real folder in the test's temporary directory, so their handlers are fuzzed too.
      collectionsFolder: join(app.dir, 'collections'),
    });
    // Give the app real secrets to leak: a session token and the revealed API key.
    const signedIn = await services.router.call('signInWithPassword', { email: 'ada@deepcurrent.test', password: 'deepcurrent-demo', environment: { kind: 'local' } });
    expect(signedIn.ok).toBe(true);
    const id = services.context.session.activeId()!;
    const token = (await heldSecret(services, id, 'token'))!;
    const revealed = await callApi<{ api_key: string }>(testHttp, emu.url, { method: 'POST', path: '/api/v1/users/me/api-key/reveal', credential: token });
    if (!revealed.ok) throw new Error('reveal failed');
    await services.context.session.storeSecret(id, 'api-key', revealed.value.api_key);
    services.context.session.update(id, { hasApiKey: true, apiKeyLast4: revealed.value.api_key.slice(-4) });
    secrets = [token, revealed.value.api_key, 'deepcurrent-demo'];
  });

  afterAll(async () => {
    await services?.dispose();
    await emu?.close();
    cleanup?.();
  });

  it.each(API_NAMES)('%s answers every payload with a typed Result and leaks nothing', async (name) => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(payloads(name), async (payload) => {
          const result = await services.router.call(name, payload);
          expect(typeof result.ok).toBe('boolean');
          const text = JSON.stringify(result);
          expect(JSON.parse(text)).toEqual(result); // serialisable as it crosses IPC
          if (!result.ok) {
            expect(ERROR_KINDS).toContain(result.error.kind);
            expect(typeof result.error.message).toBe('string');
            expect(result.error.message).not.toMatch(/\n\s+at /); // no stack trace
          }
          for (const s of secrets) if (name !== 'revealApiKey') expect(text).not.toContain(s);
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    for (const s of secrets) expect(logs.join('\n')).not.toContain(s);
  });

  it('still serves a valid call after the storm', async () => {
    const r = await services.router.call('getState', {});
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.value)).not.toContain(secrets[0]!);
  });
});
