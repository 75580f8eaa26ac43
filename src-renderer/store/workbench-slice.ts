/**
 * The request workbench's tabs: several requests open at once, each with its own draft and response. Tabs belong to
 * an account: the active account's tabs are shown, another account's wait in memory (with their responses) until it
 * is active again, and each account's drafts are kept across restarts by main (`loadTabs` / `saveTabs`, which keeps
 * no secret and says what it did not keep). The active tab's content lives in the tester slice (`tester.draft`,
 * `tester.response`…), so every tester action works on the active tab; switching tabs swaps it in and out here.
 */
import type { AppError } from '../../src-shared/errors';
import type { RequestAsSent, TesterResponse } from '../../src-shared/tester';
import { MAX_TABS, SPLIT_RANGE } from '../../src-shared/workbench';
import { call } from '../api';
import { fromSaved, toSaved } from './saved-draft';
import { activeAccount } from './session-slice';
import type { AppStore, SliceCreator } from './store-types';
import { emptyDraft, newRequestId, type TesterDraft } from './tester-draft';

/** What each tab holds; the active tab's is live in the tester slice. */
export interface TabContent {
  draft: TesterDraft;
  /** Why the draft cannot be sent, after a Send attempt. */
  draftError: string | null;
  inFlightId: string | null;
  response: TesterResponse | null;
  error: AppError | null;
  /** The last request as it went out (masked by main). */
  asSent: RequestAsSent | null;
}

/** One open request. */
export interface WorkbenchTab {
  id: string;
  /** Stale for the active tab (see the tester slice). */
  content: TabContent;
  /** What main did not keep of this tab's draft across restarts (it looked secret, or was too large), in words. */
  notKept: string[];
}

interface AccountTabs {
  tabs: WorkbenchTab[];
  activeTabId: string;
}

/** The shown account's tabs, the divider, and the other accounts' tabs put aside. */
export interface WorkbenchState {
  /** The account whose tabs are shown; null until they are loaded (and after the active account changed). */
  accountId: string | null;
  loading: boolean;
  tabs: WorkbenchTab[];
  activeTabId: string;
  /** The request pane's share of the split, in percent. */
  split: number;
  /** Other accounts' tabs, as they were left, for this session. */
  stash: Record<string, AccountTabs>;
  /** Why the tabs of the last start could not be restored, or null. */
  loadError: AppError | null;
}

/** The workbench's state and its actions. */
export interface WorkbenchSlice {
  workbench: WorkbenchState;
  /** Shows the active account's tabs: from memory, else as main kept them, else one new tab. */
  ensureTabs(): Promise<void>;
  /** Opens a new tab with an empty path and makes it active (at most `MAX_TABS`). */
  newTab(): void;
  /** Closes a tab (cancelling its request); the last tab closed leaves a new empty one. */
  closeTab(id: string): void;
  selectTab(id: string): void;
  /** The next (1) or previous (-1) tab, wrapping around. */
  cycleTab(step: 1 | -1): void;
  /** Moves the divider (clamped to its range). */
  setSplit(percent: number): void;
  /** Puts the shown account's tabs aside (another account became active); they are saved first. */
  stashTabs(): void;
  /** Gives the answer of a request to the tab that sent it, when that tab is not the active one. */
  deliverToTab(requestId: string, patch: Partial<TabContent>): void;
  /** Sends the shown account's tabs to main to keep; takes what main says it did not keep. */
  saveTabs(): Promise<void>;
}

/** A new tab's content: an empty draft, nothing sent. */
export function blankContent(draft: TesterDraft = emptyDraft()): TabContent {
  return { draft, draftError: null, inFlightId: null, response: null, error: null, asSent: null };
}

/** A new tab's content: an empty path (the first tab of an account starts on `/api/v1/users/me`). */
const emptyTab = () => blankContent({ ...emptyDraft(), path: '' });

function newTabOf(content: TabContent = blankContent()): WorkbenchTab {
  return { id: `tab-${newRequestId().slice(0, 12)}`, content, notKept: [] };
}

/** The active tab's live content, from the tester slice. */
export function liveContent(state: Pick<AppStore, 'tester'>): TabContent {
  const { draft, draftError, inFlightId, response, error, asSent } = state.tester;
  return { draft, draftError, inFlightId, response, error, asSent };
}

/** The tabs with the active one's content made current. */
export function currentTabs(state: Pick<AppStore, 'tester' | 'workbench'>): WorkbenchTab[] {
  const { tabs, activeTabId } = state.workbench;
  return tabs.map((tab) => (tab.id === activeTabId ? { ...tab, content: liveContent(state) } : tab));
}

const clampSplit = (percent: number) => Math.min(SPLIT_RANGE.max, Math.max(SPLIT_RANGE.min, Math.round(percent)));

const initialWorkbench: WorkbenchState = {
  accountId: null,
  loading: false,
  tabs: [],
  activeTabId: '',
  split: SPLIT_RANGE.initial,
  stash: {},
  loadError: null,
};

/** Creates the workbench slice of the store. */
export const createWorkbenchSlice: SliceCreator<WorkbenchSlice> = (set, get) => {
  const patchWorkbench = (p: Partial<WorkbenchState>) => set({ workbench: { ...get().workbench, ...p } });
  /** Shows `tabs` with `activeTabId` active: its content goes live into the tester slice. */
  const show = (tabs: WorkbenchTab[], activeTabId: string, extra: Partial<WorkbenchState> = {}) => {
    const active = tabs.find((t) => t.id === activeTabId) ?? tabs[0]!;
    set({ workbench: { ...get().workbench, ...extra, tabs, activeTabId: active.id }, tester: { ...get().tester, ...active.content } });
  };

  return {
    workbench: initialWorkbench,

    async ensureTabs() {
      const account = activeAccount(get());
      const wb = get().workbench;
      if (!account || wb.accountId === account.id || wb.loading) return;
      // Tabs of accounts that have signed out go with them.
      const known = new Set(get().app?.accounts.map((a) => a.id) ?? []);
      const stash = Object.fromEntries(Object.entries(wb.stash).filter(([id]) => known.has(id)));
      const stashed = stash[account.id];
      if (stashed) {
        const { [account.id]: _shown, ...rest } = stash;
        show(stashed.tabs, stashed.activeTabId, { accountId: account.id, stash: rest, loadError: null });
        return;
      }
      patchWorkbench({ loading: true, stash });
      const result = await call('loadTabs', { accountId: account.id });
      if (activeAccount(get())?.id !== account.id) {
        patchWorkbench({ loading: false });
        return;
      }
      const kept = result.ok ? result.value.tabs : [];
      const tabs = kept.map((t) => ({ id: t.id, content: blankContent(fromSaved(t.draft)), notKept: t.notKept }));
      if (tabs.length === 0) tabs.push(newTabOf());
      const activeTabId = (result.ok && result.value.activeTabId) || tabs[0]!.id;
      show(tabs, activeTabId, {
        accountId: account.id,
        loading: false,
        split: result.ok ? clampSplit(result.value.split) : get().workbench.split,
        loadError: result.ok ? null : result.error,
      });
    },

    newTab() {
      const tabs = currentTabs(get());
      if (tabs.length >= MAX_TABS) return;
      const tab = newTabOf(emptyTab());
      show([...tabs, tab], tab.id);
    },

    closeTab(id) {
      const tabs = currentTabs(get());
      const index = tabs.findIndex((t) => t.id === id);
      if (index < 0) return;
      const closing = tabs[index]!;
      if (closing.content.inFlightId) void call('cancelRequest', { requestId: closing.content.inFlightId });
      const rest = tabs.filter((t) => t.id !== id);
      if (rest.length === 0) rest.push(newTabOf(emptyTab()));
      const wasActive = get().workbench.activeTabId === id;
      const nextActive = wasActive ? rest[Math.min(index, rest.length - 1)]!.id : get().workbench.activeTabId;
      show(rest, nextActive);
    },

    selectTab(id) {
      if (id === get().workbench.activeTabId || !get().workbench.tabs.some((t) => t.id === id)) return;
      show(currentTabs(get()), id);
    },

    cycleTab(step) {
      const { tabs, activeTabId } = get().workbench;
      if (tabs.length < 2) return;
      const index = tabs.findIndex((t) => t.id === activeTabId);
      get().selectTab(tabs[(index + step + tabs.length) % tabs.length]!.id);
    },

    setSplit(percent) {
      const split = clampSplit(percent);
      if (split !== get().workbench.split) patchWorkbench({ split });
    },

    stashTabs() {
      const wb = get().workbench;
      if (wb.accountId === null) return;
      void get().saveTabs();
      // Only stored accounts' tabs are put aside: a signed-out account's drafts leave the window with it.
      const known = new Set(get().app?.accounts.map((a) => a.id) ?? []);
      const stash = { ...wb.stash, [wb.accountId]: { tabs: currentTabs(get()), activeTabId: wb.activeTabId } };
      patchWorkbench({
        accountId: null,
        tabs: [],
        activeTabId: '',
        stash: Object.fromEntries(Object.entries(stash).filter(([id]) => known.has(id))),
      });
    },

    deliverToTab(requestId, patch) {
      const wb = get().workbench;
      const update = (tabs: WorkbenchTab[]) =>
        tabs.map((t) => (t.content.inFlightId === requestId ? { ...t, content: { ...t.content, ...patch } } : t));
      const stash = Object.fromEntries(Object.entries(wb.stash).map(([id, own]) => [id, { ...own, tabs: update(own.tabs) }]));
      patchWorkbench({ tabs: update(wb.tabs), stash });
    },

    async saveTabs() {
      const wb = get().workbench;
      if (wb.accountId === null || wb.tabs.length === 0) return;
      const accountId = wb.accountId;
      const tabs = currentTabs(get()).map((t) => ({ id: t.id, draft: toSaved(t.content.draft) }));
      const result = await call('saveTabs', { accountId, tabs, activeTabId: wb.activeTabId, split: wb.split });
      if (!result.ok || get().workbench.accountId !== accountId) return;
      const notKept = new Map(result.value.tabs.map((t) => [t.id, t.notKept]));
      const changed = (t: WorkbenchTab) => notKept.has(t.id) && notKept.get(t.id)!.join('\n') !== t.notKept.join('\n');
      const current = get().workbench.tabs;
      if (current.some(changed)) patchWorkbench({ tabs: current.map((t) => (changed(t) ? { ...t, notKept: notKept.get(t.id)! } : t)) });
    },
  };
};
