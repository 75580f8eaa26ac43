/**
 * electron-builder configuration for `npm run dist` (docs/packaging.md): macOS dmg + zip (universal), Windows NSIS
 * (x64, arm64), Linux AppImage + deb (x64), written to `release/`.
 *
 * - Contents: only electron-vite's output (`out/main`, `out/preload`, `out/renderer`) and package.json, plus the
 *   production node_modules; everything in `NEVER_PACKAGED` is excluded explicitly, and the `afterPack` hook reads
 *   the finished app.asar back and fails the build if any of it got in (build/package-contents.mjs).
 * - Fuses: flipped and verified by the same hook (build/fuses.mjs).
 * - Environment: the packaged app defaults to Production because `app.isPackaged` is true; nothing here sets
 *   `ELECTRON_RENDERER_URL`, a `main` override or any other development switch.
 * - keytar: N-API, so the prebuilt binary of each target works in Electron without a rebuild (`npmRebuild: false`:
 *   no compiler or Electron headers needed). Only the prebuilds of the target platform are packaged (both macOS
 *   slices for the universal build), never the `build/Release` binary compiled for the build machine.
 * - Secrets: none. Signing and notarisation come only from environment variables electron-builder reads itself:
 *   macOS `CSC_LINK`, `CSC_KEY_PASSWORD` and `APPLE_API_KEY`/`APPLE_API_KEY_ID`/`APPLE_API_ISSUER` (or `APPLE_ID`/
 *   `APPLE_APP_SPECIFIC_PASSWORD`/`APPLE_TEAM_ID`, or `APPLE_KEYCHAIN_PROFILE`); Windows `WIN_CSC_LINK`,
 *   `WIN_CSC_KEY_PASSWORD`. Without them the build is unsigned and notarisation is skipped with a warning.
 */
import { fileURLToPath } from 'node:url';
import { NEVER_PACKAGED, PACKAGED } from './build/package-contents.mjs';

const KEYTAR_PREBUILDS = '**/node_modules/@github/keytar/prebuilds';

/**
 * The `files` globs of one platform: the app, the exclusions, and only the keytar prebuilds that platform loads
 * (`keep` is an extglob over keytar's `<platform>-<arch>` folder names). Set per platform and never at the top
 * level: electron-builder 26 turns a top-level `files` list into a separate file set, and a platform list that
 * only excludes then matches the whole project (found by test/packaging/electron-builder-run.test.ts).
 */
function filesFor(keep) {
  return [...PACKAGED, ...NEVER_PACKAGED.map((glob) => `!${glob}`), `!${KEYTAR_PREBUILDS}/!(${keep}){,/**}`];
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'app.deepcurrent.desktop',
  productName: 'DeepCurrent',
  copyright: 'Copyright © DeepCurrent',
  directories: { output: 'release', buildResources: 'build' },
  asar: true,
  asarUnpack: ['**/node_modules/@github/keytar/**/*.node'],
  npmRebuild: false,
  // The deb needs a project URL and package.json has no `homepage`. Nothing else is added to the packaged manifest.
  extraMetadata: { homepage: 'https://deepcurrent.app' },
  afterPack: fileURLToPath(new URL('./build/after-pack.mjs', import.meta.url)),
  // No auto-update feed: nothing is uploaded and no latest*.yml is written.
  publish: null,

  mac: {
    target: [
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.png',
    artifactName: '${productName}-${version}-mac-${arch}.${ext}',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Both slices' prebuilds in both halves: the x64 and arm64 apps must hold the same files to be merged, and
    // these two thin binaries, identical in both halves, are kept as they are instead of being lipo'd.
    files: filesFor('darwin-*'),
    x64ArchFiles: `${KEYTAR_PREBUILDS}/darwin-*/keytar.node`,
    // `notarize` is left to electron-builder: it notarises when the APPLE_* variables above are set.
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.png',
    files: filesFor('win32-${arch}'),
  },
  nsis: {
    artifactName: '${productName}-${version}-setup.${ext}',
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    category: 'Development',
    icon: 'build/icon.png',
    executableName: 'deepcurrent',
    synopsis: 'Keeps DeepCurrent API credentials in the OS keychain and explores the API by hand',
    maintainer: 'DeepCurrent <desktop@deepcurrent.app>',
    files: filesFor('linux-${arch}'),
  },
  appImage: {
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  deb: {
    // electron-builder's defaults, stated in full because `depends` replaces them; libsecret is keytar's Secret Service.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
};

export default config;
