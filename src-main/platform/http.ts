/**
 * The HTTP port: one way for the main process to send a request and read the answer, whatever runtime carries it
 * (Chromium's network stack through `net.fetch` in Electron, undici under Node). Both adapters are thin: this file
 * holds what does not depend on the runtime — URL and header checks, reading a fetch `Response` into capped bytes,
 * listing its headers, and turning a fetch error into an {@link HttpFailure}.
 *
 * What every adapter promises (checked by one contract suite, test/platform/http-contract.test.ts):
 * - never follows a redirect: a 3xx is the answer, with its Location header;
 * - the body is the DECODED body (fetch decodes gzip / deflate / br itself), read as a stream and cut at
 *   `maxBytes`: at the cap reading stops, the stream is cancelled (the connection is dropped) and `truncated` is set;
 * - `signal` cancels at any point (before sending, waiting for headers, mid-body); the result is `aborted`;
 * - sends only to `http:` / `https:` URLs without a user name or password, and only headers Node would send; a
 *   refused header is named, never its value (it may be a credential);
 * - never throws, never rejects, never logs.
 */
import type { Result } from '../../src-shared/errors';
import { MANAGED_HEADERS } from '../../src-shared/tester-wire';

/** One request to send. */
export interface HttpRequest {
  method: string;
  /** An absolute `http:` or `https:` URL without user name or password. */
  url: string;
  /**
   * The headers to send, Authorization included; a name repeated (in any case) is sent once, its values joined
   * with `, `. The connection and framing headers (`MANAGED_HEADERS`) are the transport's and are dropped.
   */
  headers: [string, string][];
  /** Sent as UTF-8 bytes (no Content-Type is added). GET and HEAD carry none: the caller refuses such a request. */
  body?: string;
  /** The cap on the decoded body. */
  maxBytes: number;
  /** Aborting it stops the exchange at once (the result is `aborted`): the caller's time limit or cancel. */
  signal: AbortSignal;
}

/** What came back. */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case names, sorted, repeated ones joined with `, `, each Set-Cookie separate (as `Headers.forEach`). */
  headers: [string, string][];
  /** The decoded body, at most `maxBytes`; empty for HEAD, 204, 304 and a redirect Chromium did not let us read. */
  bytes: Uint8Array;
  truncated: boolean;
}

/** Why there is no answer. */
export type HttpFailure =
  | { reason: 'aborted' }
  /**
   * The connection failed (refused, DNS, reset, TLS…): a system or TLS code when there is one. Node's codes
   * (ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT…) under Node; in Electron the common Chromium errors are
   * translated to the same names (see {@link CHROMIUM_TO_NODE_CODES}) and the rest kept as `ERR_…` (Chromium's
   * `net::ERR_…` without the prefix). {@link isCertificateCode} tells a certificate failure in either runtime.
   * `ERR_REDIRECT_UNREADABLE`: the server redirected, but the runtime hid the 3xx (an opaque redirect, or Electron's
   * "Redirect was cancelled" with no webRequest report); nothing was followed.
   */
  | { reason: 'network'; code: string | null }
  /** Not an `http:` / `https:` URL, or one with a user name or password. Nothing was sent. */
  | { reason: 'refused-url' }
  /** A header Node refuses to send (its name only: the value may be a secret). Nothing was sent. */
  | { reason: 'invalid-header'; name: string }
  /** The body did not decode as its Content-Encoding says. */
  | { reason: 'undecodable'; codings: string[] };

export type HttpResult = Result<HttpResponse, HttpFailure>;

/** The HTTP port. One instance per process; `close()` on quit drops its idle connections. */
export interface HttpPort {
  /** Sends the request and reads the answer. Never throws, never rejects. */
  send(request: HttpRequest): Promise<HttpResult>;
  /** Releases the connections; requests still in flight are left to their own signal. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// The fetch shape both runtimes provide (undici's fetch, Electron's `session.fetch`), reduced to what is used here.

/** The options the adapters pass to fetch. */
export interface FetchInit {
  method: string;
  headers: [string, string][];
  body?: Uint8Array;
  redirect: 'manual';
  signal: AbortSignal;
  credentials: 'omit';
  cache?: 'no-store';
  bypassCustomProtocolHandlers?: boolean;
}

/** The part of a fetch `Response` that is read. */
export interface FetchResponse {
  status: number;
  statusText: string;
  /** `opaqueredirect` is what a browser-like fetch answers a manual redirect with (status 0, no headers). */
  type?: string;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  body: BodyStream | null;
}

/** A fetch body (a web ReadableStream of bytes; Node's and the DOM's typings of it differ, hence this shape). */
export interface BodyStream {
  getReader(): {
    read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
  cancel(reason?: unknown): Promise<void>;
}

export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

const EMPTY = new Uint8Array(0);
const ABORTED: HttpResult = { ok: false, error: { reason: 'aborted' } };
const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** RFC 9110 token: what Node (and Chromium) accept as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What Node accepts in a header value (`checkInvalidHeaderChar`); Chromium accepts more, so both refuse alike. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The URL, when it is one this port sends to: `http:` / `https:` without user name or password. */
export function sendableUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed;
}

/**
 * The headers to send: managed ones dropped, the rest checked. Refuses with the name of the first header Node would
 * refuse (never its value) when there is one.
 */
export function outgoingHeaders(headers: [string, string][]): Result<[string, string][], HttpFailure> {
  const out: [string, string][] = [];
  for (const [name, value] of headers) {
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) return { ok: false, error: { reason: 'invalid-header', name } };
    if (MANAGED_HEADERS.has(name.toLowerCase())) continue;
    out.push([name, value]);
  }
  return { ok: true, value: out };
}

/**
 * Response headers as `Headers.forEach` lists them in undici: lower-case names, sorted, each Set-Cookie separate.
 * `setCookies`, when given, replaces the Set-Cookie values the Headers object holds (Electron's net.fetch joins
 * them into one value with `, `, which cannot be split again since a cookie's Expires holds a comma).
 */
export function listResponseHeaders(
  headers: FetchResponse['headers'],
  setCookies?: readonly string[],
): [string, string][] {
  const list: [string, string][] = [];
  headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (setCookies && lower === 'set-cookie') return;
    list.push([lower, value]);
  });
  if (setCookies) for (const cookie of setCookies) list.push(['set-cookie', cookie]);
  // Stable: the Set-Cookie values keep their order.
  return list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A Content-Encoding value's codings, in the order they were applied. */
function codingsOf(headers: [string, string][]): string[] {
  const value = headers.find(([name]) => name === 'content-encoding')?.[1];
  return value === undefined ? [] : value.toLowerCase().split(',').map((coding) => coding.trim());
}

/** Chromium's errors that mean the same as a Node system code, so callers see one name for one cause. */
export const CHROMIUM_TO_NODE_CODES: Readonly<Record<string, string>> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'ECONNRESET',
  ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_NETWORK_UNREACHABLE: 'ENETUNREACH',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
};

/** Node's TLS verification codes (OpenSSL's, plus Node's host name check) and Chromium's `ERR_CERT_…`. */
export function isCertificateCode(code: string | null): boolean {
  if (code === null) return false;
  return (
    code.startsWith('ERR_CERT_') ||
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_[A-Z_]+|HOSTNAME_MISMATCH)$/.test(code)
  );
}

/**
 * The system or TLS code behind a fetch error. undici puts it on `err.cause.code` (on one of an AggregateError's
 * `errors` when it tried several addresses); Electron's net.fetch rejects with `new Error('net::ERR_…')`.
 */
export function codeOfFetchError(err: unknown): string | null {
  let fallback: string | null = null;
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth += 1) {
    const { code, errors, message, cause } = current as { code?: unknown; errors?: unknown; message?: unknown; cause?: unknown };
    const chromium = typeof message === 'string' ? /\bnet::(ERR_[A-Z0-9_]+)/.exec(message)?.[1] : undefined;
    if (chromium) return CHROMIUM_TO_NODE_CODES[chromium] ?? chromium;
    if (typeof code === 'string') {
      // undici's own wrappers name the layer, not the cause: look under them first.
      if (!code.startsWith('UND_ERR')) return code;
      fallback ??= code;
    }
    if (Array.isArray(errors)) {
      const inner = errors.map((e) => (e as { code?: unknown } | null)?.code).find((c) => typeof c === 'string');
      if (typeof inner === 'string') return inner;
    }
    current = cause;
  }
  return fallback;
}

/** A decoder's complaint (zlib's `Z_…`, Node's `ERR_…BROTLI…`, Chromium's content-decoding error). */
function isDecodingCode(code: string | null): boolean {
  return code !== null && (code.startsWith('Z_') || code.includes('BROTLI') || code === 'ERR_CONTENT_DECODING_FAILED');
}

/** A fetch error as a failure: aborted when the signal was, the decoding or connection failure otherwise. */
export function failureOf(err: unknown, signal: AbortSignal, codings: string[] = []): HttpFailure {
  if (signal.aborted) return { reason: 'aborted' };
  const code = codeOfFetchError(err);
  if (isDecodingCode(code)) return { reason: 'undecodable', codings };
  return { reason: 'network', code };
}

/**
 * Reads a body stream up to `maxBytes`. At the cap it stops reading and cancels the stream, so the rest is neither
 * received nor decoded; `truncated` says so. Rejects with the stream's error (for the caller to map).
 */
export async function readCapped(body: BodyStream | null, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!body) return { bytes: EMPTY, truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > maxBytes) {
        const room = maxBytes - size;
        if (room > 0) chunks.push(value.subarray(0, room));
        size += Math.max(room, 0);
        truncated = true;
        // Not awaited: cancelling settles once the connection is torn down, and nothing more is wanted from it.
        reader.cancel().catch(() => {});
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 0) return { bytes: EMPTY, truncated };
  if (chunks.length === 1) return { bytes: chunks[0]!, truncated };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}

/** How an adapter tunes {@link sendWithFetch}. */
export interface FetchSendOptions {
  /** Extra fetch options (Electron's `cache`, `bypassCustomProtocolHandlers`). */
  init?: Partial<Pick<FetchInit, 'cache' | 'bypassCustomProtocolHandlers'>>;
  /** Set-Cookie values read from the runtime's raw headers when its Headers object cannot list them apart. */
  setCookiesOf?: (response: FetchResponse) => readonly string[] | undefined;
  /**
   * Called when fetch rejects (and the signal did not abort): an adapter may answer a result of its own (Electron
   * recovers a redirect it was not allowed to read); `undefined` leaves the error to {@link failureOf}.
   */
  onFetchError?: (err: unknown) => HttpResult | undefined;
  /** Called for a response of type `opaqueredirect` (a manual redirect a browser-like fetch hides). */
  onOpaqueRedirect?: () => HttpResult;
}

/** Checks the request, sends it with `fetchFn`, reads the answer capped. The common body of every adapter. */
export async function sendWithFetch(fetchFn: FetchFunction, request: HttpRequest, options: FetchSendOptions = {}): Promise<HttpResult> {
  const { signal } = request;
  const url = sendableUrl(request.url);
  if (!url) return { ok: false, error: { reason: 'refused-url' } };
  const headers = outgoingHeaders(request.headers);
  if (!headers.ok) return headers;
  if (signal.aborted) return ABORTED;

  let response: FetchResponse;
  try {
    response = await fetchFn(url.href, {
      method: request.method,
      headers: headers.value,
      // Bytes, not a string: fetch adds `Content-Type: text/plain` to a string body that has none.
      ...(request.body !== undefined ? { body: new TextEncoder().encode(request.body) } : {}),
      redirect: 'manual',
      signal,
      credentials: 'omit',
      ...options.init,
    });
  } catch (err) {
    if (signal.aborted) return ABORTED;
    const recovered = options.onFetchError?.(err);
    return recovered ?? { ok: false, error: failureOf(err, signal) };
  }
  if (response.type === 'opaqueredirect') {
    await response.body?.cancel().catch(() => {});
    return options.onOpaqueRedirect?.() ?? { ok: false, error: { reason: 'network', code: 'ERR_REDIRECT_UNREADABLE' } };
  }

  const listed = listResponseHeaders(response.headers, options.setCookiesOf?.(response));
  const answer = (bytes: Uint8Array, truncated: boolean): HttpResult => ({
    ok: true,
    value: { status: response.status, statusText: response.statusText, headers: listed, bytes, truncated },
  });
  if (request.method === 'HEAD' || NO_BODY_STATUSES.has(response.status)) {
    // Read to its end (it is empty) rather than cancelled: a cancelled body costs the keep-alive connection.
    await readCapped(response.body, 0).catch(() => undefined);
    return answer(EMPTY, false);
  }
  try {
    const { bytes, truncated } = await readCapped(response.body, request.maxBytes);
    if (signal.aborted) return ABORTED;
    return answer(bytes, truncated);
  } catch (err) {
    return { ok: false, error: failureOf(err, signal, codingsOf(listed)) };
  }
}
