/**
 * The workbench's top row: `Method | URL | Send`. The URL is the active environment's base URL, shown, followed by
 * the path, edited (Ctrl/⌘+L comes here); Enter in the path sends, as does Ctrl/⌘+Enter anywhere (bound by the
 * screen). `Cancel` while the request is in flight. A curl command pasted into the path fills the request instead
 * (`use-url-field.ts`), as does `Import curl…`; `CurlNotes` below the row says what the import left out.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { HTTP_METHODS, type HttpMethod } from '../../../src-shared/tester';
import { activeAccount, useAppStore } from '../../store';
import { Button } from '../../components/button';
import { CurlNotes, ImportCurlButton } from './import-curl';
import { useUrlField } from './use-url-field';
import { useWideLayout } from './use-wide-layout';

/** The path field's element id (Ctrl/⌘+L focuses it). */
export const PATH_INPUT_ID = 'wb-path';

/** The request line and its Send button. */
export function UrlBar() {
  const method = useAppStore((s) => s.tester.draft.method);
  const inFlight = useAppStore((s) => s.tester.inFlightId !== null);
  const baseUrl = useAppStore((s) => activeAccount(s)?.baseUrl ?? '');
  const status = useAppStore((s) => (s.tester.response ? `${s.tester.response.status} ${s.tester.response.statusText}`.trim() : null));
  const update = useAppStore((s) => s.updateDraft);
  const send = useAppStore((s) => s.sendRequest);
  const cancel = useAppStore((s) => s.cancelRequest);
  const sendButton = useRef<HTMLButtonElement>(null);
  const wide = useWideLayout();
  const url = useUrlField();

  // When the request ends, the Cancel button goes away; keep the focus on the request line rather than losing it.
  useEffect(() => {
    if (!inFlight && (document.activeElement === document.body || document.activeElement === null)) sendButton.current?.focus();
  }, [inFlight]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <>
      <form className="url-bar" noValidate onSubmit={onSubmit}>
        <select aria-label="Method" className="url-method" value={method} onChange={(e) => update({ method: e.target.value as HttpMethod })}>
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <div className="url-field">
          <span className="url-base mono" id={`${PATH_INPUT_ID}-base`} title={baseUrl}>
            {baseUrl}
          </span>
          <label className="visually-hidden" htmlFor={PATH_INPUT_ID}>
            Path
          </label>
          <input
            id={PATH_INPUT_ID}
            type="text"
            className="mono url-path"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${PATH_INPUT_ID}-base`}
            aria-keyshortcuts="Control+L Meta+L"
            value={url.value}
            onChange={url.onChange}
            onPaste={url.onPaste}
          />
        </div>
        <Button ref={sendButton} type="submit" variant="primary" aria-disabled={inFlight ? true : undefined} aria-keyshortcuts="Control+Enter Meta+Enter">
          {inFlight ? 'Sending…' : 'Send'}
        </Button>
        {inFlight ? (
          <Button variant="danger" onClick={() => void cancel()}>
            Cancel
          </Button>
        ) : null}
        {status && !inFlight && !wide ? (
          // A copy of the response pane's status for the stacked layout, where that pane starts below the fold.
          <span className={`url-status s${status.charAt(0)}xx`} aria-hidden="true">
            {status}
          </span>
        ) : null}
        <ImportCurlButton />
      </form>
      <CurlNotes />
    </>
  );
}
