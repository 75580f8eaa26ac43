/**
 * Test-only fault injection, active only with `startEmulator({ enableFaults: true })` or `cli.ts --faults`.
 * Without it every path below answers `404 {"detail": "Not Found"}`.
 *
 * Control endpoint:
 * - `POST /__faults` with JSON `{"mode": "<mode>", "path"?: "/api/v1/usage", "times"?: 2, ...options}` adds a fault
 *   rule and answers `200 {"faults": [<active rules>]}`. A rule applies to every request whose path starts with
 *   `path` (all paths when absent; `/__faults` itself is never affected), `times` times (forever when absent), and
 *   the oldest matching rule wins. Bad input → `422` FastAPI-shaped.
 * - `GET /__faults` lists the active rules; `DELETE /__faults` removes them all (`200 {"faults": []}`).
 *
 * Modes (options in brackets):
 * - `refuse`: destroys the socket as soon as the request arrives (the client sees a connection reset/close).
 * - `reset-mid-body`: sends `200`, a JSON content type, a `Content-Length` and about half the body, then destroys
 *   the socket.
 * - `stall`: accepts the request and never answers (until the client gives up or the emulator closes).
 * - `http-500`: `500 {"detail": "Internal Server Error"}`.
 * - `http-503`: `503 {"detail": "Service Unavailable"}` [`retryAfter`: seconds, adds a `Retry-After` header].
 * - `invalid-json`: `200` with a JSON content type and a truncated, unparseable JSON body.
 * - `huge-body`: `200` with a JSON content type and a body of exactly `size` bytes (default 12 MiB, at most
 *   256 MiB), streamed in 64 KiB chunks [`size`; `chunked: true` omits `Content-Length`].
 * - `body`: `200` with a JSON content type and exactly the given text as its body [`body`: the text, at most
 *   1 MiB] — for showing how a client renders an answer byte for byte.
 * - `trickle`: `200` with the small JSON body `{"ok":true,"fault":"trickle"}`, sent one byte every `intervalMs`
 *   milliseconds (default 200) [`intervalMs`].
 *
 * Helpers for testing a request runner (also only with faults enabled; see `routes/debug.ts`):
 * - `ANY /api/v1/__echo[?status=NNN]` answers `{method, path, query, headers, body, body_base64, json, length}`
 *   describing the request (no credential needed; `json` is the parsed body or null), with status NNN
 *   (200–599, default 200; 204 and 304 have no body).
 * - `GET /api/v1/__json?size=N` answers a JSON list of items, as `GET /api/v1/items` does, of exactly `N` bytes
 *   (64 to 64 MiB; default 1024): a real document to show, parse and pretty-print.
 * - `GET /api/v1/__bytes?size=N&type=<content type>` answers `N` bytes (default 1024, at most 256 MiB) with that
 *   content type (default `application/octet-stream`): `a`s for `text/*` and JSON types, else the bytes 0–255
 *   repeating.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_TYPE, sendJson, validationError, type ValidationIssue } from './http-util';

/** The available fault modes. */
export const FAULT_MODES = [
  'refuse',
  'reset-mid-body',
  'stall',
  'http-500',
  'http-503',
  'invalid-json',
  'huge-body',
  'trickle',
  'body',
] as const;
/** One fault mode. */
export type FaultMode = (typeof FAULT_MODES)[number];

/** A fault rule as posted to `/__faults`. */
export interface FaultSpec {
  mode: FaultMode;
  path?: string;
  times?: number;
  size?: number;
  intervalMs?: number;
  chunked?: boolean;
  retryAfter?: number;
  body?: string;
}

/** Default `huge-body` size: 12 MiB. */
export const DEFAULT_HUGE_BODY_BYTES = 12 * 1024 * 1024;
/** Largest size for `huge-body` and `__bytes`: 256 MiB. */
export const MAX_STREAM_BYTES = 256 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** Validates a `POST /__faults` body, throwing a `422` listing every problem. */
export function parseFaultSpec(obj: Record<string, unknown>): FaultSpec {
  const issues: ValidationIssue[] = [];
  const mode = obj.mode;
  if (!FAULT_MODES.includes(mode as FaultMode)) {
    issues.push({ loc: ['body', 'mode'], msg: `Input should be one of: ${FAULT_MODES.join(', ')}`, type: 'enum' });
  }
  const int = (name: string, min: number, max: number): number | undefined => {
    const value = obj[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      issues.push({ loc: ['body', name], msg: `Input should be an integer from ${min} to ${max}`, type: 'int_range' });
      return undefined;
    }
    return value;
  };
  const spec: FaultSpec = { mode: mode as FaultMode };
  if (obj.path !== undefined && obj.path !== null) {
    if (typeof obj.path !== 'string' || !obj.path.startsWith('/')) {
      issues.push({ loc: ['body', 'path'], msg: "Input should be a path starting with '/'", type: 'string_type' });
    } else spec.path = obj.path;
  }
  const times = int('times', 1, 1_000_000);
  const size = int('size', 0, MAX_STREAM_BYTES);
  const intervalMs = int('intervalMs', 1, 60_000);
  const retryAfter = int('retryAfter', 0, 86_400);
  if (times !== undefined) spec.times = times;
  if (size !== undefined) spec.size = size;
  if (intervalMs !== undefined) spec.intervalMs = intervalMs;
  if (retryAfter !== undefined) spec.retryAfter = retryAfter;
  if (obj.chunked === true) spec.chunked = true;
  if (obj.body !== undefined) {
    if (typeof obj.body !== 'string' || obj.body.length > 1024 * 1024) {
      issues.push({ loc: ['body', 'body'], msg: 'Input should be a string of at most 1 MiB', type: 'string_type' });
    } else spec.body = obj.body;
  }
  if (spec.mode === 'body' && spec.body === undefined && issues.length === 0) {
    issues.push({ loc: ['body', 'body'], msg: 'Field required', type: 'missing' });
  }
  if (issues.length > 0) throw validationError(issues);
  return spec;
}

/** Streams `size` bytes produced by `fill(offset, length)` with backpressure; stops when the client goes away. */
export function streamBytes(res: ServerResponse, size: number, fill: (offset: number, length: number) => Buffer): void {
  let offset = 0;
  const pump = (): void => {
    while (offset < size && !res.destroyed) {
      const length = Math.min(CHUNK, size - offset);
      const ok = res.write(fill(offset, length));
      offset += length;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** Holds the active fault rules of one emulator instance and plays them out. */
export class FaultController {
  private rules: (FaultSpec & { remaining: number })[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Adds a rule. */
  add(spec: FaultSpec): void {
    this.rules.push({ ...spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The active rules, as posted. */
  list(): FaultSpec[] {
    return this.rules.map(({ remaining: _remaining, ...spec }) => spec);
  }

  /** Takes the first rule matching a path (using up one of its `times`), or null. */
  take(pathname: string): FaultSpec | null {
    if (pathname === '/__faults') return null;
    const index = this.rules.findIndex((r) => r.path === undefined || pathname.startsWith(r.path));
    if (index < 0) return null;
    const rule = this.rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule;
  }

  /** Plays a fault out on a request (after draining its body, except for `refuse` and `stall`). */
  apply(fault: FaultSpec, req: IncomingMessage, res: ServerResponse): void {
    if (fault.mode === 'refuse') {
      req.socket.destroy();
      return;
    }
    if (fault.mode === 'stall') {
      req.resume();
      return;
    }
    req.resume();
    req.once('end', () => this.respond(fault, res));
  }

  private respond(fault: FaultSpec, res: ServerResponse): void {
    switch (fault.mode) {
      case 'http-500':
        sendJson(res, 500, { detail: 'Internal Server Error' });
        return;
      case 'http-503':
        sendJson(res, 503, { detail: 'Service Unavailable' }, fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) });
        return;
      case 'body': {
        const text = fault.body ?? '';
        res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
        res.end(text);
        return;
      }
      case 'invalid-json': {
        const text = '{"id": "u_0000", "email": "ada@deepcurrent.test", "full_name": "Ada Lov';
        res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
        res.end(text);
        return;
      }
      case 'reset-mid-body': {
        const items = Array.from({ length: 100 }, (_, i) => ({ id: `it_${i}`, title: `Item ${i}` }));
        const text = JSON.stringify({ data: items, count: items.length });
        res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
        res.write(text.slice(0, Math.floor(text.length / 2)), () => {
          this.later(20, () => res.socket?.destroy());
        });
        return;
      }
      case 'huge-body': {
        const size = fault.size ?? DEFAULT_HUGE_BODY_BYTES;
        res.writeHead(200, fault.chunked ? { 'Content-Type': JSON_TYPE } : { 'Content-Type': JSON_TYPE, 'Content-Length': String(size) });
        streamBytes(res, size, (offset, length) => hugeJsonSlice(size, offset, length));
        return;
      }
      case 'trickle': {
        const bytes = Buffer.from('{"ok":true,"fault":"trickle"}');
        res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': String(bytes.length) });
        let i = 0;
        const step = (): void => {
          if (res.destroyed) return;
          res.write(bytes.subarray(i, i + 1));
          i += 1;
          if (i >= bytes.length) res.end();
          else this.later(fault.intervalMs ?? 200, step);
        };
        step();
        return;
      }
      case 'refuse':
      case 'stall':
        return;
    }
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Cancels pending timers (on close). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.rules = [];
  }
}

/** A slice of `{"data":"xxx…"}` padded to exactly `size` bytes (plain `x`s when too small for the wrapper). */
function hugeJsonSlice(size: number, offset: number, length: number): Buffer {
  const head = '{"data":"';
  const tail = '"}';
  const out = Buffer.alloc(length, 'x');
  if (size < head.length + tail.length) return out;
  const tailStart = size - tail.length;
  for (let pos = offset; pos < Math.min(head.length, offset + length); pos++) out[pos - offset] = head.charCodeAt(pos);
  for (let pos = Math.max(offset, tailStart); pos < offset + length; pos++) out[pos - offset] = tail.charCodeAt(pos - tailStart);
  return out;
}
