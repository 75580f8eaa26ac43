/**
 * The Electron fuses of the packaged app (issue 5): the reviewed policy in build/fuses.mjs maps every fuse of the
 * real `FuseV1Options` enum to the required state, and applying it to an Electron binary (a stand-in carrying
 * Electron 45's real fuse wire) leaves exactly that wire, or fails the build.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSES, applyFuses, electronBinaryPath, fuseConfigFor, verifyFuseWire } from '../../build/fuses.mjs';
import { afterPack } from '../../build/after-pack.mjs';
import { ELECTRON_45_WIRE, ROOT, fakeElectronBinary, loadBuilderConfig, readFuseWires } from './packaging-helpers';

/** What issue 5, review part 8 (finding 3) and docs/packaging.md require, by fuse name. */
const REQUIRED: Record<keyof typeof FuseV1Options, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
};

/** The wire the policy should leave on Electron 45: `REQUIRED` in enum order, then WasmTrapHandlers on. */
const EXPECTED_WIRE = '010011001';

const fuseNames = () => Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))) as Array<keyof typeof FuseV1Options>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dc-fuses-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeBinary(name: string, contents: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, contents, { mode: 0o755 });
  return path;
}

describe('the fuse policy', () => {
  it.each(Object.entries(REQUIRED))('sets %s to %s', (name, required) => {
    expect(FUSES[FuseV1Options[name as keyof typeof FuseV1Options]]).toBe(required);
  });

  it('leaves no fuse of the installed @electron/fuses unconfigured', () => {
    expect(fuseNames().sort()).toEqual(Object.keys(REQUIRED).sort());
    for (const name of fuseNames()) expect(typeof FUSES[FuseV1Options[name]]).toBe('boolean');
  });

  it('turns off every way to run the app as a plain Node process or attach a debugger', () => {
    const config = fuseConfigFor('linux', 'x64');
    expect(config.version).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('takes the file protocol’s extra privileges away, now that the renderer is served from app:// (review part 8, finding 3)', () => {
    expect(fuseConfigFor('linux', 'x64')[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    const wire: Record<string, number | string> = { version: '1', ...Object.fromEntries([...EXPECTED_WIRE].map((bit, index) => [index, bit.charCodeAt(0)])) };
    expect(verifyFuseWire({ ...wire, [FuseV1Options.GrantFileProtocolExtraPrivileges]: '1'.charCodeAt(0) })).toEqual([
      'fuse GrantFileProtocolExtraPrivileges is ENABLE, required DISABLE',
    ]);
  });

  it('re-signs ad hoc after flipping only where Apple Silicon needs it', () => {
    expect(fuseConfigFor('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor('darwin', 'universal').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor('darwin', 'x64').resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor('win32', 'arm64').resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor('linux', 'arm64').resetAdHocDarwinSignature).toBe(false);
  });
});

describe('applying the fuses to an Electron binary', () => {
  it('flips Electron 45 factory fuses to the policy and keeps WasmTrapHandlers on', async () => {
    const binary = writeBinary('electron-45', fakeElectronBinary());
    expect(readFuseWires(readFileSync(binary))).toEqual([ELECTRON_45_WIRE]);
    await applyFuses(binary, 'linux', 'x64');
    expect(readFuseWires(readFileSync(binary))).toEqual([EXPECTED_WIRE]);
  });

  it('flips both slices of a universal binary', async () => {
    const binary = writeBinary('electron-universal', fakeElectronBinary(ELECTRON_45_WIRE, 2));
    await applyFuses(binary, 'linux', 'x64');
    expect(readFuseWires(readFileSync(binary))).toEqual([EXPECTED_WIRE, EXPECTED_WIRE]);
  });

  it('fails the build when the binary has a fuse nobody has reviewed', async () => {
    const binary = writeBinary('electron-future', fakeElectronBinary(`${ELECTRON_45_WIRE}1`));
    await expect(applyFuses(binary, 'linux', 'x64')).rejects.toThrow(/#9 is new in this Electron and has not been reviewed/);
  });

  it('fails the build when a reviewed default fuse has been turned off', async () => {
    const binary = writeBinary('electron-no-wasm-traps', fakeElectronBinary('101100010'));
    await expect(applyFuses(binary, 'linux', 'x64')).rejects.toThrow(/WasmTrapHandlers is DISABLE, required ENABLE/);
  });

  it('reports a wire that does not match the policy', () => {
    const wire: Record<string, number | string> = { version: '1', ...Object.fromEntries([...EXPECTED_WIRE].map((bit, index) => [index, bit.charCodeAt(0)])) };
    expect(verifyFuseWire(wire)).toEqual([]);
    expect(verifyFuseWire({ ...wire, [FuseV1Options.RunAsNode]: '1'.charCodeAt(0) })).toEqual(['fuse RunAsNode is ENABLE, required DISABLE']);
    const { [FuseV1Options.OnlyLoadAppFromAsar]: _dropped, ...shortWire } = wire;
    expect(verifyFuseWire(shortWire)).toEqual(["fuse OnlyLoadAppFromAsar is missing from the binary's fuse wire"]);
  });

  it('finds the executable electron-builder produced on each platform', () => {
    const packager = { executableName: 'deepcurrent', appInfo: { productFilename: 'DeepCurrent' } };
    expect(electronBinaryPath({ appOutDir: '/r/linux-unpacked', electronPlatformName: 'linux', packager })).toBe(join('/r/linux-unpacked', 'deepcurrent'));
    expect(electronBinaryPath({ appOutDir: '/r/win-unpacked', electronPlatformName: 'win32', packager })).toBe(join('/r/win-unpacked', 'DeepCurrent.exe'));
    expect(electronBinaryPath({ appOutDir: '/r/mac-universal', electronPlatformName: 'darwin', packager })).toBe(join('/r/mac-universal', 'DeepCurrent.app'));
  });
});

describe('the electron-builder configuration', () => {
  it('runs the afterPack hook that verifies the package and flips the fuses', async () => {
    const config = await loadBuilderConfig();
    expect(config.afterPack).toBe(join(ROOT, 'build', 'after-pack.mjs'));
    const hook = (await import(String(config.afterPack))) as { afterPack: unknown; default: unknown };
    expect(hook.afterPack).toBe(afterPack);
    expect(hook.default).toBe(afterPack);
  });

  it('does not also set electron-builder’s own electronFuses, so the fuses are flipped in exactly one place', async () => {
    expect((await loadBuilderConfig()).electronFuses).toBeUndefined();
  });
});
