/**
 * Asks before Sign out, which deletes from this computer what cannot be got back from DeepCurrent: the API key
 * this app holds and a new key not yet confirmed (DeepCurrent shows a key only once). It says what is removed, that
 * the key itself is not lost on the server, and offers to copy the key first (through main, which clears the
 * clipboard later). `Cancel` has the focus; Escape also cancels, and nothing is removed.
 */
import { useRef } from 'react';
import type { AccountSummary } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { maskedKey } from '../../format';
import { CopyReceipt } from '../api-key/copy-receipt';

export interface SignOutDialogProps {
  account: AccountSummary;
  onCancel: () => void;
  /** The user chose to sign out: the dialog closes and the account screen signs out. */
  onConfirm: () => void;
}

/** What signing out removes from this computer, one line each. */
function removedItems(account: AccountSummary): string[] {
  const items: string[] = [];
  const { currentKey } = account;
  if (currentKey.held && currentKey.last4) items.push(`The API key this app holds (${maskedKey(currentKey.last4)}).`);
  if (account.pendingKeyLast4) {
    items.push(
      `The new key that is not confirmed yet (${maskedKey(account.pendingKeyLast4)}). DeepCurrent shows a key only once: if you do not copy it now, you will have to ask support about this request.`,
    );
  }
  if (account.hasToken) items.push('Your sign-in session.');
  items.push('The saved details of this account.');
  return items;
}

/** The confirmation dialog of Sign out. */
export function SignOutDialog({ account, onCancel, onConfirm }: SignOutDialogProps) {
  const copyKey = useAppStore((s) => s.copyKey);
  const busy = useAppStore((s) => s.apiKey.busy);
  const clipboard = useAppStore((s) => s.apiKey.clipboard);
  const copyError = useAppStore((s) => (s.apiKey.actionError?.action === 'copy' ? s.apiKey.actionError.error : null));
  const cancelRef = useRef<HTMLButtonElement>(null);
  const held = account.currentKey.held;
  const copy = (role: 'current' | 'pending') => {
    if (busy !== 'copy') void copyKey(role);
  };

  return (
    <Dialog title={`Sign out of ${account.email}?`} onClose={onCancel} initialFocus={cancelRef} role="alertdialog" describedBy="sign-out-text">
      <div id="sign-out-text">
        <p>Signing out removes from this computer:</p>
        <ul>
          {removedItems(account).map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p>
          {held || account.signedInWith === 'api-key'
            ? 'Your API key is not lost on the server: it keeps working wherever you use it, and you can sign in again with it or with your password.'
            : 'Nothing is deleted on the server: you can sign in again with your email and password.'}
        </p>
      </div>
      {clipboard ? <CopyReceipt receipt={clipboard} /> : null}
      {copyError ? <ErrorMessage error={copyError} /> : null}
      <div className="actions">
        <Button ref={cancelRef} onClick={onCancel}>
          Cancel
        </Button>
        {held ? <Button onClick={() => copy('current')}>Copy API key</Button> : null}
        {account.pendingKeyLast4 ? <Button onClick={() => copy('pending')}>Copy new key</Button> : null}
        <Button variant="danger" onClick={onConfirm}>
          Sign out
        </Button>
      </div>
    </Dialog>
  );
}
