/**
 * Sends a prepared tester request through the HTTP port: adds the credential as `Authorization: Bearer …`
 * (replacing a typed one), stops at the time limit or when cancelled, and tells a timeout, a cancel and an
 * unreachable server apart. The port never follows a redirect and cuts the decoded body at the size cap.
 */
import type { AppError } from '../../src-shared/errors';
import { redactText } from '../../src-shared/redaction';
import { MAX_BODY_BYTES } from '../../src-shared/tester';
import { errorFromNetworkFailure } from '../deepcurrent-api';
import type { HttpFailure, HttpPort } from '../platform/http';
import type { PreparedRequest } from './tester-request';

/** What came back, before it is shaped for the renderer. */
export interface RawResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The body, decoded, at most the cap. */
  bytes: Uint8Array;
  truncated: boolean;
  durationMs: number;
}

/**
 * A response, or why there is none. `attempted` is false when the HTTP port refused the request before sending
 * anything (a header it cannot carry, a URL it will not send to).
 */
export type RunOutcome = { ok: true; response: RawResponse } | { ok: false; error: AppError; durationMs: number; attempted: boolean };

export interface RunOptions {
  /** Sent as `Authorization: Bearer …`; null sends no Authorization header. */
  credential: string | null;
  timeoutMs: number;
  /**
   * The caller's own controller for this request, used instead of a second one: aborting it cancels the request
   * (the outcome is `cancelled`), and the runner aborts it itself at the time limit.
   */
  controller?: AbortController;
  /** Defaults to `MAX_BODY_BYTES`. */
  maxBytes?: number;
}

/** A failure in words; never contains a header's value (it may be the credential). */
function errorFor(failure: HttpFailure, timedOut: boolean, cancelled: boolean): AppError {
  switch (failure.reason) {
    case 'invalid-header': {
      if (failure.name.toLowerCase() === 'authorization') {
        return {
          kind: 'invalid-input',
          message: 'The credential contains characters an HTTP header cannot carry, so it was not sent. Sign in again. Nothing was sent.',
        };
      }
      const shown = redactText(failure.name).slice(0, 80);
      return {
        kind: 'invalid-input',
        message: `The ${shown || 'request'} header contains characters an HTTP header cannot carry. Nothing was sent.`,
      };
    }
    case 'refused-url':
      return {
        kind: 'invalid-input',
        message: 'The request tester sends only to http and https addresses without a user name or password. Nothing was sent.',
      };
    case 'undecodable':
      if (timedOut || cancelled) return errorFromNetworkFailure(null, timedOut, cancelled);
      return {
        kind: 'bad-response',
        message: `The server's answer says its body is compressed (Content-Encoding: ${failure.codings.join(', ') || 'unknown'}), but the body does not decompress: it is damaged or not what the header says.`,
      };
    case 'aborted':
      return errorFromNetworkFailure(null, timedOut, cancelled);
    case 'network':
      return errorFromNetworkFailure(failure.code, timedOut, cancelled);
  }
}

/** Sends the request and reads the answer. Never throws. */
export async function runRequest(http: HttpPort, prepared: PreparedRequest, options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const controller = options.controller ?? new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const headers = options.credential
      ? [...prepared.headers.filter(([name]) => name.toLowerCase() !== 'authorization'), ['Authorization', `Bearer ${options.credential}`] as [string, string]]
      : prepared.headers;
    const result = await http.send({
      method: prepared.method,
      url: prepared.url,
      headers,
      body: prepared.body,
      maxBytes: options.maxBytes ?? MAX_BODY_BYTES,
      signal: controller.signal,
    });
    if (result.ok) return { ok: true, response: { ...result.value, durationMs: elapsed() } };
    // Cancelled: aborted by the caller (through its controller) before the time limit.
    const cancelled = !timedOut && options.controller?.signal.aborted === true;
    const attempted = result.error.reason !== 'invalid-header' && result.error.reason !== 'refused-url';
    return { ok: false, error: errorFor(result.error, timedOut, cancelled), durationMs: elapsed(), attempted };
  } finally {
    clearTimeout(timer);
  }
}
