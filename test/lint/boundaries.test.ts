/**
 * The architecture's boundaries are lint rules; these tests prove each rule fires on a violation (with the rule id and
 * a message that names the problem) and stays quiet on the allowed import, using the project's real ESLint
 * configuration. Folder relations are `boundaries/dependencies` (eslint-plugin-boundaries); package bans on a whole
 * process are `no-restricted-imports`; a file in an undeclared folder under src-main is `boundaries/no-unknown-files`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

const DEPS = 'boundaries/dependencies';
const BANS = 'no-restricted-imports';
const UNKNOWN = 'boundaries/no-unknown-files';
const BOUNDARY_RULES = [DEPS, BANS, UNKNOWN];

/** The boundary findings ESLint reports for `code` as if it were the file `filePath`. */
async function boundaryFindings(code: string, filePath: string): Promise<{ ruleId: string; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.includes(m.ruleId))
    .map((m) => ({ ruleId: m.ruleId!, message: m.message }));
}

type Refusal = [code: string, file: string, rule: string, names: RegExp];
type Allowance = [code: string, file: string];

async function expectRefused(code: string, file: string, rule: string, names: RegExp): Promise<void> {
  const findings = await boundaryFindings(code, file);
  expect(findings, `${file}: ${code}`).toContainEqual({ ruleId: rule, message: expect.stringMatching(names) });
}

async function expectAllowed(code: string, file: string): Promise<void> {
  expect(await boundaryFindings(code, file), `${file}: ${code}`).toEqual([]);
}

describe('only src-main/shell/ and src-main/index.ts import electron', () => {
  const electronOnlyInShell = /Only src-main\/shell\/ and src-main\/index\.ts import electron/;
  it.each<Refusal>([
    ["import { app } from 'electron';", 'src-main/tester/x.ts', DEPS, electronOnlyInShell],
    ["import { clipboard } from 'electron/main';", 'src-main/accounts/x.ts', DEPS, electronOnlyInShell],
    ["import { app } from 'electron';", 'src-main/platform/x.ts', DEPS, electronOnlyInShell],
    ["import { ipcMain } from 'electron';", 'src-main/ipc/x.ts', DEPS, electronOnlyInShell],
    ["import { app } from 'electron';", 'src-main/app.ts', DEPS, electronOnlyInShell],
    ["export const load = () => import('electron');", 'src-main/api-key/x.ts', DEPS, electronOnlyInShell],
    // An inline `type` specifier still leaves `import 'electron'` in the output under verbatimModuleSyntax.
    ["import { type App } from 'electron';", 'src-main/tester/x.ts', DEPS, electronOnlyInShell],
  ])('refuses %s in %s', expectRefused);

  it.each<Allowance>([
    ["import { app } from 'electron';", 'src-main/shell/window-x.ts'],
    ["import { app } from 'electron';", 'src-main/index.ts'],
    ["import type { WebPreferences } from 'electron';", 'src-main/tester/x.ts'],
    ["import type { Clipboard } from 'electron';", 'src-main/platform/x.ts'],
  ])('allows %s in %s', expectAllowed);
});

describe('nothing under src-main imports emulator/ or web/', () => {
  const noEmulatorOrWeb = /src-main never imports emulator\/ or web\//;
  it.each<Refusal>([
    ["import { startEmulator } from '../emulator/server';", 'src-main/app.ts', DEPS, noEmulatorOrWeb],
    ["export const start = () => import('../emulator/server');", 'src-main/index.ts', DEPS, noEmulatorOrWeb],
    ["import { createWebApp } from '../../web/web-app';", 'src-main/shell/x.ts', DEPS, noEmulatorOrWeb],
    ["import { DEMO_ACCOUNTS } from '../../emulator/demo-accounts';", 'src-main/accounts/x.ts', DEPS, noEmulatorOrWeb],
  ])('refuses %s in %s', expectRefused);

  it.each<Allowance>([
    // start:web is the emulator's host.
    ["import { startEmulator } from '../emulator/server';", 'web/x.ts'],
  ])('allows %s in %s', expectAllowed);
});

describe('features import each other only through their public entry', () => {
  const throughEntry = /through its public entry \(src-main\/<feature>\/index\.ts\), not \.\.\/accounts\/account-store/;
  it.each<Refusal>([
    ["import { AccountStore } from '../accounts/account-store';", 'src-main/tester/x.ts', DEPS, throughEntry],
    ["import type { AccountStore } from '../accounts/account-store';", 'src-main/api-key/x.ts', DEPS, throughEntry],
    ["export { AccountStore } from '../accounts/account-store';", 'src-main/deepcurrent-api/x.ts', DEPS, throughEntry],
    ["import { AccountStore } from '../accounts/account-store';", 'src-main/shell/x.ts', DEPS, throughEntry],
    ["import { runRequest } from '../tester/tester-runner';", 'src-main/accounts/x.ts', DEPS, /through its public entry/],
  ])('refuses %s in %s', expectRefused);

  it.each<Allowance>([
    ["import { AccountStore } from '../accounts';", 'src-main/tester/x.ts'],
    ["import { ApiClient } from '../deepcurrent-api';", 'src-main/api-key/x.ts'],
    ["import { AccountStore } from './account-store';", 'src-main/accounts/x.ts'],
    ["import { runRequest } from './tester-runner';", 'src-main/tester/x.ts'],
    ["import type { Clock } from '../platform/ports';", 'src-main/tester/x.ts'],
    ["import { CHANNELS } from '../../src-shared/ipc-channels';", 'src-main/tester/x.ts'],
  ])('allows %s in %s', expectAllowed);
});

describe('platform/ imports no feature, no shell/, no app.ts', () => {
  const platformIsBottom = /platform\/ \(ports and their Node adapters\) imports no feature, no shell\//;
  it.each<Refusal>([
    ["import { AccountStore } from '../accounts';", 'src-main/platform/x.ts', DEPS, platformIsBottom],
    ["import { AccountStore } from '../accounts/account-store';", 'src-main/platform/x.ts', DEPS, platformIsBottom],
    ["import { createMainWindow } from '../shell/window';", 'src-main/platform/x.ts', DEPS, platformIsBottom],
    ["import { bootstrapServices } from '../app';", 'src-main/platform/x.ts', DEPS, platformIsBottom],
    ["import type { Router } from '../ipc/router';", 'src-main/platform/x.ts', DEPS, platformIsBottom],
  ])('refuses %s in %s', expectRefused);

  it.each<Allowance>([
    ["import type { SecretStore } from './ports';", 'src-main/platform/x.ts'],
    ["import { HEADER } from '../../src-shared/tester-wire';", 'src-main/platform/x.ts'],
    ["import { readFileSync } from 'node:fs';", 'src-main/platform/x.ts'],
  ])('allows %s in %s', expectAllowed);
});

describe('shell/ imports platform, ipc and public entries; app.ts imports all of src-main but index.ts', () => {
  it.each<Refusal>([
    ["import { bootstrapServices } from '../app';", 'src-main/shell/x.ts', DEPS, /not an import the architecture allows here/],
    ["import { main } from './index';", 'src-main/app.ts', DEPS, /Nothing imports src-main\/index\.ts/],
    ["import { isSafeExternalUrl } from '../shell/security';", 'src-main/accounts/x.ts', DEPS, /A feature never imports shell\//],
    ["import { bootstrapServices } from '../app';", 'src-main/tester/x.ts', DEPS, /A feature never imports shell\/ \(Electron\), ipc\/ or app\.ts/],
    ["import { createRouter } from '../ipc/router';", 'src-main/api-key/x.ts', DEPS, /A feature never imports shell\/ \(Electron\), ipc\/ or app\.ts/],
  ])('refuses %s in %s', expectRefused);

  it.each<Allowance>([
    ["import type { ClipboardPort } from '../platform/ports';", 'src-main/shell/x.ts'],
    ["import type { Router } from '../ipc/router';", 'src-main/shell/x.ts'],
    ["import { AccountSession } from '../accounts';", 'src-main/shell/x.ts'],
    ["import { createKeyLifecycleHandlers } from './api-key/key-lifecycle-service';", 'src-main/app.ts'],
    ["import { AccountStore } from './accounts/account-store';", 'src-main/app.ts'],
    ["import { createMainWindow } from './shell/window';", 'src-main/app.ts'],
    ["import { createRouter } from './ipc/router';", 'src-main/app.ts'],
    ["import { createNodeHttp } from './platform/node-http';", 'src-main/app.ts'],
    ["import { bootstrapServices } from './app';", 'src-main/index.ts'],
  ])('allows %s in %s', expectAllowed);
});

describe('the renderer, src-shared, the preload and keytar keep their bans', () => {
  it.each<Refusal>([
    ["import { createRouter } from '../../src-main/ipc/router';", 'src-renderer/features/x.ts', DEPS, /only through window\.deepcurrent/],
    ["import { API_TABLE } from '../src-preload/api-table';", 'src-renderer/x.ts', DEPS, /only through window\.deepcurrent/],
    ["import { startEmulator } from '../emulator/server';", 'src-renderer/x.ts', DEPS, /only through window\.deepcurrent/],
    ["import { ipcRenderer } from 'electron';", 'src-renderer/app-x.tsx', BANS, /never imports Electron/],
    ["import { readFileSync } from 'node:fs';", 'src-renderer/x.ts', BANS, /no Node built-ins/],
    ["import keytar from '@github/keytar';", 'src-renderer/x.ts', BANS, /never imports Electron or keytar/],
    ["import keytar from '@github/keytar';", 'src-main/tester/x.ts', BANS, /Only src-main\/platform\/keytar-secret-store\.ts may import keytar/],
    ["import keytar from '@github/keytar';", 'src-main/platform/x.ts', BANS, /Only src-main\/platform\/keytar-secret-store\.ts may import keytar/],
    ["import { useState } from 'react';", 'src-main/tester/x.ts', BANS, /never imports React/],
    ["import { app } from 'electron';", 'src-shared/x.ts', BANS, /imports no Electron, Node or React/],
    ["import { createHash } from 'node:crypto';", 'src-shared/x.ts', BANS, /imports no Electron, Node or React/],
    ["import { AccountStore } from '../src-main/accounts';", 'src-shared/x.ts', DEPS, /src-shared .* depends on nothing else in the app/],
    ["import { x } from '../src-main/deepcurrent-api/api-client';", 'src-preload/x.ts', DEPS, /may require only electron and src-shared/],
    ["import { readFileSync } from 'node:fs';", 'src-preload/x.ts', BANS, /may require only electron and the channel table/],
  ])('refuses %s in %s', expectRefused);

  it.each<Allowance>([
    ["import { CHANNELS } from '../src-shared/ipc-channels';", 'src-renderer/x.ts'],
    ["import { Button } from './components/button';", 'src-renderer/x.ts'],
    ["import { contextBridge } from 'electron';", 'src-preload/x.ts'],
    ["import { CHANNELS } from '../src-shared/ipc-channels';", 'src-preload/x.ts'],
    ["import type { Environment } from './environments';", 'src-shared/x.ts'],
    ["import keytar from '@github/keytar';", 'src-main/platform/keytar-secret-store.ts'],
  ])('allows %s in %s', expectAllowed);
});

describe('every file under src-main belongs to a declared folder', () => {
  it.each<[file: string]>([['src-main/new-layer/x.ts'], ['src-main/stray.ts']])('reports %s', async (file) => {
    const findings = await boundaryFindings('export const x = 1;', file);
    expect(findings).toContainEqual({ ruleId: UNKNOWN, message: expect.stringMatching(/does not belong to any known element/) });
  });

  it.each<[file: string]>([['src-main/tester/x.ts'], ['src-main/app.ts'], ['src-main/index.ts'], ['src-main/shell/x.ts']])(
    'accepts %s',
    async (file) => {
      expect(await boundaryFindings('export const x = 1;', file)).toEqual([]);
    },
  );

  it('refuses an import of a folder no element declares', async () => {
    await expectRefused("import { x } from '../scripts/audit.mjs';", 'src-main/app.ts', DEPS, /\.\.\/scripts\/audit\.mjs is not an import the architecture allows/);
  });
});
