/**
 * Import curl: a button beside the URL field opens a dialog where a curl command is pasted; main reads it and the
 * request fills from it. `CurlNotes` says afterwards what was left out (the command's own credential: the account's
 * is used instead, as Auth shows) or ignored, and why a command pasted into the URL field was not imported.
 */
import { useRef, useState, type FormEvent } from 'react';
import { activeAccount, useAppStore } from '../../store';
import { draftAuth } from '../../store/tester-draft';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import './tester-extras.css';

const CREDENTIAL_WORDS = {
  'api-key': "this account's API key",
  token: "this account's session token",
  none: 'no credential, as Auth is None',
} as const;

/** The dialog, open while the store says so. */
function ImportCurlDialog() {
  const busy = useAppStore((s) => s.paste.busy);
  const error = useAppStore((s) => s.paste.error);
  const importCurl = useAppStore((s) => s.importCurl);
  const close = useAppStore((s) => s.closeCurlImport);
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The dialog is a portal inside the request form: React would hand this submit on to it (a Send).
    event.stopPropagation();
    if (text.trim() !== '') void importCurl(text);
  };
  return (
    <Dialog title="Import curl" onClose={close} initialFocus={area}>
      <form onSubmit={onSubmit} noValidate>
        <Field label="curl command" hint="The command is read, not run. Its own credential is left out: the app sends the account's.">
          {(control) => (
            <textarea
              {...control}
              ref={area}
              className="mono"
              rows={6}
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="curl -X POST https://… -H 'Content-Type: application/json' -d '{…}'"
            />
          )}
        </Field>
        {error ? <ErrorMessage error={error} title="Not imported" /> : null}
        <div className="actions">
          <Button type="submit" variant="primary" aria-disabled={busy || text.trim() === '' ? true : undefined}>
            {busy ? 'Importing…' : 'Import'}
          </Button>
          <Button onClick={close}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}

/** `Import curl…`, and its dialog when open. */
export function ImportCurlButton() {
  const open = useAppStore((s) => s.paste.dialogOpen);
  const openDialog = useAppStore((s) => s.openCurlImport);
  return (
    <>
      <Button variant="quiet" className="import-curl" onClick={openDialog}>
        Import curl…
      </Button>
      {open ? <ImportCurlDialog /> : null}
    </>
  );
}

/** What the last import said, below the URL field (the dialog shows its own errors while open). */
export function CurlNotes() {
  const notes = useAppStore((s) => s.paste.notes);
  const error = useAppStore((s) => s.paste.error);
  const dialogOpen = useAppStore((s) => s.paste.dialogOpen);
  const leftOut = useAppStore((s) => s.paste.credentialLeftOut);
  const auth = useAppStore((s) => draftAuth(s.tester.draft, activeAccount(s)));
  const clear = useAppStore((s) => s.clearPasteNotes);
  if (dialogOpen || (notes === null && error === null)) return null;
  if (error) {
    return (
      <ErrorMessage error={error} title="The pasted curl command was not imported">
        <Button variant="quiet" onClick={clear}>
          Dismiss
        </Button>
      </ErrorMessage>
    );
  }
  return (
    <div className="alert alert-info curl-notes" role="status">
      <p className="alert-title">Filled from the curl command.</p>
      {leftOut ? <p>{`This request is sent with ${CREDENTIAL_WORDS[auth]} (the Authorization tab).`}</p> : null}
      {notes && notes.length > 0 ? (
        <ul>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <Button variant="quiet" onClick={clear}>
        Dismiss
      </Button>
    </div>
  );
}
