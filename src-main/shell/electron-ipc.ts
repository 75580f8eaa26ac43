/**
 * Binds every channel of the contract to the router over Electron's `ipcMain.handle`. Each call first checks its
 * sender: a live frame that is the main frame of a window the app created and that shows one of the app's own
 * pages; anything else is refused without reaching a service. The payload is then validated by the router.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_NAMES, CHANNELS } from '../../src-shared/ipc-channels';
import { fail, type Result } from '../../src-shared/errors';
import type { Router } from '../ipc/router';
import { isAppUrl, type AppUrls } from './security';
import { isAppWindowContents } from './window';

/** The answer to a call from a sender the app does not trust. */
export const UNKNOWN_SENDER: Result<never> = fail({ kind: 'invalid-input', message: 'Request refused: unknown sender.' });

function isTrustedSender(event: IpcMainInvokeEvent, appUrls: AppUrls): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) return false;
  if (frame.parent !== null) return false;
  if (!isAppWindowContents(event.sender)) return false;
  return isAppUrl(frame.url, appUrls);
}

/** Registers one handler per channel; returns a function that removes them all. */
export function registerIpcHandlers(router: Router, appUrls: AppUrls, log: (message: string) => void): () => void {
  for (const name of API_NAMES) {
    const channel = CHANNELS[name];
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event, appUrls)) {
        log(`[ipc] refused ${channel} from an unknown sender`);
        return UNKNOWN_SENDER;
      }
      return router.callChannel(channel, payload);
    });
  }
  return () => {
    for (const name of API_NAMES) ipcMain.removeHandler(CHANNELS[name]);
  };
}
