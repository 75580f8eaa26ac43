/**
 * The request tester's IPC handlers. Every request acts for the active account against its environment: the
 * request is built and pinned to that environment, the credential is taken from the account session (which reads
 * the keychain once per account and session) and added only at send time, the answer is shaped for the renderer,
 * and the request, redacted, goes into the account's history. A rejected credential (401, or 403 "Could not validate
 * credentials") is noted on the account and never retried. One Send is one round trip: its answer carries the
 * response (or the error), the history entry and the account as the session now summarises it.
 */
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import type { SentRequest } from '../../src-shared/tester';
import { HistoryStore, historyEntryFrom, type HistoryRecord } from './history-store';
import { readSettings, type ServiceContext } from '../accounts';
import type { StoredAccount } from '../accounts';
import { loadEndpoints } from './tester-endpoints';
import { prepareRequest } from './tester-request';
import { isRejectedCredential } from '../deepcurrent-api';
import { rejectionDetail, shapeResponse } from './tester-response';
import { runRequest } from './tester-runner';

/**
 * The handlers this service provides; `forgetAccount` removes a signed-out account's history (app.ts calls it on
 * sign-out); `dispose` cancels what is in flight and writes history out.
 */
export type TesterHandlers = Pick<ApiHandlers, 'sendRequest' | 'cancelRequest' | 'listEndpoints' | 'listHistory' | 'clearHistory'> & {
  forgetAccount(accountId: string): void;
  dispose(): void;
};

const NOT_SIGNED_IN: AppError = { kind: 'not-signed-in', message: 'Sign in to an account to send requests.' };

/** The active account, bound to its environment by the session. */
function environmentOf(ctx: ServiceContext): Result<{ account: StoredAccount; baseUrl: string }> {
  const account = ctx.session.active();
  return account ? ctx.session.bound(account.id) : fail(NOT_SIGNED_IN);
}

/** The refusal of a request made for another account than the active one. */
function otherAccount(ctx: ServiceContext, madeFor: string, active: StoredAccount): AppError {
  const owner = ctx.session.get(madeFor);
  const who = owner ? owner.email : 'an account that is no longer signed in';
  return {
    kind: 'conflict',
    message: `This request was made for ${who}, but the active account is now ${active.email}. Nothing was sent. Switch to the account it was made for, or load it into the editor to send it as ${active.email}.`,
  };
}

/** The timeout setting in ms (`readSettings` puts a damaged value back to the default). */
function timeoutMsOf(ctx: ServiceContext): number {
  return readSettings(ctx.kv).requestTimeoutSeconds * 1000;
}

/** Creates the request tester's handlers over the shared service context. */
export function createTesterHandlers(ctx: ServiceContext): TesterHandlers {
  const history = new HistoryStore(ctx.kv);
  const inFlight = new Map<string, AbortController>();

  /** Keeps the entry in the account's history, unless the account was signed out while the request ran. */
  function record(entry: HistoryRecord) {
    return ctx.session.get(entry.accountId) ? history.add(entry) : historyEntryFrom(entry);
  }

  /** The account as the renderer shows it after the answer, or null when it is gone. */
  function summaryOf(accountId: string) {
    const account = ctx.session.get(accountId);
    return account ? ctx.session.summarise(account) : null;
  }

  async function sendRequest({ requestId, request, draftAccountId }: RequestOf<'sendRequest'>): Promise<Result<SentRequest>> {
    if (inFlight.has(requestId)) {
      return fail({ kind: 'invalid-input', message: 'A request with this id is already in flight.' });
    }
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    try {
      const env = environmentOf(ctx);
      if (!env.ok) return env;
      const { account, baseUrl } = env.value;
      // A request made for one account never goes out under another (a re-run from history, a draft of another tab).
      if (draftAccountId !== undefined && draftAccountId !== account.id) return fail(otherAccount(ctx, draftAccountId, account));
      const prepared = prepareRequest(baseUrl, request);
      if (!prepared.ok) return prepared;
      let credential: string | null = null;
      if (request.auth !== 'none') {
        const found = await ctx.session.credential(account.id, request.auth);
        if (!found.ok) return found;
        credential = found.value.secret;
      }
      if (controller.signal.aborted) return fail({ kind: 'cancelled', message: 'The request was cancelled.' });
      const startedAt = ctx.clock.now();
      const historyId = globalThis.crypto.randomUUID();
      const timeoutMs = timeoutMsOf(ctx);
      const outcome = await runRequest(ctx.http, prepared.value, { credential, timeoutMs, controller });
      credential = null;
      const tags = { id: historyId, startedAt, accountId: account.id, environment: account.environment, request };
      if (!outcome.ok) {
        // Refused by the HTTP port before anything left the app: a plain failure, no history entry.
        if (!outcome.attempted) return fail(outcome.error);
        const historyEntry = record({ ...tags, status: null, errorKind: outcome.error.kind, durationMs: outcome.durationMs });
        return ok({ outcome: { ok: false, error: outcome.error }, historyEntry, account: summaryOf(account.id) });
      }
      const raw = outcome.response;
      const credentialRejected = isRejectedCredential(raw.status, rejectionDetail(raw));
      if (request.auth !== 'none' && credentialRejected) await ctx.session.noteRejected(account.id, request.auth);
      const response = shapeResponse(raw, { historyId, sentCredential: request.auth !== 'none', notes: prepared.value.notes, credentialRejected });
      const historyEntry = record({ ...tags, status: raw.status, errorKind: null, durationMs: raw.durationMs });
      return ok({ outcome: { ok: true, response }, historyEntry, account: summaryOf(account.id) });
    } finally {
      inFlight.delete(requestId);
    }
  }

  return {
    sendRequest,
    async cancelRequest({ requestId }) {
      inFlight.get(requestId)?.abort();
      return ok(null);
    },
    async listEndpoints({ refresh }) {
      const env = environmentOf(ctx);
      if (!env.ok) return env;
      return loadEndpoints(ctx.http, ctx.kv, ctx.clock, env.value.baseUrl, { refresh: refresh ?? false, timeoutMs: timeoutMsOf(ctx) });
    },
    async listHistory({ scope }) {
      if (scope === 'all') return ok(history.listAll(ctx.session.list().map((a) => a.id)));
      const accountId = ctx.session.activeId();
      return ok(accountId ? history.list(accountId) : []);
    },
    async clearHistory() {
      const accountId = ctx.session.activeId();
      if (accountId) history.removeAccount(accountId);
      return ok(null);
    },
    forgetAccount(accountId) {
      history.removeAccount(accountId);
    },
    dispose() {
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      history.flush();
    },
  };
}
