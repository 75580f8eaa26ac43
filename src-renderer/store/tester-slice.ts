/**
 * The request tester: the draft being edited, the request in flight, the last response or error, the endpoint
 * picker's list and the history. Responses and history entries come from the main process already redacted.
 */
import type { AppError } from '../../src-shared/errors';
import type { EndpointOption, HistoryEntry, TesterResponse } from '../../src-shared/tester';
import { call } from '../api';
import { activeAccount } from './session-slice';
import type { SliceCreator } from './store-types';
import { draftProblem, emptyDraft, fromComposed, newRequestId, toComposed, type TesterDraft } from './tester-draft';

/** The endpoint picker's list, and whether it came from the offline copy. */
export interface EndpointList {
  list: EndpointOption[];
  fromCache: boolean;
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
  loadEndpoints(refresh?: boolean): Promise<void>;
  /** Fills method, path (with `{param}` placeholders) and the example body from the picker. */
  chooseEndpoint(id: string): void;
  loadHistory(): Promise<void>;
  clearHistory(): Promise<void>;
  loadFromHistory(id: string): void;
  rerunFromHistory(id: string): Promise<void>;
  /** Forgets the response and the endpoint list (another account or environment is active). */
  resetTesterResult(): void;
}

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
      const requestId = newRequestId();
      const request = toComposed(tester.draft, account);
      patch({ inFlightId: requestId, draftError: null, error: null, response: null });
      const result = await call('sendRequest', { requestId, request });
      if (get().tester.inFlightId !== requestId) return;
      if (result.ok) {
        patch({ inFlightId: null, response: result.value });
        // The main process marks an account whose credential got a 401 (or the 403 "Could not validate
        // credentials" some compatible servers send instead); show that on the account screen. A plain 403 changes
        // nothing there, so the reload is harmless.
        const status = result.value.status;
        if ((status === 401 || status === 403) && request.auth !== 'none') void get().reloadAppState();
      } else {
        patch({ inFlightId: null, error: result.error });
        get().handleFailure(result.error);
      }
      void get().loadHistory();
    },

    async cancelRequest() {
      const requestId = get().tester.inFlightId;
      if (!requestId) return;
      await call('cancelRequest', { requestId });
    },

    async loadEndpoints(refresh) {
      patch({ endpointsLoading: true, endpointsError: null });
      const result = await call('listEndpoints', refresh ? { refresh: true } : {});
      if (result.ok) patch({ endpointsLoading: false, endpoints: { list: result.value.endpoints, fromCache: result.value.fromCache, cachedAt: result.value.cachedAt } });
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
      const result = await call('listHistory', {});
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
      if (entry) patch({ draft: fromComposed(entry.request), draftError: null });
    },

    async rerunFromHistory(id) {
      get().loadFromHistory(id);
      await get().sendRequest();
    },

    resetTesterResult() {
      const { tester } = get();
      patch({ response: null, error: null, endpoints: null, endpointsError: null, draft: { ...tester.draft, auth: null } });
    },
  };
};
