/**
 * Builds a real ServiceContext for integration tests: the settings file on disk (conf, in a fresh temp dir), the
 * given SecretStore (the real keychain where available), the in-memory clipboard and an adjustable clock.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountStore, CredentialVault } from '../../src-main/accounts';
import type { SecretStore } from '../../src-main/platform/ports';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import type { ServiceContext } from '../../src-main/accounts';
import { openSettingsFile } from '../../src-main/platform/settings-file';
import { buildContext } from './service-context';

export interface TestAppContext {
  ctx: ServiceContext;
  store: AccountStore;
  vault: CredentialVault;
  dir: string;
  settingsPath: string;
  /** The settings file's text as on disk. */
  settingsText(): string;
  /** Moves the clock by ms. */
  advance(ms: number): void;
  logs: string[];
  cleanup(): void;
}

export async function makeAppContext(secretStore: SecretStore, localEmulatorUrl: string | null, dir?: string): Promise<TestAppContext> {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'dc-ctx-'));
  const settings = await openSettingsFile({ dir: folder, flavour: 'conf' });
  let offset = 0;
  const logs: string[] = [];
  const { ctx, store, vault } = buildContext({
    kv: settings.kv,
    secrets: secretStore,
    clock: { now: () => Date.now() + offset },
    clipboard: new MemoryClipboard(),
    emulatorUrl: localEmulatorUrl,
    log: (m) => logs.push(m),
  });
  return {
    ctx,
    store,
    vault,
    dir: folder,
    settingsPath: settings.path,
    settingsText: () => {
      try {
        return readFileSync(settings.path, 'utf8');
      } catch {
        return '';
      }
    },
    advance: (ms) => {
      offset += ms;
    },
    logs,
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}
