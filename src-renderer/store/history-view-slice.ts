/**
 * How the history panel shows the history: this account's entries or every signed-in account's (each tagged), a
 * search over method, path and status, and Re-run under the entry's own account: at once when it is the active one,
 * else after asking (Switch and re-run). A request is never sent under another account than its own without the
 * user choosing so (main refuses it too: `draftAccountId`).
 */
import type { AppError } from '../../src-shared/errors';
import type { HistoryEntry } from '../../src-shared/tester';
import { call } from '../api';
import { activeAccount } from './session-slice';
import type { SliceCreator } from './store-types';
import { historyDraft } from './tester-slice';

export interface HistoryViewState {
  scope: 'account' | 'all';
  search: string;
  /** With scope `all`: the other signed-in accounts' entries (the active account's are the tester's own list). */
  others: HistoryEntry[];
  error: AppError | null;
  /** An entry of another account the user asked to re-run: the panel asks before switching. */
  ask: HistoryEntry | null;
}

export interface HistoryViewSlice {
  historyView: HistoryViewState;
  setHistoryScope(scope: HistoryViewState['scope']): Promise<void>;
  setHistorySearch(text: string): void;
  /** Re-runs an entry under its own account: now when it is active, else asks first. */
  rerunEntry(entry: HistoryEntry): Promise<void>;
  /** The answer to the question: switch to the entry's account and re-run it there. */
  confirmRerunAs(): Promise<void>;
  cancelRerunAs(): void;
  /** Loads any listed entry into the editor (for the active account: the user chose it). */
  loadEntry(entry: HistoryEntry): void;
}

const initial: HistoryViewState = { scope: 'account', search: '', others: [], error: null, ask: null };

export const createHistoryViewSlice: SliceCreator<HistoryViewSlice> = (set, get, store) => {
  const patch = (p: Partial<HistoryViewState>) => set({ historyView: { ...get().historyView, ...p } });
  /** Resolves once the workbench shows `accountId`'s tabs (the entry then goes into its active tab, not a stale one). */
  const tabsShownFor = async (accountId: string): Promise<boolean> => {
    await get().ensureTabs();
    if (get().workbench.accountId === accountId) return true;
    if (!get().workbench.loading) return false;
    return new Promise((resolve) => {
      const stop = store.subscribe((state) => {
        const shown = state.workbench.accountId === accountId;
        if (!shown && state.workbench.loading) return;
        stop();
        resolve(shown);
      });
    });
  };

  return {
    historyView: initial,

    async setHistoryScope(scope) {
      patch({ scope, error: null, ...(scope === 'account' ? { others: [] } : {}) });
      if (scope === 'account') return;
      const result = await call('listHistory', { scope: 'all' });
      if (get().historyView.scope !== 'all') return;
      const active = get().app?.activeAccountId ?? null;
      if (result.ok) patch({ others: result.value.filter((e) => e.accountId !== active) });
      else patch({ error: result.error });
    },

    setHistorySearch(text) {
      patch({ search: text });
    },

    async rerunEntry(entry) {
      if (entry.accountId === activeAccount(get())?.id) {
        await get().rerunFromHistory(entry.id);
        return;
      }
      patch({ ask: entry });
    },

    async confirmRerunAs() {
      const entry = get().historyView.ask;
      if (!entry) return;
      patch({ ask: null });
      await get().switchAccount(entry.accountId);
      if (activeAccount(get())?.id !== entry.accountId) return; // the switch failed: its error is on the account screen
      get().navigate('tester');
      if (!(await tabsShownFor(entry.accountId))) return;
      const { draft, draftError } = historyDraft(entry);
      get().updateDraft(draft);
      if (draftError) {
        set({ tester: { ...get().tester, draftError } });
        return;
      }
      await get().sendRequest();
      // The list of others changed with the switch (the old active account is an "other" now).
      if (get().historyView.scope === 'all') await get().setHistoryScope('all');
    },

    cancelRerunAs() {
      patch({ ask: null });
    },

    loadEntry(entry) {
      const { draft, draftError } = historyDraft(entry);
      get().updateDraft(draft);
      set({ tester: { ...get().tester, draftError } });
    },
  };
};
