/**
 * The API key screen: the current key as `dc_…last4`, when it was created and whether this app holds it (the same
 * words as the Account screen), the open request for a new key, and the actions main lists for the state the key
 * is in (`status.actions`): the screen shows those and nothing else, so it never offers a step that is known to
 * fail. Confirm new key asks first. On a server that offers no key management (main's decision,
 * `status.keyManagement`) it says so instead. A detail the server does not send is shown as not provided, never
 * guessed. Loaded lazily.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyActionId } from '../../../src-shared/models';
import { activeAccount, useAppStore } from '../../store';
import { signInAgainPrefill } from '../../store/sign-in-slice';
import { Button } from '../../components/button';
import { currentKeyFact } from '../../components/current-key';
import { ErrorMessage } from '../../components/error-message';
import { Facts } from '../../components/facts';
import { focusScreenHeading, ScreenHeading } from '../../components/screen-heading';
import { formatDate, NOT_PROVIDED } from '../../format';
import { OfflineNotice } from '../../components/offline-notice';
import { ConfirmNewKeyDialog } from './confirm-new-key-dialog';
import { CopyReceipt } from './copy-receipt';
import { KeyActionBar } from './key-action-bar';
import { NoKeyManagement } from './no-key-management';
import { RegenerationStatus } from './regeneration-status';
import { RequestNewKeyForm } from './request-new-key-form';
import { RevealDialog } from './reveal-dialog';

/** A detail of the key the server may leave out: not provided when online, not known from saved details. */
const orMissing = (value: string | null, offline: boolean) => value ?? (offline ? 'Not known' : NOT_PROVIDED);

/** The API key screen. */
export default function ApiKeyScreen() {
  const account = useAppStore(activeAccount);
  const state = useAppStore((s) => s.apiKey);
  const load = useAppStore((s) => s.loadApiKeyStatus);
  const revealKey = useAppStore((s) => s.revealKey);
  const copyKey = useAppStore((s) => s.copyKey);
  const confirmNewKey = useAppStore((s) => s.confirmNewKey);
  const userAction = useAppStore((s) => s.keyUserAction);
  const openSignIn = useAppStore((s) => s.openSignIn);
  const [formOpen, setFormOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const requestButton = useRef<HTMLButtonElement>(null);

  const accountId = account?.id ?? null;
  useEffect(() => {
    if (accountId) void load();
  }, [accountId, load]);

  const status = state.accountId === accountId ? state.status : null;
  const revealOpen = state.revealed !== null;
  // After an action, the button that had the focus may go (main no longer offers it: Reveal after the reveal). Once
  // the dialogs are closed and the focus has fallen to the page, the screen's main action takes it.
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || revealOpen) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    refocus.current = false;
    const primary = document.querySelector<HTMLElement>('main .card .btn-primary');
    if (primary) primary.focus();
    else focusScreenHeading();
  }, [status, revealOpen]);

  const actions = status?.actions ?? [];
  const requestOffered = actions.some((a) => a.id === 'request-new' && a.available);
  useEffect(() => {
    if (status && !requestOffered) setFormOpen(false);
  }, [status, requestOffered]);

  if (!account) return null;
  const offline = status !== null && status.offlineSince !== null;
  const busyAction: KeyActionId | null =
    state.busy === 'reveal' ? (status?.stage === 'issued' ? 'reveal-new' : 'reveal') : state.busy === 'confirm' ? 'confirm-new' : null;

  const run = (id: KeyActionId) => {
    refocus.current = true;
    switch (id) {
      case 'reveal':
      case 'reveal-new':
        userAction();
        void revealKey();
        return;
      case 'copy':
        void copyKey('current');
        return;
      case 'copy-new':
        void copyKey('pending');
        return;
      case 'request-new':
        setFormOpen(true);
        userAction();
        return;
      case 'sign-in-with-password':
        openSignIn(signInAgainPrefill(account, 'password'));
        return;
      case 'refresh':
        userAction();
        void load();
        return;
      case 'confirm-new':
        setConfirming(true);
        return;
    }
  };

  // The form only while main offers Request a new key (a request opened elsewhere closes it; its error stays here).
  const showForm = formOpen && requestOffered;
  const revealError = state.actionError?.action === 'reveal' && status?.stage !== 'issued';
  const copyError = state.actionError?.action === 'copy' && !revealOpen;
  const requestError = state.actionError?.action === 'request' && !showForm;
  const keyCardError = state.actionError && (revealError || copyError || requestError) ? state.actionError.error : null;

  return (
    <div className="screen">
      <ScreenHeading id="api-key-heading">API key</ScreenHeading>
      {state.loadError && !status ? (
        <ErrorMessage error={state.loadError}>
          <Button onClick={() => void load()}>Try again</Button>
        </ErrorMessage>
      ) : null}
      {!status && !state.loadError ? <p className="muted">Loading…</p> : null}

      {status && offline ? <OfflineNotice since={status.offlineSince} /> : null}
      {status && !status.keyManagement.offered ? (
        <NoKeyManagement
          keyManagement={status.keyManagement}
          offline={offline}
          actions={
            <KeyActionBar
              actions={actions}
              onAction={run}
              labels={{ refresh: 'Check again' }}
              aside={state.loading ? 'Checking…' : offline ? 'Last checked while online.' : null}
            />
          }
        />
      ) : null}
      {status && status.keyManagement.offered ? (
        <section className="card" aria-labelledby="current-key-heading">
          <h2 id="current-key-heading">Your current key</h2>
          <Facts
            items={[
              currentKeyFact({ last4: status.last4, held: status.heldByApp, revealed: status.revealed }, orMissing(null, offline)),
              ['Created', orMissing(status.createdAt ? formatDate(status.createdAt) : null, offline)],
            ]}
          />
          <KeyActionBar
            actions={actions.filter((a) => a.place === 'key')}
            onAction={run}
            busy={busyAction}
            expanded={{ 'request-new': showForm }}
            buttonRef={{ id: 'request-new', ref: requestButton }}
            aside={offline && state.loading ? 'Checking…' : null}
          />
          {keyCardError ? <ErrorMessage error={keyCardError} /> : null}
          {state.clipboard && !revealOpen && !confirming ? <CopyReceipt receipt={state.clipboard} /> : null}
        </section>
      ) : null}

      {status && status.keyManagement.offered && showForm ? (
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
          actions={
            <KeyActionBar
              actions={actions.filter((a) => a.place === 'request')}
              onAction={run}
              busy={busyAction}
              labels={busyAction === 'confirm-new' ? { 'confirm-new': 'Confirming…' } : {}}
              aside={state.loading ? 'Checking…' : status.stage === 'pending' || status.stage === 'issued' ? 'Checked automatically while the request is open.' : null}
            />
          }
        />
      ) : null}

      {state.revealed ? <RevealDialog revealed={state.revealed} /> : null}
      {confirming && status ? (
        <ConfirmNewKeyDialog
          status={status}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            userAction();
            void confirmNewKey();
          }}
        />
      ) : null}
    </div>
  );
}
