/**
 * How a composed request goes on the wire: its URL, the headers the app sends, and the encoded body. Shared by the
 * main process's request builder (which then checks and sends it) and the snippets (which show it), so that a
 * snippet always describes the request the app would send. Pure; never sees a credential.
 */
import type { ComposedRequest, KeyValue, RequestBody } from './tester';

/**
 * Headers the HTTP client sets itself (the connection and the message's framing); a typed one is not sent (and the
 * response notes say so). The main process's HTTP client drops them too.
 */
export const MANAGED_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);

/** Removes what a URL parser ignores anyway (tabs and newlines inside, control characters and spaces around). */
export function normalisePath(path: string): string {
  return path.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** A path that names its own scheme (`https://…`, `file:…`) or host (`//host`, `\\host`) instead of a path. */
export function isAbsoluteReference(path: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) || /^[\\/]{2}/.test(path);
}

/** Percent-encodes a query name or value (RFC 3986: a space is `%20`). */
function encodeQueryPart(value: string): string {
  return encodeURIComponent(value);
}

/** The enabled rows with a name (a row with an empty name is an unfinished line in the editor). */
export function activeRows(rows: KeyValue[]): KeyValue[] {
  return rows.filter((row) => row.enabled && row.name.trim() !== '');
}

/**
 * The URL a composed request goes to: the path appended to the base URL (an absolute reference is taken as typed,
 * for the origin check to judge), the fragment dropped, the enabled query rows appended. Not yet checked: the
 * request builder refuses anything outside the base URL.
 */
export function composeUrl(baseUrl: string, request: Pick<ComposedRequest, 'path' | 'query'>): string {
  const path = normalisePath(request.path);
  const hash = path.indexOf('#');
  const withoutHash = hash < 0 ? path : path.slice(0, hash);
  const joined = isAbsoluteReference(withoutHash)
    ? withoutHash
    : `${baseUrl.replace(/\/+$/, '')}/${withoutHash.replace(/^\/+/, '')}`;
  const query = activeRows(request.query).map((row) => `${encodeQueryPart(row.name)}=${encodeQueryPart(row.value)}`);
  let url = joined;
  if (query.length > 0) {
    const separator = !url.includes('?') ? '?' : url.endsWith('?') || url.endsWith('&') ? '' : '&';
    url = `${url}${separator}${query.join('&')}`;
  }
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

/** How many rounds of percent-decoding are undone before a path is judged (`%25252f` is three). */
const MAX_DECODING_ROUNDS = 8;

/** Decodes the ASCII escapes (`%00`–`%7F`) only: the separators and dots a server may decode never need more. */
function decodeAsciiEscapes(text: string): string {
  return text.replace(/%([0-7][0-9A-Fa-f])/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * True when a path below the base path hides a way out of it that the URL parser does not see but a server or
 * proxy may act on: a segment that, once percent-decoded (repeatedly: `%252f` is `%2f` is `/`), holds a `/` or a
 * `\`, or is `..` (also `..;…`, which Tomcat and others treat as `..`). The parser already resolves plain and
 * singly encoded dot segments (`..`, `%2e%2e`), so those never get here; a query may hold anything.
 */
function hidesSeparator(pathBelowBase: string): boolean {
  return pathBelowBase.split('/').some((segment) => {
    let decoded = segment;
    for (let round = 0; round < MAX_DECODING_ROUNDS; round += 1) {
      const next = decodeAsciiEscapes(decoded);
      if (next === decoded) return /[/\\]/.test(decoded) || /^\.\.(;|$)/.test(decoded);
      decoded = next;
    }
    return true; // still decoding after that many rounds: nothing legitimate looks like this
  });
}

/**
 * Why a URL leaves the environment, or null when it stays on it: another origin (or an opaque one), a path outside
 * the base path, a path that could step out of the base path once a server decodes it (`encoded-path`: an encoded
 * `/` or `\`, or a `..` segment after decoding; only checked when the environment has a base path, as at the root
 * there is nothing to step out of), or a user name or password in it. The one rule behind the main process's
 * refusal (which words it) and the snippets (which then leave the credential out).
 */
export function pinProblem(base: URL, target: URL): 'origin' | 'path' | 'encoded-path' | 'credentials' | null {
  if (target.origin !== base.origin || target.origin === 'null') return 'origin';
  const basePath = base.pathname.replace(/\/+$/, '');
  if (basePath !== '' && target.pathname !== basePath && !target.pathname.startsWith(`${basePath}/`)) return 'path';
  if (basePath !== '' && hidesSeparator(target.pathname.slice(basePath.length))) return 'encoded-path';
  if (target.username !== '' || target.password !== '') return 'credentials';
  return null;
}

/** Whether a URL stays on the environment (see {@link pinProblem}); false for what does not parse. */
export function isOnEnvironment(baseUrl: string, url: string): boolean {
  try {
    const base = new URL(baseUrl);
    return pinProblem(base, new URL(url, base)) === null;
  } catch {
    return false;
  }
}

/** `application/x-www-form-urlencoded` encoding of the enabled form fields. */
export function encodeForm(fields: KeyValue[]): string {
  const params = new URLSearchParams();
  for (const field of activeRows(fields)) params.append(field.name, field.value);
  return params.toString();
}

/** The body as text, or undefined when there is none (an empty body, or a JSON body of only whitespace, is none). */
export function wireBody(body: RequestBody): string | undefined {
  let text: string;
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'json':
      text = body.text.trim() === '' ? '' : body.text;
      break;
    case 'form':
      text = encodeForm(body.fields);
      break;
    case 'text':
      text = body.text;
      break;
  }
  return text === '' ? undefined : text;
}

/** The content type the app sends when the user typed none. */
export function defaultContentType(body: RequestBody): string | null {
  switch (body.kind) {
    case 'none':
      return null;
    case 'json':
      return body.text.trim() === '' ? null : 'application/json';
    case 'form':
      return 'application/x-www-form-urlencoded';
    case 'text':
      return body.contentType?.trim() || 'text/plain; charset=utf-8';
  }
}

/** The headers the app sends (without its own `Authorization`), and notes on the typed headers it did not send. */
export interface WireHeaders {
  headers: [string, string][];
  notes: string[];
}

/**
 * The typed headers that are sent: enabled rows with a name, without the headers the HTTP client manages and,
 * when the app injects a credential, without a typed `Authorization` (the account's credential wins). A default
 * `Content-Type` is added for a body when none was typed.
 */
export function wireHeaders(
  request: Pick<ComposedRequest, 'headers' | 'body' | 'auth'>,
  body: string | undefined = wireBody(request.body),
): WireHeaders {
  const headers: [string, string][] = [];
  const notes: string[] = [];
  for (const row of activeRows(request.headers)) {
    const name = row.name.trim();
    const lower = name.toLowerCase();
    if (lower === 'authorization' && request.auth !== 'none') {
      const which = request.auth === 'api-key' ? 'API key' : 'session token';
      notes.push(
        `Your Authorization header was not sent: the app adds the account's ${which} itself. Set Auth to none to send your own.`,
      );
      continue;
    }
    if (MANAGED_HEADERS.has(lower)) {
      notes.push(`Your ${name} header was not sent: the HTTP client sets it itself.`);
      continue;
    }
    headers.push([name, row.value.trim()]);
  }
  const hasBody = body !== undefined;
  const typedType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  const fallback = defaultContentType(request.body);
  if (hasBody && !typedType && fallback) headers.push(['Content-Type', fallback]);
  return { headers, notes };
}
