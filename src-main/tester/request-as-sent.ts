/**
 * The "Request as sent" view of a tester request, built in main from what went out: the final URL, every header the
 * app set with the credential masked (`Bearer dc_…ab12`), and the body's size. The transport adds its own connection
 * headers (User-Agent, Accept-Encoding…) that the app does not set; `Host` and `Content-Length` are shown as they
 * follow from the URL and the body. Pure; its output never holds a credential.
 */
import { isSecretName, redactText } from '../../src-shared/redaction';
import type { RequestAsSent } from '../../src-shared/tester';
import type { PreparedRequest } from './tester-request';

/** A secret shown by its start and its last four characters: `dc_…ab12`, `eyJ…x9Qz`; short ones as `…`. */
export function maskSecret(secret: string): string {
  if (secret.length < 12) return '…';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}

/** A header value as shown: a secret-named header's value masked (a `Bearer` or `Basic` scheme kept), else redacted. */
function shownValue(name: string, value: string): string {
  if (!isSecretName(name)) return redactText(value);
  const scheme = /^(bearer|basic|token|digest)\s+(.*)$/i.exec(value);
  return scheme ? `${scheme[1]} ${maskSecret(scheme[2]!)}` : maskSecret(value);
}

/** The URL as shown: secret-named query values masked, credential-looking parts redacted. */
function shownUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url);
  }
  const pairs = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // shown as typed
      }
      if (eq < 0) return redactText(pair);
      return isSecretName(decoded) ? `${redactText(name)}=${maskSecret(pair.slice(eq + 1))}` : redactText(pair);
    });
  const path = redactText(parsed.pathname, { slashSeparates: true });
  return `${parsed.origin}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}

/**
 * What went out for a prepared request sent with `credential` (null: none): the app's `Authorization` replaces a
 * typed one, as the runner does.
 */
export function requestAsSent(prepared: PreparedRequest, credential: string | null): RequestAsSent {
  const bodyBytes = prepared.body === undefined ? null : Buffer.byteLength(prepared.body, 'utf8');
  const typed = credential ? prepared.headers.filter(([name]) => name.toLowerCase() !== 'authorization') : prepared.headers;
  const headers: [string, string][] = [['Host', new URL(prepared.url).host]];
  for (const [name, value] of typed) headers.push([redactText(name), shownValue(name, value)]);
  if (credential) headers.push(['Authorization', `Bearer ${maskSecret(credential)}`]);
  if (bodyBytes !== null) headers.push(['Content-Length', String(bodyBytes)]);
  return { method: prepared.method, url: shownUrl(prepared.url), headers, bodyBytes };
}
