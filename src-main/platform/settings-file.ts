/**
 * The settings file (non-secret data only: accounts' metadata, settings, history, caches), through electron-store
 * in the Electron app and conf (which electron-store extends, same file format) under plain Node. A damaged or
 * truncated file is moved aside with a timestamp before the store opens it, the app starts on defaults and tells
 * the user; keychain secrets are never touched by this. Reads come from memory; writes go through to the file.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from './ports';

export interface OpenedSettingsFile {
  kv: KeyValueStore;
  notices: string[];
  path: string;
}

export interface SettingsFileOptions {
  dir: string;
  name?: string;
  flavour: 'conf' | 'electron-store';
  /** The clock that names a moved-aside file (default: the current time). */
  now?: () => Date;
}

interface RawStore {
  store: Record<string, unknown>;
}

/** Moves a file that is not a JSON object aside; returns the notice to show, or null when the file is sound. */
function recoverDamagedFile(path: string, now: () => Date = () => new Date()): string | null {
  if (!existsSync(path)) return null;
  let sound = false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    sound = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    sound = false;
  }
  if (sound) return null;
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const aside = path.replace(/\.json$/, '') + `.damaged-${stamp}.json`;
  renameSync(path, aside);
  return (
    `Your settings file was damaged and has been moved aside to ${aside}. ` +
    'DeepCurrent Desktop started with default settings; credentials in the system keychain were kept.'
  );
}

export async function openSettingsFile(options: SettingsFileOptions): Promise<OpenedSettingsFile> {
  const name = options.name ?? 'settings';
  const path = join(options.dir, `${name}.json`);
  const notice = recoverDamagedFile(path, options.now);
  const common = { cwd: options.dir, accessPropertiesByDotNotation: false, configFileMode: 0o600, clearInvalidConfig: false } as const;
  let store: RawStore;
  if (options.flavour === 'electron-store') {
    const { default: ElectronStore } = await import('electron-store');
    store = new ElectronStore({ ...common, name }) as unknown as RawStore;
  } else {
    const { default: Conf } = await import('conf');
    store = new Conf({ ...common, configName: name, projectName: 'deepcurrent-desktop' }) as unknown as RawStore;
  }
  // The app is the file's only writer, so the data is read once and kept in memory; every change is written
  // through at once (conf writes atomically). Values are cloned on the way in, so a caller's later mutation of an
  // object it stored never changes the store behind its back.
  let data: Record<string, unknown> = { ...store.store };
  const write = (next: Record<string, unknown>) => {
    store.store = next;
    data = next;
  };
  const kv: KeyValueStore = {
    get: (key) => data[key],
    set: (key, value) => {
      if (value === undefined) return kv.delete(key);
      write({ ...data, [key]: structuredClone(value) });
    },
    delete: (key) => {
      if (!(key in data)) return;
      const { [key]: _removed, ...rest } = data;
      write(rest);
    },
  };
  return { kv, notices: notice ? [notice] : [], path };
}
