/**
 * The Electron fuses of the packaged app (issue 5) and the code that flips them. Fuses are bits compiled into the
 * Electron binary; flipping them after packaging (before signing) removes ways to turn the shipped app into a
 * general-purpose Node runtime or to make it run code that is not ours. docs/packaging.md gives each reason.
 *
 * `FUSES` is the reviewed policy (plain data, tested in test/packaging/fuses.test.ts). `applyFuses` flips the
 * binary with `@electron/fuses` and then reads the wire back, failing the build if any fuse is not as required
 * or if the binary carries a fuse nobody has reviewed yet.
 */
import { join, relative } from 'node:path';
import { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The bytes of a fuse wire (Electron's `build/fuses/fuses.json5`: "0 == off, 1 == on, r == removed"). */
export const FUSE_BYTE = Object.freeze({ DISABLE: 0x30, ENABLE: 0x31, REMOVED: 0x72 });

/** Required state of every fuse @electron/fuses 1.8 can set, keyed by `FuseV1Options`. */
export const FUSES = Object.freeze({
  /** `ELECTRON_RUN_AS_NODE` would make the signed app a plain Node binary that runs any script. */
  [FuseV1Options.RunAsNode]: false,
  /** Cookies on disk are encrypted with an OS-protected key (the app keeps none, but nothing is lost). */
  [FuseV1Options.EnableCookieEncryption]: true,
  /** `NODE_OPTIONS=--require evil.js` would inject code into the main process. */
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  /** `--inspect` / `--inspect-brk` would open a debugger on the main process that holds the API keys. */
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  /** macOS and Windows refuse an `app.asar` whose header hash differs from the one embedded at packaging. */
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  /** Electron loads the app only from `app.asar`, never from a planted `resources/app` folder. */
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  /** We ship no browser-process V8 snapshot; Electron's default. */
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  /**
   * Off: the renderer is served from `app://deepcurrent/` (src-main/shell/app-protocol.ts), never from `file://`, so
   * nothing needs the file protocol's extra privileges (a `file://` page reading other local files with `fetch`,
   * and being treated as a privileged origin).
   */
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/**
 * Fuses newer than @electron/fuses 1.8 (which cannot set them) whose Electron default we reviewed and rely on,
 * keyed by wire index. Index 8 is `WasmTrapHandlers` (Electron 43+): on, V8 traps out-of-bounds Wasm accesses.
 */
export const REVIEWED_DEFAULT_FUSES = Object.freeze({ 8: Object.freeze({ name: 'WasmTrapHandlers', enabled: true }) });

const PLATFORM_EXTENSION = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' };
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * The `flipFuses` configuration for one packaged build. `resetAdHocDarwinSignature` re-signs ad hoc after the flip,
 * as @electron/fuses documents for Apple Silicon (arm64, and universal builds, which contain an arm64 slice); the
 * real signature, when configured, is applied afterwards by electron-builder. Not `strictlyRequireAllFuses`:
 * Electron 45's wire has a ninth fuse that 1.8 cannot set, so completeness is checked by `verifyFuseWire` instead.
 */
export function fuseConfigFor(platform, arch) {
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: (platform === 'darwin' || platform === 'mas') && (arch === 'arm64' || arch === 'universal'),
    ...FUSES,
  };
}

/** The Electron executable electron-builder produced for an `afterPack` context (the `.app` bundle on macOS). */
export function electronBinaryPath(context) {
  const platform = context.electronPlatformName;
  const extension = PLATFORM_EXTENSION[platform];
  if (extension === undefined) throw new Error(`fuses: unknown platform "${platform}"`);
  const name = platform === 'linux' ? context.packager.executableName : context.packager.appInfo.productFilename;
  return join(context.appOutDir, `${name}${extension}`);
}

const stateName = (state) => Object.keys(FUSE_BYTE).find((name) => FUSE_BYTE[name] === state) ?? String(state);

/**
 * Checks a fuse wire read back from a binary: every fuse in `FUSES` has its required state, reviewed newer fuses
 * keep their default, and no unreviewed fuse exists. Returns the problems (empty when the wire is right).
 */
export function verifyFuseWire(wire) {
  const problems = [];
  for (const index of Object.keys(wire).filter((key) => key !== 'version')) {
    const actual = wire[index];
    if (actual === FUSE_BYTE.REMOVED) continue;
    const required = index in FUSES ? FUSES[index] : REVIEWED_DEFAULT_FUSES[index]?.enabled;
    const name = FuseV1Options[index] ?? REVIEWED_DEFAULT_FUSES[index]?.name ?? `#${index}`;
    if (required === undefined) {
      problems.push(`fuse ${name} is new in this Electron and has not been reviewed (it is ${stateName(actual)}): add it to build/fuses.mjs`);
    } else if (actual !== (required ? FUSE_BYTE.ENABLE : FUSE_BYTE.DISABLE)) {
      problems.push(`fuse ${name} is ${stateName(actual)}, required ${required ? 'ENABLE' : 'DISABLE'}`);
    }
  }
  for (const index of Object.keys(FUSES)) {
    if (!(index in wire)) problems.push(`fuse ${FuseV1Options[index]} is missing from the binary's fuse wire`);
  }
  return problems;
}

/** Flips the fuses of one packaged binary, reads them back, and throws if the result is not exactly the policy. */
export async function applyFuses(binaryPath, platform, arch) {
  await flipFuses(binaryPath, fuseConfigFor(platform, arch));
  const problems = verifyFuseWire(await getCurrentFuseWire(binaryPath));
  if (problems.length > 0) throw new Error(`fuses: ${binaryPath}\n  ${problems.join('\n  ')}`);
}

/** The electron-builder `afterPack` step for fuses: flips and verifies the binary of the build just packed. */
export async function applyFusesAfterPack(context) {
  const binary = electronBinaryPath(context);
  await applyFuses(binary, context.electronPlatformName, ARCH_NAMES[context.arch] ?? String(context.arch));
  console.log(`  • fuses flipped and verified  file=${relative(process.cwd(), binary) || binary}`);
}
