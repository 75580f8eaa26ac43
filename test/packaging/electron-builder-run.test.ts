/**
 * Runs the real electron-builder with the real configuration on a small project laid out like ours (an `out/`
 * build seeded with everything that must stay out, the real keytar package) and reads the packaged app back. The
 * one stand-in is the Electron binary, which cannot be downloaded here: a file carrying Electron 45's real fuse
 * wire. The target is Linux `dir` (the unpacked app every Linux installer is made from); the installers themselves
 * (dmg, NSIS, AppImage, deb) are not built by this test.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createPackage, extractFile } from '@electron/asar';
import { Arch, Platform, build } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterPack } from '../../build/after-pack.mjs';
import { listAsarFiles } from '../../build/package-contents.mjs';
import { ROOT, fakeElectronBinary, loadBuilderConfig, readFuseWires } from './packaging-helpers';

const APP_FILES: Record<string, string> = {
  'out/main/index.js': 'import "./chunks/settings-3f2a.js";\n',
  'out/main/chunks/settings-3f2a.js': 'export const settings = {};\n',
  'out/preload/index.cjs': 'require("electron");\n',
  'out/renderer/index.html': '<!doctype html><script type="module" src="./assets/index-9c1d.js"></script>\n',
  'out/renderer/assets/index-9c1d.js': 'console.log("renderer");\n',
};

const MUST_STAY_OUT: Record<string, string> = {
  'out/main/chunks/server-7b1e.js': 'export const DEMO_PASSWORD = "deepcurrent-demo";\n',
  'out/main/emulator-4d2c.js': 'export {};\n',
  'out/main/index.js.map': '{"sources":["../../src-main/index.ts"]}',
  'out/renderer/assets/index-9c1d.js.map': '{}',
  'out/renderer/assets/app.test.js': 'test();\n',
  '.env': 'DEEPCURRENT_API_KEY=dc_not_a_real_key\n',
  '.env.production': 'X=1\n',
  'emulator/server.ts': 'export {};\n',
  'web/start-web.ts': 'export {};\n',
  'test/packaging/fuses.test.ts': 'export {};\n',
  'bench/run.ts': 'export {};\n',
  'src-main/index.ts': 'export {};\n',
  'src-renderer/main.tsx': 'export {};\n',
  'scripts/test-all.mjs': 'export {};\n',
  'docs/packaging.md': '# docs\n',
  'security/electronegativity-allowlist.json': '[]\n',
  'README.md': '# DeepCurrent\n',
};

const KEYTAR = 'node_modules/@github/keytar';

let project: string;
let appOutDir: string;
let asarPath: string;
let packaged: string[];

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'dc-dist-'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const keytarVersion = (manifest.dependencies as Record<string, string>)['@github/keytar'];
  write(project, {
    ...APP_FILES,
    ...MUST_STAY_OUT,
    'package.json': JSON.stringify({ ...manifest, dependencies: { '@github/keytar': keytarVersion }, devDependencies: {} }, null, 2),
  });
  for (const dependency of ['@github/keytar', 'node-addon-api']) {
    cpSync(join(ROOT, 'node_modules', dependency), join(project, 'node_modules', dependency), { recursive: true });
  }
  const electronDist = join(project, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), fakeElectronBinary(), { mode: 0o755 });

  const config = await loadBuilderConfig();
  const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
  await build({
    projectDir: project,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: { ...config, electronDist, electronVersion },
    publish: 'never',
  });
  appOutDir = join(project, 'release', 'linux-unpacked');
  asarPath = join(appOutDir, 'resources', 'app.asar');
  packaged = listAsarFiles(asarPath);
}, 180_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('electron-builder with our configuration', () => {
  it('writes the unpacked app to release/ with the executable named deepcurrent', () => {
    expect(existsSync(join(appOutDir, 'deepcurrent'))).toBe(true);
    expect(existsSync(asarPath)).toBe(true);
  });

  it('packages the app build, package.json and keytar', () => {
    expect(packaged).toEqual(expect.arrayContaining([...Object.keys(APP_FILES), 'package.json', `${KEYTAR}/lib/keytar.js`, `${KEYTAR}/package.json`]));
  });

  it('leaves out the emulator, tests, sources, source maps and .env files', () => {
    expect(packaged.filter((file) => file in MUST_STAY_OUT)).toEqual([]);
    expect(packaged.filter((file) => /\.map$|(^|\/)\.env|\.test\.|(^|\/)(emulator|web|test|src-[a-z]+)\//.test(file))).toEqual([]);
  });

  it('ships only the Linux x64 keytar binary, unpacked beside the asar, and none of keytar’s build inputs', () => {
    const keytarFiles = packaged.filter((file) => file.startsWith(`${KEYTAR}/`));
    expect(keytarFiles.filter((file) => file.endsWith('.node'))).toEqual([`${KEYTAR}/prebuilds/linux-x64/keytar.node`]);
    expect(keytarFiles.filter((file) => /\/(src|build|script)\/|binding\.gyp$/.test(file))).toEqual([]);
    expect(packaged.filter((file) => file.startsWith('node_modules/node-addon-api/'))).toEqual([]);
    const unpacked = join(appOutDir, 'resources', 'app.asar.unpacked', KEYTAR, 'prebuilds', 'linux-x64', 'keytar.node');
    expect(readFileSync(unpacked)).toEqual(readFileSync(join(ROOT, KEYTAR, 'prebuilds', 'linux-x64', 'keytar.node')));
  });

  it('keeps the manifest’s entry point, so the packaged app starts the built main process', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(manifest.main).toBe('./out/main/index.js');
    expect(manifest.productName).toBe('DeepCurrent');
    expect(manifest.homepage).toBe('https://deepcurrent.app');
  });

  it('flips the fuses of the packaged Electron binary in the afterPack step', () => {
    expect(readFuseWires(readFileSync(join(appOutDir, 'deepcurrent')))).toEqual(['010011001']);
  });
});

describe('the afterPack check', () => {
  const context = (dir: string) =>
    ({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: Arch.x64,
      packager: { getResourcesDir: (out: string) => join(out, 'resources'), executableName: 'deepcurrent' },
    }) as unknown as Parameters<typeof afterPack>[0];

  async function packApp(files: Record<string, string>, omit: string[] = []): Promise<string> {
    const dir = mkdtempSync(join(project, 'hook-'));
    const app: Record<string, string> = { ...APP_FILES, 'package.json': '{"main":"./out/main/index.js"}', ...files };
    for (const file of omit) delete app[file];
    write(join(dir, 'app'), app);
    mkdirSync(join(dir, 'resources'));
    await createPackage(join(dir, 'app'), join(dir, 'resources', 'app.asar'));
    writeFileSync(join(dir, 'deepcurrent'), fakeElectronBinary(), { mode: 0o755 });
    return dir;
  }

  it('fails the build when emulator code hides in an innocently named chunk, before any fuse is flipped', async () => {
    const dir = await packApp({ 'out/main/chunks/index-5e6f.js': 'const password = "deepcurrent-demo";\n' });
    await expect(afterPack(context(dir))).rejects.toThrow(/out\/main\/chunks\/index-5e6f\.js contains emulator code/);
    expect(readFuseWires(readFileSync(join(dir, 'deepcurrent')))).toEqual(['101100011']);
  });

  it('fails the build when a source map got into the package', async () => {
    const dir = await packApp({ 'out/renderer/assets/index-9c1d.js.map': '{}' });
    await expect(afterPack(context(dir))).rejects.toThrow(/index-9c1d\.js\.map must not be packaged \(matches "\*\*\/\*\.map"\)/);
  });

  it('fails the build when the preload the window needs is missing', async () => {
    const dir = await packApp({}, ['out/preload/index.cjs']);
    await expect(afterPack(context(dir))).rejects.toThrow(/out\/preload\/index\.cjs is missing from the package/);
  });

  it('passes a clean package and flips its fuses', async () => {
    const dir = await packApp({});
    await afterPack(context(dir));
    expect(readFuseWires(readFileSync(join(dir, 'deepcurrent')))).toEqual(['010011001']);
  });
});
