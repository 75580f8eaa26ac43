/**
 * The workbench's main-process side, through the real router and services (`createAppServices`) against the
 * emulator over HTTP: a draft goes out only under the account it was made for (or when the request says the user
 * chose otherwise), every Send answers the request as sent with the credential masked, Save body writes the body
 * through the host's file saver (a stand-in here: Electron cannot run) or, without one, answers it as a download,
 * and tabs are kept per account across a restart, never with a secret, and go with the account at sign-out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import type { FileSaver } from '../../src-main/platform/ports';
import type { Result } from '../../src-shared/errors';
import type { ApiName } from '../../src-shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import type { SavedDraft } from '../../src-shared/workbench';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { value } from '../helpers/result';
import { composed } from '../helpers/tester-context';

const ADA = 'ada@deepcurrent.test';
const FREE = 'free@deepcurrent.test';

let emu: RunningEmulator;
let kv: MemoryKv;
let secrets: MemorySecretStore;
let app: AppServices;
let saves: Array<{ suggestedName: string; text: string }>;
let saverAnswer: Awaited<ReturnType<FileSaver>>;

const saver: FileSaver = async ({ suggestedName, bytes }) => {
  saves.push({ suggestedName, text: new TextDecoder().decode(bytes) });
  return saverAnswer;
};

function open(withSaver: boolean): AppServices {
  app = createAppServices({
    secretStore: secrets,
    kv,
    clipboard: new MemoryClipboard(),
    localEmulatorUrl: emu.url,
    ...(withSaver ? { saveFile: saver } : {}),
  });
  return app;
}

function call<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  return app.router.call(name, payload) as Promise<Result<ResponseOf<K>>>;
}

async function signIn(email: string): Promise<string> {
  return value(await call('signInWithPassword', { email, password: DEMO_PASSWORD, environment: { kind: 'local' } })).activeAccountId!;
}

function draft(patch: Partial<SavedDraft> = {}): SavedDraft {
  return { method: 'GET', path: '/api/v1/users/me', query: [], headers: [], bodyKind: 'none', jsonText: '', formFields: [], text: '', textContentType: 'text/plain', auth: null, endpointId: '', ...patch };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
});
afterAll(async () => {
  await app?.dispose();
  await emu.close();
});
beforeEach(async () => {
  await app?.dispose();
  kv = new MemoryKv();
  secrets = new MemorySecretStore();
  saves = [];
  saverAnswer = { outcome: 'saved', path: '/home/ada/me.json' };
  open(true);
});

describe('a draft belongs to the account it was made for', () => {
  it('is not sent under another account, and nothing leaves the app', async () => {
    const ada = await signIn(ADA);
    const free = await signIn(FREE); // now the active account
    const sent = await call('sendRequest', { requestId: 'r1', request: composed({ auth: 'token' }), draftAccountId: ada });
    expect(sent).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!sent.ok) {
      expect(sent.error.message).toContain(`made for ${ADA} (Local emulator)`);
      expect(sent.error.message).toContain(`${FREE} (Local emulator) is the active account, so it was not sent`);
    }
    expect(value(await call('listHistory', {}))).toEqual([]);
    // Its own draft goes out.
    const own = value(await call('sendRequest', { requestId: 'r2', request: composed({ auth: 'token' }), draftAccountId: free }));
    expect(own.outcome).toMatchObject({ ok: true, response: { status: 200 } });
  });

  it('goes out under the active account when the request says the user chose so', async () => {
    const ada = await signIn(ADA);
    await signIn(FREE);
    const sent = value(await call('sendRequest', { requestId: 'r1', request: composed({ auth: 'token' }), draftAccountId: ada, sendAsActiveAccount: true }));
    expect(sent.outcome).toMatchObject({ ok: true, response: { status: 200 } });
    expect(sent.outcome.ok && JSON.parse(sent.outcome.response.text).email).toBe(FREE);
  });
});

describe('the request as sent', () => {
  it('shows the final URL and every header the app set, with the credential masked', async () => {
    const ada = await signIn(ADA);
    const token = await secrets.get(Object.keys(secrets.snapshot()).find((k) => k.includes(ada) && k.includes('token'))!);
    const sent = value(
      await call('sendRequest', {
        requestId: 'r1',
        request: composed({
          method: 'POST',
          path: '/api/v1/items',
          query: [{ name: 'limit', value: '5', enabled: true }, { name: 'access_token', value: 'abcdefghijklmnop', enabled: true }],
          headers: [{ name: 'X-Trace', value: 'abc', enabled: true }, { name: 'X-Api-Key', value: 'typed-secret-1234', enabled: true }],
          body: { kind: 'json', text: '{"title":"ink"}' },
          auth: 'token',
        }),
        draftAccountId: ada,
      }),
    );
    expect(sent.asSent.method).toBe('POST');
    expect(sent.asSent.url).toBe(`${emu.url}/api/v1/items?limit=5&access_token=abc…mnop`);
    expect(sent.asSent.bodyBytes).toBe(15);
    expect(sent.asSent.headers).toEqual([
      ['Host', new URL(emu.url).host],
      ['X-Trace', 'abc'],
      ['X-Api-Key', 'typ…1234'],
      ['Content-Type', 'application/json'],
      ['Authorization', `Bearer ${token!.slice(0, 3)}…${token!.slice(-4)}`],
      ['Content-Length', '15'],
    ]);
    expect(JSON.stringify(sent.asSent)).not.toContain(token!);
    expect(JSON.stringify(sent.asSent)).not.toContain('typed-secret-1234');
  });

  it('shows no Authorization for a request sent without a credential', async () => {
    const ada = await signIn(ADA);
    const sent = value(await call('sendRequest', { requestId: 'r1', request: composed({ path: '/api/v1/utils/health-check/', auth: 'none' }), draftAccountId: ada }));
    expect(sent.asSent.headers.map(([name]) => name)).toEqual(['Host']);
    expect(sent.asSent.bodyBytes).toBeNull();
  });
});

describe('Save body', () => {
  async function sentBody(): Promise<string> {
    const ada = await signIn(ADA);
    const sent = value(await call('sendRequest', { requestId: 'r1', request: composed({ auth: 'token' }), draftAccountId: ada }));
    if (!sent.outcome.ok) throw new Error('no response');
    return sent.outcome.response.historyId;
  }

  it('writes the body as shown through the host’s save dialog, named after the path', async () => {
    const historyId = await sentBody();
    expect(value(await call('saveResponseBody', { historyId }))).toEqual({ outcome: 'saved', path: '/home/ada/me.json' });
    expect(saves).toHaveLength(1);
    expect(saves[0]!.suggestedName).toBe('me.json');
    expect(JSON.parse(saves[0]!.text).email).toBe(ADA);
  });

  it('says so when the user cancels the dialog, and in words when the file cannot be written', async () => {
    const historyId = await sentBody();
    saverAnswer = { outcome: 'cancelled' };
    expect(value(await call('saveResponseBody', { historyId }))).toEqual({ outcome: 'cancelled' });
    saverAnswer = { outcome: 'failed', reason: 'EACCES: permission denied, open /root/me.json' };
    const failed = await call('saveResponseBody', { historyId });
    expect(failed).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    if (!failed.ok) expect(failed.error.message).not.toContain('EACCES');
  });

  it('answers the body as a download where the host has no save dialog (start:web)', async () => {
    await app.dispose();
    open(false);
    const historyId = await sentBody();
    const answer = value(await call('saveResponseBody', { historyId }));
    expect(answer).toMatchObject({ outcome: 'download', fileName: 'me.json', contentType: expect.stringMatching(/^application\/json/) });
    if (answer.outcome === 'download') expect(JSON.parse(Buffer.from(answer.base64, 'base64').toString('utf8')).email).toBe(ADA);
  });

  it('refuses a body it does not hold, or one of an account that signed out', async () => {
    expect(await call('saveResponseBody', { historyId: 'never-sent' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const historyId = await sentBody();
    const ada = value(await call('getState', {})).activeAccountId!;
    value(await call('signOut', { accountId: ada }));
    expect(await call('saveResponseBody', { historyId })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(saves).toEqual([]);
  });
});

describe('tabs across restarts', () => {
  it('keeps each account’s tabs for the next start, with what looked secret not kept, and forgets them at sign-out', async () => {
    const ada = await signIn(ADA);
    const free = await signIn(FREE);
    const apiKey = `dc_${'Zz9'.repeat(12)}`;
    const saved = value(
      await call('saveTabs', {
        accountId: ada,
        tabs: [
          { id: 't1', draft: draft({ path: '/api/v1/items', headers: [{ name: 'X-Api-Key', value: apiKey, enabled: true }] }) },
          { id: 't2', draft: draft() },
        ],
        activeTabId: 't2',
        split: 40,
      }),
    );
    expect(saved.tabs.map((t) => t.notKept)).toEqual([['header X-Api-Key'], []]);
    value(await call('saveTabs', { accountId: free, tabs: [{ id: 't3', draft: draft({ path: '/api/v1/usage' }) }], activeTabId: 't3', split: 40 }));
    expect(kv.toJSON()).not.toContain(apiKey);

    await app.dispose();
    open(true);
    const restored = value(await call('loadTabs', { accountId: ada }));
    expect(restored.tabs.map((t) => [t.id, t.draft.path, t.draft.headers[0]?.value ?? null])).toEqual([
      ['t1', '/api/v1/items', 'REDACTED'],
      ['t2', '/api/v1/users/me', null],
    ]);
    expect(restored.tabs[0]!.notKept).toEqual(['header X-Api-Key']);
    expect(restored).toMatchObject({ activeTabId: 't2', split: 40 });

    value(await call('signOut', { accountId: ada }));
    expect(await call('loadTabs', { accountId: ada })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(kv.toJSON()).not.toContain('t1');
    expect(value(await call('loadTabs', { accountId: free })).tabs.map((t) => t.id)).toEqual(['t3']);
  });

  it('refuses to keep tabs for an account that is not stored', async () => {
    expect(await call('saveTabs', { accountId: 'acc_nobody', tabs: [], activeTabId: null, split: 50 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(kv.get('workbench')).toBeUndefined();
  });
});
