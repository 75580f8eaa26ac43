/**
 * Helpers for the packaging tests: the real electron-builder configuration as electron-builder itself loads it,
 * its `files` globs evaluated with electron-builder's own matching rules, and a stand-in Electron binary that
 * carries a real fuse wire (the Electron download is not available in the test environment).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The configuration file `npm run dist` passes to electron-builder. */
export const CONFIG_FILE = join(ROOT, 'electron-builder.config.mjs');

/** Loads electron-builder.config.mjs through electron-builder's own loader, as `--config` does. */
export function loadBuilderConfig(): Promise<Configuration> {
  return getConfig(ROOT, CONFIG_FILE, null);
}

const requireFrom = createRequire(import.meta.url);
const builderDir = dirname(requireFrom.resolve('app-builder-lib/package.json'));
type Minimatch = (path: string, pattern: string, options: { dot: boolean }) => boolean;
const { minimatch } = requireFrom(requireFrom.resolve('minimatch', { paths: [builderDir] })) as { minimatch: Minimatch };

/** A platform's `files` globs with `${arch}` expanded, as electron-builder expands them for one architecture. */
export function filesGlobs(platform: PlatformSpecificBuildOptions | null | undefined, arch: string): string[] {
  const files = platform?.files;
  if (!Array.isArray(files) || files.some((entry) => typeof entry !== 'string')) {
    throw new Error('expected a list of glob strings');
  }
  return (files as string[]).map((glob) => glob.replaceAll('${arch}', arch));
}

/**
 * Whether electron-builder would copy an app file (path relative to the project): globs are read in order and the
 * last one that applies wins, with electron-builder's minimatch and `{dot: true}` (its `filter.ts`).
 */
export function isPackaged(globs: readonly string[], file: string): boolean {
  let included = false;
  for (const glob of globs) {
    const negated = glob.startsWith('!');
    if (included !== negated) continue;
    included = minimatch(file, negated ? glob.slice(1) : glob, { dot: true }) ? !negated : included;
  }
  return included;
}

/** Whether electron-builder would copy a file of a production dependency: every file unless a `!` glob matches. */
export function isPackagedDependencyFile(globs: readonly string[], file: string): boolean {
  return !globs.some((glob) => glob.startsWith('!') && minimatch(file, glob.slice(1), { dot: true }));
}

/** The marker @electron/fuses looks for in the Electron binary, followed by the fuse wire. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's factory fuse wire: nine fuses, as "0"/"1" bytes in `FuseV1Options` order (index 8: WasmTrapHandlers). */
export const ELECTRON_45_WIRE = '101100011';

/** A stand-in Electron executable: filler bytes around one fuse wire per slice (two slices: a universal binary). */
export function fakeElectronBinary(wire = ELECTRON_45_WIRE, slices = 1): Buffer {
  const slice = Buffer.concat([Buffer.from('\x7fELF stand-in for Electron\0'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('\0rest of the binary\0')]);
  return Buffer.concat(Array.from({ length: slices }, () => slice));
}

/** Every fuse wire in a binary, as strings of "0"/"1"/"r". */
export function readFuseWires(binary: Buffer): string[] {
  const wires: string[] = [];
  for (let at = binary.indexOf(FUSE_SENTINEL); at !== -1; at = binary.indexOf(FUSE_SENTINEL, at + 1)) {
    const start = at + FUSE_SENTINEL.length;
    wires.push(binary.subarray(start + 2, start + 2 + binary[start + 1]).toString('latin1'));
  }
  return wires;
}
