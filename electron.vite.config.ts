/**
 * electron-vite 6 build of the three processes:
 * - main (`src-main/index.ts`) → `out/main/index.js`, ESM, dependencies external. electron-vite injects the
 *   `__dirname` shim into ESM output; nothing here declares it.
 * - preload (`src-preload/index.ts`) → `out/preload/index.cjs`, CommonJS (a sandboxed preload cannot be an ES
 *   module), everything inlined: the bundle may `require('electron')` and nothing else.
 * - renderer (`src-renderer/index.html`) → `out/renderer`, React, minified, no source maps.
 *
 * Build flags for main (documented in `src-main/index.ts`):
 * - `__INCLUDE_EMULATOR__` is false with `electron-vite build --mode package` (the installers' build) or with
 *   `DEEPCURRENT_EXCLUDE_EMULATOR=1`; then no `out/main/local-emulator.js` entry is built and main's code that loads
 *   it is dead. Otherwise (`npm start`, `npm run dev`) it is true, and the emulator starts when the app is not
 *   packaged.
 * - `__DEV_INLINE_SCRIPT_HASHES__`: CSP hashes of React Refresh's inline preamble, for the dev server only.
 *
 * In `electron-vite dev` the renderer's `<meta>` CSP is rewritten for the dev server (its origin, the HMR socket,
 * the hashes of its inline scripts); built pages keep the strict policy untouched.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { minify, runnerImport, type Plugin } from 'vite';
import { buildContentSecurityPolicy } from './src-main/shell/security';

const root = resolve(__dirname);

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** Development only: points the page's CSP meta tag at the dev server and allows its inline scripts by hash. */
function devCspPlugin(): Plugin {
  return {
    name: 'deepcurrent:dev-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const devServerUrl = ctx.server?.resolvedUrls?.local[0] ?? null;
        if (!devServerUrl) return html;
        const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
        const csp = buildContentSecurityPolicy({ devServerUrl, inlineScriptHashes: inline.map(sha256) });
        return html.replace(
          /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=)(["'])[\s\S]*?\2/i,
          (_m, start: string, quote: string) => `${start}${quote}${csp}${quote}`,
        );
      },
    },
  };
}

/**
 * Production builds only: renders the first run's sign-in form with the app's own components
 * (`src-renderer/boot/sign-in-shell.tsx`, in Node through Vite's module runner) and puts it, hidden, into `#root`,
 * for `boot.js` to show before React has loaded (see `src-shared/boot-hint.ts`). `includeLocal` matches main's
 * `__INCLUDE_EMULATOR__`: the form lists the environments this build's main process offers.
 */
function signInShellPlugin(includeLocal: boolean): Plugin {
  const emptyRoot = '<div id="root"></div>';
  return {
    name: 'deepcurrent:sign-in-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const { module } = await runnerImport<{ renderSignInShell(includeLocal: boolean): string }>(
          resolve(root, 'src-renderer/boot/sign-in-shell.tsx'),
          { configFile: false, root, logLevel: 'warn', plugins: [react()] },
        );
        if (!html.includes(emptyRoot)) throw new Error(`index.html has no empty ${emptyRoot} for the sign-in shell.`);
        // boot.js runs right after the form is parsed, before the first paint.
        const shell = module.renderSignInShell(includeLocal);
        return html.replace(emptyRoot, `<div id="root">${shell}</div>\n    <script src="./boot.js"></script>`);
      },
    },
    /** `src-renderer/boot/boot.js`, a classic script (no imports), minified beside `index.html`. */
    async generateBundle() {
      const source = readFileSync(resolve(root, 'src-renderer/boot/boot.js'), 'utf8');
      const result = await minify('boot.js', source, { compress: true, mangle: true });
      if (result.errors.length) throw new Error(`boot.js: ${result.errors.map((e) => e.message).join('; ')}`);
      this.emitFile({ type: 'asset', fileName: 'boot.js', source: result.code });
    },
  };
}

export default defineConfig(({ command, mode }) => {
  const includeEmulator = mode !== 'package' && process.env.DEEPCURRENT_EXCLUDE_EMULATOR !== '1';
  const preambleHashes = command === 'serve' ? [sha256(react.preambleCode.replace('__BASE__', '/'))] : [];
  return {
    main: {
      define: {
        __INCLUDE_EMULATOR__: JSON.stringify(includeEmulator),
        __DEV_INLINE_SCRIPT_HASHES__: JSON.stringify(preambleHashes),
      },
      build: {
        // The embedded emulator is a separate entry (development builds only): src-main never imports emulator/.
        lib: {
          entry: {
            index: resolve(root, 'src-main/index.ts'),
            ...(includeEmulator ? { 'local-emulator': resolve(root, 'emulator/embedded.ts') } : {}),
          },
        },
        externalizeDeps: true,
        sourcemap: false,
      },
    },
    preload: {
      build: {
        lib: { entry: resolve(root, 'src-preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
        externalizeDeps: false,
        sourcemap: false,
      },
    },
    renderer: {
      root: resolve(root, 'src-renderer'),
      plugins: [react(), devCspPlugin(), signInShellPlugin(includeEmulator)],
      server: { fs: { allow: [root] } },
      build: {
        rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
        minify: 'oxc',
        cssMinify: true,
        sourcemap: false,
      },
    },
  };
});
