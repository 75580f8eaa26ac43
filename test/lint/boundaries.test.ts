/**
 * The architecture's boundaries are lint rules; these tests prove each rule fires on a violation and stays quiet on
 * the allowed import, using the project's real ESLint configuration.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint boundaries', () => {
  it.each([
    ["import { createRouter } from '../src-main/ipc/router';", 'src-renderer/features/x.ts'],
    ["import { ipcRenderer } from 'electron';", 'src-renderer/app-x.tsx'],
    ["import { readFileSync } from 'node:fs';", 'src-renderer/x.ts'],
    ["import keytar from '@github/keytar';", 'src-main/tester/x.ts'],
    ["import keytar from '@github/keytar';", 'src-main/index-x.ts'],
    ["import { app } from 'electron';", 'src-main/tester/x.ts'],
    ["import { app } from 'electron';", 'src-shared/x.ts'],
    ["import { createHash } from 'node:crypto';", 'src-shared/x.ts'],
    ["import { x } from '../src-main/deepcurrent-api/api-client';", 'src-preload/x.ts'],
  ])('refuses %s in %s', async (code, file) => {
    expect(await restrictedImportErrors(code, file)).not.toEqual([]);
  });

  it.each([
    ["import keytar from '@github/keytar';", 'src-main/platform/keytar-secret-store.ts'],
    ["import { CHANNELS } from '../src-shared/ipc-channels';", 'src-renderer/x.ts'],
    ["import { app } from 'electron';", 'src-main/shell/window-x.ts'],
    ["import { contextBridge } from 'electron';", 'src-preload/x.ts'],
  ])('allows %s in %s', async (code, file) => {
    expect(await restrictedImportErrors(code, file)).toEqual([]);
  });
});
