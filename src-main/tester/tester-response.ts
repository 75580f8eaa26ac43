/**
 * Shapes a raw tester response for the renderer: the body as received (JSON, text) or a binary summary, and the status
 * explained in the words of the DeepCurrent docs (401, 403, 404, 422, 429, 5xx, redirects).
 */
import { redactSecrets } from '../../src-shared/credentials';
import { jsonSyntaxError } from '../../src-shared/json-syntax';
import type { TesterResponse } from '../../src-shared/tester';
import { detailOf, isRejectedCredential, parseRetryAfter } from '../deepcurrent-api';
import type { RawResponse } from './tester-runner';

/** The docs' words for 401 (and for a 403 "Could not validate credentials"). */
export const UNAUTHORIZED_EXPLANATION = 'No credentials provided, or the API key / token is invalid.';
/**
 * A 401 (or 403 "Could not validate credentials") to a request sent with Auth = None: no credential was sent, so
 * none was rejected and there is nothing to sign in again for.
 */
export const NO_CREDENTIAL_SENT_EXPLANATION =
  'The server wants a credential, and this request was sent without one (Auth is None): no credential was sent, so none was rejected and you do not need to sign in again. To send the account’s credential, choose the API key or the session token under Auth.';

/** The docs' words for 403. */
export const FORBIDDEN_EXPLANATION =
  'Credentials are valid but your account does not have access to the requested resource. This happens when a feature requires a paid plan or a specific role.';

/** The note added when a response held an API key or a JWT, which the app never shows. */
export const HIDDEN_CREDENTIALS_NOTE =
  'The response contained an API key or a token; the app hides credentials here (shown as REDACTED).';

/** How many bytes of a binary body the hex summary shows. */
export const HEX_SUMMARY_BYTES = 256;

function headerOf(headers: [string, string][], name: string): string | null {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/** The media type of a Content-Type value, without parameters, trimmed and in lower case. */
function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** `application/json`, `application/problem+json`… */
export function isJsonType(contentType: string): boolean {
  if (contentType === 'application/json') return true;
  const type = mediaTypeOf(contentType);
  return type === 'application/json' || type.endsWith('+json');
}

/** Types whose bodies are text: `text/*`, XML, JavaScript, form data, YAML, and JSON that does not parse. */
function isTextType(contentType: string): boolean {
  const type = mediaTypeOf(contentType);
  return (
    type.startsWith('text/') ||
    isJsonType(type) ||
    type.endsWith('+xml') ||
    ['application/xml', 'application/javascript', 'application/x-www-form-urlencoded', 'application/yaml', 'application/x-yaml'].includes(type)
  );
}

function charsetOf(contentType: string): string {
  if (!contentType.includes(';')) return 'utf-8'; // no parameters, so no charset
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return m?.[1]?.toLowerCase() ?? 'utf-8';
}

/** Decodes text; with `stream`, a character cut in half by the size cap is left out instead of shown as `�`. */
const UTF8 = new TextDecoder('utf-8');

function decode(bytes: Uint8Array, contentType: string, truncated: boolean): string {
  const charset = charsetOf(contentType);
  if (!truncated && (charset === 'utf-8' || charset === 'utf8')) return UTF8.decode(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // A fresh decoder in stream mode leaves out a character the cap cut in half.
  return decoder.decode(bytes, { stream: truncated });
}

/** Whether bytes with no content type look like text (valid UTF-8 with no NUL). */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A size line and a hex dump (offset, hex, printable ASCII) of the first 256 bytes. */
function hexSummary(bytes: Uint8Array, contentType: string, truncated: boolean): string {
  const shown = bytes.subarray(0, HEX_SUMMARY_BYTES);
  const size = `${bytes.byteLength.toLocaleString('en-US')} bytes${truncated ? ' (cut at the size limit)' : ''}`;
  const lines = [`Binary body: ${size}, ${contentType || 'no content type'}.`];
  for (let offset = 0; offset < shown.byteLength; offset += 16) {
    const row = shown.subarray(offset, offset + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  if (bytes.byteLength > shown.byteLength) lines.push(`… ${bytes.byteLength - shown.byteLength} more bytes not shown`);
  return lines.join('\n');
}

/** Says where a body labelled JSON stops being JSON. */
function notJsonNote(text: string, contentType: string): string {
  const problem = jsonSyntaxError(text);
  const where = problem ? ` (${problem.reason} at line ${problem.line}, column ${problem.column}, position ${problem.position})` : '';
  return `The body is labelled ${mediaTypeOf(contentType)} but is not valid JSON${where}, so it is shown as text.`;
}

/**
 * The body as the renderer shows it: text exactly as received (the renderer re-indents JSON for its Pretty view), a
 * `json` kind only for text that parses, and a `note` when a body labelled JSON does not.
 */
export function shapeBody(
  bytes: Uint8Array,
  contentType: string,
  truncated: boolean,
): { bodyKind: TesterResponse['bodyKind']; text: string; note?: string } {
  if (bytes.byteLength === 0) return { bodyKind: 'empty', text: '' };
  if (isJsonType(contentType) && !truncated) {
    const text = decode(bytes, contentType, false);
    try {
      JSON.parse(text);
      return { bodyKind: 'json', text };
    } catch {
      return { bodyKind: 'text', text, note: notJsonNote(text, contentType) };
    }
  }
  if (isTextType(contentType) || (contentType === '' && looksLikeText(bytes))) {
    return { bodyKind: 'text', text: decode(bytes, contentType, truncated) };
  }
  return { bodyKind: 'binary', text: hexSummary(bytes, contentType, truncated) };
}

/** The parsed JSON body of an error response, when it is one. */
function errorBody(raw: RawResponse): unknown {
  const type = headerOf(raw.headers, 'content-type') ?? '';
  if (!isJsonType(type) || raw.truncated || raw.bytes.byteLength > 65_536) return null;
  try {
    return JSON.parse(UTF8.decode(raw.bytes));
  } catch {
    return null;
  }
}

/**
 * The `detail` that decides, with the status, whether the server rejected the credential (`isRejectedCredential`):
 * only a 403's body is read for it (some DeepCurrent-compatible servers answer a bad token with 403 "Could not
 * validate credentials"); null for any other status.
 */
export function rejectionDetail(raw: RawResponse): string | null {
  return raw.status === 403 ? detailOf(errorBody(raw)) : null;
}

/** The explanation of a status in plain words, with the action to take; null for an ordinary success. */
function explainStatus(raw: RawResponse, sentCredential: boolean, rejected = isRejectedCredential(raw.status, rejectionDetail(raw))): string | null {
  const { status } = raw;
  const detail = () => detailOf(errorBody(raw));
  if (rejected) return sentCredential ? `${UNAUTHORIZED_EXPLANATION} Sign in again.` : NO_CREDENTIAL_SENT_EXPLANATION;
  if (status === 403) return FORBIDDEN_EXPLANATION;
  if (status === 404) {
    return 'Not found: this path does not exist on the server, or the resource belongs to another account.';
  }
  if (status === 405) return 'This path does not accept this method (405 Method Not Allowed).';
  if (status === 422) {
    const d = detail();
    return d ? `The server did not accept the input: ${d}` : 'The server did not accept the input (422).';
  }
  if (status === 429) {
    const seconds = parseRetryAfter(headerOf(raw.headers, 'retry-after'));
    return seconds !== undefined
      ? `Too many requests. The server asks you to wait ${seconds} s before trying again (Retry-After).`
      : 'Too many requests. Wait a moment before trying again.';
  }
  if (status >= 500) return `The server had a problem (HTTP ${status}). This is not caused by your request; try again later.`;
  if (status >= 300 && status < 400) {
    const location = headerOf(raw.headers, 'location');
    return `The server redirects${location ? ` to ${location}` : ''}. The app does not follow redirects, so your credential is never sent to another address.`;
  }
  if (status === 400) {
    const d = detail();
    return d ? `The server refused the request: ${d}` : 'The server refused the request (400).';
  }
  return null;
}

/**
 * Builds the renderer's response from what came back. Any API key or JWT in the body or the headers (a login
 * answer, an echo of the request) is replaced by a placeholder: credentials never reach the renderer. `notes` are
 * prepended to the explanation. `credentialRejected` is set only when a credential was sent and rejected.
 */
export function shapeResponse(
  raw: RawResponse,
  options: {
    historyId: string;
    sentCredential: boolean;
    notes: string[];
    /** Whether the credential was rejected, when the caller has decided it already (it may parse the body). */
    credentialRejected?: boolean;
  },
): TesterResponse {
  const contentType = headerOf(raw.headers, 'content-type') ?? '';
  const shaped = shapeBody(raw.bytes, contentType, raw.truncated);
  const text = redactSecrets(shaped.text);
  let hidden = text !== shaped.text;
  const headers: [string, string][] = [];
  for (const [name, value] of raw.headers) {
    const shown = redactSecrets(value);
    if (shown !== value) hidden = true;
    headers.push([name, shown]);
  }
  const rejected = options.credentialRejected ?? isRejectedCredential(raw.status, rejectionDetail(raw));
  const explanation = [
    ...options.notes,
    explainStatus(raw, options.sentCredential, rejected),
    shaped.note ? redactSecrets(shaped.note) : null,
    hidden ? HIDDEN_CREDENTIALS_NOTE : null,
  ]
    .filter(Boolean)
    .join(' ');
  const retryAfter = raw.status === 429 || raw.status === 503 ? parseRetryAfter(headerOf(raw.headers, 'retry-after')) : undefined;
  return {
    status: raw.status,
    statusText: raw.statusText,
    durationMs: raw.durationMs,
    sizeBytes: raw.bytes.byteLength,
    headers,
    contentType,
    bodyKind: shaped.bodyKind,
    text,
    truncated: raw.truncated,
    explanation: explanation === '' ? null : explanation,
    retryAfterSeconds: retryAfter ?? null,
    credentialRejected: options.sentCredential && rejected,
    historyId: options.historyId,
  };
}
