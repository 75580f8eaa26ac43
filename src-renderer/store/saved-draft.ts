/**
 * A workbench tab's draft as it crosses IPC to be kept across restarts (`SavedDraft`, without the rows' editor ids),
 * and back. Pure.
 */
import type { KeyValue } from '../../src-shared/tester';
import type { SavedDraft } from '../../src-shared/workbench';
import { newRow, type Row, type TesterDraft } from './tester-draft';

const plain = (rows: Row[]): KeyValue[] => rows.map(({ name, value, enabled }) => ({ name, value, enabled }));
const editable = (rows: KeyValue[]): Row[] => rows.map((row) => newRow(row.name, row.value, row.enabled));

/** The draft as saved. */
export function toSaved(draft: TesterDraft): SavedDraft {
  return {
    method: draft.method,
    path: draft.path,
    query: plain(draft.query),
    headers: plain(draft.headers),
    bodyKind: draft.bodyKind,
    jsonText: draft.jsonText,
    formFields: plain(draft.formFields),
    text: draft.text,
    textContentType: draft.textContentType,
    auth: draft.auth,
    endpointId: draft.endpointId,
  };
}

/** A saved draft back in the editor (fresh row ids). */
export function fromSaved(saved: SavedDraft): TesterDraft {
  return { ...saved, query: editable(saved.query), headers: editable(saved.headers), formFields: editable(saved.formFields) };
}
