/**
 * The log file in Electron: electron-log's Electron build (`electron-log/main`), set up like the Node one by
 * `fileLogOn` (file only: no console, no IPC to the windows). Its folder is `<userData>/logs`, which `index.ts`
 * also gives Electron as the app's logs path, so Help › Open Logs Folder and Settings name the same folder.
 *
 * On import electron-log/main listens on its own IPC channel (`__ELECTRON_LOG__`) so that renderers can log through
 * main. This app's renderer never logs there (its preload exposes no `ipcRenderer`), and a line arriving that way
 * would skip the app's scrubbing: the listeners are removed.
 */
import { ipcMain } from 'electron';
import mainLog from 'electron-log/main';
import { fileLogOn, type LogFile, type LogFileOptions } from '../platform/log-file';

/** electron-log's renderer-to-main channel. */
const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';

/** Opens `<folder>/main.log` for appending, rotated as {@link LogFileOptions} says. */
export function openElectronLogFile(options: LogFileOptions): LogFile {
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  const logger = mainLog.create({ logId: 'deepcurrent-main' });
  return fileLogOn(logger, options);
}
