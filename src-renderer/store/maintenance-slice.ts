/**
 * Settings' maintenance actions: opening the logs folder (or, where the host cannot, being told where it is), and in
 * development builds resetting the Local emulator's demo data. What main answered is kept for the screen to say;
 * nothing here holds a secret.
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

/** The last Reset demo data: in flight, when it succeeded (epoch ms), or its error. */
export interface DemoResetState {
  busy: boolean;
  doneAt: number | null;
  error: AppError | null;
}

/** The maintenance slice: the state of the two Settings actions, and the actions. */
export interface MaintenanceSlice {
  logsFolderAction: LogsFolderState;
  demoReset: DemoResetState;
  /** Asks main to open the logs folder; the answer (opened, or where it is) lands in `logsFolderAction`. */
  openLogsFolder(): Promise<void>;
  /** Resets the Local emulator's demo data and takes main's new state (Local accounts need a sign-in); true on success. */
  resetDemoData(): Promise<boolean>;
}

/** Builds the maintenance slice of the store. */
export const createMaintenanceSlice: SliceCreator<MaintenanceSlice> = (set, get) => ({
  logsFolderAction: { busy: false, message: null, error: null },
  demoReset: { busy: false, doneAt: null, error: null },

  async openLogsFolder() {
    set({ logsFolderAction: { busy: true, message: null, error: null } });
    const result = await call('openLogsFolder', {});
    set({
      logsFolderAction: result.ok
        ? { busy: false, message: result.value.message, error: null }
        : { busy: false, message: null, error: result.error },
    });
  },

  async resetDemoData() {
    set({ demoReset: { busy: true, doneAt: null, error: null } });
    const result = await call('resetDemoData', {});
    if (!result.ok) {
      set({ demoReset: { busy: false, doneAt: null, error: result.error } });
      return false;
    }
    get().applyAppState(result.value);
    set({ demoReset: { busy: false, doneAt: Date.now(), error: null } });
    return true;
  },
});
