/**
 * The app's log file: `<data folder>/logs/main.log`, rotated at about 1 MB with a few old files kept
 * (`main.1.log` the newest … `main.3.log` the oldest). Written by electron-log: its Electron build in the app
 * (`shell/electron-log-file.ts`), its Node build under plain Node (`node-log-file.ts`: start:web, tests); both are
 * set up here, the same way.
 *
 * `createAppLog` makes the app's `log(message)` function, the one place every line passes on its way to the file
 * and the console: secrets (API keys, JWTs) are scrubbed there, before anything is written.
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type ElectronLog from 'electron-log';
import { redactSecrets } from '../../src-shared/credentials';

/** The log file's name inside the logs folder. */
export const LOG_FILE_NAME = 'main.log';
/** Rotate when the file is larger than this. */
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
/** How many rotated files are kept beside `main.log`. */
export const DEFAULT_LOG_KEEP = 3;

/** Where log lines go: a file in `folder`. Never given a secret (see {@link createAppLog}). */
export interface LogFile {
  /** The folder that holds `main.log` and its rotated files. */
  readonly folder: string;
  /** Appends one line (already scrubbed). Never throws. */
  write(line: string): void;
}

/** Where the log file goes and when it rotates. */
export interface LogFileOptions {
  folder: string;
  /** Rotate above this many bytes (default {@link DEFAULT_LOG_MAX_BYTES}). */
  maxBytes?: number;
  /** Rotated files kept (default {@link DEFAULT_LOG_KEEP}). */
  keep?: number;
}

/** The logs folder inside an app data folder (`<userData>/logs`). */
export function logsFolderIn(dataFolder: string): string {
  return join(dataFolder, 'logs');
}

/** `main.log` → `main.<n>.log`. */
export function rotatedName(n: number): string {
  return LOG_FILE_NAME.replace(/\.log$/, `.${n}.log`);
}

/** Shifts `main.log` → `main.1.log` → … → `main.<keep>.log`; the oldest one is removed. */
function rotate(folder: string, keep: number, file: ElectronLog.LogFile): void {
  try {
    // Removed first: a rename onto an existing file fails on Windows.
    rmSync(join(folder, rotatedName(keep)), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      try {
        renameSync(join(folder, rotatedName(n)), join(folder, rotatedName(n + 1)));
      } catch {
        // That one does not exist yet.
      }
    }
    renameSync(file.path, join(folder, rotatedName(1)));
  } catch {
    // The file could not be moved (locked on Windows, read-only folder): start it afresh rather than let it grow.
    file.clear();
  }
}

/**
 * Sets up an electron-log logger (a fresh instance of either build) to write `main.log` in `folder` and nothing
 * else: no console, no IPC to windows, no remote. Answers the {@link LogFile}.
 */
export function fileLogOn(logger: ElectronLog.NodeLogger, options: LogFileOptions): LogFile {
  const keep = Math.max(1, options.keep ?? DEFAULT_LOG_KEEP);
  const { file, console, ipc, remote } = logger.transports;
  for (const other of [console, ipc, remote]) if (other) other.level = false;
  file.level = 'info';
  file.maxSize = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] {text}';
  // The log may name email addresses and server URLs: readable by this user only.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.resolvePathFn = () => join(options.folder, LOG_FILE_NAME);
  file.archiveLogFn = (oldFile) => rotate(options.folder, keep, oldFile);
  return {
    folder: options.folder,
    write: (line) => {
      try {
        logger.info(line);
      } catch {
        // A log that cannot be written never stops the app.
      }
    },
  };
}

/**
 * The app's `log(message)`: scrubs every API key and JWT from the message (`redactSecrets`), then writes the line
 * to the log file and to `echo` (the console, or a test's list). Every line of the main process passes here.
 */
export function createAppLog(file: LogFile | null, echo?: (line: string) => void): (message: string) => void {
  return (message) => {
    const line = redactSecrets(String(message));
    file?.write(line);
    echo?.(line);
  };
}
