/**
 * Which folders are collections: the default one in the app's data folder (always there), and the folders the user
 * picked, kept in the settings store under `collectionFolders` as `[{ id, folder }]`. Only paths are stored; the
 * files stay where they are, and forgetting a collection never deletes anything.
 */
import { basename } from 'node:path';
import { DEFAULT_COLLECTION_ID } from '../../src-shared/collections';
import type { KeyValueStore } from '../platform/ports';

/** The settings-store key of the picked folders. */
export const COLLECTION_FOLDERS_KEY = 'collectionFolders';

/** Most folders a user can add (a list, not a file system browser). */
export const MAX_COLLECTION_FOLDERS = 20;

/** One collection's folder. */
export interface CollectionFolder {
  id: string;
  folder: string;
  name: string;
  isDefault: boolean;
}

function stored(kv: KeyValueStore): { id: string; folder: string }[] {
  const value = kv.get(COLLECTION_FOLDERS_KEY);
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is { id: string; folder: string } =>
      !!v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { folder?: unknown }).folder === 'string',
  );
}

/** The collections' folders, the default one first. */
export class CollectionRegistry {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly defaultFolder: string,
  ) {}

  list(): CollectionFolder[] {
    return [
      { id: DEFAULT_COLLECTION_ID, folder: this.defaultFolder, name: 'My requests', isDefault: true },
      ...stored(this.kv).map((f) => ({ id: f.id, folder: f.folder, name: basename(f.folder) || f.folder, isDefault: false })),
    ];
  }

  get(id: string): CollectionFolder | null {
    return this.list().find((c) => c.id === id) ?? null;
  }

  /** Adds a folder (or answers the collection it already is); null when the list is full. */
  add(folder: string): CollectionFolder | null {
    const known = this.list().find((c) => c.folder === folder);
    if (known) return known;
    const current = stored(this.kv);
    if (current.length >= MAX_COLLECTION_FOLDERS) return null;
    const id = `c_${globalThis.crypto.randomUUID().slice(0, 12)}`;
    this.kv.set(COLLECTION_FOLDERS_KEY, [...current, { id, folder }]);
    return this.get(id);
  }

  /** Forgets a picked folder (its files stay); the default collection cannot be forgotten. */
  forget(id: string): boolean {
    const current = stored(this.kv);
    const next = current.filter((f) => f.id !== id);
    if (next.length === current.length) return false;
    this.kv.set(COLLECTION_FOLDERS_KEY, next);
    return true;
  }
}
