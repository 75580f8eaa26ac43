/**
 * Settings › Demo data (development builds only, when main holds the Local emulator): Reset demo data, after a
 * confirmation in the app's dialog (focus inside and trapped, Escape cancels, Cancel — the safe choice — focused).
 * Main resets the emulator and marks every Local account as needing a sign-in; the screen says so.
 */
import { useId, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';

/** What a reset does, said in the card and in the confirmation. */
const WHAT_IT_DOES =
  'The Local emulator starts its demo accounts afresh: new API keys, no key requests, no items. Every Local account here must sign in again; accounts on other environments are not affected.';

/** The Demo data card; nothing unless this build can reset the Local emulator. */
export function ResetDemoDataSection() {
  const canReset = useAppStore((s) => s.app?.canResetDemoData ?? false);
  const state = useAppStore((s) => s.demoReset);
  const reset = useAppStore((s) => s.resetDemoData);
  const [confirming, setConfirming] = useState(false);
  const [askedAt, setAskedAt] = useState<number | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  if (!canReset) return null;

  const confirm = () => {
    setConfirming(false);
    setAskedAt(Date.now());
    void reset();
  };
  const done = state.doneAt !== null && askedAt !== null && state.doneAt >= askedAt;

  return (
    <section className="card narrow" aria-labelledby={headingId}>
      <h2 id={headingId}>Demo data</h2>
      <p className="muted">Development builds only. {WHAT_IT_DOES}</p>
      {state.error && askedAt !== null ? <ErrorMessage error={state.error} /> : null}
      <p role="status" className="muted">
        {state.busy ? 'Resetting the demo data…' : done ? 'The demo data was reset. Local accounts need to sign in again.' : ''}
      </p>
      <div className="actions">
        <Button variant="danger" onClick={() => setConfirming(true)} disabled={state.busy}>
          Reset demo data
        </Button>
      </div>
      {confirming ? (
        <Dialog title="Reset the demo data?" onClose={() => setConfirming(false)} initialFocus={cancelRef}>
          <p>{WHAT_IT_DOES}</p>
          <div className="actions">
            <Button ref={cancelRef} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm}>
              Reset demo data
            </Button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
