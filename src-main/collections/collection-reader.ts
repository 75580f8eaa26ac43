/**
 * Reads a collection's folder: its `.http` / `.rest` files (directly in the folder, sorted by name, at most
 * {@link MAX_FILES}, each at most {@link MAX_FILE_BYTES}) into saved requests, and its `http-client.env.json`. A file
 * is parsed again only when its size or modification time changed, so listing a large collection a second time
 * costs a directory listing.
 */
import { join } from 'node:path';
import {
  COLLECTION_FILE_EXTENSIONS,
  ENVIRONMENT_FILE,
  type CollectionFile,
  type CollectionSummary,
  type SavedRequest,
} from '../../src-shared/collections';
import { FolderError, type FileEntry, type FolderFiles } from '../platform/folder-files';
import type { CollectionFolder } from './collection-registry';
import { readEnvironments } from './environment-file';
import { readHttpFile } from './http-file-reader';
import { fromHttpRequest } from './request-mapping';

/** Most files a collection lists. */
export const MAX_FILES = 200;
/** Largest file read; a larger one is listed with a problem. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** One file's text as requests, with the problems of the requests the app cannot use. */
export function parseCollectionFile(file: string, text: string): CollectionFile {
  const parsed = readHttpFile(text);
  const requests: SavedRequest[] = [];
  const problems: string[] = [];
  const variables = parsed.blocks.flatMap((b) => b.variables);
  parsed.blocks.forEach((block, index) => {
    if (!block.request) {
      if (block.unrecognised.length > 0) {
        problems.push(`A block the app does not read as a request: "${block.unrecognised[0]!.slice(0, 80)}".`);
      }
      return;
    }
    const mapped = fromHttpRequest(block.request, { preScript: block.preScript.length > 0, responseHandler: block.responseHandler.length > 0 });
    if (!mapped.ok) problems.push(mapped.problem);
    else requests.push({ id: `${file}#${index}`, request: mapped.request, notes: mapped.notes });
  });
  return { file, requests, variables, problems };
}

function isCollectionFile(name: string): boolean {
  const lower = name.toLowerCase();
  return COLLECTION_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A file's listing, to tell whether it changed. */
function signature(entry: FileEntry): string {
  return `${entry.size}:${entry.mtimeMs}`;
}

/** Reads collections' folders, parsing each file again only when it changed. */
export class CollectionReader {
  private readonly cache = new Map<string, { signature: string; file: CollectionFile }>();

  constructor(private readonly files: FolderFiles) {}

  /** A cheap fingerprint of a folder's files (names, sizes, times), to notice a change without a watch. */
  async fingerprint(folder: string): Promise<string> {
    try {
      const entries = await this.files.list(folder);
      return entries
        .map((e) => `${e.name}=${signature(e)}`)
        .sort()
        .join('|');
    } catch (err) {
      return err instanceof FolderError ? `error:${err.reason}` : 'error';
    }
  }

  /** Drops what is known of a file (after the app wrote it: a change within the same clock tick looks the same). */
  forget(folder: string, file: string): void {
    this.cache.delete(join(folder, file));
  }

  /** One collection as listed. A folder that cannot be read is listed with its error and no files. */
  async read(collection: CollectionFolder): Promise<CollectionSummary> {
    const summary: CollectionSummary = {
      id: collection.id,
      name: collection.name,
      folder: collection.folder,
      isDefault: collection.isDefault,
      files: [],
      environments: [],
      error: null,
    };
    let entries: FileEntry[];
    try {
      entries = await this.files.list(collection.folder);
    } catch (err) {
      summary.error = err instanceof FolderError ? err.message : 'The folder could not be read.';
      return summary;
    }
    const httpFiles = entries.filter((e) => isCollectionFile(e.name)).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of httpFiles.slice(0, MAX_FILES)) summary.files.push(await this.readFile(collection.folder, entry));
    if (httpFiles.length > MAX_FILES) {
      summary.error = `This folder has ${httpFiles.length} request files; the app lists the first ${MAX_FILES}.`;
    }
    const envEntry = entries.find((e) => e.name === ENVIRONMENT_FILE);
    if (envEntry) {
      const text = envEntry.size <= MAX_FILE_BYTES ? await this.files.read(join(collection.folder, ENVIRONMENT_FILE)).catch(() => null) : null;
      const { environments, problem } = readEnvironments(text);
      summary.environments = environments;
      if (problem) summary.error = problem;
    }
    return summary;
  }

  private async readFile(folder: string, entry: FileEntry): Promise<CollectionFile> {
    const path = join(folder, entry.name);
    const cached = this.cache.get(path);
    if (cached && cached.signature === signature(entry)) return cached.file;
    let file: CollectionFile;
    if (entry.size > MAX_FILE_BYTES) {
      file = { file: entry.name, requests: [], variables: [], problems: [`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; the app does not read it.`] };
    } else {
      try {
        file = parseCollectionFile(entry.name, await this.files.read(path));
      } catch (err) {
        file = { file: entry.name, requests: [], variables: [], problems: [err instanceof FolderError ? err.message : 'The file could not be read.'] };
      }
    }
    this.cache.set(path, { signature: signature(entry), file });
    return file;
  }
}
