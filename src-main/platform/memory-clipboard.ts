/**
 * An in-memory clipboard for the start:web preview and tests: the "copied" text stays in this process (the
 * preview server), never on the system clipboard. The test hook `GET /__test/clipboard` reads it.
 */
import type { ClipboardPort } from './ports';

/** What a copy in the web preview achieves, as listed in the copy receipt. */
export const MEMORY_CLIPBOARD_PROTECTION = "Web preview: held in the preview server's memory, not on the system clipboard.";

/** A ClipboardPort that keeps the text in memory. */
export class MemoryClipboard implements ClipboardPort {
  private text = '';

  async writeSecret(text: string): Promise<string[]> {
    this.text = text;
    return [MEMORY_CLIPBOARD_PROTECTION];
  }

  async readText(): Promise<string> {
    return this.text;
  }

  async clear(): Promise<void> {
    this.text = '';
  }
}
