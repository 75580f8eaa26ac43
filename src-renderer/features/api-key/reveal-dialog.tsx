/**
 * The one-time reveal: the full key in a read-only monospace field, `Copy` (the main process writes the clipboard
 * and clears it later), the warning, and `Close`. Closing — by the button or Escape — forgets the key: the store
 * drops it and the field unmounts.
 */
import { useRef } from 'react';
import type { RevealedKey } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { formatDate } from '../../format';
import { CopyReceipt } from './copy-receipt';

/** The warning every reveal shows. */
const REVEAL_WARNING = 'This is the only time the full key is shown. Copy it now and store it in a password manager.';

/** The dialog for a revealed key. */
export function RevealDialog({ revealed }: { revealed: RevealedKey }) {
  const copyKey = useAppStore((s) => s.copyKey);
  const closeReveal = useAppStore((s) => s.closeReveal);
  const busy = useAppStore((s) => s.apiKey.busy);
  const clipboard = useAppStore((s) => s.apiKey.clipboard);
  const actionError = useAppStore((s) => s.apiKey.actionError);
  const fieldRef = useRef<HTMLInputElement>(null);

  return (
    <Dialog title="Your API key" onClose={closeReveal} initialFocus={fieldRef}>
      {revealed.role === 'pending' ? (
        <p>This is your new key. Once it is stored safely, confirm it on the API key screen; your old key keeps working until then.</p>
      ) : null}
      <p className="alert alert-warning">{REVEAL_WARNING}</p>
      <Field label="API key" hint={`${revealed.createdAt ? `Created ${formatDate(revealed.createdAt)}. ` : ''}Ends in ${revealed.last4}.`}>
        {(control) => (
          <input
            {...control}
            ref={fieldRef}
            type="text"
            readOnly
            className="mono key-field"
            spellCheck={false}
            autoComplete="off"
            value={revealed.apiKey}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </Field>
      {clipboard ? <CopyReceipt receipt={clipboard} /> : null}
      {actionError?.action === 'copy' ? <ErrorMessage error={actionError.error} /> : null}
      <div className="actions">
        <Button variant="primary" onClick={() => busy !== 'copy' && void copyKey(revealed.role)}>
          Copy
        </Button>
        <Button onClick={closeReveal}>Close</Button>
      </div>
    </Dialog>
  );
}
