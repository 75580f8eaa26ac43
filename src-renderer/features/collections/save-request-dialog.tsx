/**
 * The Save dialog: the request's name, its collection and file (an existing one, or a new one by name). Main saves
 * it as a `.http` block, or refuses in words (a credential in it, a bad file name); a request of the same name in
 * that file is replaced only after the user says so.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';

const NEW_FILE = '\u0000new';

/** The dialog, while the store has one open. */
export function SaveRequestDialog() {
  const save = useAppStore((s) => s.collections.save);
  const list = useAppStore((s) => s.collections.list);
  const update = useAppStore((s) => s.updateSave);
  const confirm = useAppStore((s) => s.confirmSave);
  const cancel = useAppStore((s) => s.cancelSave);
  const nameInput = useRef<HTMLInputElement>(null);
  const [typingNewFile, setTypingNewFile] = useState(false);
  if (!save) return null;
  const collection = list?.find((c) => c.id === save.collectionId);
  const files = collection?.files.map((f) => f.file) ?? [];
  const newFile = typingNewFile || !files.includes(save.file);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A portal: React would hand the submit on to any form the panel is drawn in.
    event.stopPropagation();
    void confirm(false);
  };
  return (
    <Dialog title={save.from === 'history' ? 'Save to a collection (from history)' : 'Save request'} onClose={cancel} initialFocus={nameInput}>
      <form onSubmit={onSubmit} noValidate className="save-request">
        <p className="muted">{`${save.request.method} ${save.request.path || '/'}`}</p>
        <Field label="Name">
          {(control) => (
            <input {...control} ref={nameInput} type="text" value={save.request.name} onChange={(e) => update({ name: e.target.value })} autoComplete="off" />
          )}
        </Field>
        {list && list.length > 1 ? (
          <Field label="Collection">
            {(control) => (
              <select {...control} value={save.collectionId} onChange={(e) => update({ collectionId: e.target.value })}>
                {list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {files.length > 0 ? (
          <Field label="File">
            {(control) => (
              <select
                {...control}
                value={newFile ? NEW_FILE : save.file}
                onChange={(e) => {
                  const value = e.target.value;
                  setTypingNewFile(value === NEW_FILE);
                  update({ file: value === NEW_FILE ? '' : value });
                }}
              >
                {files.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
                <option value={NEW_FILE}>New file…</option>
              </select>
            )}
          </Field>
        ) : null}
        {newFile ? (
          <Field label="New file name" hint="Saved as a .http file in the collection's folder.">
            {(control) => <input {...control} type="text" value={save.file} onChange={(e) => update({ file: e.target.value })} autoComplete="off" spellCheck={false} />}
          </Field>
        ) : null}
        <p className="hint">The account's credential is never written: the app adds it when it sends.</p>
        {save.error ? <ErrorMessage error={save.error} title="Not saved" /> : null}
        {save.conflict ? (
          <div role="alert" className="alert alert-warning">
            <p>{`${save.file} already has a request named “${save.request.name.trim()}”.`}</p>
            <Button variant="danger" onClick={() => void confirm(true)}>
              Replace it
            </Button>
          </div>
        ) : null}
        <div className="actions">
          <Button type="submit" variant="primary" aria-disabled={save.busy ? true : undefined}>
            {save.busy ? 'Saving…' : 'Save'}
          </Button>
          <Button onClick={cancel}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
