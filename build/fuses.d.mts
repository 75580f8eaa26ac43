/** Types of build/fuses.mjs (the Electron fuse policy and the code that applies it). */
import type { FuseV1Config, FuseV1Options } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/** The bytes of a fuse wire: "0" off, "1" on, "r" removed. */
export declare const FUSE_BYTE: Readonly<{ DISABLE: number; ENABLE: number; REMOVED: number }>;
/** Required state of every fuse @electron/fuses 1.8 can set. */
export declare const FUSES: Readonly<Record<FuseV1Options, boolean>>;
/** Newer fuses (by wire index) left at a reviewed Electron default. */
export declare const REVIEWED_DEFAULT_FUSES: Readonly<Record<number, Readonly<{ name: string; enabled: boolean }>>>;
/** The `flipFuses` configuration for one platform and arch (`x64`, `arm64`, `universal`…). */
export declare function fuseConfigFor(platform: string, arch: string): FuseV1Config;
/** The Electron executable (or `.app` bundle) of a packed build. */
export declare function electronBinaryPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName'> & { packager: unknown }): string;
/** Problems with a fuse wire read back from a binary; empty when it matches the policy. */
export declare function verifyFuseWire(wire: Record<string, number | string>): string[];
/** Flips and verifies the fuses of one binary; throws if the result is not the policy. */
export declare function applyFuses(binaryPath: string, platform: string, arch: string): Promise<void>;
/** The fuse step of the `afterPack` hook. */
export declare function applyFusesAfterPack(context: AfterPackContext): Promise<void>;
