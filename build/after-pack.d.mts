/** Types of build/after-pack.mjs (electron-builder's `afterPack` hook). */
import type { AfterPackContext } from 'electron-builder';

/** Verifies the package contents, then flips and verifies the fuses. */
export declare function afterPack(context: AfterPackContext): Promise<void>;
export default afterPack;
