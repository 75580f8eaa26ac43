/**
 * Builds the app with `electron-vite build` (main, preload and the minified renderer) when the renderer is missing
 * or a rebuild is asked for. Used by the start:web CLI and by Playwright's global setup.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstRunEnvironments, signInShellKey } from '../src-shared/boot-hint';

/** The repository root (this file lives in `web/`). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Where `electron-vite build` writes the renderer. */
export const RENDERER_DIR = join(PROJECT_ROOT, 'out', 'renderer');

/** True when a built renderer exists in `dir`. */
export function rendererIsBuilt(dir = RENDERER_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** The sources a build is made from: when one is newer than the built renderer, the build is stale. */
const BUILD_INPUTS = ['src-renderer', 'src-shared', 'src-preload', 'src-main', 'emulator', 'electron.vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * The mark of a development build in its `index.html`: the prerendered sign-in form keyed by the development
 * environments (with the local emulator). The installers' build (`--mode package`, left in `out/` by `npm run dist`)
 * lacks it, and start:web and the e2e tests must not serve that one as if it were theirs.
 */
const DEVELOPMENT_BUILD_MARK = `data-boot-shell="${signInShellKey(firstRunEnvironments(true))}"`;

/** True when `dir` holds a development build of the renderer. */
export function isDevelopmentBuild(dir = RENDERER_DIR): boolean {
  return rendererIsBuilt(dir) && readFileSync(join(dir, 'index.html'), 'utf8').includes(DEVELOPMENT_BUILD_MARK);
}

/** True when the built renderer is missing, not a development build, or older than any of its sources. */
export function buildIsStale(dir = RENDERER_DIR): boolean {
  if (!isDevelopmentBuild(dir)) return true;
  const built = statSync(join(dir, 'index.html')).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(PROJECT_ROOT, input)) > built);
}

/** Runs `electron-vite <args>` in the project root; rejects with its output's tail when it fails. */
export function runElectronVite(args: string[]): Promise<void> {
  const bin = join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`electron-vite ${args.join(' ')} failed (exit ${code}):\n${output}`));
    });
  });
}

/** Runs `electron-vite build` (the development build, into `out/`). */
export function buildApp(log: (message: string) => void = () => {}): Promise<void> {
  log('Building DeepCurrent Desktop (electron-vite build)…');
  return runElectronVite(['build']);
}

/** Builds the app unless a development build of the renderer is already there (or always, with `force`). */
export async function ensureRendererBuilt(options: { force?: boolean; log?: (message: string) => void } = {}): Promise<void> {
  if (options.force || !isDevelopmentBuild()) await buildApp(options.log);
}
