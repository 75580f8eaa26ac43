/**
 * Settings' maintenance actions: opening the logs folder (or, where the host cannot, being told where it is). What
 * main answered is kept for the screen to say; nothing here holds a secret.
 */
import type { AppError } from '../../src-shared/errors';
import { call } from '../api';
import type { SliceCreator } from './store-types';

/** The last Open logs folder: in flight, main's answer in words, or its error. */
export interface LogsFolderState {
  busy: boolean;
  message: string | null;
  error: AppError | null;
}

export interface MaintenanceSlice {
  logsFolderAction: LogsFolderState;
  /** Asks main to open the logs folder; the answer (opened, or where it is) lands in `logsFolderAction`. */
  openLogsFolder(): Promise<void>;
}

export const createMaintenanceSlice: SliceCreator<MaintenanceSlice> = (set) => ({
  logsFolderAction: { busy: false, message: null, error: null },

  async openLogsFolder() {
    set({ logsFolderAction: { busy: true, message: null, error: null } });
    const result = await call('openLogsFolder', {});
    set({
      logsFolderAction: result.ok
        ? { busy: false, message: result.value.message, error: null }
        : { busy: false, message: null, error: result.error },
    });
  },
});
