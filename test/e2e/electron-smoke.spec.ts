/**
 * Smoke test of the real Electron app (the built `out/`, launched with Playwright's `_electron`): it signs in
 * against the embedded emulator as ada@deepcurrent.test and checks the window's security settings, the renderer's
 * reach and the navigation rules. Where no Electron binary is installed (it is fetched at the first `npm start`), it
 * skips and says so; it never triggers a download (it does not `require('electron')`, whose entry point would).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from './fixtures/browsers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const binary = electronBinary();

test.skip(!binary, 'Electron binary not installed (npm start downloads it): this smoke test needs it and was not run');

test('signs in against the embedded emulator in a locked-down window', async () => {
  test.setTimeout(60_000);
  const userData = mkdtempSync(join(tmpdir(), 'dc-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.'],
    cwd: ROOT,
    env: { ...process.env, DEEPCURRENT_USER_DATA_DIR: userData },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { name: 'Sign in to DeepCurrent' })).toBeVisible({ timeout: 20_000 });

    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // Undocumented (absent from the typings) but present, and what Electron's own tests use.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown>;
      };
      const p = contents.getLastWebPreferences();
      return {
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
        nodeIntegrationInWorker: p.nodeIntegrationInWorker,
        nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames,
        webSecurity: p.webSecurity,
        allowRunningInsecureContent: p.allowRunningInsecureContent,
        experimentalFeatures: p.experimentalFeatures,
        enableBlinkFeatures: p.enableBlinkFeatures ?? '',
        webviewTag: p.webviewTag,
        preload: String(p.preload ?? ''),
      };
    });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);

    const reach = await win.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((window as unknown as { deepcurrent?: object }).deepcurrent ?? {}).length,
      opened: window.open('https://example.com/') === null,
    }));
    expect(reach).toMatchObject({ require: 'undefined', process: 'undefined', opened: true });
    expect(reach.api).toBeGreaterThan(10);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    await win.getByLabel('Email', { exact: true }).fill('ada@deepcurrent.test');
    await win.getByLabel('Password', { exact: true }).fill('deepcurrent-demo');
    await win.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(win.getByText('ada@deepcurrent.test').first()).toBeVisible({ timeout: 15_000 });

    const before = win.url();
    await win.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toBe(before);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
