/**
 * The files of folders the user owns (collections of `.http` files): list, read, write atomically, watch. A port,
 * so features hold no `fs` code; its Node adapter (`createNodeFolderFiles`) serves the app, start:web and tests
 * alike, since Node's `fs` is the same in Electron's main process.
 */
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** One file of a folder. */
export interface FileEntry {
  name: string;
  size: number;
  mtimeMs: number;
}

/** Why a folder or a file could not be used. `missing`: it is not there; `denied`: no permission. */
export class FolderError extends Error {
  constructor(
    readonly reason: 'missing' | 'denied' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'FolderError';
  }
}

/** A watch on a folder; `close()` stops it. */
export interface FolderWatch {
  close(): void;
}

/** Files in user folders. Every method rejects with a {@link FolderError}. */
export interface FolderFiles {
  /** The plain files directly in a folder (no sub-folders, no hidden files). */
  list(folder: string): Promise<FileEntry[]>;
  /** A file's text (UTF-8). */
  read(path: string): Promise<string>;
  /** Writes a file atomically (a temporary file beside it, then a rename), creating its folder. */
  write(path: string, text: string): Promise<void>;
  /** Creates a folder (and its parents) when it is missing. */
  ensureFolder(folder: string): Promise<void>;
  /**
   * Calls `onChange` when anything in the folder changes (several events may come for one change), and `onEnded`
   * when the watch stops by itself (the folder was removed); null when the folder cannot be watched (the caller
   * then compares listings instead).
   */
  watch(folder: string, onChange: () => void, onEnded?: () => void): FolderWatch | null;
}

function folderError(err: unknown, what: string): FolderError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FolderError('missing', `${what} is not there.`);
  if (code === 'EACCES' || code === 'EPERM') return new FolderError('denied', `The app may not open ${what}.`);
  return new FolderError('other', `${what} could not be read (${code ?? 'unknown error'}).`);
}

/** The Node adapter over `fs`. */
export function createNodeFolderFiles(): FolderFiles {
  return {
    async list(folder) {
      try {
        const entries = await readdir(folder, { withFileTypes: true });
        const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
        const out: FileEntry[] = [];
        for (const file of files) {
          const info = await stat(join(folder, file.name)).catch(() => null);
          if (info) out.push({ name: file.name, size: info.size, mtimeMs: info.mtimeMs });
        }
        return out;
      } catch (err) {
        throw folderError(err, `The folder ${folder}`);
      }
    },
    async read(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        throw folderError(err, `The file ${basename(path)}`);
      }
    },
    async write(path, text) {
      const temporary = join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temporary, text, { encoding: 'utf8', mode: 0o644 });
        await rename(temporary, path);
      } catch (err) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw folderError(err, `The file ${basename(path)}`);
      }
    },
    async ensureFolder(folder) {
      try {
        await mkdir(folder, { recursive: true });
      } catch (err) {
        throw folderError(err, `The folder ${folder}`);
      }
    },
    watch(folder, onChange, onEnded) {
      let watcher: FSWatcher;
      try {
        watcher = watch(folder, { persistent: false }, () => onChange());
      } catch {
        return null;
      }
      // A folder removed or unmounted while watched: the change shows on the next listing.
      watcher.on('error', () => {
        watcher.close();
        onEnded?.();
        onChange();
      });
      return { close: () => watcher.close() };
    },
  };
}
