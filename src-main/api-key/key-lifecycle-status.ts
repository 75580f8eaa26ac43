/**
 * The API key screen's status: what the server says (profile and regeneration requests) reconciled with what the
 * app stores (last4, lifecycle stage, keychain entries). Finishes a swap the server has confirmed but the app had
 * not completed (a restart between confirm and swap). Offline, it answers from the cached profile and the stored
 * lifecycle instead of failing.
 */
import { last4 } from '../../src-shared/credentials';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiKeyStatus, Profile, RegenerationRequest } from '../../src-shared/models';
import type { StoredAccount, StoredLifecycle } from '../accounts';
import { fetchProfile, listRequests } from '../deepcurrent-api';
import { localStage, reconcile } from './key-lifecycle-machine';
import { NO_SUCH_ACCOUNT } from './key-lifecycle-messages';
import { finishSwap } from './key-lifecycle-swap';
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

/** The status from the app's own storage, when the server cannot be reached: the cached profile and the stored
 * lifecycle, marked with the time they were last verified. */
export function cachedStatus(ctx: ServiceContext, account: StoredAccount, held: Held): ApiKeyStatus {
  const tracked = held.pending !== null && account.lifecycle !== null;
  const stage = localStage(account.lifecycle?.stage ?? null, tracked);
  const revealedHeld = stage === 'revealed' && tracked;
  return {
    accountId: account.id,
    last4: account.profile?.apiKey.last4 ?? account.apiKeyLast4,
    createdAt: account.profile?.apiKey.createdAt ?? null,
    revealed: account.profile?.apiKey.revealed ?? held.key !== null,
    heldByApp: held.key !== null,
    canReveal: ctx.session.hasUsableToken(account),
    stage,
    request: null,
    pendingKeyHeld: revealedHeld,
    pendingKeyLast4: revealedHeld ? (account.lifecycle?.pendingLast4 ?? last4(held.pending!)) : null,
    offlineSince: account.lastVerifiedAt ?? '',
  };
}

/** The status from a fresh server view (after any owed swap). */
function freshStatus(
  ctx: ServiceContext,
  account: StoredAccount,
  profile: Profile,
  newest: RegenerationRequest | null,
  held: Held,
): ApiKeyStatus {
  const stage = account.lifecycle?.stage ?? 'idle';
  const pendingHeld = stage === 'revealed' && held.pending !== null;
  return {
    accountId: account.id,
    last4: profile.apiKey.last4,
    createdAt: profile.apiKey.createdAt,
    revealed: profile.apiKey.revealed,
    heldByApp: held.key !== null && last4(held.key) === profile.apiKey.last4,
    canReveal: ctx.session.hasUsableToken(account),
    stage,
    request: newest,
    pendingKeyHeld: pendingHeld,
    pendingKeyLast4: pendingHeld ? (account.lifecycle?.pendingLast4 ?? last4(held.pending!)) : null,
    offlineSince: null,
  };
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
  const seen = await withFirstAccepted(ctx, accountId, attempts.value, async (secret) => {
    const [profile, requests] = await Promise.all([fetchProfile(ctx.http, baseUrl, secret), listRequests(ctx.http, baseUrl, secret)]);
    if (!profile.ok) return profile;
    return requests.ok ? ok({ profile: profile.value, requests: requests.value }) : requests;
  });
  if (!seen.ok) {
    if (!isOffline(seen.error)) return seen;
    ctx.log(`[key-lifecycle] status answered from the cache (${seen.error.kind})`);
    return ok(cachedStatus(ctx, ctx.session.get(accountId) ?? account, heldBefore.value));
  }

  let { profile } = seen.value;
  const { requests } = seen.value;
  const newest = requests[0] ?? null;
  const trackedRequest = tracking ? (requests.find((r) => r.id === tracking.requestId) ?? null) : null;
  const pendingKeyHeld = tracking !== null && heldBefore.value.pending !== null;
  const step = reconcile(localStage(tracking?.stage ?? null, pendingKeyHeld), {
    newest: newest && { status: newest.status, tracked: newest.id === tracking?.requestId },
    trackedStatus: trackedRequest?.status ?? null,
    pendingKeyHeld,
  });
  if (!step.ok) return fail({ kind: 'internal', message: step.refusal.message });

  if (step.effect === 'finish-swap' && trackedRequest) {
    const swapped = await finishSwap(ctx, accountId, baseUrl, trackedRequest.id);
    if (!swapped.ok && isOffline(swapped.error)) {
      const after = await readHeld(ctx, accountId);
      if (after.ok) return ok(cachedStatus(ctx, ctx.session.get(accountId) ?? account, after.value));
    }
    if (!swapped.ok) return swapped;
    if (swapped.value) profile = swapped.value;
  }
  const held = await readHeld(ctx, accountId);
  if (!held.ok) return held;
  const lifecycle: StoredLifecycle | null =
    step.stage === 'idle' || newest === null
      ? null
      : {
          requestId: newest.id,
          stage: step.stage,
          pendingLast4:
            step.stage === 'revealed' && held.value.pending
              ? (tracking?.pendingLast4 ?? last4(held.value.pending))
              : null,
        };
  const updated = ctx.session.update(accountId, {
    profile,
    apiKeyLast4: held.value.key ? last4(held.value.key) : account.apiKeyLast4,
    lastVerifiedAt: new Date(ctx.clock.now()).toISOString(),
    lifecycle,
  });
  return ok(freshStatus(ctx, updated ?? account, profile, newest, held.value));
}
