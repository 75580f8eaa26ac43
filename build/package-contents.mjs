/**
 * What the installers contain, as data shared by the electron-builder config (its `files` globs) and the
 * `afterPack` check that reads the finished `app.asar` back (issue 6: no emulator, no tests, no source maps, no
 * `.env`). Keeping both in one place means the check cannot drift from the configuration it checks.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';

// The same minimatch electron-builder matches `files` with (its own dependency, not the older hoisted copy).
const requireFrom = createRequire(import.meta.url);
const builderDir = dirname(requireFrom.resolve('app-builder-lib/package.json'));
const { minimatch } = requireFrom(requireFrom.resolve('minimatch', { paths: [builderDir] }));

/** The only app files packaged (electron-vite's output and the manifest); production node_modules come on top. */
export const PACKAGED = Object.freeze(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);

/**
 * Never packaged, even if a future `PACKAGED` entry would match them. The `out/main` emulator rules are defensive:
 * `electron-vite build --mode package` builds no emulator, but a plain build emits it as its own entry
 * (`local-emulator.js`, or a chunk named `server-*.js` / `emulator*`), which the packaged app never loads
 * (`app.isPackaged`).
 */
export const NEVER_PACKAGED = Object.freeze([
  'emulator{,/**}',
  'web{,/**}',
  'test{,/**}',
  'bench{,/**}',
  'src-*{,/**}',
  'scripts{,/**}',
  'docs{,/**}',
  'security{,/**}',
  'build{,/**}',
  'release{,/**}',
  'test-results{,/**}',
  '**/*.map',
  '**/.env',
  '**/.env.*',
  '**/*.test.*',
  '**/*.spec.*',
  'out/main/**/emulator*',
  'out/main/**/local-emulator*',
  'out/main/**/server-*.js',
  // keytar's sources and the binary compiled for the build machine; the app loads the target's N-API prebuild.
  '**/node_modules/@github/keytar/{build,src,script}{,/**}',
  '**/node_modules/@github/keytar/binding.gyp',
  // C++ headers keytar compiles against; nothing loads them at run time.
  '**/node_modules/node-addon-api{,/**}',
]);

/** Files the packaged app cannot start without. */
export const REQUIRED = Object.freeze(['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']);

/** Strings that exist only in the emulator (its demo password and fault-injection route): never in app code. */
export const EMULATOR_MARKERS = Object.freeze(['deepcurrent-demo', '/__faults']);

const MATCH_OPTIONS = { dot: true };

/** The first `NEVER_PACKAGED` glob a relative path matches, or null. */
export function forbiddenBy(relativePath) {
  return NEVER_PACKAGED.find((glob) => minimatch(relativePath, glob, MATCH_OPTIONS)) ?? null;
}

/**
 * Problems with a packaged file list (paths relative to the app root, `/`-separated) and a reader of app-code
 * files: forbidden files, missing required files, app code containing emulator markers. Empty when all is well.
 */
export function checkPackagedFiles(files, readText) {
  const problems = [];
  const present = new Set(files);
  for (const file of files) {
    const glob = forbiddenBy(file);
    if (glob) problems.push(`${file} must not be packaged (matches "${glob}")`);
  }
  for (const file of REQUIRED) {
    if (!present.has(file)) problems.push(`${file} is missing from the package`);
  }
  for (const file of files.filter((f) => f.startsWith('out/') && /\.(c|m)?js$|\.html$/.test(f))) {
    const text = readText(file);
    const marker = EMULATOR_MARKERS.find((m) => text.includes(m));
    if (marker) problems.push(`${file} contains emulator code ("${marker}")`);
  }
  return problems;
}

/** Lists the files (not directories) in an `app.asar`, relative and `/`-separated. */
export function listAsarFiles(asarPath) {
  return listPackage(asarPath, { isPack: false })
    .map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''))
    .filter((entry) => {
      const stat = statFile(asarPath, entry, false);
      return !('files' in stat) && !('link' in stat);
    });
}

/** Reads `resources/app.asar` of a packaged app and throws if `checkPackagedFiles` finds anything wrong. */
export function verifyPackagedApp(resourcesDir) {
  const asarPath = join(resourcesDir, 'app.asar');
  const files = listAsarFiles(asarPath);
  const problems = checkPackagedFiles(files, (file) => extractFile(asarPath, file).toString('utf8'));
  if (problems.length > 0) throw new Error(`package contents: ${asarPath}\n  ${problems.join('\n  ')}`);
  return files;
}
