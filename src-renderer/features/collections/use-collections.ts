/**
 * The collections panel's effects: it asks main for the collections when it mounts, every
 * {@link COLLECTIONS_POLL_MS} while it is shown, and when the window gets the focus back (an edit made in an IDE
 * then shows at once); main answers no list while nothing changed. (Ctrl/⌘+S, the Save dialog for the draft, is one
 * of the workbench's shortcuts: `use-workbench-keys.ts`.)
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store';

/** How often the panel asks whether a collection changed on disk. */
export const COLLECTIONS_POLL_MS = 1500;

/** Keeps the collections fresh while the calling component is mounted. */
export function useCollectionsPolling(): void {
  const refresh = useAppStore((s) => s.refreshCollections);
  useEffect(() => {
    void refresh();
    // Not while the window is hidden: the focus coming back asks at once.
    const timer = setInterval(() => {
      if (!document.hidden) void refresh();
    }, COLLECTIONS_POLL_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh]);
}
