/**
 * The workbench's keyboard shortcuts, from anywhere on the screen: Ctrl/⌘+Enter sends, Ctrl/⌘+L focuses the URL's
 * path, Ctrl/⌘+T opens a tab, Ctrl/⌘+W closes the active one, Ctrl/⌘+Tab and Ctrl/⌘+Shift+Tab go to the next and
 * previous tab, Ctrl/⌘+S saves the draft to a collection (opens the Save dialog). Inside a dialog (Import curl, Save…)
 * none of them act on the request behind it. (The app menu leaves these keys to the page; the code editor leaves
 * Ctrl/⌘+Enter and Ctrl/⌘+L.)
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { tabElementId } from './tab-bar';
import { PATH_INPUT_ID } from './url-bar';

/** Focuses the active tab (after it changed by a shortcut), or the path of a new one. */
function focusLater(target: 'tab' | 'path'): void {
  queueMicrotask(() => {
    const id = target === 'path' ? PATH_INPUT_ID : tabElementId(useAppStore.getState().workbench.activeTabId);
    const element = document.getElementById(id);
    element?.focus();
    if (element instanceof HTMLInputElement) element.select();
  });
}

/** Binds the shortcuts while the workbench is shown. */
export function useWorkbenchKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.isComposing) return;
      const store = useAppStore.getState();
      const key = event.key.toLowerCase();
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) {
        // One dialog at a time: Ctrl/⌘+S is still not the browser's "Save page".
        if (key === 's' && !event.shiftKey) event.preventDefault();
        return;
      }
      if (key === 'enter') void store.sendRequest();
      else if (key === 's' && !event.shiftKey) {
        if (!store.collections.save) store.startSaveDraft();
      } else if (key === 'l' && !event.shiftKey) focusLater('path');
      else if (key === 't' && !event.shiftKey) {
        store.newTab();
        focusLater('path');
      } else if (key === 'w' && !event.shiftKey) {
        store.closeTab(store.workbench.activeTabId);
        focusLater('tab');
      } else if (key === 'tab') {
        store.cycleTab(event.shiftKey ? -1 : 1);
        focusLater('tab');
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
