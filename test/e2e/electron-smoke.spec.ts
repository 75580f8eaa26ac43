/**
 * Smoke test of the real Electron app (the built `out/`, launched with Playwright's `_electron`): it signs in
 * against the embedded emulator as ada@deepcurrent.test and checks the window's security settings, the renderer's
 * reach and the navigation rules, and that the renderer is served from `app://deepcurrent/` (never `file://`) with
 * the CSP header, refuses traversal and foreign hosts, cannot read a local file, and still gets the boot hint as the
 * page URL's query after a restart. Where no Electron binary is installed (it is fetched at the first `npm start`),
 * it skips and says so; it never triggers a download (it does not `require('electron')`, whose entry point would).
 * It has not run on the development machine (no Electron binary there).
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

const launch = (userData: string) =>
  electron.launch({
    executablePath: binary!,
    args: ['.'],
    cwd: ROOT,
    env: { ...process.env, DEEPCURRENT_USER_DATA_DIR: userData },
  });

test('signs in against the embedded emulator in a locked-down window', async () => {
  test.setTimeout(60_000);
  const userData = mkdtempSync(join(tmpdir(), 'dc-electron-'));
  const app = await launch(userData);
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

test('serves the renderer from app://deepcurrent with its CSP, refuses the rest, and keeps the boot hint in the URL', async () => {
  test.setTimeout(60_000);
  const userData = mkdtempSync(join(tmpdir(), 'dc-electron-'));
  try {
    let app = await launch(userData);
    let win = await app.firstWindow();
    await expect(win.getByRole('heading', { name: 'Sign in to DeepCurrent' })).toBeVisible({ timeout: 20_000 });
    expect(win.url()).toMatch(/^app:\/\/deepcurrent\/index\.html(\?|$)/);

    const seen = await win.evaluate(async () => {
      const status = (url: string) => fetch(url).then((r) => r.status, () => 'refused');
      const page = await fetch('/index.html');
      return {
        csp: page.headers.get('content-security-policy') ?? '',
        type: page.headers.get('content-type'),
        traversal: await status('/..%2f..%2fpackage.json'),
        encodedDots: await status('/%2e%2e%2f%2e%2e%2fpackage.json'),
        missing: await status('/no-such-file.js'),
        otherHost: await status('app://evil/index.html'),
        localFile: await status('file:///etc/hosts'),
      };
    });
    expect(seen.csp).toContain("script-src 'self' app://deepcurrent");
    expect(seen.csp).not.toContain('file:');
    expect(seen.type).toBe('text/html; charset=utf-8');
    expect(seen).toMatchObject({ traversal: 403, encodedDots: 403, missing: 404, otherHost: 'refused', localFile: 'refused' });

    const before = win.url();
    await win.evaluate(() => {
      window.location.href = 'file:///etc/hosts';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toBe(before);

    // The Theme setting travels as the boot hint, in the app:// URL's query, to the next start's first paint.
    await win.evaluate(() => (window as unknown as { deepcurrent: { updateSettings(r: object): Promise<unknown> } }).deepcurrent.updateSettings({ theme: 'dark' }));
    await app.close();
    app = await launch(userData);
    win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
    expect(new URL(win.url()).searchParams.get('theme')).toBe('dark');
    expect(await win.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
    await app.close();
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
