/**
 * Collections in the renderer: the list main reads from disk (asked again cheaply: main answers no list while its
 * revision is unchanged, so the panel polls), the collection and environment in use, opening a saved request into
 * the draft, the Save dialog (from the draft or from a history entry), variables and imports. Main decides what may
 * be written; a refusal comes back as a `{kind, message}` shown as it is.
 */
import {
  collectionEnvironmentName,
  DEFAULT_COLLECTION_FILE,
  DEFAULT_COLLECTION_ID,
  type CollectionRequest,
  type CollectionSummary,
  type SavedRequest,
  type Variable,
} from '../../src-shared/collections';
import type { AppError, Result } from '../../src-shared/errors';
import type { RequestOf } from '../../src-shared/ipc-contract';
import type { HistoryEntry } from '../../src-shared/tester';
import { call } from '../api';
import type { VariableSources } from './draft-variables';
import { activeAccount } from './session-slice';
import type { AppStore, SliceCreator } from './store-types';
import { fromComposed, toComposed, type DraftSource, type TesterDraft } from './tester-draft';
import { pathPart } from './tester-url';

/** The Save dialog: what is saved, where, and what main answered. */
export interface SaveDialog {
  request: CollectionRequest;
  from: 'draft' | 'history';
  collectionId: string;
  file: string;
  error: AppError | null;
  /** Main said a request of that name exists: the dialog offers to replace it. */
  conflict: boolean;
  busy: boolean;
}

export interface CollectionsState {
  list: CollectionSummary[] | null;
  revision: number | null;
  canPickFolder: boolean;
  error: AppError | null;
  /** The collection the panel shows. */
  selectedId: string;
  /** The environment whose variables apply; null: the one named after the active account's environment. */
  environment: string | null;
  /** The last thing done, in words (saved, imported, opened with notes), for a status line. */
  notice: string | null;
  save: SaveDialog | null;
}

export interface CollectionsSlice {
  collections: CollectionsState;
  /** Asks main for the collections; it answers a list only when something changed since the one held. */
  refreshCollections(): Promise<void>;
  selectCollection(id: string): void;
  selectEnvironment(name: string | null): void;
  /** Opens a saved request into the draft (its collection and file remembered for variables and Save). */
  openSavedRequest(collectionId: string, file: string, savedId: string): void;
  /** Opens the Save dialog for the draft. */
  startSaveDraft(): void;
  /** Opens the Save dialog for a history entry (as history keeps it: redacted). */
  startSaveHistoryEntry(entry: HistoryEntry): void;
  updateSave(patch: Partial<Pick<SaveDialog, 'collectionId' | 'file'>> & { name?: string }): void;
  /** Saves; `replace` after the user chose to replace a request of the same name. */
  confirmSave(replace?: boolean): Promise<void>;
  cancelSave(): void;
  removeSavedRequest(collectionId: string, file: string, name: string): Promise<void>;
  addCollectionFolder(): Promise<void>;
  forgetCollectionFolder(id: string): Promise<void>;
  saveVariables(collectionId: string, environment: string, variables: Variable[]): Promise<Result<null>>;
  importIntoCollection(source: RequestOf<'importIntoCollection'>['source']): Promise<void>;
  clearCollectionsNotice(): void;
}

const initial: CollectionsState = {
  list: null,
  revision: null,
  canPickFolder: false,
  error: null,
  selectedId: DEFAULT_COLLECTION_ID,
  environment: null,
  notice: null,
  save: null,
};

/** The environment name in use for the active account (the chosen one, else the one named after its environment). */
export function environmentInUse(state: Pick<AppStore, 'collections' | 'app'>): string {
  if (state.collections.environment) return state.collections.environment;
  const account = activeAccount(state);
  return account ? collectionEnvironmentName(account.environment) : 'local';
}

const NONE: Variable[] = [];

/**
 * Where a draft's variables come from: its file's, and its collection's environment (the draft's collection, else
 * the one shown). The lists are the store's own (stable while nothing changes), so a component may select them.
 */
export function variableSources(
  list: CollectionSummary[] | null,
  collectionId: string,
  source: DraftSource | null | undefined,
  environmentName: string,
  baseUrl: string | null,
): VariableSources {
  const collection = list?.find((c) => c.id === (source?.collectionId ?? collectionId));
  const file = source ? collection?.files.find((f) => f.file === source.file) : undefined;
  const environment = collection?.environments.find((e) => e.name === environmentName);
  return { file: file?.variables ?? NONE, environment: environment?.variables ?? NONE, baseUrl };
}

/** The variable sources of the draft in the store (for a Send). */
export function variableSourcesOf(state: AppStore, draft: TesterDraft = state.tester.draft): VariableSources {
  return variableSources(state.collections.list, state.collections.selectedId, draft.source, environmentInUse(state), activeAccount(state)?.baseUrl ?? null);
}

/** A saved request as a draft. */
export function draftFromSaved(saved: SavedRequest, source: DraftSource): TesterDraft {
  const { request } = saved;
  return { ...fromComposed({ ...request, auth: 'none' }), auth: request.auth, source, variables: {} };
}

/** The draft as a collection request of that name (the URL's query is in the rows; disabled rows are not saved). */
export function collectionRequestOf(draft: TesterDraft, name: string): CollectionRequest {
  const composed = toComposed(draft, null);
  return { name, method: composed.method, path: pathPart(draft.path.trim()), query: composed.query, headers: composed.headers, body: composed.body, auth: draft.auth };
}

export const createCollectionsSlice: SliceCreator<CollectionsSlice> = (set, get) => {
  const patch = (p: Partial<CollectionsState>) => set({ collections: { ...get().collections, ...p } });
  const patchSave = (p: Partial<SaveDialog>) => {
    const save = get().collections.save;
    if (save) patch({ save: { ...save, ...p } });
  };

  /** The file a new Save goes to in a collection: the draft's own file there, else its first file, else the default. */
  const fileFor = (collectionId: string, preferred: string | null) => {
    const collection = get().collections.list?.find((c) => c.id === collectionId);
    if (preferred && collection?.files.some((f) => f.file === preferred)) return preferred;
    return collection?.files[0]?.file ?? preferred ?? DEFAULT_COLLECTION_FILE;
  };

  const openSave = (request: CollectionRequest, from: SaveDialog['from'], source: DraftSource | null) => {
    const collectionId = source?.collectionId ?? get().collections.selectedId;
    patch({ notice: null, save: { request, from, collectionId, file: fileFor(collectionId, source?.file ?? null), error: null, conflict: false, busy: false } });
  };

  return {
    collections: initial,

    async refreshCollections() {
      const { revision } = get().collections;
      const result = await call('listCollections', revision === null ? {} : { since: revision });
      if (!result.ok) {
        patch({ error: result.error });
        return;
      }
      const { collections, canPickFolder } = result.value;
      if (collections === null) return;
      const selected = collections.some((c) => c.id === get().collections.selectedId) ? get().collections.selectedId : DEFAULT_COLLECTION_ID;
      patch({ list: collections, revision: result.value.revision, canPickFolder, error: null, selectedId: selected });
    },

    selectCollection(id) {
      patch({ selectedId: id, notice: null });
    },

    selectEnvironment(name) {
      patch({ environment: name });
    },

    openSavedRequest(collectionId, file, savedId) {
      const collection = get().collections.list?.find((c) => c.id === collectionId);
      const saved = collection?.files.find((f) => f.file === file)?.requests.find((r) => r.id === savedId);
      if (!saved) return;
      get().updateDraft(draftFromSaved(saved, { collectionId, file, name: saved.request.name }));
      const notes = saved.notes.length > 0 ? ` ${saved.notes.join(' ')}` : '';
      patch({ notice: `Opened “${saved.request.name}” from ${file}.${notes}` });
    },

    startSaveDraft() {
      const { draft } = get().tester;
      const name = draft.source?.name ?? `${draft.method} ${pathPart(draft.path.trim()) || '/'}`;
      openSave(collectionRequestOf(draft, name), 'draft', draft.source ?? null);
    },

    startSaveHistoryEntry(entry) {
      // History keeps the credential kind the account used; a collection keeps only a choice of none.
      const draft = { ...fromComposed(entry.request), auth: entry.request.auth === 'none' ? ('none' as const) : null };
      openSave(collectionRequestOf(draft, `${entry.request.method} ${pathPart(entry.request.path) || '/'}`), 'history', null);
    },

    updateSave(p) {
      const save = get().collections.save;
      if (!save) return;
      const { name, ...rest } = p;
      const collectionId = rest.collectionId ?? save.collectionId;
      const file = rest.file ?? (rest.collectionId && rest.collectionId !== save.collectionId ? fileFor(collectionId, null) : save.file);
      patchSave({ collectionId, file, request: name === undefined ? save.request : { ...save.request, name }, error: null, conflict: false });
    },

    async confirmSave(replace = false) {
      const save = get().collections.save;
      if (!save || save.busy) return;
      if (save.request.name.trim() === '') {
        patchSave({ error: { kind: 'invalid-input', message: 'Give the request a name.' } });
        return;
      }
      patchSave({ busy: true, error: null });
      const result = await call('saveToCollection', { collectionId: save.collectionId, file: save.file, request: save.request, replace });
      if (!result.ok) {
        patchSave({ busy: false, error: result.error.kind === 'conflict' ? null : result.error, conflict: result.error.kind === 'conflict' });
        return;
      }
      const { collectionId, file, name, replaced } = result.value;
      if (save.from === 'draft') get().updateDraft({ source: { collectionId, file, name } });
      patch({ save: null, selectedId: collectionId, notice: `${replaced ? 'Replaced' : 'Saved'} “${name}” in ${file}.` });
      await get().refreshCollections();
    },

    cancelSave() {
      patch({ save: null });
    },

    async removeSavedRequest(collectionId, file, name) {
      const result = await call('removeFromCollection', { collectionId, file, name });
      patch(result.ok ? { notice: `Removed “${name}” from ${file}.`, error: null } : { error: result.error });
      await get().refreshCollections();
    },

    async addCollectionFolder() {
      const result = await call('addCollectionFolder', {});
      if (!result.ok) {
        patch({ error: result.error });
        return;
      }
      await get().refreshCollections();
      if (result.value.collectionId) patch({ selectedId: result.value.collectionId, error: null });
    },

    async forgetCollectionFolder(id) {
      const result = await call('forgetCollectionFolder', { collectionId: id });
      if (!result.ok) patch({ error: result.error });
      else patch({ selectedId: DEFAULT_COLLECTION_ID, notice: 'The folder was removed from the list; its files are still there.' });
      await get().refreshCollections();
    },

    async saveVariables(collectionId, environment, variables) {
      const result = await call('saveCollectionVariables', { collectionId, environment, variables });
      if (result.ok) {
        patch({ notice: `Saved the variables of ${environment}.` });
        await get().refreshCollections();
      }
      return result;
    },

    async importIntoCollection(source) {
      const collectionId = get().collections.selectedId;
      const result = await call('importIntoCollection', { collectionId, source });
      if (!result.ok) {
        patch({ error: result.error, notice: null });
        return;
      }
      const { file, count, notes } = result.value;
      patch({ error: null, notice: `Imported ${count} request${count === 1 ? '' : 's'} into ${file}.${notes.length > 0 ? ` ${notes.slice(0, 3).join(' ')}` : ''}` });
      await get().refreshCollections();
    },

    clearCollectionsNotice() {
      patch({ notice: null });
    },
  };
};
