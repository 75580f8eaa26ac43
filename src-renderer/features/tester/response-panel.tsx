/**
 * The last response: `200 OK`, time, size, the explanation for 401/403/429 (with `Retry-After`), `Response cut at
 * 10 MB` when cut, the headers and the body; or, when no response came, the error in its own words — a network
 * failure, a timeout, a cancel and a refused origin each get their own title.
 */
import type { AppError, ErrorKind } from '../../../src-shared/errors';
import type { TesterResponse } from '../../../src-shared/tester';
import { activeAccount, useAppStore } from '../../store';
import { signInAgainPrefill } from '../../store/sign-in-slice';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { formatBytes } from '../../format';
import { BodyViewer } from './body-viewer';

const ERROR_TITLES: Partial<Record<ErrorKind, string>> = {
  network: 'Could not reach the server',
  timeout: 'No answer in time',
  cancelled: 'Request cancelled',
  'origin-refused': 'Refused: not this environment’s server',
  'invalid-input': 'The request cannot be sent',
  'not-signed-in': 'No credential for this request',
  unauthorized: 'Sign in again',
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

function Response({ response }: { response: TesterResponse }) {
  const klass = `status-code s${String(response.status).charAt(0)}xx`;
  return (
    <>
      <p className="status-line">
        <span className={klass}>{`${response.status} ${response.statusText}`.trim()}</span>
        <span>{`${Math.round(response.durationMs)} ms`}</span>
        <span>{formatBytes(response.sizeBytes)}</span>
      </p>
      <Explanation response={response} />
      {response.truncated ? <p className="alert alert-warning">Response cut at 10 MB</p> : null}
      <details className="headers">
        <summary>Headers ({response.headers.length})</summary>
        <table className="kv-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {response.headers.map(([name, value], i) => (
              <tr key={`${name}-${i}`}>
                <td className="mono">{name}</td>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <BodyViewer key={response.historyId} response={response} />
    </>
  );
}

/** The response section. */
export function ResponsePanel() {
  const response = useAppStore((s) => s.tester.response);
  const error = useAppStore((s) => s.tester.error);
  const inFlight = useAppStore((s) => s.tester.inFlightId !== null);
  return (
    <section className="card response-panel" aria-labelledby="response-heading" aria-busy={inFlight}>
      <h2 id="response-heading">Response</h2>
      <p role="status" className="muted">
        {inFlight ? 'Sending…' : ''}
      </p>
      {error ? <ErrorMessage error={error} title={errorTitle(error)} /> : null}
      {response ? <Response response={response} /> : null}
      {!inFlight && !error && !response ? <p className="muted">Send a request to see its response here.</p> : null}
    </section>
  );
}
