/**
 * Builds the app with electron-vite (into temporary folders) and checks what a packaged build contains: a CommonJS
 * preload that needs nothing but `electron`, no emulator in the installers' build (`--mode package`), the emulator
 * as a separate chunk in a development build, and a minified renderer without source maps.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, CHANNELS, EVENTS } from '../../src-shared/ipc-channels';
import { runElectronVite } from '../../web/build-renderer';

const build = (outDir: string, mode?: string) => runElectronVite(['build', '--outDir', outDir, ...(mode ? ['--mode', mode] : [])]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let workDir: string;
let packaged: string;
let development: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'dc-build-'));
  packaged = join(workDir, 'package');
  development = join(workDir, 'dev');
  await build(packaged, 'package');
  await build(development);
}, 240_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the preload bundle', () => {
  it('is CommonJS and requires nothing but electron', () => {
    const code = readFileSync(join(packaged, 'preload', 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/import\s*\(/);
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(readdirSync(join(packaged, 'preload'))).toEqual(['index.cjs']);
  });

  it('exposes only the named API functions and event subscriptions when run the way a sandboxed preload runs', async () => {
    const code = readFileSync(join(packaged, 'preload', 'index.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: Array<[string, unknown]> = [];
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async (channel: string, request: unknown) => {
          invoked.push([channel, request]);
          return { ok: true, value: channel };
        },
        on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
          listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
        },
        removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
          listeners.get(channel)?.delete(listener);
        },
      },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    runInNewContext(code, { require: sandboxRequire, module: { exports: {} }, exports: {} });
    expect(Object.keys(exposed)).toEqual(['deepcurrent']);
    const api = exposed.deepcurrent as Record<string, (r: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...API_NAMES, 'onOpenScreen'].sort());
    for (const name of API_NAMES) {
      expect(await api[name]!({ n: name })).toEqual({ ok: true, value: CHANNELS[name] });
      expect(invoked.at(-1)).toEqual([CHANNELS[name], { n: name }]);
    }
    // The page gets the payload only, never Electron's event object (it carries `sender`); unsubscribing works.
    const seen: unknown[][] = [];
    const subscribe = api.onOpenScreen as unknown as (listener: (...args: unknown[]) => void) => () => void;
    const unsubscribe = subscribe((...args) => seen.push(args));
    const channel = listeners.get(EVENTS.openScreen)!;
    expect(channel.size).toBe(1);
    for (const listener of channel) listener({ sender: 'the web contents' }, { screen: 'api-key', accountId: 'acc_1' });
    expect(seen).toEqual([[{ screen: 'api-key', accountId: 'acc_1' }]]);
    unsubscribe();
    expect(channel.size).toBe(0);
  });
});

describe('the main bundle', () => {
  it('leaves the emulator out of the installers build', () => {
    const main = files(join(packaged, 'main'));
    for (const file of main) {
      const code = readFileSync(file, 'utf8');
      expect(code, relative(packaged, file)).not.toMatch(/startEmulator|DeepCurrent emulator listening|deepcurrent-demo/);
    }
  });

  it('builds the emulator as its own entry in a development build, loaded by path, never bundled into main', () => {
    const index = readFileSync(join(development, 'main', 'index.js'), 'utf8');
    expect(index).not.toMatch(/function startEmulator|DEMO_ACCOUNTS/);
    expect(index).toContain('local-emulator.js');
    expect(readFileSync(join(development, 'main', 'local-emulator.js'), 'utf8')).toMatch(/startLocalEmulator/);
    expect(existsSync(join(packaged, 'main', 'local-emulator.js'))).toBe(false);
    expect(index).toContain('../preload/index.cjs');
  });

  it('serves the renderer from app://deepcurrent and never loads it as a file (review part 8, finding 3)', () => {
    for (const dir of [packaged, development]) {
      const index = readFileSync(join(dir, 'main', 'index.js'), 'utf8');
      expect(index).toContain('registerSchemesAsPrivileged');
      expect(index).toMatch(/\.handle\(/);
      expect(index).toContain('app://deepcurrent');
      expect(index).not.toMatch(/\bloadFile\(/);
    }
  });

  it('is ESM and relies on the injected __dirname shim, not a declaration of its own', () => {
    const index = readFileSync(join(packaged, 'main', 'index.js'), 'utf8');
    expect(index).toMatch(/^import .* from "electron";?$/m);
    expect(index.match(/const __dirname\b/g)).toHaveLength(1);
  });
});

describe('the renderer bundle', () => {
  it('is minified and ships no source maps', () => {
    const all = [...files(join(packaged, 'renderer')), ...files(join(packaged, 'main')), ...files(join(packaged, 'preload'))];
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const scripts = files(join(packaged, 'renderer')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      expect(code).not.toContain('sourceMappingURL');
      const lines = code.split('\n').length;
      expect(code.length / lines, relative(packaged, file)).toBeGreaterThan(200);
    }
  });

  it('keeps the strict CSP meta tag and loads its scripts from relative paths', () => {
    const html = readFileSync(join(packaged, 'renderer', 'index.html'), 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).not.toMatch(/unsafe-eval|unsafe-inline/);
    // Styles: the app's files and the page's nonce, which every server replaces per answer (the code editor's).
    expect(html).toMatch(/style-src 'self' 'nonce-DEEPCURRENT_STYLE_NONCE';/);
    expect(html).toMatch(/<meta property="csp-nonce" nonce="DEEPCURRENT_STYLE_NONCE"/);
    expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>[^<]+<\/script>/);
  });
});

describe('the prerendered sign-in form (issue 6, renderer start)', () => {
  it.each([
    ['the installers build', () => packaged, '*production'],
    ['a development build', () => development, '*local,production'],
  ])('%s carries it hidden in #root, keyed by its environments, with boot.js right after', (_label, dir, key) => {
    const html = readFileSync(join(dir(), 'renderer', 'index.html'), 'utf8');
    const shell = html.match(/<div id="root"><div data-boot-shell="([^"]*)" hidden>[\s\S]*?<\/div>\n\s*<script src="\.\/boot\.js"><\/script>/);
    expect(shell?.[1]).toBe(key);
    expect(shell?.[0]).toContain('name="email"');
  });

  it('ships boot.js minified: the hint, the held submit, the focus and nothing more', () => {
    const code = readFileSync(join(packaged, 'renderer', 'boot.js'), 'utf8');
    expect(code.split('\n').filter(Boolean)).toHaveLength(1);
    expect(code).not.toMatch(/\/\/|\/\*/);
    expect(code).toMatch(/data-boot/);
    expect(code).toMatch(/data-submit-requested/);
    expect(code).not.toMatch(/fetch|XMLHttpRequest|localStorage|deepcurrent\./);
  });
});
