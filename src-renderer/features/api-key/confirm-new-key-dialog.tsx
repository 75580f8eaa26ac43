/**
 * Asks before Confirm new key, which cannot be undone: the old key stops working at once, everywhere it is used.
 * `Cancel` has the focus (Escape also cancels, and nothing is sent); `Copy new key` puts the new key on the
 * clipboard first (through main, as on the screen); `Confirm new key` confirms.
 */
import { useRef } from 'react';
import type { ApiKeyStatus } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { maskedKey } from '../../format';
import { CopyReceipt } from './copy-receipt';

export interface ConfirmNewKeyDialogProps {
  status: ApiKeyStatus;
  onCancel: () => void;
  /** The user chose to confirm: the dialog closes and the screen confirms. */
  onConfirm: () => void;
}

/** The confirmation dialog of Confirm new key. */
export function ConfirmNewKeyDialog({ status, onCancel, onConfirm }: ConfirmNewKeyDialogProps) {
  const copyKey = useAppStore((s) => s.copyKey);
  const busy = useAppStore((s) => s.apiKey.busy);
  const clipboard = useAppStore((s) => s.apiKey.clipboard);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const oldKey = status.last4 ? ` (${maskedKey(status.last4)})` : '';
  const newKey = status.pendingKeyLast4 ? ` (${maskedKey(status.pendingKeyLast4)})` : '';

  return (
    <Dialog title="Confirm the new key?" onClose={onCancel} initialFocus={cancelRef} role="alertdialog" describedBy="confirm-new-key-text">
      <div id="confirm-new-key-text">
        <p>
          Confirming makes the new key{newKey} your API key. The old key{oldKey} stops working at once, everywhere it is used:
          scripts, servers and other apps that still send it are refused until they have the new key.
        </p>
        <p>This cannot be undone. Copy the new key first if you still need to put it where the old one is used.</p>
      </div>
      {clipboard ? <CopyReceipt receipt={clipboard} /> : null}
      <div className="actions">
        <Button ref={cancelRef} onClick={onCancel}>
          Cancel
        </Button>
        {status.pendingKeyHeld ? (
          <Button onClick={() => busy !== 'copy' && void copyKey('pending')}>Copy new key</Button>
        ) : null}
        <Button variant="danger" onClick={onConfirm}>
          Confirm new key
        </Button>
      </div>
    </Dialog>
  );
}
