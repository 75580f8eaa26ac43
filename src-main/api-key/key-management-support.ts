/**
 * Whether an environment's server offers API key management. Servers in the field may not: their key-management
 * endpoints answer 404 or 405, and their profile reports no API key. Main detects it on every status check (the
 * API key screen's load and its Refresh) and caches the answer per base URL in the settings store, so the screen
 * can say it offline and the key actions refuse at once instead of sending a call that would fail. The renderer
 * receives the decision (`ApiKeyStatus.keyManagement`) and does not work it out again.
 */
import type { AppError } from '../../src-shared/errors';
import type { KeyManagement, KeyManagementNotOffered, Profile } from '../../src-shared/models';
import type { KeyValueStore } from '../platform/ports';
import { isMissingEndpoint } from '../deepcurrent-api';

/** The settings-store key of the cache: `{ [baseUrl]: { offered, reason, checkedAt } }`. */
export const KEY_MANAGEMENT_CACHE_KEY = 'keyManagementSupport';
/** How many environments are remembered. */
const MAX_CACHED_ENVIRONMENTS = 20;

interface CacheEntry {
  offered: boolean;
  reason: string | null;
  checkedAt: string;
}

/** Key management is offered. */
export const OFFERED: KeyManagement = { offered: true };

/** The server answered 404 or 405 to a key-management call. */
export function notOfferedByEndpoint(call: { method: string; path: string }, status: number): KeyManagementNotOffered {
  return {
    offered: false,
    reason: `The server answered HTTP ${status} to ${call.method} ${call.path}: it has no API key management.`,
  };
}

/** The profile reports no API key. */
export const NO_KEY_IN_PROFILE: KeyManagementNotOffered = {
  offered: false,
  reason: "The server's profile of this account reports no API key.",
};

function readCache(kv: KeyValueStore): Record<string, CacheEntry> {
  const stored = kv.get(KEY_MANAGEMENT_CACHE_KEY);
  const out: Record<string, CacheEntry> = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [baseUrl, value] of Object.entries(stored as Record<string, unknown>)) {
    const e = value as Partial<CacheEntry> | null;
    if (e && typeof e.offered === 'boolean' && typeof e.checkedAt === 'string' && (e.reason === null || typeof e.reason === 'string')) {
      out[baseUrl] = { offered: e.offered, reason: e.reason, checkedAt: e.checkedAt };
    }
  }
  return out;
}

/** What was last detected for an environment, or null when it was never checked. */
export function cachedKeyManagement(kv: KeyValueStore, baseUrl: string): KeyManagement | null {
  const entry = readCache(kv)[baseUrl];
  if (!entry) return null;
  return entry.offered ? OFFERED : { offered: false, reason: entry.reason ?? NO_KEY_IN_PROFILE.reason };
}

/** Records what was detected for an environment (the newest environments are kept). */
export function rememberKeyManagement(kv: KeyValueStore, baseUrl: string, found: KeyManagement, now: number): void {
  const entry: CacheEntry = { offered: found.offered, reason: found.offered ? null : found.reason, checkedAt: new Date(now).toISOString() };
  const current = readCache(kv)[baseUrl];
  if (current && current.offered === entry.offered && current.reason === entry.reason) return;
  const others = Object.entries(readCache(kv))
    .filter(([url]) => url !== baseUrl)
    .sort((a, b) => (a[1].checkedAt < b[1].checkedAt ? 1 : -1))
    .slice(0, MAX_CACHED_ENVIRONMENTS - 1);
  kv.set(KEY_MANAGEMENT_CACHE_KEY, Object.fromEntries([[baseUrl, entry], ...others]));
}

/** What a fresh look at the server says: a missing endpoint, else a profile without a key, else offered. */
export function detectKeyManagement(profile: Profile, missingEndpoint: KeyManagement | null): KeyManagement {
  if (missingEndpoint) return missingEndpoint;
  return profile.apiKey === null ? NO_KEY_IN_PROFILE : OFFERED;
}

/**
 * What is known without asking the server: the cached detection, else what a saved profile shows (no key: not
 * offered), else offered (the contract's case, until the server says otherwise).
 */
export function knownKeyManagement(kv: KeyValueStore, baseUrl: string, profile: Profile | null): KeyManagement {
  const cached = cachedKeyManagement(kv, baseUrl);
  if (cached) return cached;
  return profile && profile.apiKey === null ? NO_KEY_IN_PROFILE : OFFERED;
}

const ACTION_TEXT = {
  reveal: 'there is no API key to reveal',
  request: 'a new key cannot be requested',
  confirm: 'there is no new key to confirm',
} as const;

/** The refusal of a key action on a server without key management. Nothing was sent (or the server said 404/405). */
export function notOfferedError(found: { reason: string }, action: keyof typeof ACTION_TEXT): AppError {
  return { kind: 'unsupported', message: `This server offers no API key management, so ${ACTION_TEXT[action]}. ${found.reason}` };
}

/** The refusal of a key action when the environment is known to offer no key management; null otherwise. */
export function refusalIfNotOffered(kv: KeyValueStore, baseUrl: string, action: keyof typeof ACTION_TEXT): AppError | null {
  const known = cachedKeyManagement(kv, baseUrl);
  return known && !known.offered ? notOfferedError(known, action) : null;
}

/**
 * A key-management call answered 404 or 405: recorded as not offered for the environment, and worded as the
 * action's refusal. Null for any other error.
 */
export function notOfferedFromError(
  kv: KeyValueStore,
  baseUrl: string,
  now: number,
  call: { method: string; path: string },
  error: AppError,
  action: keyof typeof ACTION_TEXT,
): AppError | null {
  if (!isMissingEndpoint(error) || error.status === undefined) return null;
  const found = notOfferedByEndpoint(call, error.status);
  rememberKeyManagement(kv, baseUrl, found, now);
  return notOfferedError(found, action);
}
