/**
 * Collections over the real services: the router and every service from `createAppServices`, the settings file and
 * the collection folder on disk, the emulator over HTTP, ada signed in with her password (a real session token the
 * files must never hold). Save → a `.http` file appears with no secret in it; a refused save writes nothing; an edit
 * made on disk shows in the next listing (the folder is watched); variables go to `http-client.env.json`; an OpenAPI
 * document and `.http` files are imported, and a file that holds a credential is refused.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { openSettingsFile } from '../../src-main/platform/settings-file';
import type { CollectionRequest, CollectionSummary } from '../../src-shared/collections';
import type { AppError, Result } from '../../src-shared/errors';
import type { ApiName } from '../../src-shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src-shared/ipc-contract';
import { heldSecret } from '../helpers/held-secret';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { value } from '../helpers/result';

let emu: RunningEmulator;
let dir: string;
let folder: string;
let app: AppServices;
let token = '';

function call<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return (app.router.call(name, payload) as Promise<Result<ResponseOf<K>>>).then(value);
}

async function refusal<K extends ApiName>(name: K, payload: RequestOf<K>): Promise<AppError> {
  const result = await app.router.call(name, payload);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error;
}

const request = (change: Partial<CollectionRequest>): CollectionRequest => ({
  name: 'Get one item',
  method: 'GET',
  path: '/api/v1/items/{id}',
  query: [],
  headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
  body: { kind: 'none' },
  auth: null,
  ...change,
});

const fileText = (name: string) => readFileSync(join(folder, name), 'utf8');
const defaultCollection = async (since?: number) => {
  const overview = await call('listCollections', since === undefined ? {} : { since });
  return { revision: overview.revision, collection: overview.collections?.find((c) => c.isDefault) ?? null };
};

/** Polls the listing as the renderer does until `check` holds (the watch reports a change within a moment). */
async function listedWhen(check: (c: CollectionSummary) => boolean, since: number): Promise<CollectionSummary> {
  const until = Date.now() + 5000;
  let last = since;
  while (Date.now() < until) {
    const { revision, collection } = await defaultCollection(last);
    last = revision;
    if (collection && check(collection)) return collection;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the change never showed');
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  dir = mkdtempSync(join(tmpdir(), 'dc-collections-'));
  folder = join(dir, 'collections');
  const settings = await openSettingsFile({ dir, flavour: 'conf' });
  app = createAppServices({ secretStore: new MemorySecretStore(), kv: settings.kv, clipboard: new MemoryClipboard(), localEmulatorUrl: emu.url, collectionsFolder: folder });
  const state = await call('signInWithPassword', { email: 'ada@deepcurrent.test', password: DEMO_PASSWORD, environment: { kind: 'local' } });
  token = (await heldSecret(app, state.activeAccountId!, 'token'))!;
  expect(token).toMatch(/^eyJ/);
});

afterAll(async () => {
  await app?.dispose();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collections on disk', () => {
  it('lists the default collection in the data folder, created and empty at first', async () => {
    const { collection } = await defaultCollection();
    expect(collection).toMatchObject({ id: 'default', folder, files: [], environments: [], error: null });
    expect(existsSync(folder)).toBe(true);
  });

  it('saves a request into a .http file that holds no credential, and the environment’s baseUrl beside it', async () => {
    const saved = await call('saveToCollection', { collectionId: 'default', file: 'items', request: request({}), replace: false });
    expect(saved).toEqual({ collectionId: 'default', file: 'items.http', name: 'Get one item', replaced: false });
    expect(fileText('items.http')).toBe('### Get one item\n# @name Get one item\nGET {{baseUrl}}/api/v1/items/{{id}}\nAccept: application/json\n');
    expect(JSON.parse(fileText('http-client.env.json'))).toEqual({ local: { baseUrl: emu.url } });
    const { collection } = await defaultCollection();
    expect(collection!.files.map((f) => [f.file, f.requests.map((r) => r.request.name)])).toEqual([['items.http', ['Get one item']]]);
    expect(collection!.environments).toEqual([{ name: 'local', variables: [{ name: 'baseUrl', value: emu.url }] }]);
    for (const name of readdirSync(folder)) expect(fileText(name)).not.toContain(token);
  });

  it('refuses a request with the session token in it, writes nothing, and says what to do', async () => {
    const before = fileText('items.http');
    const cases: CollectionRequest[] = [
      request({ name: 'With a header', headers: [{ name: 'Authorization', value: `Bearer ${token}`, enabled: true }] }),
      request({ name: 'In a body', method: 'POST', path: '/api/v1/items', body: { kind: 'json', text: `{"title": "${token}"}` } }),
      request({ name: 'In the query', query: [{ name: 'access_token', value: token, enabled: true }] }),
    ];
    for (const bad of cases) {
      const error = await refusal('saveToCollection', { collectionId: 'default', file: 'items.http', request: bad, replace: false });
      expect(error.kind).toBe('invalid-input');
      expect(error.message).toMatch(/^Not saved: this request holds a credential \(.+\)\. A collection never holds one/);
      expect(error.message).toContain('put a {{variable}} in its place');
      expect(error.message).not.toContain(token);
    }
    expect(fileText('items.http')).toBe(before);
  });

  it('asks before replacing a request of the same name, then replaces it in place', async () => {
    const error = await refusal('saveToCollection', { collectionId: 'default', file: 'items.http', request: request({ method: 'DELETE' }), replace: false });
    expect(error).toMatchObject({ kind: 'conflict', message: 'items.http already has a request named “Get one item”. Replace it, or choose another name.' });
    await call('saveToCollection', { collectionId: 'default', file: 'items.http', request: request({ name: 'List items', path: '/api/v1/items', query: [{ name: 'limit', value: '5', enabled: true }] }), replace: false });
    const replaced = await call('saveToCollection', { collectionId: 'default', file: 'items.http', request: request({ method: 'DELETE', auth: 'token' }), replace: true });
    expect(replaced.replaced).toBe(true);
    expect(fileText('items.http')).toBe(
      '### Get one item\n# @name Get one item\n# @deepcurrent-auth token\nDELETE {{baseUrl}}/api/v1/items/{{id}}\nAccept: application/json\n\n### List items\n# @name List items\nGET {{baseUrl}}/api/v1/items?limit=5\nAccept: application/json\n',
    );
  });

  it('shows an edit made on disk: the watch moves the revision, and the next listing has it', async () => {
    const { revision } = await defaultCollection();
    // Nothing changed: the poll answers no list.
    expect((await call('listCollections', { since: revision })).collections).toBeNull();
    appendFileSync(join(folder, 'items.http'), '\n### Health\nGET {{baseUrl}}/api/v1/utils/health-check/\n');
    const collection = await listedWhen((c) => c.files[0]!.requests.some((r) => r.request.name === 'Health'), revision);
    expect(collection.files[0]!.requests.map((r) => r.request.name)).toEqual(['Get one item', 'List items', 'Health']);
    // A new file made outside the app shows too.
    writeFileSync(join(folder, 'users.http'), 'GET {{baseUrl}}/api/v1/users/me\n');
    const withFile = await listedWhen((c) => c.files.some((f) => f.file === 'users.http'), 0);
    expect(withFile.files.find((f) => f.file === 'users.http')!.requests[0]!.request).toMatchObject({ name: 'GET /api/v1/users/me', path: '/api/v1/users/me' });
  });

  it('removes a request by name', async () => {
    await call('removeFromCollection', { collectionId: 'default', file: 'items.http', name: 'List items' });
    expect(fileText('items.http')).not.toContain('List items');
    expect(fileText('items.http')).toContain('### Health');
  });
});

describe('variables beside the collection', () => {
  it('writes an environment’s variables to http-client.env.json, keeping the others', async () => {
    await call('saveCollectionVariables', { collectionId: 'default', environment: 'staging', variables: [{ name: 'id', value: 'it_1' }] });
    await call('saveCollectionVariables', { collectionId: 'default', environment: 'local', variables: [{ name: 'baseUrl', value: emu.url }, { name: 'id', value: 'it_42' }, { name: 'password', value: '' }] });
    expect(JSON.parse(fileText('http-client.env.json'))).toEqual({ local: { baseUrl: emu.url, id: 'it_42', password: '' }, staging: { id: 'it_1' } });
  });

  it('refuses a secret-looking variable and writes nothing', async () => {
    const before = fileText('http-client.env.json');
    for (const variables of [[{ name: 'token', value: 'abc' }], [{ name: 'id', value: token }]]) {
      const error = await refusal('saveCollectionVariables', { collectionId: 'default', environment: 'local', variables });
      expect(error.kind).toBe('invalid-input');
      expect(error.message).toMatch(/looks like a credential\. Variables are written to a plain file beside the collection/);
      expect(error.message).not.toContain(token);
    }
    expect(fileText('http-client.env.json')).toBe(before);
  });
});

describe('imports', () => {
  it('imports the server’s own OpenAPI document into a new file, without a credential, the login endpoint without Auth', async () => {
    const imported = await call('importIntoCollection', { collectionId: 'default', source: { kind: 'server' } });
    expect(imported).toMatchObject({ collectionId: 'default', file: 'api-local.http' });
    expect(imported.count).toBeGreaterThan(10);
    const text = fileText('api-local.http');
    expect(text).toMatch(/^# Imported by DeepCurrent Desktop from the API description of http:\/\/127\.0\.0\.1:\d+\./);
    expect(text).toContain('GET {{baseUrl}}/api/v1/items/{{id}}');
    const { collection } = await defaultCollection();
    const file = collection!.files.find((f) => f.file === 'api-local.http')!;
    expect(file.problems).toEqual([]);
    const login = file.requests.find((r) => r.request.path === '/api/v1/login/access-token')!;
    expect(login.request).toMatchObject({ method: 'POST', auth: 'none' });
    expect(text).not.toContain(token);
  });

  it('imports a clean .http file as written, and refuses one that holds a credential', async () => {
    const clean = '@id = it_1\n\n### One item\nGET {{baseUrl}}/api/v1/items/{{id}}\n> {% client.test("ok", () => {}); %}\n';
    const imported = await call('importIntoCollection', { collectionId: 'default', source: { kind: 'http-file', fileName: '/home/ada/api/items.http', text: clean } });
    expect(imported).toEqual({ collectionId: 'default', file: 'items-2.http', count: 1, notes: [] });
    expect(fileText('items-2.http')).toBe(clean);

    const corpus = readFileSync(join(import.meta.dirname, '../collections/fixtures/jetbrains-http-client.http'), 'utf8');
    const error = await refusal('importIntoCollection', { collectionId: 'default', source: { kind: 'http-file', fileName: 'jetbrains.http', text: corpus } });
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toMatch(/^Not imported: jetbrains\.http holds a credential in “Basic authorization\.” \(the Authorization header\); “Authorization by token, part 1\. Retrieve and save token\.” \(the "token" field of the JSON body\)\./);
    expect(existsSync(join(folder, 'jetbrains.http'))).toBe(false);
  });

  it('imports an OpenAPI file, and says what is wrong with one that is not', async () => {
    const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/api/v1/things/{thing_id}': { put: { summary: 'Change a thing', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, new_password: { type: 'string' } } } } } } } } } };
    const imported = await call('importIntoCollection', { collectionId: 'default', source: { kind: 'openapi-file', fileName: 'things.json', text: JSON.stringify(doc) } });
    expect(imported).toMatchObject({ file: 'things.http', count: 1, notes: [] });
    expect(fileText('things.http')).toContain('PUT {{baseUrl}}/api/v1/things/{{thing_id}}\nContent-Type: application/json\n\n{\n  "name": "string",\n  "new_password": "{{new_password}}"\n}');
    const error = await refusal('importIntoCollection', { collectionId: 'default', source: { kind: 'openapi-file', fileName: 'things.yaml', text: 'openapi: 3.1.0' } });
    expect(error).toEqual({ kind: 'invalid-input', message: 'things.yaml is not JSON. The app imports OpenAPI documents written in JSON.' });
  });
});

describe('where the host cannot pick a folder', () => {
  it('answers in words that the preview cannot, and where the requests are', async () => {
    const error = await refusal('addCollectionFolder', {});
    expect(error).toEqual({ kind: 'unavailable', message: `Picking a folder is not available in the browser preview. Your requests are saved in ${folder}.` });
    expect((await call('listCollections', {})).canPickFolder).toBe(false);
  });
});
