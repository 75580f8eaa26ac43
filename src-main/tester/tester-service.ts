/**
 * The request tester's IPC handlers. Every request acts for the active account against its environment: the
 * request is built and pinned to that environment, the credential is taken from the vault (which reads the
 * keychain once per account and session) and added only at send time, the answer is shaped for the renderer, and
 * the request, redacted, goes into history. A rejected credential (401, or 403 "Could not validate credentials")
 * is noted on the account and never retried.
 */
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import type { TesterResponse } from '../../src-shared/tester';
import { HistoryStore } from './history-store';
import { readSettings, type ServiceContext } from '../accounts';
import type { StoredAccount } from '../accounts';
import { loadEndpoints } from './tester-endpoints';
import { prepareRequest } from './tester-request';
import { isCredentialRejected, shapeResponse } from './tester-response';
import { runRequest } from './tester-runner';

/** The handlers this service provides, and `dispose` to cancel what is in flight and write history out. */
export type TesterHandlers = Pick<ApiHandlers, 'sendRequest' | 'cancelRequest' | 'listEndpoints' | 'listHistory' | 'clearHistory'> & {
  dispose(): void;
};

const NOT_SIGNED_IN: AppError = { kind: 'not-signed-in', message: 'Sign in to an account to send requests.' };

/** The active account, bound to its environment by the session. */
function environmentOf(ctx: ServiceContext): Result<{ account: StoredAccount; baseUrl: string }> {
  const account = ctx.session.active();
  return account ? ctx.session.bound(account.id) : fail(NOT_SIGNED_IN);
}

/** The timeout setting in ms (`readSettings` puts a damaged value back to the default). */
function timeoutMsOf(ctx: ServiceContext): number {
  return readSettings(ctx.kv).requestTimeoutSeconds * 1000;
}

/** Creates the request tester's handlers over the shared service context. */
export function createTesterHandlers(ctx: ServiceContext): TesterHandlers {
  const history = new HistoryStore(ctx.kv);
  const inFlight = new Map<string, AbortController>();

  async function sendRequest({ requestId, request }: RequestOf<'sendRequest'>): Promise<Result<TesterResponse>> {
    if (inFlight.has(requestId)) {
      return fail({ kind: 'invalid-input', message: 'A request with this id is already in flight.' });
    }
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    try {
      const env = environmentOf(ctx);
      if (!env.ok) return env;
      const { account, baseUrl } = env.value;
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
      if (!outcome.ok) {
        history.add({ id: historyId, startedAt, request, status: null, errorKind: outcome.error.kind, durationMs: outcome.durationMs });
        return fail(outcome.error);
      }
      const raw = outcome.response;
      // Recorded now (it is listed in order of `startedAt`), redacted later in a batch, off the answer's path.
      history.add({ id: historyId, startedAt, request, status: raw.status, errorKind: null, durationMs: raw.durationMs });
      const credentialRejected = isCredentialRejected(raw);
      if (request.auth !== 'none' && credentialRejected) await ctx.session.noteRejected(account.id, request.auth);
      return ok(shapeResponse(raw, { historyId, sentCredential: request.auth !== 'none', notes: prepared.value.notes, credentialRejected }));
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
    async listHistory() {
      return ok(history.list());
    },
    async clearHistory() {
      history.clear();
      return ok(null);
    },
    dispose() {
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      history.flush();
    },
  };
}
