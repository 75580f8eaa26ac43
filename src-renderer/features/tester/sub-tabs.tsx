/**
 * Tabs inside a pane (the request's Query, Headers, Body, Auth and Copy as; the response's Body, Headers and Request
 * as sent): a labelled tab list, the arrow keys between the tabs, and the selected tab's panel.
 */
import { useId, type ReactNode } from 'react';
import { moveInTabList } from './tab-keys';

/** One tab: its key and its visible name. */
export interface SubTab<K extends string> {
  key: K;
  name: ReactNode;
}

/** The tab list's name, its tabs, the selected one, and the selected tab's panel (children). */
export interface SubTabsProps<K extends string> {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly SubTab<K>[];
  selected: K;
  onSelect: (key: K) => void;
  /** Extra controls on the tab list's row (after it, outside the list). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A tab list and the selected tab's panel. */
export function SubTabs<K extends string>({ label, tabs, selected, onSelect, actions, children, className }: SubTabsProps<K>) {
  const prefix = useId();
  const tabId = (key: string) => `${prefix}-tab-${key}`;
  const keys = tabs.map((t) => t.key);
  return (
    <div className={`subtabs${className ? ` ${className}` : ''}`}>
      <div className="subtabs-row">
        <div role="tablist" aria-label={label} className="subtabs-list">
          {tabs.map((tab) => (
            <button
              key={tab.key}
              type="button"
              role="tab"
              id={tabId(tab.key)}
              className="subtab"
              aria-selected={tab.key === selected}
              aria-controls={`${prefix}-panel`}
              tabIndex={tab.key === selected ? 0 : -1}
              onClick={() => onSelect(tab.key)}
              onKeyDown={(event) => moveInTabList(event, keys, selected, (key) => onSelect(key as K), tabId)}
            >
              {tab.name}
            </button>
          ))}
        </div>
        {actions ? <div className="subtabs-actions">{actions}</div> : null}
      </div>
      <div role="tabpanel" id={`${prefix}-panel`} aria-labelledby={tabId(selected)} className="subtabs-panel">
        {children}
      </div>
    </div>
  );
}
