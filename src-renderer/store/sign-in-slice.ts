/**
 * The sign-in form's call state: which method is chosen, the call in flight, its error, and the 429 lockout.
 * The password and the API key are never kept here: they are arguments of the submit actions and nothing else.
 */
import type { AppError } from '../../src-shared/errors';
import type { AccountSummary, AppState } from '../../src-shared/models';
import type { Environment } from '../../src-shared/environments';
import { call } from '../api';
import { SIGNED_OUT_NOTICE } from './session-slice';
import type { SliceCreator } from './store-types';

/** The two ways to sign in. */
export type SignInMode = 'password' | 'api-key';

/** What the sign-in form starts with when the app sends the user there (session expired, reveal needs a password). */
export interface SignInPrefill {
  email: string;
  environment: Environment | null;
  mode: SignInMode;
  /** Why the user is asked to sign in, shown above the form. */
  reason: string | null;
}

/** True when the app holds only an API key for the account (no session): a new sign-in is with a key. */
export function keyOnly(account: AccountSummary): boolean {
  return account.signedInWith === 'api-key' && !account.hasToken;
}

/** The sign-in form for signing in to this account again: its email and environment, with a key when key-only. */
export function signInAgainPrefill(account: AccountSummary, mode: SignInMode = keyOnly(account) ? 'api-key' : 'password'): SignInPrefill {
  return { email: account.email, environment: account.environment, mode, reason: account.signInReason };
}

/** A 429 on sign-in: main's message, and until when the server refuses which email (the form counts down live). */
export interface SignInLockout {
  message: string;
  /** Epoch ms until which sign-in with `email` is refused. */
  until: number;
  /** The locked email in lower case; null when the server did not say for which (then every sign-in waits). */
  email: string | null;
}

export interface SignInState {
  mode: SignInMode;
  pending: boolean;
  /** The last failure other than a lockout, in main's words. */
  error: AppError | null;
  /** The last lockout (429); it applies while `until` is ahead and the form's email is the locked one. */
  lockout: SignInLockout | null;
  prefill: SignInPrefill | null;
  /** Bumped on every `openSignIn`, so the form remounts with its prefill. */
  formKey: number;
}

export interface SignInSlice {
  signIn: SignInState;
  /** Shows the sign-in screen, optionally prefilled. */
  openSignIn(prefill?: Partial<SignInPrefill>): void;
  setSignInMode(mode: SignInMode): void;
  /** Signs in with email and password; true on success. The password is not kept anywhere. */
  submitPasswordSignIn(input: { email: string; password: string; environment: Environment }): Promise<boolean>;
  /** Signs in with an API key (already checked for format); true on success. The key is not kept anywhere. */
  submitApiKeySignIn(input: { apiKey: string; environment: Environment }): Promise<boolean>;
}

const initialSignIn: SignInState = {
  mode: 'password',
  pending: false,
  error: null,
  lockout: null,
  prefill: null,
  formKey: 0,
};

export const createSignInSlice: SliceCreator<SignInSlice> = (set, get) => {
  const succeed = (state: AppState) => {
    const { signIn } = get();
    set({ signIn: { ...signIn, pending: false, error: null, prefill: null }, unauthorizedHandledFor: null });
    get().dismissPageNotice(SIGNED_OUT_NOTICE);
    get().applyAppState(state);
    set({ screen: 'account' });
  };
  const failWith = (error: AppError, email: string | null) => {
    const { signIn } = get();
    if (error.kind === 'rate-limited') {
      const lockout: SignInLockout = {
        message: error.message,
        until: Date.now() + Math.max(1, error.retryAfterSeconds ?? 60) * 1000,
        email: email?.trim().toLowerCase() || null,
      };
      set({ signIn: { ...signIn, pending: false, error: null, lockout } });
      return;
    }
    set({ signIn: { ...signIn, pending: false, error } });
  };

  return {
    signIn: initialSignIn,

    openSignIn(prefill) {
      const { signIn } = get();
      const full: SignInPrefill | null = prefill
        ? { email: '', environment: null, mode: 'password', reason: null, ...prefill }
        : null;
      set({
        screen: 'sign-in',
        signIn: { ...signIn, mode: full?.mode ?? 'password', pending: false, error: null, prefill: full, formKey: signIn.formKey + 1 },
      });
    },

    setSignInMode(mode) {
      set({ signIn: { ...get().signIn, mode, error: null } });
    },

    async submitPasswordSignIn({ email, password, environment }) {
      set({ signIn: { ...get().signIn, pending: true, error: null } });
      const result = await call('signInWithPassword', { email: email.trim(), password, environment });
      if (result.ok) {
        succeed(result.value);
        return true;
      }
      failWith(result.error, email);
      return false;
    },

    async submitApiKeySignIn({ apiKey, environment }) {
      set({ signIn: { ...get().signIn, pending: true, error: null } });
      const result = await call('signInWithApiKey', { apiKey: apiKey.trim(), environment });
      if (result.ok) {
        succeed(result.value);
        return true;
      }
      failWith(result.error, null);
      return false;
    },
  };
};
