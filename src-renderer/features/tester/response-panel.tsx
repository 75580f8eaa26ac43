/**
 * The response pane of the workbench. Its head stays in view: `200 OK`, the time and the size (or `Sending…`, or
 * the error's title). Below: the explanation for 401/403/429 (with `Retry-After`), `Response cut at 10 MB` when cut,
 * and the response's views as tabs — `Body` (`response-body.tsx`), `Headers` (searchable) and `Request as sent`
 * (masked). When no response came, the error in its own words: a network failure, a timeout, a cancel and a refused
 * origin each get their own title.
 */
import { useState } from 'react';
import type { AppError, ErrorKind } from '../../../src-shared/errors';
import type { TesterResponse } from '../../../src-shared/tester';
import { activeAccount, useAppStore } from '../../store';
import { signInAgainPrefill } from '../../store/sign-in-slice';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { formatBytes } from '../../format';
import { AsSentView } from './as-sent-view';
import { HeadersView } from './headers-view';
import { ResponseBody } from './response-body';
import { SubTabs } from './sub-tabs';

const ERROR_TITLES: Partial<Record<ErrorKind, string>> = {
  network: 'Could not reach the server',
  timeout: 'No answer in time',
  cancelled: 'Request cancelled',
  'origin-refused': 'Refused: not this environment’s server',
  'invalid-input': 'The request cannot be sent',
  'not-signed-in': 'No credential for this request',
  unauthorized: 'Sign in again',
  conflict: 'Not sent: this tab belongs to another account',
};

/** The title above a tester error. */
function errorTitle(error: AppError): string {
  return ERROR_TITLES[error.kind] ?? 'The request failed';
}

function Explanation({ response }: { response: TesterResponse }) {
  const account = useAppStore(activeAccount);
  const openSignIn = useAppStore((s) => s.openSignIn);
  if (!response.explanation && response.retryAfterSeconds === null) return null;
  // Main decided: the credential sent was rejected (a 401, or a 403 "Could not validate credentials"); a plain 403
  // (plan or role), or a 401 to a request sent without a credential, never offers to sign in again.
  const rejected = response.credentialRejected;
  return (
    <div className="alert alert-warning">
      {response.explanation ? <p>{response.explanation}</p> : null}
      {response.retryAfterSeconds !== null ? <p>Retry-After: {response.retryAfterSeconds} s</p> : null}
      {rejected && account ? (
        <Button onClick={() => openSignIn(signInAgainPrefill(account))}>Sign in again</Button>
      ) : null}
    </div>
  );
}

/** `200 OK · 12 ms · 1.2 KB`, always at the top of the pane. */
function StatusLine({ response }: { response: TesterResponse }) {
  const klass = `status-code s${String(response.status).charAt(0)}xx`;
  return (
    <p className="status-line">
      <span className={klass}>{`${response.status} ${response.statusText}`.trim()}</span>
      <span>{`${Math.round(response.durationMs)} ms`}</span>
      <span>{formatBytes(response.sizeBytes)}</span>
    </p>
  );
}

type View = 'body' | 'headers' | 'sent';

/** The response pane. */
export function ResponsePanel() {
  const response = useAppStore((s) => s.tester.response);
  const error = useAppStore((s) => s.tester.error);
  const asSent = useAppStore((s) => s.tester.asSent);
  const inFlight = useAppStore((s) => s.tester.inFlightId !== null);
  const [view, setView] = useState<View>('body');
  const views = [
    { key: 'body', name: 'Body' },
    { key: 'headers', name: `Headers (${response?.headers.length ?? 0})` },
    { key: 'sent', name: 'Request as sent' },
  ] as const;
  const shownView: View = !response && view !== 'sent' ? 'sent' : view;

  return (
    <section className="pane response-panel" aria-labelledby="response-heading" aria-busy={inFlight}>
      <div className="pane-head response-head">
        <h2 id="response-heading">Response</h2>
        {response && !inFlight ? <StatusLine response={response} /> : null}
        <p role="status" className="muted status-note">
          {inFlight ? 'Sending…' : ''}
        </p>
      </div>
      <div className="pane-body">
        {error ? <ErrorMessage error={error} title={errorTitle(error)} /> : null}
        {response ? <Explanation response={response} /> : null}
        {response?.truncated ? <p className="alert alert-warning">Response cut at 10 MB</p> : null}
        {response || asSent ? (
          <SubTabs label="Response views" tabs={response ? views : views.filter((v) => v.key === 'sent')} selected={shownView} onSelect={setView}>
            {shownView === 'body' && response ? <ResponseBody key={response.historyId} response={response} /> : null}
            {shownView === 'headers' && response ? <HeadersView headers={response.headers} /> : null}
            {shownView === 'sent' && asSent ? <AsSentView sent={asSent} /> : null}
          </SubTabs>
        ) : null}
        {!inFlight && !error && !response ? <p className="muted">Send a request to see its response here.</p> : null}
      </div>
    </section>
  );
}
