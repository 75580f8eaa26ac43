/**
 * Keeps an emulator's state in a JSON file (for the app's embedded Local emulator, whose accounts, keys and items
 * must survive restarts). The file holds unrevealed API keys and the token signing secret, so it is always written
 * with mode 0600, and always atomically: a new temporary file in the same folder, renamed over the old one, so a
 * crash leaves either the old or the new state, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { FlavourName } from './flavour';
import { stateSnapshotSchema, type StateSnapshot } from './state-snapshot';

/** Marks a file as ours. */
const FORMAT = 'deepcurrent-emulator-state';
/** Bumped when the layout changes incompatibly; a file with another version is not used. */
const VERSION = 1;

const envelopeSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  flavour: z.string(),
  state: stateSnapshotSchema,
});

/** What {@link StateFile.open} found. */
export interface OpenedState {
  file: StateFile;
  /** The saved state, or null when there was none (or none usable) and the emulator must start afresh. */
  snapshot: StateSnapshot | null;
}

/** One state file, written one save at a time. */
export class StateFile {
  readonly path: string;
  private readonly flavour: FlavourName;
  private readonly log: (message: string) => void;
  /** The last text written (or read), so that an unchanged state is not written again. */
  private written = '';
  private queue: Promise<void> = Promise.resolve();

  private constructor(path: string, flavour: FlavourName, log: (message: string) => void) {
    this.path = path;
    this.flavour = flavour;
    this.log = log;
  }

  /**
   * Reads the state saved at `path` for this flavour. A missing file gives no snapshot; an unusable one (unreadable,
   * not JSON, not ours, another version or flavour) is logged, set aside as `<path>.unreadable`, and gives no snapshot.
   */
  static async open(path: string, flavour: FlavourName, log: (message: string) => void): Promise<OpenedState> {
    const file = new StateFile(path, flavour, log);
    let problem: string | { snapshot: StateSnapshot };
    let text = '';
    try {
      text = await readFile(path, 'utf8');
      problem = StateFile.problemWith(text, flavour);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { file, snapshot: null };
      problem = `it cannot be read (${(err as Error).message})`;
    }
    if (typeof problem === 'string') {
      const aside = `${path}.unreadable`;
      const kept = await rename(path, aside).then(
        () => ` (the old file is kept as ${aside})`,
        () => '',
      );
      log(`emulator: the state file ${path} is unusable: ${problem}; starting with fresh demo data${kept}`);
      return { file, snapshot: null };
    }
    file.written = text;
    return { file, snapshot: problem.snapshot };
  }

  /** Why `text` cannot be used, or the snapshot it holds. */
  private static problemWith(text: string, flavour: FlavourName): string | { snapshot: StateSnapshot } {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return 'it is not JSON';
    }
    const parsed = envelopeSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `it is not an emulator state file of version ${VERSION} (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`;
    }
    if (parsed.data.flavour !== flavour) return `it belongs to the '${parsed.data.flavour}' flavour, not '${flavour}'`;
    return { snapshot: parsed.data.state };
  }

  /**
   * Writes `snapshot` unless it equals what the file already holds. Saves run one after another, in call order, so
   * the file ends with the newest state. Rejects when the file cannot be written.
   */
  write(snapshot: StateSnapshot): Promise<void> {
    const text = `${JSON.stringify({ format: FORMAT, version: VERSION, flavour: this.flavour, state: snapshot }, null, 2)}\n`;
    const run = this.queue.then(() => (text === this.written ? undefined : this.replace(text)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Like {@link write}, but a failure is logged instead of thrown (the emulator keeps serving from memory). */
  save(snapshot: StateSnapshot): Promise<void> {
    return this.write(snapshot).catch((err: unknown) => {
      this.log(`emulator: could not save the state to ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /** Resolves once every save started so far has finished. */
  flush(): Promise<void> {
    return this.queue;
  }

  private async replace(text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
      await rename(temp, this.path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    this.written = text;
  }
}
