/**
 * Copies a secret to the clipboard and takes it back: after a delay, on demand and on quit, the clipboard is
 * cleared, but only while it still holds a secret this guard copied (whatever the user copied since is left alone).
 *
 * Copies are serialised: a copy's write starts only once the previous one has finished, so the last copy asked for
 * is the one left on the clipboard, and two writes can never land in reverse order. Every secret copied is held
 * with its own clear timer until it is known to be off the clipboard: a successful write replaces the clipboard, so
 * it forgets every other secret at once; a failed write leaves the previous secret held with its timer. Clears run
 * in the same queue as writes, so a check never reads the clipboard between a write's start and its end. The
 * secrets stay in the main process's memory only while they may still be on the clipboard.
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

/** What the guard needs: the clipboard, a clock for the receipt, the delay setting, and (in tests) timers. */
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

/** One secret that may still be on the clipboard, and its pending clear (null while its first write runs). */
interface HeldSecret {
  timer: unknown;
}

/** The clipboard guard of one app session (see the file comment for what it promises). */
export class ClipboardGuard {
  private readonly timers: TimerPort;
  /** Secrets this guard copied that may still be on the clipboard. The entry object identifies one timer. */
  private readonly held = new Map<string, HeldSecret>();
  /** The tail of the queue of copies and clears. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ClipboardGuardOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  /** Writes the secret (with the platform's concealment) after any copy in progress, and schedules its removal. */
  copy(secret: string): Promise<ClipboardReceipt> {
    return this.serial(() => this.write(secret));
  }

  /**
   * Clears the clipboard now if it holds any secret this guard copied; answers whether it did. Forgets every
   * secret either way, and cancels every timer. Waits for a copy in progress to finish first.
   */
  clearNow(): Promise<boolean> {
    return this.serial(async () => {
      const secrets = [...this.held.keys()];
      for (const entry of this.held.values()) this.cancel(entry);
      this.held.clear();
      return this.clearIfHolding(secrets);
    });
  }

  /** On quit: clears the clipboard if it still holds a copied secret, and cancels every timer. */
  dispose(): Promise<boolean> {
    return this.clearNow();
  }

  private async write(secret: string): Promise<ClipboardReceipt> {
    const clearAfterSeconds = clampSeconds(this.options.clearAfterSeconds());
    // Held before the write starts: a write that lands and then reports a failure is still cleared later.
    if (!this.held.has(secret)) this.held.set(secret, { timer: null });
    let protections: string[];
    try {
      protections = await this.options.clipboard.writeSecret(secret);
    } catch (err) {
      // What the clipboard holds is unknown: every held secret keeps (or gets) a timer, and each is checked then.
      for (const [held, entry] of this.held) if (entry.timer === null) this.schedule(held, clearAfterSeconds);
      throw err;
    }
    // The write replaced the clipboard: no other secret is on it any more.
    for (const [held, entry] of this.held) {
      if (held === secret) continue;
      this.cancel(entry);
      this.held.delete(held);
    }
    this.schedule(secret, clearAfterSeconds);
    return { clearAt: this.options.clock.now() + clearAfterSeconds * 1000, clearAfterSeconds, protections };
  }

  /** (Re)starts the clear timer of a held secret; the new entry makes any earlier timer of it stale. */
  private schedule(secret: string, seconds: number): void {
    const old = this.held.get(secret);
    if (old) this.cancel(old);
    const entry: HeldSecret = { timer: null };
    entry.timer = this.timers.setTimeout(() => {
      entry.timer = null;
      void this.serial(() => this.expire(secret, entry)).catch(() => undefined);
    }, seconds * 1000);
    this.held.set(secret, entry);
  }

  /** A secret's time is up: clear it if it is still on the clipboard, and forget it either way. */
  private async expire(secret: string, entry: HeldSecret): Promise<boolean> {
    if (this.held.get(secret) !== entry) return false; // copied again since: its newer timer decides
    this.held.delete(secret);
    return this.clearIfHolding([secret]);
  }

  /** Reads the clipboard and clears it when it holds one of `secrets`; a clipboard that cannot be read is left. */
  private async clearIfHolding(secrets: readonly string[]): Promise<boolean> {
    if (secrets.length === 0) return false;
    let current: string;
    try {
      current = await this.options.clipboard.readText();
    } catch {
      return false;
    }
    if (!secrets.includes(current)) return false;
    await this.options.clipboard.clear();
    return true;
  }

  private cancel(entry: HeldSecret): void {
    if (entry.timer !== null) this.timers.clearTimeout(entry.timer);
    entry.timer = null;
  }

  /** Runs `task` after every copy and clear queued before it; a failure reaches only its own caller. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
