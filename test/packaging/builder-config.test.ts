/**
 * What the installers are made of (issue 6): the real electron-builder configuration, loaded the way `--config`
 * loads it, packages electron-vite's output and nothing else (no emulator, tests, sources, source maps or `.env`),
 * names and targets each platform as documented, and holds no secret.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEVER_PACKAGED, PACKAGED } from '../../build/package-contents.mjs';
import { ROOT, filesGlobs, isPackaged, isPackagedDependencyFile, loadBuilderConfig } from './packaging-helpers';

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

/** Each platform and the architectures electron-builder packs it for (the universal app is packed as both halves). */
const PLATFORMS = [
  { key: 'mac', arch: 'x64' },
  { key: 'mac', arch: 'arm64' },
  { key: 'win', arch: 'x64' },
  { key: 'win', arch: 'arm64' },
  { key: 'linux', arch: 'x64' },
] as const;

const SHIPPED = [
  'package.json',
  'out/main/index.js',
  'out/main/chunks/settings-3f2a.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/renderer/assets/index-9c1d.js',
  'out/renderer/assets/index-9c1d.css',
];

const NOT_SHIPPED = [
  // the in-process emulator as the development build emits it, and source maps
  'out/main/chunks/server-7b1e.js',
  'out/main/server-7b1e.js',
  'out/main/emulator-4d2c.js',
  'out/main/local-emulator.js',
  'out/main/chunks/emulator.js',
  'out/main/index.js.map',
  'out/renderer/assets/index-9c1d.js.map',
  'out/preload/index.cjs.map',
  // secrets and tests that might end up in the output folder
  '.env',
  '.env.production',
  'out/main/.env',
  'out/renderer/.env.local',
  'out/renderer/assets/app.test.js',
  'out/main/api.spec.js',
  // the rest of the repository
  'emulator/server.ts',
  'emulator/demo-accounts.ts',
  'web/start-web.ts',
  'test/packaging/fuses.test.ts',
  'test/e2e/sign-in.spec.ts',
  'bench/run.ts',
  'src-main/index.ts',
  'src-preload/index.ts',
  'src-renderer/main.tsx',
  'src-shared/ipc-contract.ts',
  'scripts/test-all.mjs',
  'docs/packaging.md',
  'security/electronegativity-allowlist.json',
  'build/fuses.mjs',
  'build/icon.png',
  'electron-builder.config.mjs',
  'vitest.config.ts',
  'tsconfig.json',
  'README.md',
  'release/linux-unpacked/resources/app.asar',
];

describe.each(PLATFORMS)('the $key package ($arch)', ({ key, arch }) => {
  const globs = () => filesGlobs(config[key], arch);

  it('contains the main, preload and renderer builds and package.json', () => {
    expect(SHIPPED.filter((file) => !isPackaged(globs(), file))).toEqual([]);
  });

  it('leaves out the emulator, tests, sources, source maps and .env files', () => {
    expect(NOT_SHIPPED.filter((file) => isPackaged(globs(), file))).toEqual([]);
  });

  it('takes nothing from the real repository but the app build and package.json', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        if (['node_modules', '.git', 'release'].includes(name)) return [];
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [relative(ROOT, path).split('\\').join('/')];
      });
    const packaged = walk(ROOT).filter((file) => isPackaged(globs(), file));
    expect(packaged.filter((file) => file !== 'package.json' && !/^out\/(main|preload|renderer)\//.test(file))).toEqual([]);
  });
});

describe('keytar in each package', () => {
  const KEYTAR = 'node_modules/@github/keytar';
  const PREBUILDS = ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'linuxmusl-x64', 'win32-arm64', 'win32-ia32', 'win32-x64'];

  it.each([
    { key: 'mac', arch: 'x64', keep: ['darwin-arm64', 'darwin-x64'] },
    { key: 'mac', arch: 'arm64', keep: ['darwin-arm64', 'darwin-x64'] },
    { key: 'win', arch: 'x64', keep: ['win32-x64'] },
    { key: 'win', arch: 'arm64', keep: ['win32-arm64'] },
    { key: 'linux', arch: 'x64', keep: ['linux-x64'] },
  ] as const)('$key $arch ships only the prebuilt binaries of its target: $keep', ({ key, arch, keep }) => {
    const globs = filesGlobs(config[key], arch);
    const shipped = PREBUILDS.filter((name) => isPackagedDependencyFile(globs, `${KEYTAR}/prebuilds/${name}/keytar.node`));
    expect(shipped).toEqual(keep);
    expect(isPackagedDependencyFile(globs, `${KEYTAR}/lib/keytar.js`)).toBe(true);
    expect(isPackagedDependencyFile(globs, `${KEYTAR}/package.json`)).toBe(true);
    for (const buildFile of [`${KEYTAR}/build/Release/keytar.node`, `${KEYTAR}/src/keytar_posix.cc`, `${KEYTAR}/binding.gyp`, 'node_modules/node-addon-api/napi.h']) {
      expect(isPackagedDependencyFile(globs, buildFile)).toBe(false);
    }
    expect(isPackagedDependencyFile(globs, 'node_modules/zod/index.js.map')).toBe(false);
  });

  it('unpacks keytar’s native binaries from the asar so they can be loaded', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/@github/keytar/**/*.node']);
    expect(config.npmRebuild).toBe(false);
  });

  it('lets the universal macOS build keep the two thin keytar binaries as they are', () => {
    expect(config.mac?.x64ArchFiles).toBe('**/node_modules/@github/keytar/prebuilds/darwin-*/keytar.node');
  });
});

describe('identity, output and targets', () => {
  const targets = (list: unknown) => (list as TargetConfiguration[]).map(({ target, arch }) => ({ target, arch }));

  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app DeepCurrent with the reverse-DNS id app.deepcurrent.desktop and writes to release/', () => {
    expect(config.appId).toBe('app.deepcurrent.desktop');
    expect(config.productName).toBe('DeepCurrent');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.publish).toBeNull();
  });

  it('sets files per platform only (a top-level list would make electron-builder copy the whole project)', () => {
    expect(config.files ?? []).toEqual([]);
    for (const key of ['mac', 'win', 'linux'] as const) {
      expect(filesGlobs(config[key], 'x64').slice(0, PACKAGED.length + NEVER_PACKAGED.length)).toEqual([...PACKAGED, ...NEVER_PACKAGED.map((glob) => `!${glob}`)]);
    }
  });

  it('builds a universal dmg and zip for macOS with the hardened runtime and JIT-only entitlements', () => {
    const mac = config.mac!;
    expect(targets(mac.target)).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ]);
    expect(mac.category).toBe('public.app-category.developer-tools');
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.gatekeeperAssess).toBe(false);
    expect(mac.notarize).not.toBe(false);
    for (const file of [mac.entitlements, mac.entitlementsInherit]) {
      const plist = readFileSync(join(ROOT, String(file)), 'utf8');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('builds an NSIS installer for Windows x64 and arm64', () => {
    expect(targets(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
  });

  it('builds an AppImage and a deb for Linux that depends on libsecret', () => {
    const linux = config.linux!;
    expect(targets(linux.target)).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(linux.category).toBe('Development');
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('uses one 1024×1024 RGBA PNG icon, from which electron-builder derives the .icns and .ico', () => {
    for (const key of ['mac', 'win', 'linux'] as const) expect(config[key]?.icon).toBe('build/icon.png');
    const png = readFileSync(join(ROOT, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([1024, 1024, 8, 6]);
  });
});

describe('environment and secrets', () => {
  it('changes nothing in the packaged manifest that could switch the app out of Production', () => {
    expect(Object.keys(config.extraMetadata ?? {})).toEqual(['homepage']);
    expect(JSON.stringify(config)).not.toMatch(/ELECTRON_RENDERER_URL|NODE_ENV|localhost|127\.0\.0\.1/);
  });

  it('holds no secret: signing and notarisation come only from environment variables', () => {
    const SECRET_KEY = /password|secret|token|cscLink|cscKey|certificate(File|Password|Sha1)|apiKey|appleId/i;
    const SECRET_VALUE = /-----BEGIN|\bdc_[a-z0-9]|eyJ[A-Za-z0-9_-]{10,}|[A-Za-z0-9+/]{40,}={0,2}/;
    // electron-builder resolves some values (afterPack) to absolute paths: scan them relative to the checkout, whose
    // own path (a folder named by a 40-character hash, say) is not part of the configuration.
    const roots = [ROOT, ROOT.split('\\').join('/')];
    const withoutRoot = (text: string) => roots.reduce((acc, root) => acc.split(root).join('<root>'), text);
    const visit = (value: unknown, path: string): void => {
      if (typeof value === 'string') expect(withoutRoot(value), path).not.toMatch(SECRET_VALUE);
      else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          expect(key, `${path}.${key}`).not.toMatch(SECRET_KEY);
          visit(item, `${path}.${key}`);
        }
      }
    };
    visit(config, 'config');
    const source = readFileSync(join(ROOT, 'electron-builder.config.mjs'), 'utf8');
    expect(source).not.toMatch(/process\.env/);
  });
});

describe('the npm scripts', () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;

  it.each([
    ['dist', ''],
    ['dist:mac', ' --mac'],
    ['dist:win', ' --win'],
    ['dist:linux', ' --linux'],
  ])('%s builds without the emulator, then packages with this configuration', (name, flag) => {
    expect(scripts[name]).toBe(`electron-vite build --mode package && electron-builder --config electron-builder.config.mjs --publish never${flag}`);
  });
});
