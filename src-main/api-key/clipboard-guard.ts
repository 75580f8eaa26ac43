/**
 * Copies a secret to the clipboard and takes it back: after a delay, on demand and on quit, the clipboard is
 * cleared, but only while it still holds that secret (whatever the user copied since is left alone). One copy at a
 * time: a new copy replaces the previous timer. The secret stays in the main process's memory only until then.
 */
import { SETTING_RANGES, type ClipboardReceipt } from '../../src-shared/models';
import type { ClipboardPort, Clock } from '../platform/ports';

/** Timer functions, injectable for tests (defaults: the global `setTimeout` / `clearTimeout`). */
export interface TimerPort {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemTimers: TimerPort = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending clear must not keep a Node process alive; the app clears on quit through dispose().
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The allowed range of the clear delay, in seconds (the setting's range). */
export const CLEAR_SECONDS_RANGE = SETTING_RANGES.clipboardClearSeconds;

export interface ClipboardGuardOptions {
  clipboard: ClipboardPort;
  clock: Clock;
  /** The delay in seconds, read at each copy (the user's setting); clamped to 10–600. */
  clearAfterSeconds: () => number;
  timers?: TimerPort;
}

function clampSeconds(value: number): number {
  if (!Number.isFinite(value)) return 30;
  return Math.min(CLEAR_SECONDS_RANGE.max, Math.max(CLEAR_SECONDS_RANGE.min, Math.round(value)));
}

export class ClipboardGuard {
  private readonly timers: TimerPort;
  private secret: string | null = null;
  private timer: unknown = null;

  constructor(private readonly options: ClipboardGuardOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  /** Writes the secret (with the platform's concealment) and schedules its removal. */
  async copy(secret: string): Promise<ClipboardReceipt> {
    this.cancelTimer();
    const clearAfterSeconds = clampSeconds(this.options.clearAfterSeconds());
    this.secret = secret;
    const protections = await this.options.clipboard.writeSecret(secret);
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.clearNow();
    }, clearAfterSeconds * 1000);
    return { clearAt: this.options.clock.now() + clearAfterSeconds * 1000, clearAfterSeconds, protections };
  }

  /** Clears the clipboard now if it still holds the copied secret; answers whether it did. Forgets the secret. */
  async clearNow(): Promise<boolean> {
    this.cancelTimer();
    const secret = this.secret;
    this.secret = null;
    if (secret === null) return false;
    let current: string;
    try {
      current = await this.options.clipboard.readText();
    } catch {
      return false;
    }
    if (current !== secret) return false;
    await this.options.clipboard.clear();
    return true;
  }

  /** On quit: clears the clipboard if it still holds the secret, and cancels the timer. */
  dispose(): Promise<boolean> {
    return this.clearNow();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
