/**
 * The workbench's tabs across restarts, in the settings store under `workbench`: per account, its tabs' drafts as
 * `keptDraft` allows (secret-looking values replaced, large bodies left out, and what was not kept, in words), the
 * active tab, and the divider's position. Everything read back is checked again (the file may be old, damaged or
 * edited by hand): a tab that does not fit the contract's schema is dropped and every draft is judged again.
 * An account's tabs go when it signs out.
 */
import { savedDraftSchema } from '../../src-shared/ipc-contract';
import { MAX_TABS, SPLIT_RANGE, type KeptTab, type SavedTab, type WorkbenchTabs } from '../../src-shared/workbench';
import type { KeyValueStore } from '../platform/ports';
import { keptDraft } from './kept-draft';

/** The settings-store key. */
export const TABS_KEY = 'workbench';

interface StoredAccountTabs {
  tabs: KeptTab[];
  activeTabId: string | null;
}

interface Stored {
  split: number;
  accounts: Record<string, StoredAccountTabs>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function splitOf(value: unknown): number {
  return typeof value === 'number' && value >= SPLIT_RANGE.min && value <= SPLIT_RANGE.max ? value : SPLIT_RANGE.initial;
}

/** A tab read back from the file, made what this version writes, or null. */
function tabFromStored(value: unknown): KeptTab | null {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '' || value.id.length > 200) return null;
  const parsed = savedDraftSchema.safeParse(value.draft);
  if (!parsed.success) return null;
  const again = keptDraft(parsed.data);
  const notes = Array.isArray(value.notKept) ? value.notKept.filter((n): n is string => typeof n === 'string').slice(0, 50) : [];
  return { id: value.id, draft: again.draft, notKept: [...new Set([...notes.map((n) => n.slice(0, 200)), ...again.notKept])] };
}

function accountFromStored(value: unknown): StoredAccountTabs {
  if (!isRecord(value) || !Array.isArray(value.tabs)) return { tabs: [], activeTabId: null };
  const tabs = value.tabs.slice(0, MAX_TABS).map(tabFromStored).filter((t): t is KeptTab => t !== null);
  const active = typeof value.activeTabId === 'string' && tabs.some((t) => t.id === value.activeTabId) ? value.activeTabId : null;
  return { tabs, activeTabId: active };
}

/** The workbench's tabs in the settings store. */
export class TabsStore {
  constructor(private readonly kv: KeyValueStore) {}

  private read(): Stored {
    const stored = this.kv.get(TABS_KEY);
    if (!isRecord(stored)) return { split: SPLIT_RANGE.initial, accounts: {} };
    const accounts: Record<string, StoredAccountTabs> = {};
    if (isRecord(stored.accounts)) {
      for (const [accountId, tabs] of Object.entries(stored.accounts)) accounts[accountId] = accountFromStored(tabs);
    }
    return { split: splitOf(stored.split), accounts };
  }

  /** An account's tabs as kept (none yet: an empty list), and the divider's position. */
  load(accountId: string): WorkbenchTabs {
    const stored = this.read();
    const own = stored.accounts[accountId] ?? { tabs: [], activeTabId: null };
    return { tabs: own.tabs, activeTabId: own.activeTabId, split: stored.split };
  }

  /** Keeps an account's tabs (what may be kept of them) and the divider's position; answers what was kept. */
  save(accountId: string, tabs: SavedTab[], activeTabId: string | null, split: number): WorkbenchTabs {
    const stored = this.read();
    const kept = tabs.slice(0, MAX_TABS).map((tab) => ({ id: tab.id, ...keptDraft(tab.draft) }));
    const active = kept.some((t) => t.id === activeTabId) ? activeTabId : null;
    const next: Stored = { split: splitOf(split), accounts: { ...stored.accounts, [accountId]: { tabs: kept, activeTabId: active } } };
    this.kv.set(TABS_KEY, next);
    return { tabs: kept, activeTabId: active, split: next.split };
  }

  /** Removes an account's tabs (it signed out). */
  removeAccount(accountId: string): void {
    const stored = this.read();
    if (!(accountId in stored.accounts)) return;
    const { [accountId]: _gone, ...others } = stored.accounts;
    this.kv.set(TABS_KEY, { split: stored.split, accounts: others });
  }
}
