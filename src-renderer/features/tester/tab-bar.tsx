/**
 * The workbench's open requests as tabs: each named by its method and path, the active one selected. The arrow keys
 * move between tabs, Delete closes the focused one; `New tab` and `Close tab` beside the list (also Ctrl/⌘+T and
 * Ctrl/⌘+W, bound by the screen). The `×` on a tab is the mouse's way to close it (the keyboard's are above), so it
 * is not a second control inside the tab.
 */
import type { MouseEvent } from 'react';
import { MAX_TABS } from '../../../src-shared/workbench';
import { useAppStore } from '../../store';
import type { TesterDraft } from '../../store/tester-draft';
import { Button } from '../../components/button';
import { moveInTabList } from './tab-keys';
import { PATH_INPUT_ID } from './url-bar';

/** The element id of a tab. */
export const tabElementId = (id: string) => `wb-tab-${id}`;
/** The element id of the one tab panel (the active tab's). */
export const TAB_PANEL_ID = 'wb-tab-panel';

/** A tab's name: its method and its path (without the query), or that it is new. */
export function tabName(draft: TesterDraft): { method: string; path: string } {
  const path = draft.path.trim().split(/[?#]/)[0] ?? '';
  return { method: draft.method, path: path || 'New request' };
}

/** The tab list and its buttons. */
export function TabBar() {
  const tabs = useAppStore((s) => s.workbench.tabs);
  const activeId = useAppStore((s) => s.workbench.activeTabId);
  const liveDraft = useAppStore((s) => s.tester.draft);
  const liveInFlight = useAppStore((s) => s.tester.inFlightId !== null);
  const select = useAppStore((s) => s.selectTab);
  const close = useAppStore((s) => s.closeTab);
  const open = useAppStore((s) => s.newTab);
  const ids = tabs.map((t) => t.id);

  const closeAndFocus = (id: string) => {
    close(id);
    queueMicrotask(() => document.getElementById(tabElementId(useAppStore.getState().workbench.activeTabId))?.focus());
  };

  return (
    <div className="tab-bar">
      <div role="tablist" aria-label="Open requests" className="tab-strip">
        {tabs.map((tab) => {
          const active = tab.id === activeId;
          const draft = active ? liveDraft : tab.content.draft;
          const sending = active ? liveInFlight : tab.content.inFlightId !== null;
          const name = tabName(draft);
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabElementId(tab.id)}
              className="wb-tab"
              aria-selected={active}
              aria-controls={TAB_PANEL_ID}
              tabIndex={active ? 0 : -1}
              title={`${name.method} ${name.path}`}
              onClick={() => select(tab.id)}
              onAuxClick={(event) => event.button === 1 && closeAndFocus(tab.id)}
              onKeyDown={(event) => {
                if (moveInTabList(event, ids, activeId, select, tabElementId)) return;
                if (event.key === 'Delete') {
                  event.preventDefault();
                  closeAndFocus(tab.id);
                }
              }}
            >
              <span className={`wb-tab-method method-${name.method.toLowerCase()}`}>{name.method}</span>
              <span className="wb-tab-path">{name.path}</span>
              {sending ? <span className="wb-tab-busy"> (sending)</span> : null}
              <span
                aria-hidden="true"
                className="wb-tab-close"
                onClick={(event: MouseEvent) => {
                  event.stopPropagation();
                  closeAndFocus(tab.id);
                }}
              >
                ×
              </span>
            </button>
          );
        })}
      </div>
      <Button
        variant="quiet"
        className="tab-bar-action"
        aria-label="New tab"
        title="New tab (Ctrl+T)"
        aria-keyshortcuts="Control+T Meta+T"
        aria-disabled={tabs.length >= MAX_TABS ? true : undefined}
        onClick={() => {
          open();
          // As Ctrl/⌘+T: the new tab's path takes the typing.
          queueMicrotask(() => document.getElementById(PATH_INPUT_ID)?.focus());
        }}
      >
        +
      </Button>
      <Button variant="quiet" className="tab-bar-action" title="Close tab (Ctrl+W)" aria-keyshortcuts="Control+W Meta+W" onClick={() => closeAndFocus(activeId)}>
        Close tab
      </Button>
    </div>
  );
}
