/**
 * The status of a request for a new key: Pending (support has been notified; the current key keeps working) →
 * Issued (reveal the new key, once) → Confirm new key → Confirmed (the old key is revoked). Refreshes by itself
 * while the request is open (see `useStatusPolling`) and on `Refresh`.
 */
import type { ApiKeyStatus, LifecycleStage } from '../../../src-shared/models';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { formatDateTime, maskedKey } from '../../format';

const STEPS: { label: string; stages: LifecycleStage[] }[] = [
  { label: 'Pending', stages: ['pending'] },
  { label: 'Issued', stages: ['issued', 'revealed'] },
  { label: 'Confirmed', stages: ['confirmed'] },
];

const STAGE_TEXT: Record<Exclude<LifecycleStage, 'idle'>, string> = {
  pending: 'Pending',
  issued: 'Issued',
  revealed: 'Issued (new key revealed)',
  confirmed: 'Confirmed',
};

const REASON_TEXT: Record<string, string> = { compromised: 'Compromised', lost: 'Lost', other: 'Other' };

/** A reason as shown: its name, or a reason this app does not know as the server gave it. */
const reasonText = (reason: string) => (Object.hasOwn(REASON_TEXT, reason) ? REASON_TEXT[reason]! : reason);

export interface RegenerationStatusProps {
  status: ApiKeyStatus;
  onRefresh: () => void;
  onSignInWithPassword: () => void;
  /** Called after a user action, so polling starts again from its shortest wait. */
  onUserAction: () => void;
}

/** The status view of the latest regeneration request. */
export function RegenerationStatus({ status, onRefresh, onSignInWithPassword, onUserAction }: RegenerationStatusProps) {
  const revealKey = useAppStore((s) => s.revealKey);
  const confirmNewKey = useAppStore((s) => s.confirmNewKey);
  const copyKey = useAppStore((s) => s.copyKey);
  const busy = useAppStore((s) => s.apiKey.busy);
  const loading = useAppStore((s) => s.apiKey.loading);
  const actionError = useAppStore((s) => s.apiKey.actionError);
  const dialogOpen = useAppStore((s) => s.apiKey.revealed !== null);
  const request = status.request;
  if (!request || status.stage === 'idle') return null;
  const stage = status.stage;
  const open = stage === 'pending' || stage === 'issued';

  return (
    <section className="card" aria-labelledby="regeneration-heading">
      <h2 id="regeneration-heading">New key request</h2>
      <ol className="steps">
        {STEPS.map((step) => (
          <li key={step.label} aria-current={step.stages.includes(stage) ? 'step' : undefined}>
            {step.label}
          </li>
        ))}
      </ol>
      <p className="stage">
        Status: <strong>{STAGE_TEXT[stage]}</strong>
      </p>
      {stage === 'pending' ? <p>Support has been notified. Your current key keeps working until the new one is issued and confirmed.</p> : null}
      {stage === 'issued' ? (
        status.canReveal ? (
          <>
            <p>The new key is ready. Reveal it once, store it safely, then confirm it. Your current key keeps working until then.</p>
            <div className="actions">
              <Button
                variant="primary"
                onClick={() => {
                  onUserAction();
                  void revealKey();
                }}
              >
                Reveal new key
              </Button>
            </div>
          </>
        ) : (
          <>
            <p>The new key is ready. Revealing it needs a session signed in with email and password.</p>
            <div className="actions">
              <Button variant="primary" onClick={onSignInWithPassword}>
                Sign in with email and password
              </Button>
            </div>
          </>
        )
      ) : null}
      {stage === 'revealed' ? (
        <>
          <p>
            The new key{status.pendingKeyLast4 ? ` (${maskedKey(status.pendingKeyLast4)})` : ''} is kept in this app until you confirm it.
            Confirming makes it your API key and revokes the old one.
          </p>
          <div className="actions">
            <Button
              variant="primary"
              aria-disabled={busy === 'confirm' ? true : undefined}
              onClick={() => {
                if (busy === 'confirm') return;
                onUserAction();
                void confirmNewKey();
              }}
            >
              {busy === 'confirm' ? 'Confirming…' : 'Confirm new key'}
            </Button>
            {status.pendingKeyHeld && !dialogOpen ? <Button onClick={() => void copyKey('pending')}>Copy new key</Button> : null}
          </div>
        </>
      ) : null}
      {stage === 'confirmed' ? <p>The new key is now your API key. The old key has been revoked.</p> : null}
      {actionError && actionError.action === 'confirm' ? <ErrorMessage error={actionError.error} /> : null}
      <p className="muted">
        {request.createdAt ? `Requested ${formatDateTime(request.createdAt)}` : 'Requested (the server did not say when)'}
        {request.reason ? ` · Reason: ${reasonText(request.reason)}` : ''}
        {request.issuedAt ? ` · Issued ${formatDateTime(request.issuedAt)}` : ''}
        {request.confirmedAt ? ` · Confirmed ${formatDateTime(request.confirmedAt)}` : ''}
      </p>
      {request.note ? <p className="muted">Note: {request.note}</p> : null}
      <div className="actions">
        <Button onClick={onRefresh}>Refresh</Button>
        <span className="muted">
          {loading ? 'Checking…' : open ? 'Checked automatically while the request is open.' : ''}
        </span>
      </div>
    </section>
  );
}
