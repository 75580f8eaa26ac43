/**
 * The settings file (non-secret data only: accounts' metadata, settings, history, caches), through electron-store
 * in the Electron app and conf (which electron-store extends, same file format) under plain Node. A damaged or
 * truncated file is moved aside with a timestamp before the store opens it, the app starts on defaults and tells
 * the user; keychain secrets are never touched by this.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../services/ports';

export interface OpenedSettingsFile {
  kv: KeyValueStore;
  notices: string[];
  path: string;
}

export interface SettingsFileOptions {
  dir: string;
  name?: string;
  flavour: 'conf' | 'electron-store';
  /** For tests: the time used in the moved-aside file name. */
  now?: () => Date;
}

interface RawStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Moves a file that is not a JSON object aside; returns the notice to show, or null when the file is sound. */
export function recoverDamagedFile(path: string, now: () => Date = () => new Date()): string | null {
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
  const kv: KeyValueStore = {
    get: (key) => store.get(key),
    set: (key, value) => (value === undefined ? store.delete(key) : store.set(key, value)),
    delete: (key) => store.delete(key),
  };
  return { kv, notices: notice ? [notice] : [], path };
}
