/**
 * The request tester: the draft being edited, the request in flight, the last response or error, the endpoint
 * picker's list and the active account's history. Responses and history entries come from the main process already
 * redacted. One Send is one call: its answer carries the response, the new history entry and the account as main
 * now sees it, and the store takes all three from it.
 */
import type { AppError } from '../../src-shared/errors';
import type { EndpointOption, HistoryEntry, TesterResponse } from '../../src-shared/tester';
import { call } from '../api';
import { activeAccount } from './session-slice';
import type { SliceCreator } from './store-types';
import { draftProblem, emptyDraft, fromComposed, newRequestId, toComposed, type TesterDraft } from './tester-draft';

/** The endpoint picker's list, and whether it is the offline copy (the document could not be fetched just now). */
export interface EndpointList {
  list: EndpointOption[];
  offline: boolean;
  cachedAt: string | null;
}

export interface TesterState {
  draft: TesterDraft;
  /** Why the draft cannot be sent, after a Send attempt. */
  draftError: string | null;
  inFlightId: string | null;
  response: TesterResponse | null;
  error: AppError | null;
  endpoints: EndpointList | null;
  endpointsLoading: boolean;
  endpointsError: AppError | null;
  history: HistoryEntry[];
  historyLoaded: boolean;
  historyError: AppError | null;
}

export interface TesterSlice {
  tester: TesterState;
  updateDraft(patch: Partial<TesterDraft>): void;
  sendRequest(): Promise<void>;
  cancelRequest(): Promise<void>;
  loadEndpoints(): Promise<void>;
  /** Fills method, path (with `{param}` placeholders) and the example body from the picker. */
  chooseEndpoint(id: string): void;
  /** Asks for the active account's history. */
  loadHistory(): Promise<void>;
  clearHistory(): Promise<void>;
  /** Fills the editor from an entry; a body history did not keep leaves that body kind empty, and says so. */
  loadFromHistory(id: string): void;
  /** Loads an entry and sends it; an entry whose body was not kept is only loaded (its body must be written again). */
  rerunFromHistory(id: string): Promise<void>;
  /** Forgets the response, the endpoint list and the history (another account or environment is active). */
  resetTesterResult(): void;
}

/** Why a history entry loaded into the editor has an empty body. */
export const BODY_NOT_KEPT =
  'History does not keep this request’s body (bodies are kept only until the app quits, and only up to 16 KiB). Write the body again, then send.';

const initialTester: TesterState = {
  draft: emptyDraft(),
  draftError: null,
  inFlightId: null,
  response: null,
  error: null,
  endpoints: null,
  endpointsLoading: false,
  endpointsError: null,
  history: [],
  historyLoaded: false,
  historyError: null,
};

export const createTesterSlice: SliceCreator<TesterSlice> = (set, get) => {
  const patch = (p: Partial<TesterState>) => set({ tester: { ...get().tester, ...p } });

  return {
    tester: initialTester,

    updateDraft(p) {
      patch({ draft: { ...get().tester.draft, ...p }, draftError: null });
    },

    async sendRequest() {
      const { tester } = get();
      if (tester.inFlightId) return;
      const problem = draftProblem(tester.draft);
      if (problem) {
        patch({ draftError: problem });
        return;
      }
      const account = activeAccount(get());
      if (!account) return;
      const requestId = newRequestId();
      const request = toComposed(tester.draft, account);
      patch({ inFlightId: requestId, draftError: null, error: null, response: null });
      const result = await call('sendRequest', { requestId, request, draftAccountId: account.id });
      if (get().tester.inFlightId !== requestId) return;
      if (!result.ok) {
        // Nothing was sent, so nothing went into history.
        patch({ inFlightId: null, error: result.error });
        get().handleFailure(result.error);
        return;
      }
      const { outcome, historyEntry, account: sentAs } = result.value;
      // The account as main decided after the answer (a rejected credential already noted: it needs a sign-in).
      if (sentAs) get().applyAccount(sentAs);
      const { history } = get().tester;
      const ownEntry = historyEntry.accountId === get().app?.activeAccountId;
      patch({
        inFlightId: null,
        response: outcome.ok ? outcome.response : null,
        error: outcome.ok ? null : outcome.error,
        history: ownEntry ? [historyEntry, ...history.filter((e) => e.id !== historyEntry.id)] : history,
      });
    },

    async cancelRequest() {
      const requestId = get().tester.inFlightId;
      if (!requestId) return;
      await call('cancelRequest', { requestId });
    },

    async loadEndpoints() {
      patch({ endpointsLoading: true, endpointsError: null });
      const result = await call('listEndpoints', {});
      if (result.ok) patch({ endpointsLoading: false, endpoints: { list: result.value.endpoints, offline: result.value.offline, cachedAt: result.value.cachedAt } });
      else patch({ endpointsLoading: false, endpointsError: result.error });
    },

    chooseEndpoint(id) {
      const endpoint = get().tester.endpoints?.list.find((e) => e.id === id);
      const draft = get().tester.draft;
      if (!endpoint) {
        patch({ draft: { ...draft, endpointId: '' } });
        return;
      }
      patch({
        draftError: null,
        draft: {
          ...draft,
          endpointId: id,
          method: endpoint.method,
          path: endpoint.path,
          bodyKind: endpoint.exampleBody !== null ? 'json' : 'none',
          jsonText: endpoint.exampleBody ?? draft.jsonText,
        },
      });
    },

    async loadHistory() {
      const accountId = get().app?.activeAccountId ?? null;
      const result = await call('listHistory', {});
      if ((get().app?.activeAccountId ?? null) !== accountId) return; // another account's list: its own is asked for
      if (result.ok) patch({ history: result.value, historyLoaded: true, historyError: null });
      else patch({ historyLoaded: true, historyError: result.error });
    },

    async clearHistory() {
      const result = await call('clearHistory', {});
      if (result.ok) patch({ history: [], historyError: null });
      else patch({ historyError: result.error });
    },

    loadFromHistory(id) {
      const entry = get().tester.history.find((h) => h.id === id);
      if (!entry) return;
      const draft = fromComposed(entry.request);
      if (entry.bodyNotKept) {
        patch({ draft: { ...draft, bodyKind: entry.bodyNotKept }, draftError: BODY_NOT_KEPT });
        return;
      }
      patch({ draft, draftError: null });
    },

    async rerunFromHistory(id) {
      get().loadFromHistory(id);
      if (get().tester.history.find((h) => h.id === id)?.bodyNotKept) return;
      await get().sendRequest();
    },

    resetTesterResult() {
      const { tester } = get();
      patch({
        response: null,
        error: null,
        endpoints: null,
        endpointsError: null,
        draft: { ...tester.draft, auth: null },
        history: [],
        historyLoaded: false,
        historyError: null,
      });
    },
  };
};
