/** Types of build/package-contents.mjs (what the installers may and may not contain). */

/** The app files packaged. */
export declare const PACKAGED: readonly string[];
/** Globs never packaged. */
export declare const NEVER_PACKAGED: readonly string[];
/** Files the packaged app needs. */
export declare const REQUIRED: readonly string[];
/** Strings found only in the emulator. */
export declare const EMULATOR_MARKERS: readonly string[];
/** The first `NEVER_PACKAGED` glob a relative path matches, or null. */
export declare function forbiddenBy(relativePath: string): string | null;
/** Problems with a packaged file list; empty when all is well. */
export declare function checkPackagedFiles(files: readonly string[], readText: (file: string) => string): string[];
/** The files in an `app.asar`, relative and `/`-separated. */
export declare function listAsarFiles(asarPath: string): string[];
/** Checks `<resourcesDir>/app.asar`; throws on any problem, returns its file list otherwise. */
export declare function verifyPackagedApp(resourcesDir: string): string[];
