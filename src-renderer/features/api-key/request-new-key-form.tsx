/**
 * Request a new key: a reason (`Compromised`, `Lost`, `Other`) and an optional note of at most 500 characters with
 * a live `N/500` counter. Support is notified; the current key keeps working until the new one is confirmed.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { RegenerationReason } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';

/** The longest note the API accepts. */
const NOTE_MAX = 500;

const REASONS: [RegenerationReason, string][] = [
  ['compromised', 'Compromised'],
  ['lost', 'Lost'],
  ['other', 'Other'],
];

export interface RequestNewKeyFormProps {
  onDone: () => void;
  onCancel: () => void;
}

/** The request form. */
export function RequestNewKeyForm({ onDone, onCancel }: RequestNewKeyFormProps) {
  const requestNewKey = useAppStore((s) => s.requestNewKey);
  const busy = useAppStore((s) => s.apiKey.busy);
  const actionError = useAppStore((s) => s.apiKey.actionError);
  const [reason, setReason] = useState<RegenerationReason | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; note?: string }>({});
  const firstRadio = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy === 'request') return;
    const found: { reason?: string; note?: string } = {};
    if (!reason) found.reason = 'Choose a reason.';
    if (note.length > NOTE_MAX) found.note = `The note can have at most ${NOTE_MAX} characters; remove ${note.length - NOTE_MAX}.`;
    setErrors(found);
    if (!reason || found.note) {
      (found.reason ? firstRadio : noteRef).current?.focus();
      return;
    }
    if (await requestNewKey(reason, note)) onDone();
  };

  return (
    <form className="card" aria-labelledby="request-key-heading" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h2 id="request-key-heading">Request a new key</h2>
      <p>Support is notified and issues your new key. Your current key keeps working until the new one is issued and confirmed.</p>
      <fieldset className="choice" aria-describedby={errors.reason ? 'request-reason-error' : undefined}>
        <legend>Reason</legend>
        {REASONS.map(([value, label], index) => (
          <label key={value}>
            <input
              ref={index === 0 ? firstRadio : undefined}
              type="radio"
              name="request-reason"
              value={value}
              checked={reason === value}
              onChange={() => setReason(value)}
            />
            {label}
          </label>
        ))}
        {errors.reason ? (
          <p id="request-reason-error" className="field-error">
            {errors.reason}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Note"
        hint={
          <>
            Optional, at most {NOTE_MAX} characters.{' '}
            <span className={note.length > NOTE_MAX ? 'counter over' : 'counter'}>
              {note.length}/{NOTE_MAX}
            </span>
          </>
        }
        error={errors.note}
      >
        {(control) => <textarea {...control} ref={noteRef} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {actionError?.action === 'request' ? <ErrorMessage error={actionError.error} /> : null}
      <div className="actions">
        <Button type="submit" variant="primary" aria-disabled={busy === 'request' ? true : undefined}>
          {busy === 'request' ? 'Submitting…' : 'Submit request'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
