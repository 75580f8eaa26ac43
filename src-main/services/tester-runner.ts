/**
 * Sends a prepared tester request: adds the credential as `Authorization: Bearer …`, never follows a redirect
 * (a 3xx is the answer), stops at the time limit or when cancelled, and reads the body as a stream that is cut at
 * the size cap, so a huge body never sits in memory. Tells a timeout, a cancel and an unreachable server apart.
 */
import type { AppError } from '../../src-shared/errors';
import { MAX_BODY_BYTES } from '../../src-shared/tester';
import { errorFromFetchFailure } from './api-client';
import type { PreparedRequest } from './tester-request';

/** What came back, before it is shaped for the renderer. */
export interface RawResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The body, at most the cap. */
  bytes: Uint8Array;
  truncated: boolean;
  durationMs: number;
}

/** A response, or why there is none. */
export type RunOutcome = { ok: true; response: RawResponse } | { ok: false; error: AppError; durationMs: number };

export interface RunOptions {
  /** Sent as `Authorization: Bearer …`; null sends no Authorization header. */
  credential: string | null;
  timeoutMs: number;
  /** Aborting it cancels the request (the outcome is `cancelled`). */
  signal?: AbortSignal;
  /**
   * The caller's own controller for this request, used instead of a second one: aborting it cancels the request
   * (the outcome is `cancelled`), and the runner aborts it itself at the time limit.
   */
  controller?: AbortController;
  /** Defaults to `MAX_BODY_BYTES`. */
  maxBytes?: number;
}

/**
 * Reads a body stream up to `maxBytes`. When more arrives, the excess is dropped, the stream is cancelled (the
 * connection is not read any further) and `truncated` is set.
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!stream) return { bytes: new Uint8Array(0), truncated: false };
  const reader = stream.getReader();
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
        size += room;
        truncated = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}

function headerList(headers: Headers): [string, string][] {
  const list: [string, string][] = [];
  headers.forEach((value, name) => list.push([name, value]));
  return list;
}

/** Sends the request and reads the answer. Never throws. */
export async function runRequest(prepared: PreparedRequest, options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const controller = options.controller ?? new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCancel = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const headers = new Headers();
  for (const [name, value] of prepared.headers) headers.append(name, value);
  if (options.credential) headers.set('authorization', `Bearer ${options.credential}`);
  try {
    const response = await fetch(prepared.url, {
      method: prepared.method,
      headers,
      body: prepared.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const { bytes, truncated } = await readCapped(response.body, options.maxBytes ?? MAX_BODY_BYTES);
    return {
      ok: true,
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: headerList(response.headers),
        bytes,
        truncated,
        durationMs: elapsed(),
      },
    };
  } catch (err) {
    // Cancelled: aborted by the caller (its signal or its own controller) before the time limit.
    const cancelled = !timedOut && (options.signal?.aborted === true || options.controller?.signal.aborted === true);
    return { ok: false, error: errorFromFetchFailure(err, timedOut, cancelled), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}
