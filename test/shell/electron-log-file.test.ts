/**
 * The Electron log file adapter (`shell/electron-log-file.ts`), with stand-ins: the Electron binary cannot run here,
 * and electron-log's Electron build (`electron-log/main`) cannot load under plain Node (it requires `electron`). Its
 * Node build stands in for it: the two share the logger and the file transport and differ only in how they ask the
 * runtime for paths, which `fileLogOn` sets itself. What this proves: the adapter writes `main.log` in the folder it
 * is given, through the same set-up as the Node adapter, and takes electron-log's renderer channel off `ipcMain`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ipcCalls: string[] = [];
vi.mock('electron', () => ({
  ipcMain: {
    removeAllListeners: (channel: string) => void ipcCalls.push(`removeAllListeners ${channel}`),
    removeHandler: (channel: string) => void ipcCalls.push(`removeHandler ${channel}`),
  },
}));
vi.mock('electron-log/main', async () => await import('electron-log/node'));

const { openElectronLogFile } = await import('../../src-main/shell/electron-log-file');
const { createAppLog } = await import('../../src-main/platform/log-file');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the Electron log file (with stand-ins for Electron and electron-log/main)', () => {
  it('writes scrubbed lines to main.log in the folder it is given', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'dc-elog-')), 'logs');
    dirs.push(folder);
    const log = createAppLog(openElectronLogFile({ folder }));
    log(`[main] started with dc_${'a'.repeat(40)}`);
    const text = readFileSync(join(folder, 'main.log'), 'utf8');
    expect(text).toContain('[main] started with dc_…REDACTED');
    expect(text).not.toContain('a'.repeat(40));
  });

  it('removes electron-log’s own IPC channel, through which lines would skip the scrubbing', () => {
    ipcCalls.length = 0;
    openElectronLogFile({ folder: join(tmpdir(), 'dc-elog-unused') });
    expect(ipcCalls).toEqual(['removeAllListeners __ELECTRON_LOG__', 'removeHandler __ELECTRON_LOG__']);
  });
});
