/**
 * The renderer's single zustand store, built from typed slices. Components read it with `useAppStore(selector)`;
 * tests reset it with `resetAppStore()`.
 */
import { create } from 'zustand';
import type { AppStore } from './store-types';
import { createSessionSlice } from './session-slice';
import { createSignInSlice } from './sign-in-slice';
import { createApiKeySlice } from './api-key-slice';
import { createTesterSlice } from './tester-slice';
import { createSettingsSlice } from './settings-slice';
import { createNoticesSlice } from './notices-slice';
import { createMaintenanceSlice } from './maintenance-slice';
import { createCollectionsSlice } from './collections-slice';
import { createPasteSlice } from './paste-slice';
import { createHistoryViewSlice } from './history-view-slice';
import { createWorkbenchSlice } from './workbench-slice';

export type { AppStore } from './store-types';
export { activeAccount } from './session-slice';
export type { Screen } from './session-slice';

/** The store hook. */
export const useAppStore = create<AppStore>()((...a) => ({
  ...createSessionSlice(...a),
  ...createSignInSlice(...a),
  ...createApiKeySlice(...a),
  ...createTesterSlice(...a),
  ...createWorkbenchSlice(...a),
  ...createSettingsSlice(...a),
  ...createNoticesSlice(...a),
  ...createMaintenanceSlice(...a),
  ...createCollectionsSlice(...a),
  ...createPasteSlice(...a),
  ...createHistoryViewSlice(...a),
}));

/** Puts the store back to its first state (for tests and a full reload). */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}
