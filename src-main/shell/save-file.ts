/**
 * "Save body": Electron's save dialog (`dialog.showSaveDialog`, attached to the focused window) and the write to the
 * path the user chose. Injected into `createAppServices` as a function, like the folder opener; start:web has none
 * (the page offers a download instead). The dialog and the file system are parameters, so the tests can run it
 * with stand-ins: the Electron binary cannot run on this machine.
 */
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type SaveDialogOptions, type SaveDialogReturnValue } from 'electron';
import type { FileSaver } from '../platform/ports';

/** What the saver uses: the dialog, the window it belongs to, and the write. */
export interface FileSaverDeps {
  showSaveDialog(window: BrowserWindow | null, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  focusedWindow(): BrowserWindow | null;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
}

const electronDeps: FileSaverDeps = {
  showSaveDialog: (window, options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
  focusedWindow: () => BrowserWindow.getFocusedWindow(),
  writeFile: (path, bytes) => writeFile(path, bytes),
};

/** Creates the Electron file saver. Never rejects: a failed write is `failed` with the system's reason. */
export function createElectronFileSaver(deps: FileSaverDeps = electronDeps): FileSaver {
  return async ({ suggestedName, bytes }) => {
    let chosen: SaveDialogReturnValue;
    try {
      chosen = await deps.showSaveDialog(deps.focusedWindow(), { title: 'Save response body', defaultPath: suggestedName, properties: ['showOverwriteConfirmation', 'createDirectory'] });
    } catch (err) {
      return { outcome: 'failed', reason: err instanceof Error ? err.message : 'the dialog failed' };
    }
    if (chosen.canceled || !chosen.filePath) return { outcome: 'cancelled' };
    try {
      await deps.writeFile(chosen.filePath, bytes);
      return { outcome: 'saved', path: chosen.filePath };
    } catch (err) {
      return { outcome: 'failed', reason: err instanceof Error ? err.message : 'the write failed' };
    }
  };
}
