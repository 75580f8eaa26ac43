/**
 * The production build the benchmark measures: `electron-vite build --mode package` (the installers' build) into a
 * temporary folder, so the repository's `out/` (used by start:web, the Electron app and the e2e tests) is never
 * touched. `--no-build` with `--build-dir` measures an existing build instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `bench/`). */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** A production build on disk. */
export interface ProductionBuild {
  /** The build's root (`main/`, `preload/`, `renderer/` inside). */
  outDir: string;
  /** The built renderer (`index.html` and `assets/`). */
  rendererDir: string;
  /** How long the build took, or null when an existing build was used. */
  buildMs: number | null;
  /** Removes the folder when the benchmark made it. */
  cleanup(): void;
}

function run(args: string[]): Promise<void> {
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`electron-vite build --mode package failed (exit ${code}):\n${output}`));
    });
  });
}

/** Builds the app for packaging into a fresh temporary folder (or uses `existing`). */
export async function productionBuild(existing?: string): Promise<ProductionBuild> {
  if (existing) {
    const outDir = resolve(existing);
    const rendererDir = existsSync(join(outDir, 'renderer', 'index.html')) ? join(outDir, 'renderer') : outDir;
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No built renderer (index.html) under ${outDir}.`);
    return { outDir, rendererDir, buildMs: null, cleanup: () => {} };
  }
  const outDir = mkdtempSync(join(tmpdir(), 'dc-bench-build-'));
  const started = performance.now();
  try {
    await run(['build', '--mode', 'package', '--outDir', outDir, '--logLevel', 'warn']);
  } catch (err) {
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  }
  return {
    outDir,
    rendererDir: join(outDir, 'renderer'),
    buildMs: performance.now() - started,
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
