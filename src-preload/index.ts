/**
 * The sandboxed preload: exposes `window.deepcurrent`, one named function per IPC channel, and nothing else (never
 * `ipcRenderer`, never a generic `invoke`). Emitted as CommonJS (`out/preload/index.cjs`) because a sandboxed
 * preload cannot be an ES module and can only `require('electron')`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildDeepCurrentApi } from './api-table';

contextBridge.exposeInMainWorld(
  'deepcurrent',
  buildDeepCurrentApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
