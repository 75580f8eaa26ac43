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
} as const;

export type ApiName = keyof typeof CHANNELS;
export const API_NAMES = Object.keys(CHANNELS) as ApiName[];
