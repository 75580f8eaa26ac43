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
