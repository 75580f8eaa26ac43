/**
 * Builds the app with `electron-vite build` (main, preload and the minified renderer) when the renderer is missing
 * or a rebuild is asked for. Used by the start:web CLI and by Playwright's global setup.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** True when the built renderer is missing or older than any of its sources. */
export function buildIsStale(dir = RENDERER_DIR): boolean {
  if (!rendererIsBuilt(dir)) return true;
  const built = statSync(join(dir, 'index.html')).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(PROJECT_ROOT, input)) > built);
}

/** Runs `electron-vite build` in the project root; rejects with its output's tail when it fails. */
export function buildApp(log: (message: string) => void = () => {}): Promise<void> {
  log('Building DeepCurrent Desktop (electron-vite build)…');
  const bin = join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`electron-vite build failed (exit ${code}):\n${output}`));
    });
  });
}

/** Builds the app unless a renderer is already built (or always, with `force`). */
export async function ensureRendererBuilt(options: { force?: boolean; log?: (message: string) => void } = {}): Promise<void> {
  if (options.force || !rendererIsBuilt()) await buildApp(options.log);
}
