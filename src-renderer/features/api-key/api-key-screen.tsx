/**
 * The API key screen: the current key as `dc_…last4`, when it was created, whether it has been revealed and whether
 * this app holds it, the open regeneration request; `Reveal API key` and `Request a new key`. On a server that
 * offers no key management (main's decision, `status.keyManagement`) it says so instead and offers no key action.
 * A detail the server does not send is shown as not provided, never guessed. Loaded lazily.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { activeAccount, useAppStore } from '../../store';
import { signInAgainPrefill } from '../../store/sign-in-slice';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Facts } from '../../components/facts';
import { focusScreenHeading, ScreenHeading } from '../../components/screen-heading';
import { formatDate, maskedKey, NOT_PROVIDED } from '../../format';
import { OfflineNotice } from '../../components/offline-notice';
import { CopyReceipt } from './copy-receipt';
import { NoKeyManagement } from './no-key-management';
import { RegenerationStatus } from './regeneration-status';
import { RequestNewKeyForm } from './request-new-key-form';
import { RevealDialog } from './reveal-dialog';
import { useStatusPolling } from './use-status-polling';

/** What a key-only account is told about revealing. */
const REVEAL_NEEDS_PASSWORD_TEXT = 'Revealing a key needs a session signed in with email and password.';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A detail of the key the server may leave out: not provided when online, not known from saved details. */
const orMissing = (value: string | null, offline: boolean) => value ?? (offline ? 'Not known' : NOT_PROVIDED);

/** The API key screen. */
export default function ApiKeyScreen() {
  const account = useAppStore(activeAccount);
  const state = useAppStore((s) => s.apiKey);
  const load = useAppStore((s) => s.loadApiKeyStatus);
  const revealKey = useAppStore((s) => s.revealKey);
  const copyKey = useAppStore((s) => s.copyKey);
  const openSignIn = useAppStore((s) => s.openSignIn);
  const [formOpen, setFormOpen] = useState(false);
  const [pollReset, setPollReset] = useState(0);
  const userAction = useCallback(() => setPollReset((n) => n + 1), []);
  const requestButton = useRef<HTMLButtonElement>(null);

  const accountId = account?.id ?? null;
  useEffect(() => {
    if (accountId) void load();
  }, [accountId, load]);

  const status = state.accountId === accountId ? state.status : null;
  const requestOpen = status !== null && (status.stage === 'pending' || status.stage === 'issued');
  const stopped = state.loadError?.kind === 'unauthorized' || (account?.needsSignIn ?? false);
  useStatusPolling(requestOpen && !stopped, load, pollReset);

  if (!account) return null;
  const signInWithPassword = () => openSignIn(signInAgainPrefill(account, 'password'));
  const generalError = state.actionError && (state.actionError.action === 'reveal' || (state.actionError.action === 'copy' && !state.revealed))
    ? state.actionError.error
    : null;

  return (
    <div className="screen">
      <ScreenHeading id="api-key-heading">API key</ScreenHeading>
      {state.loadError && !status ? (
        <ErrorMessage error={state.loadError}>
          <Button onClick={() => void load()}>Try again</Button>
        </ErrorMessage>
      ) : null}
      {!status && !state.loadError ? <p className="muted">Loading…</p> : null}

      {status && status.offlineSince !== null ? <OfflineNotice since={status.offlineSince} /> : null}
      {status && !status.keyManagement.offered ? (
        <NoKeyManagement
          keyManagement={status.keyManagement}
          offline={status.offlineSince !== null}
          checking={state.loading}
          onCheckAgain={() => void load()}
        />
      ) : null}
      {status && status.keyManagement.offered ? (
        <div className="card">
          <Facts
            items={[
              ['Current key', status.last4 ? maskedKey(status.last4) : 'None'],
              ['Created', orMissing(status.createdAt ? formatDate(status.createdAt) : null, status.offlineSince !== null)],
              ['Revealed', orMissing(status.revealed === null ? null : yesNo(status.revealed), status.offlineSince !== null)],
              ['Held by this app', yesNo(status.heldByApp)],
            ]}
          />
          {!status.canReveal ? (
            <div className="alert alert-info">
              <p>{REVEAL_NEEDS_PASSWORD_TEXT}</p>
              <Button onClick={signInWithPassword}>Sign in with email and password</Button>
            </div>
          ) : null}
          <div className="actions">
            <Button
              variant="primary"
              onClick={() => {
                if (state.busy !== 'reveal') void revealKey();
              }}
            >
              Reveal API key
            </Button>
            {status.heldByApp && !state.revealed ? <Button onClick={() => void copyKey('current')}>Copy API key</Button> : null}
            <Button
              ref={requestButton}
              onClick={() => {
                setFormOpen(true);
                userAction();
              }}
              aria-expanded={formOpen}
            >
              Request a new key
            </Button>
          </div>
          {generalError ? <ErrorMessage error={generalError} /> : null}
          {state.clipboard && !state.revealed ? <CopyReceipt receipt={state.clipboard} /> : null}
        </div>
      ) : null}

      {status && status.keyManagement.offered && formOpen ? (
        <RequestNewKeyForm
          onDone={() => {
            setFormOpen(false);
            userAction();
            focusScreenHeading();
          }}
          onCancel={() => {
            setFormOpen(false);
            requestButton.current?.focus();
          }}
        />
      ) : null}

      {status && status.keyManagement.offered ? (
        <RegenerationStatus
          status={status}
          onRefresh={() => {
            userAction();
            void load();
          }}
          onSignInWithPassword={signInWithPassword}
          onUserAction={userAction}
        />
      ) : null}

      {state.revealed ? <RevealDialog revealed={state.revealed} /> : null}
    </div>
  );
}
