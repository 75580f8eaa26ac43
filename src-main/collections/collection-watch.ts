/**
 * Notices changes to collections' folders, as a revision number the renderer polls cheaply (main → renderer
 * events do not exist in this app; a poll that answers "nothing new" costs one small IPC call). Each folder is
 * watched with `fs.watch` (through the `FolderFiles` port); a burst of events becomes one new revision after
 * {@link WATCH_DEBOUNCE_MS}. A folder that cannot be watched (missing, or the system refuses) is compared by its
 * listing's fingerprint on each poll instead, so a change still shows.
 */
import type { FolderFiles, FolderWatch } from '../platform/folder-files';

/** How long a burst of file events is gathered before it becomes one change. */
export const WATCH_DEBOUNCE_MS = 120;

interface Watched {
  watch: FolderWatch | null;
  /** The listing's fingerprint when the folder is not watched. */
  fingerprint: string | null;
}

/** Revisions of the watched folders. */
export class CollectionWatch {
  private revision = 1;
  private readonly folders = new Map<string, Watched>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly files: FolderFiles,
    private readonly fingerprint: (folder: string) => Promise<string>,
  ) {}

  /** The current revision. */
  current(): number {
    return this.revision;
  }

  /** Marks a change at once (the app's own write: the renderer need not wait for the watch). */
  bump(): number {
    this.revision += 1;
    return this.revision;
  }

  /**
   * Watches exactly these folders (new ones are watched, forgotten ones released); folders that cannot be watched
   * are compared by fingerprint, and a difference bumps the revision. Answers the revision after that.
   */
  async sync(folders: string[]): Promise<number> {
    for (const [folder, watched] of this.folders) {
      if (!folders.includes(folder)) {
        watched.watch?.close();
        this.folders.delete(folder);
      }
    }
    for (const folder of folders) {
      let watched = this.folders.get(folder);
      if (!watched) {
        watched = { watch: null, fingerprint: null };
        this.folders.set(folder, watched);
        watched.watch = this.watchFolder(folder, watched);
        if (!watched.watch) watched.fingerprint = await this.fingerprint(folder);
        continue;
      }
      if (!watched.watch) {
        const now = await this.fingerprint(folder);
        if (now !== watched.fingerprint) {
          watched.fingerprint = now;
          this.bump();
          // It may be watchable now (it was created meanwhile).
          watched.watch = this.watchFolder(folder, watched);
        }
      }
    }
    return this.revision;
  }

  /** Watches a folder; when the watch ends by itself, the folder is compared by fingerprint from then on. */
  private watchFolder(folder: string, watched: Watched): FolderWatch | null {
    return this.files.watch(
      folder,
      () => this.changed(),
      () => {
        watched.watch = null;
        watched.fingerprint = null;
      },
    );
  }

  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.bump();
    }, WATCH_DEBOUNCE_MS);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Stops every watch. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const watched of this.folders.values()) watched.watch?.close();
    this.folders.clear();
  }
}
