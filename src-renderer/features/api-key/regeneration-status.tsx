/**
 * The status of a request for a new key: Pending (support has been notified; the current key keeps working) →
 * Issued (reveal the new key, once) → Confirm new key → Confirmed (the old key is revoked). What can be done at
 * each step comes from main's action list (the `actions` slot); this card says where the request stands.
 */
import type { ReactNode } from 'react';
import type { ApiKeyStatus, LifecycleStage } from '../../../src-shared/models';
import { useAppStore } from '../../store';
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

/** What each stage means for the user, in one text. */
function stageText(status: ApiKeyStatus): string {
  switch (status.stage) {
    case 'pending':
      return 'Support has been notified. Your current key keeps working until the new one is issued and confirmed.';
    case 'issued':
      return 'The new key is ready. Reveal it once, store it safely, then confirm it. Your current key keeps working until then.';
    case 'revealed':
      return `The new key${status.pendingKeyLast4 ? ` (${maskedKey(status.pendingKeyLast4)})` : ''} is kept in this app until you confirm it. Confirming makes it your API key and revokes the old one.`;
    case 'confirmed':
      return 'The new key is now your API key. The old key has been revoked.';
    case 'idle':
      return '';
  }
}

export interface RegenerationStatusProps {
  status: ApiKeyStatus;
  /** The card's buttons and reasons (main's actions for the request). */
  actions: ReactNode;
}

/** The status view of the latest regeneration request. */
export function RegenerationStatus({ status, actions }: RegenerationStatusProps) {
  const actionError = useAppStore((s) => s.apiKey.actionError);
  const request = status.request;
  if (!request || status.stage === 'idle') return null;
  const stage = status.stage;

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
      <p>{stageText(status)}</p>
      <p className="muted">
        {request.createdAt ? `Requested ${formatDateTime(request.createdAt)}` : 'Requested (the server did not say when)'}
        {request.reason ? ` · Reason: ${reasonText(request.reason)}` : ''}
        {request.issuedAt ? ` · Issued ${formatDateTime(request.issuedAt)}` : ''}
        {request.confirmedAt ? ` · Confirmed ${formatDateTime(request.confirmedAt)}` : ''}
      </p>
      {request.note ? <p className="muted">Note: {request.note}</p> : null}
      {actions}
      {actionError && (actionError.action === 'confirm' || (actionError.action === 'reveal' && stage === 'issued')) ? (
        <ErrorMessage error={actionError.error} />
      ) : null}
    </section>
  );
}
