/**
 * The API key screen's status: what the server says (profile and regeneration requests) reconciled with what the
 * app stores (last4, lifecycle stage, keychain entries). Finishes a swap the server has confirmed but the app had
 * not completed (a restart between confirm and swap). Detects, each time, whether the server offers key management
 * at all (`key-management-support.ts`). Offline, it answers from the cached profile, the stored lifecycle and the
 * cached detection instead of failing. Every status carries the actions the screen may offer (`key-actions.ts`),
 * and the one status that sees the followed request turn Issued notifies the user (`key-issued-notice.ts`).
 */
import { last4 } from '../../src-shared/credentials';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiKeyStatus, KeyManagement, Profile, RegenerationRequest } from '../../src-shared/models';
import type { StoredAccount, StoredLifecycle } from '../accounts';
import { fetchProfile, isMissingEndpoint, listRequests, REQUESTS_PATH } from '../deepcurrent-api';
import { detectKeyManagement, knownKeyManagement, notOfferedByEndpoint, rememberKeyManagement } from './key-management-support';
import { localStage, reconcile } from './key-lifecycle-machine';
import { NO_SUCH_ACCOUNT } from './key-lifecycle-messages';
import { finishSwap } from './key-lifecycle-swap';
import { keyActions } from './key-actions';
import { noticeIfIssued } from './key-issued-notice';
import type { Attempt, ServiceContext } from '../accounts';

/** An account and its base URL, or why the action cannot start (the session checks the environment binding). */
export function accountAndUrl(ctx: ServiceContext, accountId: string): Result<{ account: StoredAccount; baseUrl: string }> {
  if (!ctx.session.get(accountId)) return fail({ ...NO_SUCH_ACCOUNT });
  return ctx.session.bound(accountId);
}

/**
 * Runs a call with each credential in turn until one is not rejected with 401. A rejected token or key is
 * recorded with `noteUnauthorized` (a rejected pending key is not: it simply is not confirmed yet). Any other
 * failure ends the attempts.
 */
export async function withFirstAccepted<T>(
  ctx: ServiceContext,
  accountId: string,
  attempts: Attempt[],
  call: (secret: string) => Promise<Result<T>>,
): Promise<Result<T & { via: Attempt['kind'] }>> {
  let last: AppError = {
    kind: 'not-signed-in',
    message: 'This account has no usable credential in this app. Sign in again.',
  };
  let rejectedKey = false;
  for (const attempt of attempts) {
    const result = await call(attempt.secret);
    if (result.ok) return ok({ ...result.value, via: attempt.kind });
    last = result.error;
    if (result.error.kind !== 'unauthorized') return fail(result.error);
    if (attempt.kind === 'token') await ctx.session.noteRejected(accountId, 'token');
    if (attempt.kind === 'api-key') rejectedKey = true;
  }
  if (rejectedKey) await ctx.session.noteRejected(accountId, 'api-key');
  return fail(last);
}

/** The failures after which the screen is served from the cache: the server is unreachable or broken. */
function isOffline(error: AppError): boolean {
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server';
}

interface Held {
  key: string | null;
  pending: string | null;
}

async function readHeld(ctx: ServiceContext, accountId: string): Promise<Result<Held>> {
  const key = await ctx.session.secret(accountId, 'api-key');
  if (!key.ok) return key;
  const pending = await ctx.session.secret(accountId, 'pending-api-key');
  if (!pending.ok) return pending;
  return ok({ key: key.value, pending: pending.value });
}

/** A status without what is derived from it. */
type StatusFacts = Omit<ApiKeyStatus, 'actions' | 'newlyIssued'>;

/** The status with the actions derived from its facts. */
function withActions(facts: StatusFacts, newlyIssued = false): ApiKeyStatus {
  const actions = keyActions({
    keyManagementOffered: facts.keyManagement.offered,
    offline: facts.offlineSince !== null,
    stage: facts.stage,
    revealed: facts.revealed,
    heldByApp: facts.heldByApp,
    canReveal: facts.canReveal,
    requestShown: facts.request !== null,
    pendingKeyHeld: facts.pendingKeyHeld,
  });
  return { ...facts, actions, newlyIssued };
}

/** The status of an account whose server offers no key management: nothing to reveal, request or confirm. */
function unmanagedStatus(ctx: ServiceContext, account: StoredAccount, keyManagement: KeyManagement, held: Held, offlineSince: string | null): ApiKeyStatus {
  return withActions({
    accountId: account.id,
    keyManagement,
    last4: null,
    createdAt: null,
    revealed: null,
    heldByApp: held.key !== null,
    canReveal: ctx.session.hasUsableToken(account),
    stage: 'idle',
    request: null,
    pendingKeyHeld: false,
    pendingKeyLast4: null,
    offlineSince,
  });
}

/** The status from the app's own storage, when the server cannot be reached: the cached profile, the stored
 * lifecycle and the cached key-management detection, marked with the time they were last verified. */
export function cachedStatus(ctx: ServiceContext, account: StoredAccount, baseUrl: string, held: Held): ApiKeyStatus {
  const offlineSince = account.lastVerifiedAt ?? '';
  const keyManagement = knownKeyManagement(ctx.kv, baseUrl, account.profile);
  if (!keyManagement.offered) return unmanagedStatus(ctx, account, keyManagement, held, offlineSince);
  const tracked = held.pending !== null && account.lifecycle !== null;
  const stage = localStage(account.lifecycle?.stage ?? null, tracked);
  const revealedHeld = stage === 'revealed' && tracked;
  const apiKey = account.profile?.apiKey ?? null;
  return withActions({
    accountId: account.id,
    keyManagement,
    last4: apiKey?.last4 ?? account.apiKeyLast4,
    createdAt: apiKey?.createdAt ?? null,
    // A key this app holds was revealed (that is how the app got it); otherwise only the server can say.
    revealed: apiKey?.revealed ?? (held.key !== null ? true : null),
    heldByApp: held.key !== null,
    canReveal: ctx.session.hasUsableToken(account),
    stage,
    request: null,
    pendingKeyHeld: revealedHeld,
    pendingKeyLast4: revealedHeld ? (account.lifecycle?.pendingLast4 ?? last4(held.pending!)) : null,
    offlineSince,
  });
}

/** The status from a fresh server view (after any owed swap), for a server that offers key management. */
function freshStatus(
  ctx: ServiceContext,
  account: StoredAccount,
  apiKey: NonNullable<Profile['apiKey']>,
  newest: RegenerationRequest | null,
  held: Held,
  newlyIssued: boolean,
): ApiKeyStatus {
  const stage = account.lifecycle?.stage ?? 'idle';
  const pendingHeld = stage === 'revealed' && held.pending !== null;
  // The stored facts were just brought in line with the server and the keychain: the same words as the Account screen.
  const current = ctx.session.currentKey(account);
  return withActions({
    accountId: account.id,
    keyManagement: { offered: true },
    last4: current.last4 ?? apiKey.last4,
    createdAt: apiKey.createdAt,
    revealed: apiKey.revealed,
    heldByApp: current.held,
    canReveal: ctx.session.hasUsableToken(account),
    stage,
    request: newest,
    pendingKeyHeld: pendingHeld,
    pendingKeyLast4: pendingHeld ? (account.lifecycle?.pendingLast4 ?? last4(held.pending!)) : null,
    offlineSince: null,
  }, newlyIssued);
}

/**
 * The profile and the regeneration requests in one look, with one credential. A 404 or 405 on the requests means
 * the server has no key management: answered as `missing` (with the profile), not as a failure.
 */
async function lookAtServer(
  ctx: ServiceContext,
  baseUrl: string,
  secret: string,
): Promise<Result<{ profile: Profile; requests: RegenerationRequest[] | null; missing: KeyManagement | null }>> {
  const [profile, requests] = await Promise.all([fetchProfile(ctx, baseUrl, secret), listRequests(ctx, baseUrl, secret)]);
  if (!profile.ok) return profile;
  if (requests.ok) return ok({ profile: profile.value, requests: requests.value, missing: null });
  if (isMissingEndpoint(requests.error)) {
    const missing = notOfferedByEndpoint({ method: 'GET', path: REQUESTS_PATH }, requests.error.status!);
    return ok({ profile: profile.value, requests: null, missing });
  }
  return requests;
}

/**
 * Fetches the profile and the requests, reconciles the stored lifecycle with them (finishing an owed swap), updates
 * the account store, and answers the status. Offline (unreachable, timeout, 5xx) it answers the cached status.
 */
export async function syncStatus(ctx: ServiceContext, accountId: string): Promise<Result<ApiKeyStatus>> {
  const start = accountAndUrl(ctx, accountId);
  if (!start.ok) return start;
  const { account, baseUrl } = start.value;
  const heldBefore = await readHeld(ctx, accountId);
  if (!heldBefore.ok) return heldBefore;

  const tracking = account.lifecycle;
  const attempts = await ctx.session.attempts(accountId, tracking ? heldBefore.value.pending : null);
  if (!attempts.ok) return attempts;
  const seen = await withFirstAccepted(ctx, accountId, attempts.value, (secret) => lookAtServer(ctx, baseUrl, secret));
  if (!seen.ok) {
    if (!isOffline(seen.error)) return seen;
    ctx.log(`[key-lifecycle] status answered from the cache (${seen.error.kind})`);
    return ok(cachedStatus(ctx, ctx.session.get(accountId) ?? account, baseUrl, heldBefore.value));
  }

  let { profile } = seen.value;
  const { requests, missing } = seen.value;
  const keyManagement = detectKeyManagement(profile, missing);
  rememberKeyManagement(ctx.kv, baseUrl, keyManagement, ctx.clock.now());
  if (requests === null || profile.apiKey === null) {
    // Not offered. The stored lifecycle and any held pending key are left as they are: nothing here can move them.
    const updated = ctx.session.update(accountId, { profile, lastVerifiedAt: new Date(ctx.clock.now()).toISOString() });
    return ok(unmanagedStatus(ctx, updated ?? account, keyManagement, heldBefore.value, null));
  }
  let apiKey = profile.apiKey;
  const newest = requests[0] ?? null;
  const trackedRequest = tracking ? (requests.find((r) => r.id === tracking.requestId) ?? null) : null;
  const pendingKeyHeld = tracking !== null && heldBefore.value.pending !== null;
  const step = reconcile(localStage(tracking?.stage ?? null, pendingKeyHeld), {
    newest: newest && { status: newest.status, tracked: newest.id === tracking?.requestId },
    trackedStatus: trackedRequest?.status ?? null,
    pendingKeyHeld,
  });
  if (!step.ok) return fail({ kind: 'internal', message: step.error.message });

  if (step.value.effect === 'finish-swap' && trackedRequest) {
    const swapped = await finishSwap(ctx, accountId, baseUrl, trackedRequest.id);
    if (!swapped.ok && isOffline(swapped.error)) {
      const after = await readHeld(ctx, accountId);
      if (after.ok) return ok(cachedStatus(ctx, ctx.session.get(accountId) ?? account, baseUrl, after.value));
    }
    if (!swapped.ok) return swapped;
    if (swapped.value) profile = swapped.value;
    apiKey = profile.apiKey ?? apiKey;
  }
  const held = await readHeld(ctx, accountId);
  if (!held.ok) return held;
  const lifecycle: StoredLifecycle | null =
    step.value.stage === 'idle' || newest === null
      ? null
      : {
          requestId: newest.id,
          stage: step.value.stage,
          pendingLast4:
            step.value.stage === 'revealed' && held.value.pending
              ? (tracking?.pendingLast4 ?? last4(held.value.pending))
              : null,
        };
  const updated = ctx.session.update(accountId, {
    profile,
    // What the keychain holds, so that the Account screen says what this screen says.
    hasApiKey: held.value.key !== null,
    apiKeyLast4: held.value.key ? last4(held.value.key) : account.apiKeyLast4,
    lastVerifiedAt: new Date(ctx.clock.now()).toISOString(),
    lifecycle,
  });
  const newlyIssued = noticeIfIssued(ctx, updated ?? account, tracking, lifecycle);
  return ok(freshStatus(ctx, updated ?? account, apiKey, newest, held.value, newlyIssued));
}
