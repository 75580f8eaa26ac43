/**
 * The log file as the app is wired (issue part 7, item 3): start:web's `log` writes `<dataDir>/logs/main.log` with
 * secrets scrubbed, the app state names that folder for Settings, and the `openLogsFolder` channel opens it where
 * the host can (Electron's `shell.openPath`, a stand-in here) and says where it is where the host cannot (start:web).
 * Through the real router and services.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import type { FolderOpener } from '../../src-main/platform/ports';
import type { AppState } from '../../src-shared/models';
import { startWebApp, type WebApp } from '../../web/web-app';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';

const KEY = `dc_${'Q'.repeat(36)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEifQ.c2VjcmV0LXNpZ25hdHVyZQ';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function webApp(): Promise<WebApp> {
  const dir = await mkdtemp(join(tmpdir(), 'dc-logs-web-'));
  const app = await startWebApp({ port: 0, dataDir: join(dir, 'data'), rendererDir: dir, emulator: false, noKeychain: true });
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => app.close());
  return app;
}

function services(options: { logsFolder?: string | null; openFolder?: FolderOpener; logs?: string[] }) {
  const s = createAppServices({
    secretStore: new MemorySecretStore(),
    kv: new MemoryKv(),
    clipboard: new MemoryClipboard(),
    localEmulatorUrl: null,
    log: (line) => options.logs?.push(line),
    logsFolder: options.logsFolder,
    openFolder: options.openFolder,
  });
  cleanups.push(() => s.dispose());
  return s;
}

describe('the log file of start:web', () => {
  it('is <dataDir>/logs/main.log, named in the app state, and holds lines with their secrets scrubbed', async () => {
    const app = await webApp();
    expect(app.logsFolder).toBe(join(app.dataDir, 'logs'));
    const state = (await app.services.router.call('getState', {})) as { ok: true; value: AppState };
    expect(state.value.logsFolder).toBe(app.logsFolder);

    app.services.context.log(`[accounts] signed in with ${KEY}; token ${JWT}`);
    const text = await readFile(join(app.logsFolder, 'main.log'), 'utf8');
    expect(text).toContain('[accounts] signed in with dc_…REDACTED; token REDACTED_JWT');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ');
  });

  it('answers Open logs folder with the folder and a plain sentence: the preview cannot open folders', async () => {
    const app = await webApp();
    expect(await app.services.router.call('openLogsFolder', {})).toEqual({
      ok: true,
      value: {
        folder: app.logsFolder,
        opened: false,
        message: `The browser preview cannot open folders on your computer. The logs are in ${app.logsFolder}`,
      },
    });
  });
});

describe('Open logs folder where the host can open folders (Electron)', () => {
  it('opens the logs folder', async () => {
    const opened: string[] = [];
    const s = services({ logsFolder: '/home/ada/.config/DeepCurrent/logs', openFolder: async (f) => (opened.push(f), null) });
    expect(await s.router.call('openLogsFolder', {})).toEqual({
      ok: true,
      value: { folder: '/home/ada/.config/DeepCurrent/logs', opened: true, message: 'The logs folder is open in your file manager.' },
    });
    expect(opened).toEqual(['/home/ada/.config/DeepCurrent/logs']);
  });

  it('says where the folder is when the system will not open it, and logs the system’s reason', async () => {
    const logs: string[] = [];
    const s = services({ logsFolder: '/data/logs', openFolder: async () => 'Failed to open path', logs });
    expect(await s.router.call('openLogsFolder', {})).toEqual({
      ok: false,
      error: { kind: 'unavailable', message: 'Your system did not open the logs folder. You can find it at /data/logs' },
    });
    expect(logs).toEqual(['[main] the logs folder could not be opened: Failed to open path']);
  });

  it('refuses, in words, when the app keeps no log file', async () => {
    const opened: string[] = [];
    const s = services({ openFolder: async (f) => (opened.push(f), null) });
    expect(await s.router.call('openLogsFolder', {})).toEqual({ ok: false, error: { kind: 'unavailable', message: 'This app keeps no log file.' } });
    expect(opened).toEqual([]);
  });

  it('refuses a payload with anything in it before opening anything', async () => {
    const opened: string[] = [];
    const s = services({ logsFolder: '/data/logs', openFolder: async (f) => (opened.push(f), null) });
    for (const payload of [{ folder: '/etc' }, { path: '/' }, []]) {
      expect(await s.router.call('openLogsFolder', payload)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(opened).toEqual([]);
  });
});
