/**
 * A fake ClipboardPort: holds the text in memory, records every write and clear, and lets a test play the user
 * copying something else (`userCopies`).
 */
import type { ClipboardPort } from '../../src-main/platform/ports';

export class FakeClipboard implements ClipboardPort {
  text = '';
  secretWrites = 0;
  clears = 0;

  constructor(private readonly protections: string[] = ['concealed']) {}

  async writeSecret(text: string): Promise<string[]> {
    this.text = text;
    this.secretWrites += 1;
    return [...this.protections];
  }

  async readText(): Promise<string> {
    return this.text;
  }

  async clear(): Promise<void> {
    this.text = '';
    this.clears += 1;
  }

  /** The user copies something of their own. */
  userCopies(text: string): void {
    this.text = text;
  }
}

/** One write a {@link GatedClipboard} holds until the test lets it finish. */
export interface HeldWrite {
  readonly text: string;
  /** The text lands on the clipboard and the write resolves. */
  land(): void;
  /** The write rejects and nothing lands. */
  fail(error?: Error): void;
}

/**
 * A FakeClipboard whose writes wait for the test: each `writeSecret` is held (see `pending`) until the test lands
 * or fails it, so a test decides the order in which concurrent writes finish, as a slow system clipboard would.
 */
export class GatedClipboard extends FakeClipboard {
  /** Writes started and not finished yet, oldest first. */
  readonly pending: HeldWrite[] = [];
  /** Every text written, in the order the writes landed. */
  readonly landed: string[] = [];

  override writeSecret(text: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const write: HeldWrite = {
        text,
        land: () => {
          this.pending.splice(this.pending.indexOf(write), 1);
          this.text = text;
          this.secretWrites += 1;
          this.landed.push(text);
          resolve(['concealed']);
        },
        fail: (error = new Error('the clipboard is busy')) => {
          this.pending.splice(this.pending.indexOf(write), 1);
          reject(error);
        },
      };
      this.pending.push(write);
    });
  }

  /**
   * Finishes every write, the newest first whenever several are in flight at once (the reverse of the order they
   * were asked for), letting queued work start between writes, until none is left.
   */
  async landNewestFirst(): Promise<void> {
    await flushMicrotasks();
    while (this.pending.length > 0) {
      this.pending[this.pending.length - 1]!.land();
      await flushMicrotasks();
    }
  }
}

/** Lets every promise callback that is ready run (no timers involved, so fake timers do not matter). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
