/**
 * Asks the user for a folder (Electron's `dialog.showOpenDialog`, attached to the focused window): Collections › Add
 * folder. Injected into `createAppServices` as a function, like the folder opener; start:web has none.
 */
import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { FolderPicker } from '../platform/ports';

/** The Electron folder picker: resolves the chosen folder, or null when the user cancelled or the dialog failed. */
export function createElectronFolderPicker(log: (message: string) => void): FolderPicker {
  return async () => {
    try {
      const options: OpenDialogOptions = {
        title: 'Choose a folder for a collection',
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'createDirectory'],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    } catch (err) {
      log(`[main] the folder dialog failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  };
}
