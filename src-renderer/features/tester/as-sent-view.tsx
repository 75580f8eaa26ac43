/**
 * "Request as sent": what went out, as main built it — the final URL (the environment's base URL, the path and the
 * query), every header the app set, the credential masked (`Bearer dc_…ab12`), and the body's size.
 */
import type { RequestAsSent } from '../../../src-shared/tester';
import { formatBytes } from '../../format';

/** The request as sent. */
export function AsSentView({ sent }: { sent: RequestAsSent }) {
  return (
    <div className="as-sent">
      <p className="as-sent-line mono">
        <span className="as-sent-method">{sent.method}</span> {sent.url}
      </p>
      <table className="kv-table">
        <caption className="visually-hidden">Headers sent</caption>
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {sent.headers.map(([name, value], i) => (
            <tr key={`${name}-${i}`}>
              <td className="mono">{name}</td>
              <td className="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {sent.bodyBytes === null ? 'No body.' : `Body: ${formatBytes(sent.bodyBytes)}.`} The HTTP client also sends its own connection headers (such
        as User-Agent and Accept-Encoding).
        {sent.headers.some(([name]) => name.toLowerCase() === 'authorization') ? ' The credential is shown masked; the app never shows it in full.' : ''}
      </p>
    </div>
  );
}
