/**
 * The workbench's tabs as they cross IPC and are kept across restarts: each tab's draft (what the editor holds,
 * every body kind's content included), per account. Main writes them to the settings store with every value that
 * looks like a secret replaced (the history's check, `redaction.ts`) and says which; responses are never kept.
 */
import type { HttpMethod, KeyValue, RequestBody, TesterAuth } from './tester';

/** A draft as saved: the editor's fields without the rows' editor ids. */
export interface SavedDraft {
  method: HttpMethod;
  path: string;
  query: KeyValue[];
  headers: KeyValue[];
  bodyKind: RequestBody['kind'];
  jsonText: string;
  formFields: KeyValue[];
  text: string;
  textContentType: string;
  /** Null: the account's default credential. */
  auth: TesterAuth | null;
  /** The endpoint last chosen in the picker, or ''. */
  endpointId: string;
}

/** One tab: an id the renderer made, and its draft. */
export interface SavedTab {
  id: string;
  draft: SavedDraft;
}

/**
 * A tab as main answers it: its draft as kept, and what was not kept because it looked like a secret (or was too
 * large), in words (`header Authorization`, `JSON body`), empty when nothing was dropped.
 */
export interface KeptTab extends SavedTab {
  notKept: string[];
}

/** One account's tabs as kept, the active one, and the divider's position (shared by every account). */
export interface WorkbenchTabs {
  tabs: KeptTab[];
  activeTabId: string | null;
  /** The request pane's share of the split, in percent. */
  split: number;
}

/** Most tabs kept per account. */
export const MAX_TABS = 30;

/** The largest body text (per body kind) written to disk with a tab; a larger one stays in memory only. */
export const MAX_KEPT_BODY_CHARS = 256 * 1024;

/** The divider's range and its first position, in percent of the width (or height, stacked) for the request. */
export const SPLIT_RANGE = { min: 20, max: 80, initial: 50 } as const;
