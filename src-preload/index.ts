/**
 * The sandboxed preload: exposes `window.deepcurrent`, one named function per IPC channel and one named
 * subscription per main → renderer event, and nothing else (never `ipcRenderer`, never a generic `invoke` or `on`).
 * A subscription hands the page the payload only, never Electron's event object (which carries `sender`).
 * Emitted as CommonJS (`out/preload/index.cjs`) because a sandboxed preload cannot be an ES module and can only
 * `require('electron')`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDeepCurrentApi } from './api-table';

contextBridge.exposeInMainWorld(
  'deepcurrent',
  buildDeepCurrentApi(
    (channel, request) => ipcRenderer.invoke(channel, request),
    (channel, listener) => {
      const strip = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, strip);
      return () => {
        ipcRenderer.removeListener(channel, strip);
      };
    },
  ),
);
