/**
 * The channel table: one named API function → one IPC channel. The preload and the web bridge build one named
 * function per entry from this table (and nothing else). Imports nothing, so the sandboxed preload stays small.
 */
export const CHANNELS = {
  getState: 'app:get-state',
  signInWithPassword: 'auth:sign-in-password',
  signInWithApiKey: 'auth:sign-in-api-key',
  switchAccount: 'accounts:switch',
  signOut: 'accounts:sign-out',
  refreshProfile: 'accounts:refresh-profile',
  updateSettings: 'settings:update',
  getApiKeyStatus: 'api-key:get-status',
  revealApiKey: 'api-key:reveal',
  copyApiKey: 'api-key:copy',
  requestNewKey: 'api-key:request-new',
  confirmNewKey: 'api-key:confirm-new',
  sendRequest: 'tester:send',
  cancelRequest: 'tester:cancel',
  listEndpoints: 'tester:list-endpoints',
  saveResponseBody: 'tester:save-response-body',
  loadTabs: 'workbench:load-tabs',
  saveTabs: 'workbench:save-tabs',
  listHistory: 'history:list',
  clearHistory: 'history:clear',
  openLogsFolder: 'app:open-logs-folder',
  resetDemoData: 'dev:reset-demo-data',
  importCurl: 'tester:import-curl',
  listCollections: 'collections:list',
  saveToCollection: 'collections:save-request',
  removeFromCollection: 'collections:remove-request',
  addCollectionFolder: 'collections:add-folder',
  forgetCollectionFolder: 'collections:forget-folder',
  saveCollectionVariables: 'collections:save-variables',
  importIntoCollection: 'collections:import',
} as const;

export type ApiName = keyof typeof CHANNELS;
export const API_NAMES = Object.keys(CHANNELS) as ApiName[];

/**
 * The events main sends to the window (main → renderer), one channel each. The preload exposes one named
 * subscription per event (`on` + the capitalised name: `onOpenScreen`), which hands the listener the payload only
 * (never Electron's event object) and answers an unsubscribe function.
 */
export const EVENTS = {
  /** Open a screen for an account (a click on a system notification). */
  openScreen: 'app:open-screen',
} as const;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** The preload's subscription function for an event: `openScreen` → `onOpenScreen`. */
export function subscriptionName(name: EventName): `on${Capitalize<EventName>}` {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as `on${Capitalize<EventName>}`;
}
