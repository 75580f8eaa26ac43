/**
 * The one place that talks HTTP to a DeepCurrent API and turns every outcome into a `Result`: status codes into
 * error kinds with messages a person understands, network failures and timeouts told apart. Never puts a
 * credential into an error message.
 */
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import { isCertificateCode, type HttpPort } from '../platform/http';
import { unreadableAnswer, unreadableLogLine } from './answer-reader';

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Sent as `Authorization: Bearer …`. */
  credential?: string | null;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Where an answer that cannot be read is logged (one line: the call and the problem, never a value). */
  log?: (message: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Plain-words messages for the status codes the contract defines. */
function messageForStatus(status: number, detail: string | null): string {
  switch (status) {
    case 400:
      return detail === 'Inactive user' ? 'This account is inactive. Contact DeepCurrent support.' : 'Wrong email or password.';
    case 401:
      return 'Your sign-in is no longer valid (missing, invalid, expired or revoked credential). Please sign in again.';
    case 403:
      return detail
        ? `Access denied: ${detail}. You are still signed in; this needs a paid plan or a specific role.`
        : 'Access denied: your credentials are valid, but this needs a paid plan or a specific role.';
    case 404:
      return detail && detail !== 'Not Found' ? `Not found: ${detail}.` : 'Not found.';
    case 409:
      return detail ? `${detail}.` : 'That is not possible right now (conflict).';
    case 422:
      return detail ? `The server did not accept the input: ${detail}` : 'The server did not accept the input.';
    case 429:
      return 'Too many attempts. The server has paused them for a while; wait before trying again.';
    default:
      if (status >= 500) return `The DeepCurrent server had a problem (HTTP ${status}). Try again later.`;
      return `Unexpected answer from the server (HTTP ${status}).`;
  }
}

function kindForStatus(status: number): AppError['kind'] {
  if (status === 400) return 'bad-credentials';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'unprocessable';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'bad-response';
}

/** Reads `detail` from an error body: a string, or FastAPI's list of `{loc, msg}`. */
export function detailOf(body: unknown): string | null {
  if (!body || typeof body !== 'object' || !('detail' in body)) return null;
  const detail = (body as { detail: unknown }).detail;
  if (typeof detail === 'string') return detail.slice(0, 300);
  if (Array.isArray(detail)) {
    return detail
      .map((d) => {
        const item = d as { loc?: unknown; msg?: unknown };
        const loc = Array.isArray(item.loc) ? item.loc.filter((x) => x !== 'body').join('.') : '';
        return `${loc ? `${loc}: ` : ''}${String(item.msg ?? 'invalid')}`;
      })
      .join('; ')
      .slice(0, 300);
  }
  return null;
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Whether the server rejected the credential: a 401, or the 403 "Could not validate credentials" that some
 * DeepCurrent-compatible servers answer for a bad token (an invalid credential, not a missing plan).
 */
export function isRejectedCredential(status: number, detail: string | null | undefined): boolean {
  return status === 401 || (status === 403 && detail === 'Could not validate credentials');
}

/**
 * Turns a failed response into an AppError. The special case from the field: some DeepCurrent-compatible servers
 * answer a bad token with 403 "Could not validate credentials"; that is an invalid credential, not a missing plan.
 */
export function errorFromResponse(status: number, body: unknown, headers: [string, string][]): AppError {
  const detail = detailOf(body);
  if (status === 403 && isRejectedCredential(status, detail)) {
    return { kind: 'unauthorized', status, message: messageForStatus(401, detail) };
  }
  const error: AppError = { kind: kindForStatus(status), status, message: messageForStatus(status, detail) };
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers.find(([name]) => name === 'retry-after')?.[1] ?? null);
    // The seconds travel as a number, never in the words: the window counts them down live, in one place.
    if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  }
  return error;
}

/** The words for each cause of a failed connection, by the system code behind it (Node's names; `http.ts` maps
 * Chromium's to them). */
const NETWORK_CAUSES: Array<{ codes: RegExp; message: string }> = [
  {
    codes: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED)$/,
    message:
      "Cannot reach the DeepCurrent server: its name was not found. Check the environment's address for typing mistakes, and your network connection.",
  },
  {
    codes: /^(ECONNREFUSED|ERR_CONNECTION_REFUSED)$/,
    message:
      'Cannot reach the DeepCurrent server: the connection was refused (nothing answers at that address and port). Check the environment\'s address, or whether the server is running.',
  },
  {
    codes: /^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED|ERR_CONNECTION_(RESET|CLOSED|ABORTED)|ERR_EMPTY_RESPONSE)$/,
    message:
      'The connection to the DeepCurrent server was reset before it answered. Try again; if it keeps happening, check your network or proxy.',
  },
  {
    codes: /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT)$/,
    message: 'Cannot reach the DeepCurrent server: the connection timed out. Check your network connection and try again.',
  },
  {
    codes: /^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN|ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_UNREACHABLE|ERR_INTERNET_DISCONNECTED)$/,
    message: 'Cannot reach the DeepCurrent server: the network or the server cannot be reached from this computer. Check your network connection.',
  },
];

/** A certificate the app did not trust. */
const CERTIFICATE_PROBLEM =
  "The DeepCurrent server's certificate is not trusted (it may be self-signed, expired, or issued for another name), so the app did not talk to it. Check the environment's address, or ask the server's administrator.";

/** Any other failed connection. */
const UNREACHABLE = 'Cannot reach the DeepCurrent server. Check your network connection or the environment\'s address.';

/**
 * Tells a timeout, a user's cancel and an unreachable server apart, and an unreachable server by its cause, in
 * plain words: name not found, connection refused, connection reset, certificate problem, timed out. `code` is the
 * system or TLS error code (ECONNREFUSED, ENOTFOUND, ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT…): never in the
 * message, only in `detail` for a support conversation.
 */
export function errorFromNetworkFailure(code: string | null, timedOut: boolean, cancelled: boolean): AppError {
  if (timedOut) return { kind: 'timeout', message: 'The server did not answer in time. Check your connection and try again.' };
  if (cancelled) return { kind: 'cancelled', message: 'The request was cancelled.' };
  const message = isCertificateCode(code)
    ? CERTIFICATE_PROBLEM
    : (NETWORK_CAUSES.find((cause) => code !== null && cause.codes.test(code))?.message ?? UNREACHABLE);
  return code === null ? { kind: 'network', message } : { kind: 'network', message, detail: code };
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The most the app reads of a DeepCurrent API answer (a profile, a list of requests, an OpenAPI document). */
const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

const UTF8 = new TextDecoder('utf-8');

/** Calls the API through the HTTP port and parses a JSON answer. A 204 answers `null`. */
export async function callApi<T>(http: HttpPort, baseUrl: string, call: ApiCall): Promise<Result<T>> {
  const headers: [string, string][] = [['accept', 'application/json']];
  let body: string | undefined;
  if (call.credential) headers.push(['authorization', `Bearer ${call.credential}`]);
  if (call.form) {
    headers.push(['content-type', 'application/x-www-form-urlencoded']);
    body = new URLSearchParams(call.form).toString();
  } else if (call.json !== undefined) {
    headers.push(['content-type', 'application/json']);
    body = JSON.stringify(call.json);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  call.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const sent = await http.send({
      method: call.method,
      url: joinUrl(baseUrl, call.path),
      headers,
      body,
      maxBytes: MAX_ANSWER_BYTES,
      signal: controller.signal,
    });
    if (!sent.ok) {
      const code = sent.error.reason === 'network' ? sent.error.code : null;
      return fail(errorFromNetworkFailure(code, timedOut, call.signal?.aborted ?? false));
    }
    const { status, headers: answerHeaders } = sent.value;
    const text = UTF8.decode(sent.value.bytes);
    const okStatus = status >= 200 && status < 300;
    let parsed: unknown = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (okStatus) {
          call.log?.(unreadableLogLine(call, 'the answer is not JSON', status));
          return fail(unreadableAnswer(call, 'the answer is not JSON', status));
        }
      }
    }
    if (status >= 300 && status < 400) {
      return fail({ kind: 'bad-response', status, message: `The server answered with a redirect (HTTP ${status}); the app does not follow redirects. Check the environment URL.` });
    }
    if (!okStatus) return fail(errorFromResponse(status, parsed, answerHeaders));
    return ok(parsed as T);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}
