/**
 * Settings: saving the user's choices through `updateSettings`. The values themselves live in `app.settings`,
 * the main process's answer, so the whole app sees one truth.
 */
import type { AppError } from '../../src-shared/errors';
import type { Settings } from '../../src-shared/models';
import { call } from '../api';
import type { SliceCreator } from './store-types';

export interface SettingsSaveState {
  saving: boolean;
  error: AppError | null;
  /** Epoch ms of the last successful save, for the "Settings saved." note. */
  savedAt: number | null;
}

export interface SettingsSlice {
  settingsSave: SettingsSaveState;
  /** Saves a change; true on success. On failure nothing in `app.settings` changes. */
  saveSettings(change: Partial<Settings>): Promise<boolean>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settingsSave: { saving: false, error: null, savedAt: null },

  async saveSettings(change) {
    set({ settingsSave: { saving: true, error: null, savedAt: null } });
    const result = await call('updateSettings', change);
    if (!result.ok) {
      set({ settingsSave: { saving: false, error: result.error, savedAt: null } });
      return false;
    }
    const app = get().app;
    if (app) set({ app: { ...app, settings: result.value } });
    set({ settingsSave: { saving: false, error: null, savedAt: Date.now() } });
    return true;
  },
});
