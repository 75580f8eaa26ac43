/**
 * The request tester's IPC handlers. Every request acts for the active account against its environment: the
 * request is built and pinned to that environment, the credential is taken from the account session (which reads
 * the keychain once per account and session) and added only at send time, the answer is shaped for the renderer,
 * and the request, redacted, goes into the account's history. A rejected credential (401, or 403 "Could not validate
 * credentials") is noted on the account and never retried. One Send is one round trip: its answer carries the
 * response (or the error), the history entry, the account as the session now summarises it, and the request as it
 * went out (masked). A draft belongs to the account it was made for: a send whose draft account is not the active
 * account is refused unless the request says the user chose to send it under the active one. The latest bodies stay
 * in memory for "Save body".
 */
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import type { SentRequest } from '../../src-shared/tester';
import { HistoryStore, historyEntryFrom, type HistoryRecord } from './history-store';
import { readSettings, type ServiceContext } from '../accounts';
import type { StoredAccount } from '../accounts';
import type { FileSaver } from '../platform/ports';
import { requestAsSent } from './request-as-sent';
import { bodyFileName, ResponseBodies } from './response-bodies';
import { loadEndpoints } from './tester-endpoints';
import { prepareRequest } from './tester-request';
import { isRejectedCredential } from '../deepcurrent-api';
import { rejectionDetail, shapeResponse } from './tester-response';
import { runRequest } from './tester-runner';

/**
 * The handlers this service provides; `forgetAccount` removes a signed-out account's history (app.ts calls it on
 * sign-out); `dispose` cancels what is in flight and writes history out.
 */
export type TesterHandlers = Pick<
  ApiHandlers,
  'sendRequest' | 'cancelRequest' | 'listEndpoints' | 'listHistory' | 'clearHistory' | 'saveResponseBody'
> & {
  forgetAccount(accountId: string): void;
  dispose(): void;
};

const NOT_SIGNED_IN: AppError = { kind: 'not-signed-in', message: 'Sign in to an account to send requests.' };

/** Why a draft made for another account was not sent, in words that name both accounts. */
function otherAccountRefusal(ctx: ServiceContext, draftAccountId: string, active: StoredAccount): AppError {
  const owner = ctx.session.get(draftAccountId);
  const made = owner ? `${owner.email} (${ctx.session.summarise(owner).environmentLabel})` : 'an account that is no longer signed in';
  const now = `${active.email} (${ctx.session.summarise(active).environmentLabel})`;
  return {
    kind: 'conflict',
    message: `This request was made for ${made}, and ${now} is the active account, so it was not sent. Switch back to that account, or choose to send it as ${active.email}.`,
  };
}

/** What Save body says when main no longer holds the body. */
const BODY_GONE: AppError = {
  kind: 'not-found',
  message: 'This response’s body is no longer held (the app keeps the latest ones only, until it quits). Send the request again, then save.',
};

/** The active account, bound to its environment by the session. */
function environmentOf(ctx: ServiceContext): Result<{ account: StoredAccount; baseUrl: string }> {
  const account = ctx.session.active();
  return account ? ctx.session.bound(account.id) : fail(NOT_SIGNED_IN);
}

/** The timeout setting in ms (`readSettings` puts a damaged value back to the default). */
function timeoutMsOf(ctx: ServiceContext): number {
  return readSettings(ctx.kv).requestTimeoutSeconds * 1000;
}

/** Options of the tester: the file saver of the host (Electron's save dialog), absent where there is none. */
export interface TesterOptions {
  saveFile?: FileSaver | null;
}

/** Creates the request tester's handlers over the shared service context. */
export function createTesterHandlers(ctx: ServiceContext, options: TesterOptions = {}): TesterHandlers {
  const history = new HistoryStore(ctx.kv);
  const bodies = new ResponseBodies();
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

  async function sendRequest({ requestId, request, draftAccountId, sendAsActiveAccount }: RequestOf<'sendRequest'>): Promise<Result<SentRequest>> {
    if (inFlight.has(requestId)) {
      return fail({ kind: 'invalid-input', message: 'A request with this id is already in flight.' });
    }
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    try {
      const env = environmentOf(ctx);
      if (!env.ok) return env;
      const { account, baseUrl } = env.value;
      if (draftAccountId !== account.id && sendAsActiveAccount !== true) return fail(otherAccountRefusal(ctx, draftAccountId, account));
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
      const asSent = requestAsSent(prepared.value, credential);
      credential = null;
      const tags = { id: historyId, startedAt, accountId: account.id, environment: account.environment, request };
      if (!outcome.ok) {
        // Refused by the HTTP port before anything left the app: a plain failure, no history entry.
        if (!outcome.attempted) return fail(outcome.error);
        const historyEntry = record({ ...tags, status: null, errorKind: outcome.error.kind, durationMs: outcome.durationMs });
        return ok({ outcome: { ok: false, error: outcome.error }, historyEntry, account: summaryOf(account.id), asSent });
      }
      const raw = outcome.response;
      const credentialRejected = isRejectedCredential(raw.status, rejectionDetail(raw));
      if (request.auth !== 'none' && credentialRejected) await ctx.session.noteRejected(account.id, request.auth);
      const response = shapeResponse(raw, { historyId, sentCredential: request.auth !== 'none', notes: prepared.value.notes, credentialRejected });
      const historyEntry = record({ ...tags, status: raw.status, errorKind: null, durationMs: raw.durationMs });
      if (ctx.session.get(account.id)) {
        const bytes = response.bodyKind === 'binary' ? raw.bytes : new TextEncoder().encode(response.text);
        bodies.hold(historyId, { accountId: account.id, bytes, contentType: response.contentType, fileName: bodyFileName(prepared.value.url, response.contentType) });
      }
      return ok({ outcome: { ok: true, response }, historyEntry, account: summaryOf(account.id), asSent });
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
    async listEndpoints() {
      const env = environmentOf(ctx);
      if (!env.ok) return env;
      return loadEndpoints(ctx.http, ctx.kv, ctx.clock, env.value.baseUrl, { timeoutMs: timeoutMsOf(ctx) });
    },
    async saveResponseBody({ historyId }) {
      const body = bodies.get(historyId);
      if (!body || !ctx.session.get(body.accountId)) return fail(BODY_GONE);
      const saveFile = options.saveFile ?? null;
      if (!saveFile) {
        // No dialog here (start:web): the page offers the body as a download.
        return ok({ outcome: 'download', fileName: body.fileName, contentType: body.contentType || 'application/octet-stream', base64: Buffer.from(body.bytes).toString('base64') });
      }
      const saved = await saveFile({ suggestedName: body.fileName, bytes: body.bytes });
      if (saved.outcome === 'failed') {
        ctx.log(`[tester] a response body could not be saved: ${saved.reason}`);
        return fail({ kind: 'unavailable', message: 'The body could not be saved there. Choose another folder, or check that you may write to it.' });
      }
      return ok(saved);
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
      bodies.removeAccount(accountId);
    },
    dispose() {
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      history.flush();
      bodies.clear();
    },
  };
}
