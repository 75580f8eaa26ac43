/**
 * The ports the services depend on. Adapters implement them: the OS keychain (keytar), electron-store or conf for
 * settings, Electron's clipboard and notifications. Tests and `start:web` pass other implementations; services
 * never import `electron` or keytar.
 */
import type { DemoSignIn } from '../../src-shared/models';
import type { OpenScreenEvent } from '../../src-shared/ipc-contract';

/** Thrown by a SecretStore when the keychain refuses or fails (locked, timeout, no service). */
export class SecretStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreError';
  }
}

/** Where secrets live. `persistent` is false for the in-memory fallback used when there is no OS keychain. */
export interface SecretStore {
  readonly persistent: boolean;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** Non-secret persistent data (electron-store in the app, conf under plain Node). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** The system clipboard, for secrets. */
export interface ClipboardPort {
  /** Writes the text, with whatever concealment the platform offers; resolves the protections applied. */
  writeSecret(text: string): Promise<string[]>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

/** A notice for the user outside the app's window, and the screen a click on it opens. */
export interface UserNotice {
  title: string;
  body: string;
  /** What clicking the notice opens: a screen of the app, for an account. */
  opens: OpenScreenEvent;
}

/**
 * System notifications (Electron's `Notification`, wired in `shell/`). `system` is false where there are none (the
 * start:web preview, tests): the window then shows its own notice, and `show` only records the notice.
 */
export interface NotifierPort {
  readonly system: boolean;
  /** Shows the notice; a click on it opens `notice.opens`. Never throws. */
  show(notice: UserNotice): void;
}

/** A notifier that shows nothing (no system notifications here); the window shows its own notice. */
export const noSystemNotifier: NotifierPort = { system: false, show: () => {} };

/** Time source, injectable for tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Opens a folder in the system's file manager (Electron's `shell.openPath`). Resolves null when it opened, else the
 * system's reason (for the log, not for the user). Never rejects.
 */
export type FolderOpener = (folder: string) => Promise<string | null>;

/** What a file save came to: written at `path`, cancelled by the user, or failed (the system's reason, for the log). */
export type FileSaveOutcome = { outcome: 'saved'; path: string } | { outcome: 'cancelled' } | { outcome: 'failed'; reason: string };

/**
 * Asks the user where to save a file (the app's save dialog, proposing `suggestedName`) and writes the bytes there.
 * Never rejects. Injected by the Electron shell; absent where the host cannot show a dialog (start:web).
 */
export type FileSaver = (file: { suggestedName: string; bytes: Uint8Array }) => Promise<FileSaveOutcome>;

/**
 * Asks the user to pick a folder (Electron's `dialog.showOpenDialog`). Resolves its path, or null when the user
 * cancelled. Never rejects. Absent where the host cannot show one (start:web, a browser page).
 */
export type FolderPicker = () => Promise<string | null>;

/**
 * The DeepCurrent emulator that development builds embed as the Local environment. Never part of a packaged build:
 * `index.ts` fills this port only when the app is not packaged, by loading the build's separate emulator entry
 * (`emulator/embedded.ts`); nothing in src-main imports the emulator's code.
 */
export interface LocalEmulator {
  url: string;
  /**
   * The emulator's demo accounts, for the sign-in form's hint. Published credentials of a development-only
   * emulator (the same for every copy), not secrets of anybody's account.
   */
  demoSignIns: DemoSignIn[];
  /** Starts the demo data afresh (new keys, new signing secret: every earlier token stops working). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** What the app does with the Local emulator beyond calling it: show its demo sign-ins, reset its demo data. */
export type LocalEmulatorControls = Pick<LocalEmulator, 'demoSignIns' | 'reset'>;

/** Starts the Local emulator; its users, keys, requests and signing secret persist in `stateFile`. */
export type StartLocalEmulator = (options: { stateFile: string; log: (message: string) => void }) => Promise<LocalEmulator>;
