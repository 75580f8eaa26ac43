/**
 * The production build the benchmark measures: `electron-vite build --mode package` (the installers' build) into a
 * temporary folder, so the repository's `out/` (used by start:web, the Electron app and the e2e tests) is never
 * touched. `--no-build` with `--build-dir` measures an existing build instead.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runElectronVite } from '../web/build-renderer';

/** The repository root. */
export { PROJECT_ROOT as ROOT } from '../web/build-renderer';

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
    await runElectronVite(['build', '--mode', 'package', '--outDir', outDir, '--logLevel', 'warn']);
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
