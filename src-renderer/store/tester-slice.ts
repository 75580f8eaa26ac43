/**
 * The request tester: the active workbench tab's draft, its request in flight, its last response or error and the
 * request as it went out (the other tabs wait in the workbench slice), the endpoint picker's list and the active
 * account's history. Responses and history entries come from the main process already redacted. One Send is one
 * call: its answer carries the response, the new history entry, the account as main now sees it and the request as
 * sent, and the store takes them all from it (a tab that is no longer active gets its own answer). A draft is sent
 * for the account its tab belongs to: main refuses it under another.
 */
import type { AppError } from '../../src-shared/errors';
import type { EndpointOption, HistoryEntry } from '../../src-shared/tester';
import { call } from '../api';
import { activeAccount } from './session-slice';
import type { SliceCreator } from './store-types';
import { draftProblem, emptyDraft, fromComposed, newRequestId, newRow, toComposed, type TesterDraft } from './tester-draft';
import { missingVariablesProblem, resolveDraft, variableLookup } from './draft-variables';
import { variableSourcesOf } from './collections-slice';
import { blankContent, type TabContent } from './workbench-slice';

/** The endpoint picker's list, and whether it is the offline copy (the document could not be fetched just now). */
export interface EndpointList {
  list: EndpointOption[];
  offline: boolean;
  cachedAt: string | null;
}

/** The tester: the active tab's content (live here; the other tabs keep theirs in the workbench slice) and what
 * every tab shares (endpoints, history). */
export interface TesterState extends TabContent {
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
  /**
   * Fills method, path (with `{param}` placeholders) and the example body from the picker; a sign-in (the OAuth2
   * password flow's token URL) gets Auth = None and its form template.
   */
  chooseEndpoint(id: string): void;
  /** Asks for the active account's history. */
  loadHistory(): Promise<void>;
  clearHistory(): Promise<void>;
  /** Fills the editor from an entry; a body history did not keep leaves that body kind empty, and says so. */
  loadFromHistory(id: string): void;
  /** Loads an entry and sends it; an entry whose body was not kept is only loaded (its body must be written again). */
  rerunFromHistory(id: string): Promise<void>;
  /**
   * Another account (so perhaps another environment) is active: the shown tabs are put aside for their account, the
   * editor is emptied, and the endpoint list and the history are asked for again.
   */
  resetTesterResult(): void;
}

/** The performance mark set when a Send's answer reaches the renderer (the response view's benchmark starts there). */
export const RESPONSE_ARRIVED_MARK = 'deepcurrent:response-arrived';

/** Why a history entry loaded into the editor has an empty body. */
export const BODY_NOT_KEPT =
  'History does not keep this request’s body (bodies are kept only until the app quits, and only up to 16 KiB). Write the body again, then send.';

/** A history entry as a draft; a body history did not keep leaves that body kind empty, and `draftError` says so. */
export function historyDraft(entry: HistoryEntry): { draft: TesterDraft; draftError: string | null } {
  const draft = fromComposed(entry.request);
  return entry.bodyNotKept ? { draft: { ...draft, bodyKind: entry.bodyNotKept }, draftError: BODY_NOT_KEPT } : { draft, draftError: null };
}

const initialTester: TesterState = {
  draft: emptyDraft(),
  draftError: null,
  inFlightId: null,
  response: null,
  error: null,
  asSent: null,
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
      // {{variables}} and {id} take their values (the Variables table, the saved request's file, the environment).
      const { draft, missing } = resolveDraft(tester.draft, variableLookup(tester.draft.variables ?? {}, variableSourcesOf(get())));
      const problem = missing.length > 0 ? missingVariablesProblem(missing) : draftProblem(draft);
      if (problem) {
        patch({ draftError: problem });
        return;
      }
      const account = activeAccount(get());
      if (!account) return;
      const requestId = newRequestId();
      const request = toComposed(draft, account);
      // The tab's account: the one its tabs were loaded for (main refuses the send if that is no longer active).
      const draftAccountId = get().workbench.accountId ?? account.id;
      patch({ inFlightId: requestId, draftError: null, error: null, response: null, asSent: null });
      const result = await call('sendRequest', { requestId, request, draftAccountId });
      // For the benchmark (bench/response-view.ts): the answer is in the renderer; the response view times from here.
      performance.clearMarks(RESPONSE_ARRIVED_MARK);
      performance.mark(RESPONSE_ARRIVED_MARK);
      /** The answer goes to the tab that sent it, active or not. */
      const answer = (p: Partial<TabContent>) => {
        if (get().tester.inFlightId === requestId) patch(p);
        else get().deliverToTab(requestId, { ...p, inFlightId: null });
      };
      if (!result.ok) {
        // Nothing was sent, so nothing went into history.
        answer({ inFlightId: null, error: result.error });
        get().handleFailure(result.error);
        return;
      }
      const { outcome, historyEntry, account: sentAs, asSent } = result.value;
      // The account as main decided after the answer (a rejected credential already noted: it needs a sign-in).
      if (sentAs) get().applyAccount(sentAs);
      const { history } = get().tester;
      const ownEntry = historyEntry.accountId === get().app?.activeAccountId;
      if (ownEntry) patch({ history: [historyEntry, ...history.filter((e) => e.id !== historyEntry.id)] });
      answer({
        inFlightId: null,
        response: outcome.ok ? outcome.response : null,
        error: outcome.ok ? null : outcome.error,
        asSent,
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
      const form = endpoint.exampleForm;
      // A sign-in takes no credential; an endpoint that needs one gets the account's own back from None.
      const auth = endpoint.signIn ? 'none' : endpoint.needsAuth && draft.auth === 'none' ? null : draft.auth;
      patch({
        draftError: null,
        draft: {
          ...draft,
          endpointId: id,
          method: endpoint.method,
          path: endpoint.path,
          auth,
          bodyKind: form ? 'form' : endpoint.exampleBody !== null ? 'json' : 'none',
          jsonText: endpoint.exampleBody ?? draft.jsonText,
          formFields: form ? form.map((field) => newRow(field.name, field.value)) : draft.formFields,
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
      patch(historyDraft(entry));
    },

    async rerunFromHistory(id) {
      get().loadFromHistory(id);
      if (get().tester.history.find((h) => h.id === id)?.bodyNotKept) return;
      await get().sendRequest();
    },

    resetTesterResult() {
      get().stashTabs();
      patch({
        ...blankContent(),
        endpoints: null,
        endpointsError: null,
        history: [],
        historyLoaded: false,
        historyError: null,
      });
    },
  };
};
