/**
 * The request tester's HTTP client, on `node:http` / `node:https` with a keep-alive agent per protocol instead of
 * `fetch` (undici), which costs about 0.2 ms more per request. Main process only; never logs.
 *
 * - Never follows a redirect: a 3xx is the answer, with its Location header.
 * - TLS is verified as Node does by default (no `rejectUnauthorized`, no `checkServerIdentity` here).
 * - Sends the default `accept`, `accept-encoding` and `user-agent` fetch sent when the request has none, decodes
 *   `content-encoding` gzip / x-gzip / deflate / br as fetch did (unknown codings pass through raw), and caps the
 *   DECODED body: at the cap the decoders and the socket are destroyed, so a compression bomb never inflates past
 *   it. A body that does not decode is a result, not a crash.
 * - Frames every body by its Content-Length and sets the connection headers itself (typed ones are dropped); sends
 *   only to `http:` / `https:` URLs without a user name or password.
 * - Never throws: an invalid header name or value (Node throws ERR_INVALID_HTTP_TOKEN / ERR_INVALID_CHAR while
 *   building the request) is a result naming the header, never its value.
 * - Stops when `signal` aborts (the caller's time limit or cancel), destroying the socket so it is not reused.
 * - A request on a REUSED keep-alive socket that fails with ECONNRESET / EPIPE before any byte of an answer (the
 *   server closed the idle connection as the request went out) is sent once more, for idempotent methods only.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  validateHeaderName,
  validateHeaderValue,
  type AgentOptions,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { MANAGED_HEADERS } from '../../src-shared/tester-wire';

/** One request to send. */
export interface HttpExchange {
  method: string;
  /** An absolute `http:` or `https:` URL. */
  url: string;
  /** The request's own headers; a name repeated (in any case) is sent once, its values joined with `, `. */
  headers: [string, string][];
  /** Sent as the Authorization header, replacing one in `headers`; null adds none. */
  authorization: string | null;
  /** Sent as UTF-8 with its Content-Length. */
  body: string | undefined;
  /** The cap on the decoded body. */
  maxBytes: number;
  /** Aborting it stops the exchange at once (the result is `aborted`). */
  signal: AbortSignal;
}

/** What came back. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  /** Lower-case names, sorted, repeated ones joined with `, `, each Set-Cookie separate (as `Headers.forEach`). */
  headers: [string, string][];
  /** The decoded body, at most `maxBytes`. */
  bytes: Uint8Array;
  truncated: boolean;
}

/** Why there is no answer. */
export type HttpFailure =
  | { reason: 'aborted' }
  /** The connection failed (refused, DNS, reset, TLS…): Node's error code when there is one. */
  | { reason: 'network'; code: string | null }
  /** Not an `http:` / `https:` URL, or one with a user name or password (Node would send them). Nothing was sent. */
  | { reason: 'refused-url' }
  /** A header Node refuses to send (its name only: the value may be a secret). Nothing was sent. */
  | { reason: 'invalid-header'; name: string }
  /** The body did not decode as its Content-Encoding says, or has more than {@link MAX_CONTENT_CODINGS} codings. */
  | { reason: 'undecodable'; codings: string[] };

export type HttpResult = { ok: true; answer: HttpAnswer } | { ok: false; failure: HttpFailure };

/**
 * How long an idle keep-alive socket is kept: under the 5 s keep-alive timeout of Node's HTTP server (the
 * emulator) and uvicorn, so the app closes it before the server does. A server's `Keep-Alive: timeout=N` hint
 * lowers it to N − 1 s (Node's agent honours the hint only below its own `timeout`).
 */
export const IDLE_SOCKET_TIMEOUT_MS = 4_000;
/** Connections per origin; more requests wait for one. */
export const MAX_SOCKETS_PER_ORIGIN = 32;
/** At most this many content codings (as fetch): more is refused. */
export const MAX_CONTENT_CODINGS = 5;

const AGENT_OPTIONS: AgentOptions = {
  keepAlive: true,
  timeout: IDLE_SOCKET_TIMEOUT_MS,
  maxSockets: MAX_SOCKETS_PER_ORIGIN,
  maxFreeSockets: 8,
  maxTotalSockets: 4 * MAX_SOCKETS_PER_ORIGIN,
  scheduling: 'lifo',
};
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

/** Methods that may be sent twice with the same effect (RFC 9110 §9.2.2), so a failed send can be repeated. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** What a write to, or a read from, a connection the server has just closed fails with. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);
/** Statuses whose answer has no body (fetch's null body statuses). */
const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);
const INVALID_HEADER_CODES = new Set(['ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_CHAR', 'ERR_HTTP_INVALID_HEADER_VALUE']);

const EMPTY = new Uint8Array(0);
const ABORTED: HttpResult = { ok: false, failure: { reason: 'aborted' } };

/** Lenient as fetch (and curl): a body cut short decodes as far as it goes instead of failing. */
const ZLIB_OPTIONS: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/**
 * `deflate` as servers send it: zlib-wrapped (RFC 9110) or raw, told apart by the first byte as fetch does.
 * Destroying it destroys the inner decoder, which then stops inflating.
 */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return callback();
      const inner = (chunk[0]! & 0x0f) === 8 ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS);
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (err) => this.destroy(err));
      this.inner = inner;
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}

/** A Content-Encoding value's codings, in the order they were applied. */
function codingsOf(contentEncoding: string): string[] {
  return contentEncoding.toLowerCase().split(',').map((coding) => coding.trim());
}

/** The decoders for the codings, the last applied first; none when a coding is unknown (the body stays raw). */
function decodersFor(codings: string[]): Transform[] {
  const decoders: Transform[] = [];
  for (let i = codings.length - 1; i >= 0; i -= 1) {
    const coding = codings[i]!;
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(zlib.createGunzip(ZLIB_OPTIONS));
    else if (coding === 'deflate') decoders.push(new DeflateDecoder());
    else if (coding === 'br') decoders.push(zlib.createBrotliDecompress(BROTLI_OPTIONS));
    else {
      for (const decoder of decoders) decoder.destroy();
      return [];
    }
  }
  return decoders;
}

/** Response headers as `Headers.forEach` lists them (see {@link HttpAnswer.headers}). */
export function responseHeaderList(rawHeaders: string[]): [string, string][] {
  const joined = new Map<string, string>();
  let cookies: string[] | null = null;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'set-cookie') {
      (cookies ??= []).push(value);
      continue;
    }
    const before = joined.get(name);
    joined.set(name, before === undefined ? value : `${before}${name === 'cookie' ? '; ' : ', '}${value}`);
  }
  const names = [...joined.keys()];
  if (cookies) names.push('set-cookie');
  names.sort();
  const list: [string, string][] = [];
  for (const name of names) {
    if (name === 'set-cookie') for (const cookie of cookies!) list.push([name, cookie]);
    else list.push([name, joined.get(name)!]);
  }
  return list;
}

/** The headers to send: the request's own (first spelling of a name kept), then the defaults it lacks. */
function outgoingHeaders(exchange: HttpExchange, https: boolean): Record<string, string> {
  // No prototype: a header called `__proto__` is a header like any other.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const spelling = new Map<string, string>();
  for (const [name, value] of exchange.headers) {
    const lower = name.toLowerCase();
    // The connection and the framing are this client's: a typed Content-Length or Transfer-Encoding that disagreed
    // with the body would let the rest be read as a second request on a kept-alive connection.
    if (MANAGED_HEADERS.has(lower) || (exchange.authorization !== null && lower === 'authorization')) continue;
    const wire = spelling.get(lower);
    if (wire === undefined) {
      spelling.set(lower, name);
      headers[name] = value;
    } else {
      headers[wire] = `${headers[wire]}, ${value}`;
    }
  }
  if (exchange.authorization !== null) headers.authorization = exchange.authorization;
  // What fetch (undici) added when the request had none: the answer stays what the user got before.
  if (!spelling.has('accept')) headers.accept = '*/*';
  if (!spelling.has('accept-encoding')) {
    headers['accept-encoding'] = spelling.has('range') ? 'identity' : https ? 'br, gzip, deflate' : 'gzip, deflate';
  }
  if (!spelling.has('user-agent')) headers['user-agent'] = 'node';
  // Always framed by its length (Node sends none for a DELETE or OPTIONS body, which a server would misread).
  if (exchange.body !== undefined) headers['content-length'] = String(Buffer.byteLength(exchange.body));
  return headers;
}

/** The header Node refused (name only), found again by the checks Node runs. */
function refusedHeader(headers: Record<string, string>): string {
  for (const name of Object.keys(headers)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, headers[name]);
    } catch {
      return name;
    }
  }
  return '';
}

function codeOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

function concat(chunks: Buffer[], size: number): Uint8Array {
  if (chunks.length === 0) return EMPTY;
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/** Sends the request and reads the answer. Never throws, never rejects. */
export function sendHttp(exchange: HttpExchange): Promise<HttpResult> {
  let url: URL;
  try {
    url = new URL(exchange.url);
  } catch {
    return Promise.resolve({ ok: false, failure: { reason: 'refused-url' } });
  }
  const https = url.protocol === 'https:';
  if ((!https && url.protocol !== 'http:') || url.username !== '' || url.password !== '') {
    return Promise.resolve({ ok: false, failure: { reason: 'refused-url' } });
  }
  const headers = outgoingHeaders(exchange, https);
  return new Promise((resolve) => attempt(exchange, url, headers, false, resolve));
}

function attempt(
  exchange: HttpExchange,
  url: URL,
  headers: Record<string, string>,
  isRetry: boolean,
  done: (result: HttpResult) => void,
): void {
  const { signal, method } = exchange;
  if (signal.aborted) return done(ABORTED);
  let req: ClientRequest;
  try {
    if (url.protocol === 'https:') req = httpsRequest(url, { method, headers, agent: httpsAgent });
    else req = httpRequest(url, { method, headers, agent: httpAgent });
  } catch (err) {
    const code = codeOf(err);
    if (code !== null && INVALID_HEADER_CODES.has(code)) return done({ ok: false, failure: { reason: 'invalid-header', name: refusedHeader(headers) } });
    return done({ ok: false, failure: { reason: 'network', code } });
  }

  let settled = false;
  let socket: Socket | null = null;
  let bytesReadBefore = 0;
  /**
   * Ends this attempt once. `destroy` closes the connection when the answer has not been read to its end (it is not
   * reused); one whose answer was read to the end is already back in the pool, clean, and no longer this request's.
   */
  const finish = (result: HttpResult, destroy: boolean) => {
    if (settled) return;
    settled = true;
    signal.removeEventListener('abort', onAbort);
    if (destroy) req.destroy();
    done(result);
  };
  const onAbort = () => finish(ABORTED, true);
  signal.addEventListener('abort', onAbort);

  req.on('socket', (s: Socket) => {
    socket = s;
    bytesReadBefore = s.bytesRead;
  });
  // Kept after the attempt ends: a destroyed request still reports its error, which must not go unhandled.
  req.on('error', (err) => {
    if (settled) return;
    const code = codeOf(err);
    const staleSocket =
      req.reusedSocket && code !== null && STALE_SOCKET_CODES.has(code) && socket !== null && socket.bytesRead === bytesReadBefore;
    if (staleSocket && !isRetry && IDEMPOTENT_METHODS.has(method)) {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      attempt(exchange, url, headers, true, done);
      return;
    }
    finish({ ok: false, failure: { reason: 'network', code } }, true);
  });
  req.on('response', (res) => readAnswer(exchange, res, finish));
  req.end(exchange.body);
}

/** Reads the answer's body, decoded and capped, and ends the attempt with it. */
function readAnswer(exchange: HttpExchange, res: IncomingMessage, finish: (result: HttpResult, destroy: boolean) => void): void {
  const headers = responseHeaderList(res.rawHeaders);
  const answer = (bytes: Uint8Array, truncated: boolean): HttpResult => ({
    ok: true,
    answer: { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, bytes, truncated },
  });
  const networkFailure = (err: unknown): HttpResult => ({ ok: false, failure: { reason: 'network', code: codeOf(err) } });

  if (exchange.method === 'HEAD' || NO_BODY_STATUSES.has(res.statusCode ?? 0)) {
    // No body to show; whatever the framing carries is read and dropped, so the connection can be reused.
    res.on('error', (err) => finish(networkFailure(err), true));
    res.on('end', () => finish(answer(EMPTY, false), false));
    res.resume();
    return;
  }

  const contentEncoding = headers.find(([name]) => name === 'content-encoding')?.[1];
  const codings = contentEncoding === undefined ? [] : codingsOf(contentEncoding);
  if (codings.length > MAX_CONTENT_CODINGS) {
    finish({ ok: false, failure: { reason: 'undecodable', codings } }, true);
    return;
  }
  const decoders = decodersFor(codings);

  const { maxBytes } = exchange;
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    if (size + chunk.length > maxBytes) {
      const room = maxBytes - size;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size += Math.max(room, 0);
      // Stop here: the socket (and with it every decoder) is destroyed, nothing more is read or inflated.
      finish(answer(concat(chunks, size), true), true);
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  };
  const onEnd = () => finish(answer(concat(chunks, size), false), false);

  if (decoders.length === 0) {
    res.on('error', (err) => finish(networkFailure(err), true));
    res.on('data', onData);
    res.on('end', onEnd);
    return;
  }
  // Which side failed first: the connection (a network error) or a decoder (the body does not decode).
  let decoderFailed = false;
  let connectionFailed = false;
  res.once('error', () => {
    if (!decoderFailed) connectionFailed = true;
  });
  for (const decoder of decoders) {
    decoder.once('error', () => {
      if (!connectionFailed) decoderFailed = true;
    });
  }
  const last = decoders[decoders.length - 1]!;
  last.on('data', onData);
  last.on('end', onEnd);
  pipeline([res, ...decoders], (err) => {
    if (!err) return;
    if (decoderFailed) finish({ ok: false, failure: { reason: 'undecodable', codings } }, true);
    else finish(networkFailure(err), true);
  });
}

/** Closes the idle keep-alive connections (on quit); requests in flight are left to their own cancel. */
export function closeIdleConnections(): void {
  for (const agent of [httpAgent, httpsAgent]) {
    for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }
}
