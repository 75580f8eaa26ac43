/**
 * The behaviour of the URL (Path) field, for whichever component draws it: its text is the draft's URL, query
 * included, kept in sync with the Query table (`tester-url.ts`); a curl command pasted into it (or arriving whole, as
 * a paste or a drop does) is read by main and fills the request instead of being kept as a path; a full URL of the
 * active environment pasted into it becomes the path below the environment (another server's stays as pasted, and
 * Send says why it is refused).
 */
import type { ChangeEvent, ClipboardEvent } from 'react';
import { looksLikeCurl } from '../../../src-shared/curl';
import { activeAccount, useAppStore } from '../../store';
import { relativeToEnvironment, withQueryRows, withUrlText } from '../../store/tester-url';
import type { Row } from '../../store/tester-draft';

/** Props for the URL input, and the Query table's change handler. */
export function useUrlField(): {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onPaste: (event: ClipboardEvent<HTMLInputElement>) => void;
  onQueryRows: (rows: Row[]) => void;
} {
  const path = useAppStore((s) => s.tester.draft.path);
  const update = useAppStore((s) => s.updateDraft);
  const importCurl = useAppStore((s) => s.importCurl);

  return {
    value: path,
    onPaste(event) {
      const text = event.clipboardData.getData('text/plain');
      if (!looksLikeCurl(text)) return;
      event.preventDefault();
      void importCurl(text);
    },
    onChange(event) {
      const text = event.target.value;
      const draft = useAppStore.getState().tester.draft;
      // A whole command arriving at once (a paste the browser did not report as one, a drop, an automated fill).
      const arrivedWhole = text.length - draft.path.length > 5 || (event.nativeEvent as InputEvent).inputType === 'insertFromPaste';
      if (looksLikeCurl(text) && !looksLikeCurl(draft.path) && arrivedWhole) {
        void importCurl(text.trim());
        return;
      }
      const baseUrl = activeAccount(useAppStore.getState())?.baseUrl ?? null;
      update(withUrlText(draft, arrivedWhole && baseUrl ? relativeToEnvironment(text, baseUrl) : text));
    },
    onQueryRows(rows) {
      update(withQueryRows(useAppStore.getState().tester.draft, rows));
    },
  };
}
