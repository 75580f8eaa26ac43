/**
 * Compose a request: endpoint picker, `Method`, `Path` (relative to the active environment), query parameters,
 * headers, body, `Auth`; `Send` (also Ctrl/Cmd+Enter, bound by the screen) and `Cancel` while in flight.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { HTTP_METHODS, type HttpMethod, type TesterAuth } from '../../../src-shared/tester';
import { activeAccount, useAppStore } from '../../store';
import { draftAuth } from '../../store/tester-draft';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { KeyValueTable } from '../../components/key-value-table';
import { BodyEditor } from './body-editor';
import { EndpointPicker } from './endpoint-picker';
import { CurlNotes, ImportCurlButton } from './import-curl';
import { RequestVariables } from './request-variables';
import { useUrlField } from './use-url-field';

const AUTH_OPTIONS: [TesterAuth, string][] = [
  ['api-key', 'API key'],
  ['token', 'Session token'],
  ['none', 'None'],
];

/** The editor form. */
export function RequestEditor() {
  const draft = useAppStore((s) => s.tester.draft);
  const draftError = useAppStore((s) => s.tester.draftError);
  const inFlight = useAppStore((s) => s.tester.inFlightId !== null);
  const account = useAppStore(activeAccount);
  const update = useAppStore((s) => s.updateDraft);
  const send = useAppStore((s) => s.sendRequest);
  const cancel = useAppStore((s) => s.cancelRequest);
  const auth = draftAuth(draft, account);
  const sendButton = useRef<HTMLButtonElement>(null);
  const url = useUrlField();

  // When the request ends, the Cancel button goes away; keep the focus in the editor rather than losing it.
  useEffect(() => {
    if (!inFlight && (document.activeElement === document.body || document.activeElement === null)) sendButton.current?.focus();
  }, [inFlight]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="card request-editor" aria-labelledby="request-heading" noValidate onSubmit={onSubmit}>
      <h2 id="request-heading">Request</h2>
      <EndpointPicker />
      <div className="row">
        <Field label="Method" className="method">
          {(control) => (
            <select {...control} value={draft.method} onChange={(e) => update({ method: e.target.value as HttpMethod })}>
              {HTTP_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Path" className="grow" hint={account?.baseUrl ? `Relative to ${account.baseUrl}` : null}>
          {(control) => (
            <input
              {...control}
              type="text"
              className="mono"
              spellCheck={false}
              autoComplete="off"
              value={url.value}
              onChange={url.onChange}
              onPaste={url.onPaste}
            />
          )}
        </Field>
      </div>
      <div className="url-extras">
        <ImportCurlButton />
      </div>
      <CurlNotes />
      <KeyValueTable legend="Query parameters" noun="query parameter" rows={draft.query} onChange={url.onQueryRows} />
      <RequestVariables />
      <KeyValueTable legend="Headers" noun="header" rows={draft.headers} onChange={(rows) => update({ headers: rows })} />
      <BodyEditor />
      <Field label="Auth" hint="The app adds the credential when it sends; it never enters this window.">
        {(control) => (
          <select {...control} value={auth} onChange={(e) => update({ auth: e.target.value as TesterAuth })}>
            {AUTH_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draftError ? (
        <p className="field-error" role="alert">
          {draftError}
        </p>
      ) : null}
      <div className="actions">
        <Button ref={sendButton} type="submit" variant="primary" aria-disabled={inFlight ? true : undefined} aria-keyshortcuts="Control+Enter Meta+Enter">
          {inFlight ? 'Sending…' : 'Send'}
        </Button>
        {inFlight ? (
          <Button variant="danger" onClick={() => void cancel()}>
            Cancel
          </Button>
        ) : null}
        <span className="muted shortcut">Ctrl+Enter or ⌘+Enter sends.</span>
      </div>
    </form>
  );
}
