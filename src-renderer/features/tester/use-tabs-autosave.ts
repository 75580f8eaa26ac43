/**
 * Keeps the workbench's tabs across restarts: a short while after the drafts, the tabs, the active tab or the
 * divider change, they are sent to main (which keeps what may be kept: no secret). Leaving the screen and leaving
 * the page send what is pending at once.
 */
import { useEffect } from 'react';
import { useAppStore, type AppStore } from '../../store';

/** How long after the last change the tabs are sent (typing is not sent key by key). */
const SAVE_AFTER_MS = 600;

/** What is kept, by reference: a change to any of it is a change to keep. */
function keptParts(state: AppStore): unknown[] {
  const { tabs, activeTabId, split, accountId } = state.workbench;
  return [accountId, activeTabId, split, ...tabs.map((t) => (t.id === activeTabId ? state.tester.draft : t.content.draft)), ...tabs.map((t) => t.id)];
}

const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Saves the tabs while the workbench is shown. */
export function useTabsAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = keptParts(useAppStore.getState());
    const flush = () => {
      if (timer === null) return;
      clearTimeout(timer);
      timer = null;
      void useAppStore.getState().saveTabs();
    };
    const unsubscribe = useAppStore.subscribe((state) => {
      const parts = keptParts(state);
      if (same(parts, last)) return;
      const accountChanged = parts[0] !== last[0];
      last = parts;
      if (accountChanged || state.workbench.accountId === null) return; // tabs shown or put aside: nothing edited
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, SAVE_AFTER_MS);
    });
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
}
