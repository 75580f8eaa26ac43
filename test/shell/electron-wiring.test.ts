/**
 * The Electron-bound wiring (IPC sender checks, navigation, window.open, <webview>, the window's preferences),
 * exercised with a stand-in for Electron's API because the Electron binary cannot run on this machine. These tests
 * prove what our code asks Electron to do; they do not prove Electron does it (see the skipped Electron smoke test).
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
const created: Array<{ options: Record<string, unknown>; webContents: FakeContents }> = [];
const loaded: Array<[string, unknown]> = [];
const openedExternally: string[] = [];

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  devToolsClosed = 0;
  closeDevTools() {
    this.devToolsClosed += 1;
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents();
    constructor(public options: Record<string, unknown>) {
      created.push({ options, webContents: this.webContents });
    }
    once() {}
    show() {}
    loadURL(url: string) {
      loaded.push(['url', url]);
      return Promise.resolve();
    }
    loadFile(path: string, options?: unknown) {
      loaded.push([path, options]);
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    shell: { openExternal: async (url: string) => void openedExternally.push(url) },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
});

const { registerIpcHandlers, UNKNOWN_SENDER } = await import('../../src-main/shell/electron-ipc');
const { createMainWindow, hardenWebContents } = await import('../../src-main/shell/window');
const { CHANNELS, API_NAMES } = await import('../../src-shared/ipc-channels');

const appUrls = { appIndexUrl: 'app://deepcurrent/index.html', devServerUrl: null };
const APP_PAGE = 'app://deepcurrent/index.html';
/** Where the renderer was loaded from before it moved to the app protocol: now a foreign page like any file. */
const OLD_FILE_PAGE = 'file:///opt/DeepCurrent/resources/app.asar/out/renderer/index.html';

function frame(url: string, extra: Record<string, unknown> = {}) {
  return { url, parent: null, detached: false, isDestroyed: () => false, ...extra };
}

describe('IPC handlers (with a stand-in for ipcMain)', () => {
  let calls: Array<[string, unknown]>;
  let appContents: FakeContents;

  beforeEach(() => {
    handlers.clear();
    created.length = 0;
    calls = [];
    registerIpcHandlers({ call: async () => ({ ok: true, value: null }), callChannel: async (c, p) => (calls.push([c, p]), { ok: true, value: 'served' }) }, appUrls as never, () => {});
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'app://deepcurrent/index.html' });
    appContents = created[0]!.webContents;
  });

  it('registers exactly one handler per channel of the contract', () => {
    expect([...handlers.keys()].sort()).toEqual(API_NAMES.map((n) => CHANNELS[n]).sort());
  });

  it("serves the app's own main frame", async () => {
    const r = await handlers.get(CHANNELS.getState)!({ sender: appContents, senderFrame: frame(APP_PAGE) }, {});
    expect(r).toEqual({ ok: true, value: 'served' });
    expect(calls).toEqual([[CHANNELS.getState, {}]]);
  });

  it.each([
    ['a remote page', { sender: 'app', senderFrame: frame('https://evil.example/') }],
    ['a subframe of the app', { sender: 'app', senderFrame: frame(APP_PAGE, { parent: {} }) }],
    ['a destroyed frame', { sender: 'app', senderFrame: frame(APP_PAGE, { isDestroyed: () => true }) }],
    ['no frame at all', { sender: 'app', senderFrame: null }],
    ['a window the app did not create', { sender: 'other', senderFrame: frame(APP_PAGE) }],
    ['another local file', { sender: 'app', senderFrame: frame('file:///etc/passwd') }],
    ['the built index.html opened as a file', { sender: 'app', senderFrame: frame(OLD_FILE_PAGE) }],
    ['another page of the app protocol', { sender: 'app', senderFrame: frame('app://deepcurrent/other.html') }],
    ['another host of the app protocol', { sender: 'app', senderFrame: frame('app://evil/index.html') }],
  ])('refuses %s without reaching a service', async (_label, event) => {
    const e = { ...event, sender: event.sender === 'app' ? appContents : new FakeContents() };
    expect(await handlers.get(CHANNELS.revealApiKey)!(e, { accountId: 'acc' })).toEqual(UNKNOWN_SENDER);
    expect(calls).toEqual([]);
  });
});

describe('the window and its web contents (with a stand-in for BrowserWindow)', () => {
  it('loads the renderer with the boot hint as its query (app protocol and dev server), on the background of its Theme', () => {
    loaded.length = 0;
    created.length = 0;
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'app://deepcurrent/index.html', bootHint: 'signin=*production&theme=dark' });
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'http://localhost:5173/', bootHint: 'theme=light' });
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'app://deepcurrent/index.html' });
    expect(created.map((c) => c.options.backgroundColor)).toEqual(['#101418', '#ffffff', '#ffffff']);
    expect(loaded).toEqual([
      ['url', 'app://deepcurrent/index.html?signin=*production&theme=dark'],
      ['url', 'http://localhost:5173/?theme=light'],
      ['url', 'app://deepcurrent/index.html'],
    ]);
    // The page reads the hint back from its own URL (boot.js: `location.search`).
    expect(new URL(String(loaded[0]![1])).searchParams.get('signin')).toBe('*production');
  });

  it('refuses to load the renderer from a file: URL, before any window exists (review part 8, finding 3)', () => {
    created.length = 0;
    loaded.length = 0;
    expect(() => createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'file:///opt/DeepCurrent/resources/app.asar/out/renderer/index.html' })).toThrow(/never from file:/);
    expect(created).toEqual([]);
    expect(loaded).toEqual([]);
  });

  it('creates the window with the locked-down preferences and the CommonJS preload', () => {
    created.length = 0;
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'app://deepcurrent/index.html' });
    const prefs = created[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, preload: '/x/preload.cjs' });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('creates the window with DevTools off unless development asks for them (review part 8, finding 2)', () => {
    created.length = 0;
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'app://deepcurrent/index.html', devTools: false });
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'app://deepcurrent/index.html' });
    createMainWindow({ preloadPath: '/x/preload.cjs', rendererUrl: 'http://localhost:5173/', devTools: true });
    const devTools = created.map((c) => (c.options.webPreferences as Record<string, unknown>).devTools);
    expect(devTools).toEqual([false, false, true]);
    expect(created[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, preload: '/x/preload.cjs' });
  });

  it('closes DevTools at once if they open anyway in a packaged build, and says so in the log', () => {
    const packaged = new FakeContents();
    const logs: string[] = [];
    hardenWebContents(packaged as never, appUrls as never, (m) => void logs.push(m), { devTools: false });
    packaged.emit('devtools-opened');
    expect(packaged.devToolsClosed).toBe(1);
    expect(logs).toEqual(['[window] DevTools were closed: they are not available in this build']);

    const byDefault = new FakeContents();
    hardenWebContents(byDefault as never, appUrls as never, () => {});
    byDefault.emit('devtools-opened');
    expect(byDefault.devToolsClosed).toBe(1);

    const development = new FakeContents();
    hardenWebContents(development as never, appUrls as never, () => {}, { devTools: true });
    development.emit('devtools-opened');
    expect(development.devToolsClosed).toBe(0);
  });

  it('blocks navigation and redirects away from the app, refuses <webview>, and denies every new window', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as never, appUrls as never, () => {});
    const prevented = (eventName: string, url?: string) => {
      let stopped = false;
      contents.emit(eventName, { preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'http://127.0.0.1:9/phish')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', OLD_FILE_PAGE)).toBe(true);
    expect(prevented('will-navigate', 'app://deepcurrent/assets/other.html')).toBe(true);
    expect(prevented('will-redirect', 'app://evil/index.html')).toBe(true);
    expect(prevented('will-navigate', `${APP_PAGE}#/account`)).toBe(false);
    expect(prevented('will-navigate', `${APP_PAGE}?theme=dark`)).toBe(false);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(contents.openHandler!({ url: 'https://deepcurrent.app/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://deepcurrent.app/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('opens no link from window.open, not even an https one, and logs each refusal (review part 8, finding 4)', () => {
    const contents = new FakeContents();
    const logs: string[] = [];
    hardenWebContents(contents as never, appUrls as never, (m) => void logs.push(m));
    for (const url of ['https://deepcurrent.app/docs', 'https://evil.example/phish', 'http://deepcurrent.app/']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openedExternally).toEqual([]);
    expect(logs).toEqual(Array(3).fill('[window] a new window was refused'));
  });
});

describe('a current Electron', () => {
  it('depends on Electron 45 or newer (the newest major when this was written)', () => {
    const installed = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
    const declared = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.electron as string;
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(declared).toMatch(/^\^4[5-9]|^\^[5-9]\d/);
  });
});
