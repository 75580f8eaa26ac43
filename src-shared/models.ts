/**
 * The non-secret data that crosses IPC. Nothing here ever holds an API key or a JWT, except `RevealedKey`,
 * which only the one-time reveal dialog receives.
 */
import type { Environment } from './environments';
import type { TesterAuth } from './tester';

/**
 * `GET /api/v1/users/me`, as the app keeps it (camelCase, no secrets). Only `email` is sure: servers in the field
 * (see the contract's "Servers in the field") may leave out everything else, so a field the server did not send is
 * null, never a guessed value. `plan` and `role` keep whatever the server sent, values this app does not know
 * included.
 */
export interface Profile {
  /** The server's user id as text (`String(id)`: some servers send a number); null when the server sent none. */
  id: string | null;
  email: string;
  fullName: string | null;
  isActive: boolean | null;
  /** `free`, `pro`, or any other value the server sent (shown as given); null when not sent. */
  plan: string | null;
  /** `member`, `support`, or any other value the server sent (shown as given); null when not sent. */
  role: string | null;
  /** Null when the server reports no API key (servers without key management). */
  apiKey: { last4: string; createdAt: string | null; revealed: boolean | null } | null;
  pendingApiKey: { createdAt: string | null; revealed: boolean | null } | null;
}

/** How the account is signed in: with an API key or with a session token (JWT from email and password). */
export type CredentialKind = 'api-key' | 'token';

/** One stored account, as the renderer sees it. */
export interface AccountSummary {
  id: string;
  email: string;
  environment: Environment;
  environmentLabel: string;
  /** The resolved base URL, or null when the environment is not available in this build (local without emulator). */
  baseUrl: string | null;
  /** The credential the app uses for this account's calls. */
  signedInWith: CredentialKind;
  hasApiKey: boolean;
  hasToken: boolean;
  apiKeyLast4: string | null;
  /** Milliseconds since the epoch, from the JWT's `exp`; null without a token. */
  tokenExpiresAt: number | null;
  profile: Profile | null;
  /** ISO 8601 time of the last successful `GET /users/me`. */
  lastVerifiedAt: string | null;
  /** True when the credential was rejected (401), the token expired and there is no other credential, or the
   * stored environment no longer matches the one the account's secrets were issued for. */
  needsSignIn: boolean;
  /** Why a sign-in is needed, in words, when the app found out itself; null otherwise. */
  signInReason: string | null;
  /** The credential the request tester uses for this account unless the user picks another (decided by main). */
  defaultAuth: TesterAuth;
  /** The account's current API key as every screen shows it (the same data as the API key screen's). */
  currentKey: CurrentKey;
  /** The last four characters of a revealed new key kept in the keychain until it is confirmed; null when none. */
  pendingKeyLast4: string | null;
  /** Where the key lifecycle stands, as last stored (the API key screen asks the server for the live stage). */
  requestStage: LifecycleStage;
}

/**
 * The account's current API key in the words both the Account and the API key screen use: its last four
 * characters (the server's current key when known, else the one this app holds), whether this app holds it, and
 * whether the server says it was revealed (null when it did not say).
 */
export interface CurrentKey {
  last4: string | null;
  held: boolean;
  revealed: boolean | null;
}

/**
 * A demo account of the Local emulator, offered on the sign-in form ("Fill in"). These are the published demo
 * credentials of an emulator that only development builds contain — the same in every copy — not secrets.
 */
export interface DemoSignIn {
  email: string;
  password: string;
}

/** A choice on the sign-in screen. */
export interface EnvironmentOption {
  environment: Environment;
  label: string;
  baseUrl: string;
  isDefault: boolean;
  /** The Local emulator's demo accounts (the `local` kind only, in development builds); absent elsewhere. */
  demoSignIns?: DemoSignIn[];
}

/** The themes; `system` follows the OS light/dark setting. */
export const THEMES = ['system', 'light', 'dark'] as const;

/** User-adjustable settings (non-secret). */
export interface Settings {
  /** Seconds after which a copied key is cleared from the clipboard (see {@link SETTING_RANGES}). */
  clipboardClearSeconds: number;
  /** Request tester timeout in seconds (see {@link SETTING_RANGES}). */
  requestTimeoutSeconds: number;
  theme: (typeof THEMES)[number];
}

export const DEFAULT_SETTINGS: Settings = { clipboardClearSeconds: 30, requestTimeoutSeconds: 30, theme: 'system' };

/** The allowed whole numbers of seconds of each numeric setting: the IPC schema, the settings file and the form. */
export const SETTING_RANGES = {
  clipboardClearSeconds: { min: 10, max: 600 },
  requestTimeoutSeconds: { min: 1, max: 300 },
} as const satisfies Record<string, { min: number; max: number }>;

/**
 * Settings as stored (possibly damaged or from an older version) made whole: each field that is missing or out of
 * its range takes its default.
 */
export function normaliseSettings(stored: unknown): Settings {
  const raw = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  const seconds = (key: keyof typeof SETTING_RANGES): number => {
    const value = raw[key];
    const { min, max } = SETTING_RANGES[key];
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : DEFAULT_SETTINGS[key];
  };
  const theme = THEMES.find((t) => t === raw.theme) ?? DEFAULT_SETTINGS.theme;
  return { clipboardClearSeconds: seconds('clipboardClearSeconds'), requestTimeoutSeconds: seconds('requestTimeoutSeconds'), theme };
}

/** Everything the renderer needs at start, and after any change to accounts. */
export interface AppState {
  accounts: AccountSummary[];
  activeAccountId: string | null;
  environments: EnvironmentOption[];
  settings: Settings;
  /** Whether secrets outlive this session (OS keychain) or are kept in memory only. */
  secretStorage: { persistent: boolean; message: string | null };
  /** Notices to show once (for example: the settings file was damaged and has been moved aside). */
  notices: string[];
  /** The folder of the app's log file (`<data folder>/logs`), shown in Settings; null when the app keeps none. */
  logsFolder: string | null;
  /** True when this build's main process holds the Local emulator and can reset its demo data (development). */
  canResetDemoData: boolean;
  /**
   * Whether main shows system notifications (the Electron app). When false (start:web), the page shows its own
   * notice instead, for example when a new key has been issued.
   */
  systemNotifications: boolean;
}

/** The answer of Settings › Open logs folder: the folder, whether it was opened, and what to tell the user. */
export interface LogsFolderAnswer {
  folder: string;
  opened: boolean;
  message: string;
}

/** The reasons a user may give for a new key (the request's input). */
export const REGENERATION_REASONS = ['compromised', 'lost', 'other'] as const;
/** One of {@link REGENERATION_REASONS}. */
export type RegenerationReason = (typeof REGENERATION_REASONS)[number];

/** A regeneration request, as the contract defines it (camelCase), read tolerantly: the id as text whether the
 * server sent text or a number, a reason this app does not know kept as given, missing times as null. */
export interface RegenerationRequest {
  id: string;
  status: 'pending' | 'issued' | 'confirmed';
  /** Usually a {@link RegenerationReason}; any other value the server sent is kept; null when not sent. */
  reason: string | null;
  note: string;
  createdAt: string | null;
  issuedAt: string | null;
  confirmedAt: string | null;
}

/**
 * Where the key lifecycle of one account stands:
 * - `idle`: no open request;
 * - `pending`: support has been notified; the current key keeps working;
 * - `issued`: the new key is ready to reveal;
 * - `revealed`: the new key is revealed and kept as a pending keychain entry; confirm it next;
 * - `confirmed`: the new key is the account's key and the old one is revoked.
 */
export type LifecycleStage = 'idle' | 'pending' | 'issued' | 'revealed' | 'confirmed';

/**
 * Whether a server offers API key management (reveal, regeneration requests), as main detected it for the
 * environment: not offered when the key-management endpoints answer 404 or 405, or the profile reports no API key.
 * `reason` says in plain words what the server answered.
 */
export type KeyManagement = { offered: true } | KeyManagementNotOffered;

/** Key management is not offered, and why (what the server answered), in plain words. */
export interface KeyManagementNotOffered {
  offered: false;
  reason: string;
}

/**
 * What the user can do on the API key screen. `sign-in-with-password` opens the sign-in form for this account
 * (revealing and confirming need a session signed in with email and password).
 */
export const KEY_ACTION_IDS = [
  'reveal',
  'copy',
  'request-new',
  'sign-in-with-password',
  'refresh',
  'reveal-new',
  'copy-new',
  'confirm-new',
] as const;

/** One of {@link KEY_ACTION_IDS}. */
export type KeyActionId = (typeof KEY_ACTION_IDS)[number];

/**
 * One action the API key screen may offer, as main decided it from the key lifecycle. The screen shows a button for
 * each available action (the one `primary` as the main button) and, for an unavailable one, its `reason` instead.
 */
export interface KeyAction {
  id: KeyActionId;
  /** Where the screen shows it: with the current key, or with the request for a new key. */
  place: 'key' | 'request';
  /** At most one action of a status is primary: the next step of the state the account is in. */
  primary: boolean;
  available: boolean;
  /** Why the action is not available now, in plain words; only for an unavailable action. */
  reason?: string;
}

/** The API key screen's data. */
export interface ApiKeyStatus {
  accountId: string;
  /** Whether this environment's server offers key management; when not, the screen offers no key action. */
  keyManagement: KeyManagement;
  last4: string | null;
  createdAt: string | null;
  /** Whether the server says the key was revealed; null when it did not say (or offers no keys). */
  revealed: boolean | null;
  /** Whether this app holds the account's current key in the keychain. */
  heldByApp: boolean;
  /** Whether the account has a session token (needed to reveal and to confirm). */
  canReveal: boolean;
  stage: LifecycleStage;
  request: RegenerationRequest | null;
  /** Whether a revealed, unconfirmed new key waits in the keychain. */
  pendingKeyHeld: boolean;
  pendingKeyLast4: string | null;
  /** Null when the server answered; when it could not be reached, the time of the saved details shown instead. */
  offlineSince: string | null;
  /**
   * What the user can do now, in the order the screen shows them (main derives it from the lifecycle: the screen
   * offers nothing else). Empty of key actions on a server without key management.
   */
  actions: KeyAction[];
  /**
   * True on the one status answer that saw the followed request turn Issued (main then notified the user once);
   * the window marks the API key screen until the user opens it.
   */
  newlyIssued: boolean;
}

/** The one-time reveal: the only value with a secret that ever reaches the renderer. */
export interface RevealedKey {
  apiKey: string;
  last4: string;
  /** Null when the server did not say. */
  createdAt: string | null;
  /** `current` for the account's key, `pending` for a newly issued key that waits for confirmation. */
  role: 'current' | 'pending';
}

/** The clipboard write of a key: when it will be cleared. */
export interface ClipboardReceipt {
  clearAt: number;
  clearAfterSeconds: number;
  /** Platform-specific protections applied (for example `concealed`), for the dialog to mention. */
  protections: string[];
}
