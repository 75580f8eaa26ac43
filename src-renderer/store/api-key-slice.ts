/**
 * The API key screen: the key's status and lifecycle stage, the reveal, the copy receipt and the regeneration
 * request. `revealed` is the only value in the whole store that ever holds a key, and only until `closeReveal`.
 */
import type { AppError } from '../../src-shared/errors';
import type { ApiKeyStatus, ClipboardReceipt, RegenerationReason, RevealedKey } from '../../src-shared/models';
import { call } from '../api';
import { activeAccount, KEY_ISSUED_NOTICE } from './session-slice';
import type { SliceCreator } from './store-types';

/** What the user asked the API key screen to do (the calls; the screen offers them as main's `KeyAction`s). */
export type KeyCall = 'reveal' | 'copy' | 'request' | 'confirm';

export interface ApiKeyState {
  accountId: string | null;
  status: ApiKeyStatus | null;
  loading: boolean;
  loadError: AppError | null;
  busy: KeyCall | null;
  actionError: { action: KeyCall; error: AppError } | null;
  /** The one-time revealed key, until the dialog closes. */
  revealed: RevealedKey | null;
  /** The last copy: when the main process will clear the clipboard. Holds no secret. */
  clipboard: ClipboardReceipt | null;
  /** Bumped by each user action on the screen, so the watch of an open request starts again from its shortest wait. */
  pollReset: number;
}

export interface ApiKeySlice {
  apiKey: ApiKeyState;
  loadApiKeyStatus(): Promise<void>;
  /** Reveals the newest unrevealed key (the current one, or the issued new one) into the dialog. */
  revealKey(): Promise<void>;
  /** Asks the main process to copy a held key to the clipboard; the renderer never touches the key for this. */
  copyKey(role: 'current' | 'pending'): Promise<void>;
  /** Closes the reveal dialog and forgets the key. */
  closeReveal(): void;
  requestNewKey(reason: RegenerationReason, note: string): Promise<boolean>;
  confirmNewKey(): Promise<boolean>;
  clearKeyActionError(): void;
  /** A user action on the API key screen: the watch of an open request checks again soon. */
  keyUserAction(): void;
  resetApiKey(): void;
}

const initialApiKey: ApiKeyState = {
  accountId: null,
  status: null,
  loading: false,
  loadError: null,
  busy: null,
  actionError: null,
  revealed: null,
  clipboard: null,
  pollReset: 0,
};

export const createApiKeySlice: SliceCreator<ApiKeySlice> = (set, get) => {
  const patch = (p: Partial<ApiKeyState>) => set({ apiKey: { ...get().apiKey, ...p } });
  const begin = (action: KeyCall): string | null => {
    const account = activeAccount(get());
    if (!account) return null;
    patch({ busy: action, actionError: null, accountId: account.id });
    return account.id;
  };
  const stillActive = (accountId: string) => get().app?.activeAccountId === accountId;
  /**
   * Main saw the new key issued (and, in the app, showed a system notification): mark the API key screen until the
   * user opens it, and where there is no system notification show the page's own notice.
   */
  const noticeIssued = (accountId: string) => {
    if (get().screen === 'api-key') return;
    get().markKeyIssued(accountId);
    if (get().app?.systemNotifications) return;
    get().showPageNotice({
      id: KEY_ISSUED_NOTICE,
      text: 'Your new API key is ready: support has issued it. Reveal it on the API key screen, then confirm it.',
      opens: { screen: 'api-key', label: 'Open the API key screen' },
    });
  };
  const failAction = (action: KeyCall, error: AppError) => {
    patch({ busy: null, actionError: { action, error } });
    get().handleFailure(error);
  };

  return {
    apiKey: initialApiKey,

    async loadApiKeyStatus() {
      const account = activeAccount(get());
      if (!account) return;
      const accountId = account.id;
      patch({ loading: true, accountId });
      const result = await call('getApiKeyStatus', { accountId });
      if (!stillActive(accountId)) return;
      if (result.ok) {
        patch({ loading: false, loadError: null, status: result.value });
        if (result.value.newlyIssued) noticeIssued(accountId);
        // Main stored what it just learnt about the key: the Account screen's line takes it too, so both agree.
        const shown = activeAccount(get())?.currentKey;
        const now = result.value;
        if (shown && (shown.last4 !== now.last4 || shown.held !== now.heldByApp || shown.revealed !== now.revealed)) {
          void get().reloadAppState();
        }
        return;
      }
      patch({ loading: false, loadError: result.error });
      get().handleFailure(result.error);
    },

    async revealKey() {
      const accountId = begin('reveal');
      if (!accountId) return;
      const result = await call('revealApiKey', { accountId });
      if (!stillActive(accountId)) return;
      if (!result.ok) {
        // Main's words, as sent: it knows whether this app still holds the key.
        failAction('reveal', result.error);
        // The server's state moved on (revealed elsewhere): main's action list follows it.
        if (result.error.kind === 'conflict') void get().loadApiKeyStatus();
        return;
      }
      patch({ busy: null, revealed: result.value, clipboard: null });
      void get().loadApiKeyStatus();
      void get().reloadAppState();
    },

    async copyKey(role) {
      const accountId = begin('copy');
      if (!accountId) return;
      const result = await call('copyApiKey', { accountId, role });
      if (!stillActive(accountId)) return;
      if (!result.ok) {
        failAction('copy', result.error);
        return;
      }
      patch({ busy: null, clipboard: result.value });
    },

    closeReveal() {
      patch({ revealed: null });
    },

    async requestNewKey(reason, note) {
      const accountId = begin('request');
      if (!accountId) return false;
      const result = await call('requestNewKey', { accountId, reason, note });
      if (!stillActive(accountId)) return false;
      if (!result.ok) {
        failAction('request', result.error);
        // A request opened elsewhere: the screen shows it once main has looked again.
        if (result.error.kind === 'conflict') void get().loadApiKeyStatus();
        return false;
      }
      patch({ busy: null });
      await get().loadApiKeyStatus();
      return true;
    },

    async confirmNewKey() {
      const accountId = begin('confirm');
      if (!accountId) return false;
      const result = await call('confirmNewKey', { accountId });
      if (!stillActive(accountId)) return false;
      if (!result.ok) {
        failAction('confirm', result.error);
        return false;
      }
      patch({ busy: null, status: result.value });
      void get().reloadAppState();
      return true;
    },

    clearKeyActionError() {
      patch({ actionError: null });
    },

    keyUserAction() {
      patch({ pollReset: get().apiKey.pollReset + 1 });
    },

    resetApiKey() {
      set({ apiKey: initialApiKey });
    },
  };
};
