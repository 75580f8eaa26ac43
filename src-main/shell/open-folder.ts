/**
 * Opens a folder in the system's file manager (`shell.openPath`): Settings › Open logs folder and Help › Open Logs
 * Folder. Injected into `createAppServices` as a function, like the clipboard; start:web has none.
 */
import { shell } from 'electron';
import type { FolderOpener } from '../platform/ports';

/** The Electron folder opener: resolves null when the folder opened, else the system's reason. Never rejects. */
export function createElectronFolderOpener(): FolderOpener {
  return async (folder) => {
    try {
      const problem = await shell.openPath(folder);
      return problem ? problem : null;
    } catch (err) {
      return err instanceof Error ? err.message : 'unknown error';
    }
  };
}
