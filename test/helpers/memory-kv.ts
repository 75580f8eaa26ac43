/**
 * An in-memory KeyValueStore for tests. Values go through JSON on the way in and out, as they would in a settings
 * file, so a test sees exactly what would be written to disk (`toJSON()`). `onWrite` sees the whole store after
 * every write (to check that no secret is ever written); `crashOnNextWrite()` makes the next write throw, to play
 * the app dying between two steps.
 */
import type { KeyValueStore } from '../../src-main/platform/ports';

export class MemoryKv implements KeyValueStore {
  private readonly data = new Map<string, string>();
  private crashArmed = false;
  /** Called with the store's JSON after every write. */
  onWrite: ((json: string) => void) | null = null;

  /** The next write throws (nothing is written): the app "crashes" at that point. */
  crashOnNextWrite(): void {
    this.crashArmed = true;
  }

  private beforeWrite(): void {
    if (!this.crashArmed) return;
    this.crashArmed = false;
    throw new Error('simulated crash before a settings write');
  }

  get(key: string): unknown {
    const text = this.data.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  set(key: string, value: unknown): void {
    this.beforeWrite();
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
    this.onWrite?.(this.toJSON());
  }

  delete(key: string): void {
    this.beforeWrite();
    this.data.delete(key);
    this.onWrite?.(this.toJSON());
  }

  /** The whole store as the JSON text a settings file would hold. */
  toJSON(): string {
    return JSON.stringify(Object.fromEntries([...this.data].map(([k, v]) => [k, JSON.parse(v)])));
  }
}
