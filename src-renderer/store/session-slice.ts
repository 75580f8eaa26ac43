/**
 * Session and accounts: the last `AppState` from the main process, which screen is shown, the active account's
 * profile check (online / offline), and the one place that turns a 401 into a sign-in prompt, once per account.
 */
import type { AccountSummary, AppState } from '../../src-shared/models';
import type { AppError, Result } from '../../src-shared/errors';
import { call } from '../api';
import type { AppStore, SliceCreator } from './store-types';

/** The screens of the app. `sign-in` is also reachable while signed in (Add account). */
export type Screen = 'sign-in' | 'account' | 'api-key' | 'tester' | 'settings';

/** The outcome of the last `refreshProfile` of an account. */
export interface ProfileCheck {
  accountId: string;
  state: 'checking' | 'ok' | 'offline' | 'failed';
  error: AppError | null;
}

export interface SessionSlice {
  /** Null until the first `getState` answers. */
  app: AppState | null;
  loadError: AppError | null;
  screen: Screen;
  profileCheck: ProfileCheck | null;
  accountBusy: boolean;
  accountError: AppError | null;
  /** The account whose 401 already led to the sign-in prompt; cleared by a successful sign-in. Stops loops. */
  unauthorizedHandledFor: string | null;
  /** Asks for the first `AppState` (once at a time) and shows the account or the sign-in screen. */
  loadApp(): Promise<void>;
  /** Takes a fresh `AppState`; resets per-account slices when the active account changed. */
  applyAppState(state: AppState): void;
  /** Asks for a fresh `AppState` after a change made elsewhere (a reveal, a confirmed key). */
  reloadAppState(): Promise<void>;
  /** Takes one account as main now summarises it (from an answer that carries it), without asking for the state. */
  applyAccount(account: AccountSummary): void;
  navigate(screen: Screen): void;
  /** Opens a screen for an account (a click on a system notification): switches to the account first if needed. */
  openScreenFor(accountId: string, screen: Screen): Promise<void>;
  switchAccount(accountId: string): Promise<void>;
  /** Signs an account out (the window asked first); then a notice says who was signed out and who is now active. */
  signOut(accountId: string): Promise<void>;
  refreshProfile(): Promise<void>;
  /** Every failed call passes through here: a 401 leads to the sign-in prompt once; anything else is left to the
   * caller to show. A 403 never signs anybody out. */
  handleFailure(error: AppError): void;
}

/** The active account, or null. */
export function activeAccount(state: Pick<AppStore, 'app'>): AccountSummary | null {
  const app = state.app;
  if (!app || !app.activeAccountId) return null;
  return app.accounts.find((a) => a.id === app.activeAccountId) ?? null;
}

/** The page notice after a sign-out. */
export const SIGNED_OUT_NOTICE = 'signed-out';
/** The page notice of a newly issued key (where there is no system notification). */
export const KEY_ISSUED_NOTICE = 'key-issued';

function isOffline(error: AppError): boolean {
  return error.kind === 'network' || error.kind === 'timeout';
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => {
  /** The end of a switch or sign-out: the error beside the account, or the new state and its account screen. */
  const settleAccountCall = (result: Result<AppState>, options: { promptOnUnauthorized: boolean }) => {
    set({ accountBusy: false });
    if (!result.ok) {
      set({ accountError: result.error });
      if (options.promptOnUnauthorized) get().handleFailure(result.error);
      return;
    }
    get().applyAppState(result.value);
    if (activeAccount(get())) set({ screen: 'account' });
  };

  return {
    app: null,
    loadError: null,
    screen: 'sign-in',
    profileCheck: null,
    accountBusy: false,
    accountError: null,
    unauthorizedHandledFor: null,

    async loadApp() {
      const result = await call('getState', {});
      if (!result.ok) {
        set({ loadError: result.error });
        return;
      }
      set({ loadError: null });
      get().applyAppState(result.value);
      set({ screen: activeAccount(get()) ? 'account' : 'sign-in' });
    },

    applyAppState(state) {
      const previous = get().app;
      set({ app: state });
      if (previous?.activeAccountId !== state.activeAccountId) {
        set({ profileCheck: null, accountError: null });
        get().resetApiKey();
        get().resetTesterResult();
      }
      if (!activeAccount(get()) && get().screen !== 'sign-in') get().openSignIn();
    },

    async reloadAppState() {
      const result = await call('getState', {});
      if (result.ok) get().applyAppState(result.value);
    },

    applyAccount(account) {
      const app = get().app;
      if (!app || !app.accounts.some((a) => a.id === account.id)) return;
      set({ app: { ...app, accounts: app.accounts.map((a) => (a.id === account.id ? account : a)) } });
    },

    navigate(screen) {
      const account = activeAccount(get());
      if (screen !== 'sign-in' && !account) return;
      set({ screen, accountError: null });
      if (screen === 'api-key' && account && get().keyIssuedFor === account.id) {
        get().markKeyIssued(null);
        get().dismissPageNotice(KEY_ISSUED_NOTICE);
      }
    },

    async openScreenFor(accountId, screen) {
      const app = get().app;
      if (!app || !app.accounts.some((a) => a.id === accountId)) return;
      if (app.activeAccountId !== accountId) {
        await get().switchAccount(accountId);
        if (get().app?.activeAccountId !== accountId) return;
      }
      get().navigate(screen);
    },

    async switchAccount(accountId) {
      set({ accountBusy: true, accountError: null });
      settleAccountCall(await call('switchAccount', { accountId }), { promptOnUnauthorized: true });
    },

    async signOut(accountId) {
      const leaving = get().app?.accounts.find((a) => a.id === accountId) ?? null;
      set({ accountBusy: true, accountError: null });
      // With no account left, applyAppState opens the sign-in form.
      const result = await call('signOut', { accountId });
      settleAccountCall(result, { promptOnUnauthorized: false });
      if (!result.ok || !leaving) return;
      const now = activeAccount(get());
      get().showPageNotice({
        id: SIGNED_OUT_NOTICE,
        text: now
          ? `Signed out of ${leaving.email} (${leaving.environmentLabel}). The active account is now ${now.email} (${now.environmentLabel}).`
          : `Signed out of ${leaving.email} (${leaving.environmentLabel}). No account is signed in on this computer now.`,
      });
    },

    async refreshProfile() {
      const account = activeAccount(get());
      if (!account) return;
      const accountId = account.id;
      set({ profileCheck: { accountId, state: 'checking', error: null } });
      const result = await call('refreshProfile', { accountId });
      const app = get().app;
      if (!app || app.activeAccountId !== accountId) return;
      if (result.ok) {
        get().applyAccount(result.value);
        set({ profileCheck: { accountId, state: 'ok', error: null } });
        return;
      }
      set({ profileCheck: { accountId, state: isOffline(result.error) ? 'offline' : 'failed', error: result.error } });
      get().handleFailure(result.error);
    },

    handleFailure(error) {
      if (error.kind !== 'unauthorized') return;
      const account = activeAccount(get());
      const key = account?.id ?? '';
      if (get().unauthorizedHandledFor === key) return;
      set({ unauthorizedHandledFor: key });
      get().openSignIn({
        email: account?.email ?? '',
        environment: account?.environment ?? null,
        mode: account?.signedInWith === 'api-key' ? 'api-key' : 'password',
        reason: error.message,
      });
      // One fresh look at the accounts (main has marked this one as needing a sign-in); its failure is not retried.
      void get().reloadAppState();
    },
  };
};
