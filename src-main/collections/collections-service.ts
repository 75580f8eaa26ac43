/**
 * The collections' IPC handlers. Main owns the files: it lists the collections' folders (the default one in the
 * app's data folder, and the folders the user picked), watches them so that an edit made on disk shows (the renderer
 * polls `listCollections` with the revision it has; an unchanged revision answers no list), saves a request by name
 * into a `.http` file, keeps the environments' variables in `http-client.env.json`, and imports OpenAPI documents and
 * `.http` files. Nothing that looks like a credential is ever written (`collection-secrets.ts`).
 */
import { basename, join } from 'node:path';
import { findVariableSecrets, variableSecretsMessage } from '../../src-shared/collection-secrets';
import {
  collectionEnvironmentName,
  collectionFileName,
  ENVIRONMENT_FILE,
  type CollectionsOverview,
  type ImportedInto,
  type SavedTo,
  type Variable,
} from '../../src-shared/collections';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import { readSettings, type ServiceContext } from '../accounts';
import { FolderError, type FolderFiles } from '../platform/folder-files';
import type { FolderPicker } from '../platform/ports';
import { loadEndpoints, parseOpenApi } from '../tester';
import { CollectionReader } from './collection-reader';
import { CollectionRegistry, type CollectionFolder } from './collection-registry';
import { CollectionWatch } from './collection-watch';
import { removeRequestText, saveRequestText } from './collection-edits';
import { checkHttpImport, openApiFileText } from './collection-imports';
import { readEnvironments, variablesOf, writeEnvironment } from './environment-file';
import { BASE_URL_VARIABLE } from '../../src-shared/variables';

/** The handlers, and `dispose` (stops the folder watches). */
export type CollectionsHandlers = Pick<
  ApiHandlers,
  | 'listCollections'
  | 'saveToCollection'
  | 'removeFromCollection'
  | 'addCollectionFolder'
  | 'forgetCollectionFolder'
  | 'saveCollectionVariables'
  | 'importIntoCollection'
> & { dispose(): void };

/** What the collections need beyond the shared context. */
export interface CollectionsOptions {
  /** `<data folder>/collections`; null where the host keeps none (then every handler answers `unavailable`). */
  defaultFolder: string | null;
  files: FolderFiles;
  /** The desktop app's folder dialog; null in the browser preview. */
  pickFolder: FolderPicker | null;
}

const NO_COLLECTIONS: AppError = { kind: 'unavailable', message: 'Collections are not available in this build of the app.' };
const UNKNOWN_COLLECTION: AppError = { kind: 'not-found', message: 'That collection is no longer in the list. Reload the collections.' };

function writeFailed(err: unknown, what: string): AppError {
  const reason = err instanceof FolderError ? err.message : 'The system refused.';
  return { kind: 'unavailable', message: `${what} could not be written: ${reason} Nothing was saved.` };
}

/** Creates the collections' handlers. */
export function createCollectionsHandlers(ctx: ServiceContext, options: CollectionsOptions): CollectionsHandlers {
  const { files } = options;
  const registry = options.defaultFolder ? new CollectionRegistry(ctx.kv, options.defaultFolder) : null;
  const reader = new CollectionReader(files);
  const watch = new CollectionWatch(files, (folder) => reader.fingerprint(folder));
  const locks = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task on the same file, so two saves never interleave their read and write. */
  function locked<T>(path: string, task: () => Promise<T>): Promise<T> {
    const previous = locks.get(path) ?? Promise.resolve();
    const next = previous.then(task, task);
    locks.set(path, next.catch(() => undefined));
    return next;
  }

  async function readOrEmpty(path: string): Promise<Result<string>> {
    try {
      return ok(await files.read(path));
    } catch (err) {
      if (err instanceof FolderError && err.reason === 'missing') return ok('');
      return fail({ kind: 'unavailable', message: err instanceof FolderError ? err.message : 'The file could not be read.' });
    }
  }

  function collectionOf(id: string): Result<CollectionFolder> {
    if (!registry) return fail(NO_COLLECTIONS);
    const found = registry.get(id);
    return found ? ok(found) : fail(UNKNOWN_COLLECTION);
  }

  /** The active account's environment name and base URL, when an account is active and its environment available. */
  function activeEnvironment(): { name: string; baseUrl: string } | null {
    const account = ctx.session.active();
    if (!account) return null;
    const bound = ctx.session.bound(account.id);
    return bound.ok ? { name: collectionEnvironmentName(account.environment), baseUrl: bound.value.baseUrl } : null;
  }

  /** Writes the env file of a collection after `change` (locked with the file). */
  function editEnvironmentFile(collection: CollectionFolder, change: (text: string) => Result<string | null>): Promise<Result<null>> {
    const path = join(collection.folder, ENVIRONMENT_FILE);
    return locked(path, async () => {
      const current = await readOrEmpty(path);
      if (!current.ok) return current;
      const next = change(current.value);
      if (!next.ok) return next;
      if (next.value === null) return ok(null);
      try {
        await files.write(path, next.value);
      } catch (err) {
        return fail(writeFailed(err, ENVIRONMENT_FILE));
      }
      return ok(null);
    });
  }

  /** Gives the active environment a `baseUrl` variable in the env file when it has none (for use in an IDE). */
  async function ensureBaseUrl(collection: CollectionFolder): Promise<void> {
    const env = activeEnvironment();
    if (!env) return;
    await editEnvironmentFile(collection, (text) => {
      const variables = variablesOf(readEnvironments(text).environments, env.name);
      if (variables.some((v) => v.name === BASE_URL_VARIABLE)) return ok(null);
      return ok(writeEnvironment(text, env.name, [{ name: BASE_URL_VARIABLE, value: env.baseUrl }, ...variables]));
    });
  }

  /** A file name free in the folder: `name.http`, else `name-2.http`, … */
  async function freeFileName(collection: CollectionFolder, wanted: string): Promise<string> {
    const taken = new Set((await files.list(collection.folder).catch(() => [])).map((e) => e.name.toLowerCase()));
    const dot = wanted.lastIndexOf('.');
    const stem = wanted.slice(0, dot);
    const ext = wanted.slice(dot);
    let name = wanted;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${stem}-${n}${ext}`;
    return name;
  }

  /** Writes a new file (an import) into a collection. */
  async function writeNewFile(collection: CollectionFolder, wanted: string, text: string, count: number, notes: string[]): Promise<Result<ImportedInto>> {
    const file = await freeFileName(collection, wanted);
    try {
      await files.write(join(collection.folder, file), text);
    } catch (err) {
      return fail(writeFailed(err, file));
    }
    await ensureBaseUrl(collection);
    watch.bump();
    return ok({ collectionId: collection.id, file, count, notes });
  }

  async function listCollections({ since }: RequestOf<'listCollections'>): Promise<Result<CollectionsOverview>> {
    if (!registry || !options.defaultFolder) return fail(NO_COLLECTIONS);
    await files.ensureFolder(options.defaultFolder).catch(() => undefined); // the reader says when it is missing
    const folders = registry.list();
    const revision = await watch.sync(folders.map((f) => f.folder));
    const canPickFolder = options.pickFolder !== null;
    if (since === revision) return ok({ revision, collections: null, canPickFolder });
    const collections = [];
    for (const folder of folders) collections.push(await reader.read(folder));
    return ok({ revision, collections, canPickFolder });
  }

  async function saveToCollection({ collectionId, file, request, replace }: RequestOf<'saveToCollection'>): Promise<Result<SavedTo>> {
    const collection = collectionOf(collectionId);
    if (!collection.ok) return collection;
    const name = request.name.trim();
    if (name === '') return fail({ kind: 'invalid-input', message: 'Give the request a name.' });
    const fileName = collectionFileName(file);
    if (!fileName) {
      return fail({ kind: 'invalid-input', message: 'Use a file name of letters, digits, spaces, dots, dashes or underscores, ending .http.' });
    }
    const folder = collection.value.folder;
    const path = join(folder, fileName);
    const saved = await locked(path, async (): Promise<Result<SavedTo>> => {
      const current = await readOrEmpty(path);
      if (!current.ok) return current;
      const next = saveRequestText(current.value, { ...request, name }, { replace, file: fileName });
      if (!next.ok) return next;
      try {
        await files.write(path, next.value.text);
      } catch (err) {
        return fail(writeFailed(err, fileName));
      }
      reader.forget(folder, fileName);
      return ok({ collectionId, file: fileName, name, replaced: next.value.replaced });
    });
    if (!saved.ok) return saved;
    await ensureBaseUrl(collection.value);
    watch.bump();
    return saved;
  }

  async function removeFromCollection({ collectionId, file, name }: RequestOf<'removeFromCollection'>): Promise<Result<null>> {
    const collection = collectionOf(collectionId);
    if (!collection.ok) return collection;
    const fileName = collectionFileName(file);
    if (!fileName) return fail({ kind: 'invalid-input', message: 'That is not a collection file.' });
    const path = join(collection.value.folder, fileName);
    const removed = await locked(path, async (): Promise<Result<null>> => {
      const current = await readOrEmpty(path);
      if (!current.ok) return current;
      const next = removeRequestText(current.value, name, fileName);
      if (!next.ok) return next;
      try {
        await files.write(path, next.value);
      } catch (err) {
        return fail(writeFailed(err, fileName));
      }
      reader.forget(collection.value.folder, fileName);
      return ok(null);
    });
    if (removed.ok) watch.bump();
    return removed;
  }

  async function saveCollectionVariables({ collectionId, environment, variables }: RequestOf<'saveCollectionVariables'>): Promise<Result<null>> {
    const collection = collectionOf(collectionId);
    if (!collection.ok) return collection;
    const rows: Variable[] = variables.map((v) => ({ name: v.name.trim(), value: v.value })).filter((v) => v.name !== '');
    const names = new Set<string>();
    for (const row of rows) {
      if (names.has(row.name)) return fail({ kind: 'invalid-input', message: `The variable ${row.name} is listed twice.` });
      names.add(row.name);
    }
    const secrets = findVariableSecrets(rows);
    if (secrets.length > 0) return fail({ kind: 'invalid-input', message: variableSecretsMessage(secrets) });
    const written = await editEnvironmentFile(collection.value, (text) => ok(writeEnvironment(text, environment, rows)));
    if (written.ok) watch.bump();
    return written;
  }

  async function importIntoCollection({ collectionId, source }: RequestOf<'importIntoCollection'>): Promise<Result<ImportedInto>> {
    const collection = collectionOf(collectionId);
    if (!collection.ok) return collection;
    switch (source.kind) {
      case 'server': {
        const account = ctx.session.active();
        if (!account) return fail({ kind: 'not-signed-in', message: 'Sign in to an account to import its server’s API description.' });
        const bound = ctx.session.bound(account.id);
        if (!bound.ok) return bound;
        const timeoutMs = readSettings(ctx.kv).requestTimeoutSeconds * 1000;
        const list = await loadEndpoints(ctx.http, ctx.kv, ctx.clock, bound.value.baseUrl, { timeoutMs });
        if (!list.ok) return list;
        const envName = collectionEnvironmentName(account.environment);
        const { text, count, notes } = openApiFileText(list.value.endpoints, `the API description of ${bound.value.baseUrl}`);
        return writeNewFile(collection.value, collectionFileName(`api-${envName.replace(/[^A-Za-z0-9._-]/g, '-')}`) ?? 'api.http', text, count, notes);
      }
      case 'openapi-file': {
        let doc: unknown;
        try {
          doc = JSON.parse(source.text);
        } catch {
          return fail({ kind: 'invalid-input', message: `${source.fileName} is not JSON. The app imports OpenAPI documents written in JSON.` });
        }
        const endpoints = parseOpenApi(doc);
        if (!endpoints.ok) return fail({ kind: 'invalid-input', message: `${source.fileName} is not an OpenAPI 3 document with paths.` });
        const { text, count, notes } = openApiFileText(endpoints.value, basename(source.fileName));
        const stem = basename(source.fileName).replace(/\.[^.]*$/, '');
        return writeNewFile(collection.value, collectionFileName(stem.replace(/[^A-Za-z0-9 ._-]/g, '-')) ?? 'openapi.http', text, count, notes);
      }
      case 'http-file': {
        const checked = checkHttpImport(basename(source.fileName), source.text);
        if (!checked.ok) return checked;
        const stem = basename(source.fileName).replace(/\.(http|rest)$/i, '');
        const wanted = collectionFileName(stem.replace(/[^A-Za-z0-9 ._-]/g, '-')) ?? 'imported.http';
        return writeNewFile(collection.value, wanted, source.text, checked.value.count, checked.value.notes);
      }
    }
  }

  return {
    listCollections,
    saveToCollection,
    removeFromCollection,
    saveCollectionVariables,
    importIntoCollection,
    async addCollectionFolder() {
      if (!registry || !options.defaultFolder) return fail(NO_COLLECTIONS);
      if (!options.pickFolder) {
        return fail({
          kind: 'unavailable',
          message: `Picking a folder is not available in the browser preview. Your requests are saved in ${options.defaultFolder}.`,
        });
      }
      const folder = await options.pickFolder();
      if (!folder) return ok({ collectionId: null });
      const added = registry.add(folder);
      if (!added) return fail({ kind: 'invalid-input', message: 'The list of collections is full; forget one first.' });
      watch.bump();
      return ok({ collectionId: added.id });
    },
    async forgetCollectionFolder({ collectionId }) {
      if (!registry) return fail(NO_COLLECTIONS);
      if (!registry.forget(collectionId)) return fail({ kind: 'invalid-input', message: 'Only a folder you added can be removed from the list.' });
      watch.bump();
      return ok(null);
    },
    dispose() {
      watch.close();
    },
  };
}
