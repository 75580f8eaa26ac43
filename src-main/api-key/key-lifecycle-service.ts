/**
 * The API key lifecycle, main-process side: status, the one-time reveal (stored in the keychain before it is
 * returned), the safe copy, the request for a new key and its confirmation. Steps on one account run one at a
 * time, so a status check never races a confirmation. Every answer is a `Result`; no message holds a secret.
 */
import { last4 } from '../../src-shared/credentials';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers } from '../../src-shared/ipc-contract';
import type { ApiKeyStatus, RegenerationReason, RegenerationRequest, RevealedKey } from '../../src-shared/models';
import { ClipboardGuard } from './clipboard-guard';
import { SecretStoreError } from '../platform/ports';
import { confirmRequest, createRequest, fetchProfile, fetchRequest, listRequests, REQUESTS_PATH, revealKey } from '../deepcurrent-api';
import { localStage, transition } from './key-lifecycle-machine';
import * as text from './key-lifecycle-messages';
import { accountAndUrl, syncStatus, withFirstAccepted } from './key-lifecycle-status';
import { finishSwap, writeSecretWithRetry } from './key-lifecycle-swap';
import { NO_KEY_IN_PROFILE, notOfferedError, notOfferedFromError, refusalIfNotOffered, rememberKeyManagement } from './key-management-support';
import { KEYCHAIN_FAILED, readSettings, type ServiceContext } from '../accounts';

type Handlers = Pick<ApiHandlers, 'getApiKeyStatus' | 'revealApiKey' | 'copyApiKey' | 'requestNewKey' | 'confirmNewKey'>;

/** The token of an account for a JWT-only step; a key-only account gets `forbidden` without any network call. */
async function sessionToken(ctx: ServiceContext, accountId: string, needsPassword: string): Promise<Result<string>> {
  const account = ctx.session.get(accountId);
  if (!account) return fail({ ...text.NO_SUCH_ACCOUNT });
  if (!account.hasToken) return fail({ kind: 'forbidden', message: needsPassword });
  const token = await ctx.session.credential(accountId, 'token');
  return token.ok ? ok(token.value.secret) : token;
}

/** Maps the failures every JWT-only step shares: 401 drops the token, 403 means "sign in with a password". */
async function jwtStepError(ctx: ServiceContext, accountId: string, error: AppError, needsPassword: string): Promise<AppError> {
  if (error.kind === 'unauthorized') await ctx.session.noteRejected(accountId, 'token');
  if (error.kind === 'forbidden') return { kind: 'forbidden', status: error.status, message: needsPassword };
  return error;
}

/** Runs steps for one account one after another. */
function createAccountQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function serial<T>(accountId: string, step: () => Promise<T>): Promise<T> {
    const run = (tails.get(accountId) ?? Promise.resolve()).then(step, step);
    const tail = run.catch(() => undefined);
    tails.set(accountId, tail);
    void tail.then(() => {
      if (tails.get(accountId) === tail) tails.delete(accountId);
    });
    return run;
  };
}

/** A keychain that throws becomes a `keychain` error rather than a generic failure. */
async function keychainSafe<T>(ctx: ServiceContext, step: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof SecretStoreError)) throw err;
    ctx.log('[key-lifecycle] keychain failure (SecretStoreError)');
    return fail({ ...KEYCHAIN_FAILED });
  }
}

/** Finishes a swap the server may already have confirmed before anything could overwrite the pending entry. */
async function settleHeldPendingKey(ctx: ServiceContext, accountId: string): Promise<Result<null>> {
  const pending = await ctx.session.secret(accountId, 'pending-api-key');
  if (!pending.ok) return pending;
  if (pending.value === null) return ok(null);
  const synced = await syncStatus(ctx, accountId);
  return !synced.ok && synced.error.kind === 'keychain' ? synced : ok(null);
}

/** 409 on reveal, told with what this app still holds. */
async function alreadyRevealedMessage(ctx: ServiceContext, accountId: string, pendingIssued: boolean): Promise<string> {
  const account = ctx.session.get(accountId);
  const pending = await ctx.session.secret(accountId, 'pending-api-key');
  const pendingHeld = pending.ok && pending.value !== null && account?.lifecycle != null;
  if (pendingIssued) {
    const step = transition(localStage(account?.lifecycle?.stage ?? null, pendingHeld), { type: 'pending-revealed' });
    if (!step.ok && pendingHeld) return step.error.message;
    return text.alreadyRevealed(true, false);
  }
  const key = await ctx.session.secret(accountId, 'api-key');
  return text.alreadyRevealed(false, key.ok && key.value !== null);
}

/** `POST /api/v1/users/me/api-key/reveal`, for the words of a 404 or 405. */
const REVEAL_CALL = { method: 'POST', path: '/api/v1/users/me/api-key/reveal' } as const;

async function reveal(ctx: ServiceContext, accountId: string): Promise<Result<RevealedKey>> {
  const start = accountAndUrl(ctx, accountId);
  if (!start.ok) return start;
  const { baseUrl } = start.value;
  const refused = refusalIfNotOffered(ctx.kv, baseUrl, 'reveal');
  if (refused) return fail(refused);
  const token = await sessionToken(ctx, accountId, text.REVEAL_NEEDS_PASSWORD);
  if (!token.ok) return token;
  const settled = await settleHeldPendingKey(ctx, accountId);
  if (!settled.ok) return settled;

  const [before, requests] = await Promise.all([fetchProfile(ctx, baseUrl, token.value), listRequests(ctx, baseUrl, token.value)]);
  if (before.ok && !requests.ok) {
    const missing = notOfferedFromError(ctx.kv, baseUrl, ctx.clock.now(), { method: 'GET', path: REQUESTS_PATH }, requests.error, 'reveal');
    if (missing) return fail(missing);
  }
  const seenError = !before.ok ? before.error : !requests.ok ? requests.error : null;
  if (seenError) return fail(await jwtStepError(ctx, accountId, seenError, text.REVEAL_NEEDS_PASSWORD));
  const profile = before.ok ? before.value : null;
  if (profile && profile.apiKey === null) {
    rememberKeyManagement(ctx.kv, baseUrl, NO_KEY_IN_PROFILE, ctx.clock.now());
    return fail(notOfferedError(NO_KEY_IN_PROFILE, 'reveal'));
  }
  const issued = requests.ok ? (requests.value.find((r) => r.status === 'issued') ?? null) : null;
  const pendingExpected = profile?.pendingApiKey != null;
  // Written before the reveal, so that a crash right after storing the new key resumes at `revealed`.
  if (issued && profile?.pendingApiKey?.revealed === false) {
    ctx.session.update(accountId, { lifecycle: { requestId: issued.id, stage: 'issued', pendingLast4: null } });
  }

  const revealed = await revealKey(ctx, baseUrl, token.value);
  if (!revealed.ok) {
    const missing = notOfferedFromError(ctx.kv, baseUrl, ctx.clock.now(), REVEAL_CALL, revealed.error, 'reveal');
    if (missing) return fail(missing);
    if (revealed.error.kind !== 'conflict') {
      return fail(await jwtStepError(ctx, accountId, revealed.error, text.REVEAL_NEEDS_PASSWORD));
    }
    return fail({ kind: 'conflict', status: 409, message: await alreadyRevealedMessage(ctx, accountId, pendingExpected) });
  }
  const { apiKey, createdAt } = revealed.value;
  const current = profile?.apiKey ?? null;
  // A creation time only counts when both answers have one: a time the server did not send decides nothing.
  const sameTime = createdAt === null || current?.createdAt == null || createdAt === current.createdAt;
  const matchesCurrent = current !== null && last4(apiKey) === current.last4 && sameTime;
  const role: RevealedKey['role'] = pendingExpected || !matchesCurrent ? 'pending' : 'current';

  if (!(await writeSecretWithRetry(ctx, accountId, role === 'current' ? 'api-key' : 'pending-api-key', apiKey))) {
    return fail({ kind: 'keychain', message: text.revealedButNotSaved(role) });
  }
  if (role === 'current') {
    ctx.session.update(accountId, {
      hasApiKey: true,
      apiKeyLast4: last4(apiKey),
      profile: profile && current && { ...profile, apiKey: { ...current, revealed: true } },
    });
  } else {
    let requestId = pendingExpected ? issued?.id : undefined;
    if (!requestId) {
      // Issued between the two calls: look the request up now that the key is safe.
      const again = await listRequests(ctx, baseUrl, token.value);
      requestId = again.ok ? again.value.find((r) => r.status === 'issued')?.id : undefined;
    }
    if (requestId) {
      ctx.session.update(accountId, { lifecycle: { requestId, stage: 'revealed', pendingLast4: last4(apiKey) } });
    }
  }
  return ok({ apiKey, last4: last4(apiKey), createdAt, role });
}

async function requestNew(
  ctx: ServiceContext,
  request: { accountId: string; reason: RegenerationReason; note: string },
): Promise<Result<RegenerationRequest>> {
  const start = accountAndUrl(ctx, request.accountId);
  if (!start.ok) return start;
  const refused = refusalIfNotOffered(ctx.kv, start.value.baseUrl, 'request');
  if (refused) return fail(refused);
  const settled = await settleHeldPendingKey(ctx, request.accountId);
  if (!settled.ok) return settled;
  const account = ctx.session.get(request.accountId) ?? start.value.account;
  const attempts = await ctx.session.attempts(account.id, null);
  if (!attempts.ok) return attempts;
  const created = await withFirstAccepted(ctx, request.accountId, attempts.value, async (secret) => {
    const r = await createRequest(ctx, start.value.baseUrl, secret, { reason: request.reason, note: request.note });
    return r.ok ? ok({ request: r.value }) : r;
  });
  if (!created.ok) {
    const { error } = created;
    const call = { method: 'POST', path: REQUESTS_PATH };
    const missing = notOfferedFromError(ctx.kv, start.value.baseUrl, ctx.clock.now(), call, error, 'request');
    if (missing) return fail(missing);
    if (error.kind === 'conflict') return fail({ ...error, message: text.REQUEST_ALREADY_OPEN });
    if (error.kind === 'unprocessable') {
      return fail({ ...error, message: `The request for a new key was not accepted. ${error.message}` });
    }
    return fail(error);
  }
  // The server is the authority: a 201 means a new request is open, whatever the stored stage said.
  ctx.session.update(request.accountId, {
    lifecycle: { requestId: created.value.request.id, stage: 'pending', pendingLast4: null },
  });
  return ok(created.value.request);
}

async function confirm(ctx: ServiceContext, accountId: string): Promise<Result<ApiKeyStatus>> {
  const start = accountAndUrl(ctx, accountId);
  if (!start.ok) return start;
  const { account, baseUrl } = start.value;
  // Only the cached detection: a 404 on `…/{id}/confirm` may also mean a request that is not this account's.
  const refused = refusalIfNotOffered(ctx.kv, baseUrl, 'confirm');
  if (refused) return fail(refused);
  const token = await sessionToken(ctx, accountId, text.CONFIRM_NEEDS_PASSWORD);
  if (!token.ok) return token;
  const pending = await ctx.session.secret(accountId, 'pending-api-key');
  if (!pending.ok) return pending;
  const lifecycle = account.lifecycle;
  const stage = localStage(lifecycle?.stage ?? null, pending.value !== null && lifecycle !== null);
  const allowed = transition(stage, { type: 'confirmed' });
  if (!allowed.ok) return fail({ kind: 'conflict', message: allowed.error.message });
  if (pending.value === null || lifecycle === null) return fail({ kind: 'conflict', message: text.PENDING_KEY_MISSING });

  const confirmed = await confirmRequest(ctx, baseUrl, token.value, lifecycle.requestId);
  if (!confirmed.ok) {
    const error = await jwtStepError(ctx, accountId, confirmed.error, text.CONFIRM_NEEDS_PASSWORD);
    if (error.kind === 'unauthorized' || error.kind === 'forbidden') return fail(error);
    // A lost answer or a repeated click: the server may have confirmed already. Ask before declaring failure.
    const check = await fetchRequest(ctx, baseUrl, token.value, lifecycle.requestId);
    if (!check.ok || check.value.status !== 'confirmed') {
      const reason = error.kind === 'conflict' ? `The server did not confirm the new key: ${error.message}` : error.message;
      return fail({ ...error, message: `${reason} ${text.BOTH_KEYS_KEPT}` });
    }
  }
  const swapped = await finishSwap(ctx, accountId, baseUrl, lifecycle.requestId);
  if (!swapped.ok) return swapped;
  return syncStatus(ctx, accountId);
}

/**
 * The key lifecycle handlers over a service context, and `dispose()`, which clears the clipboard if it still
 * holds a key this app copied (call it on quit).
 *
 * After a confirmation the stored stage stays `confirmed` (the screen shows "Confirmed: the old key is revoked")
 * until the next request for a new key starts a new cycle.
 */
export function createKeyLifecycleHandlers(ctx: ServiceContext): Handlers & { dispose(): Promise<void> } {
  const serial = createAccountQueue();
  const guard = new ClipboardGuard({
    clipboard: ctx.clipboard,
    clock: ctx.clock,
    clearAfterSeconds: () => readSettings(ctx.kv).clipboardClearSeconds,
  });
  return {
    getApiKeyStatus: ({ accountId }) => serial(accountId, () => keychainSafe(ctx, () => syncStatus(ctx, accountId))),
    revealApiKey: ({ accountId }) => serial(accountId, () => keychainSafe(ctx, () => reveal(ctx, accountId))),
    copyApiKey: ({ accountId, role }) =>
      keychainSafe(ctx, async () => {
        if (!ctx.session.get(accountId)) return fail({ ...text.NO_SUCH_ACCOUNT });
        const secret = await ctx.session.secret(accountId, role === 'current' ? 'api-key' : 'pending-api-key');
        if (!secret.ok) return secret;
        if (!secret.value) return fail(text.keyNotHeld(role));
        return ok(await guard.copy(secret.value));
      }),
    requestNewKey: (request) => serial(request.accountId, () => keychainSafe(ctx, () => requestNew(ctx, request))),
    confirmNewKey: ({ accountId }) => serial(accountId, () => keychainSafe(ctx, () => confirm(ctx, accountId))),
    dispose: async () => {
      await guard.dispose();
    },
  };
}
