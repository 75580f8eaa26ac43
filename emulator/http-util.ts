/**
 * Small HTTP helpers shared by the emulator: JSON replies, FastAPI-shaped errors and bounded body reading.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The content type of every JSON response. */
export const JSON_TYPE = 'application/json; charset=utf-8';
/** Largest request body accepted (1 MiB); anything bigger is answered with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this many bytes a too-large body is no longer drained but the socket is dropped. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/** One entry of a FastAPI validation error (`422`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** A thrown error that becomes an HTTP response: `{"detail": ...}` with the given status and headers. */
export class HttpError extends Error {
  readonly status: number;
  readonly detail: string | ValidationIssue[];
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string | ValidationIssue[], headers: Record<string, string> = {}) {
    super(typeof detail === 'string' ? detail : 'Validation error');
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

/** A `401` carrying `WWW-Authenticate: Bearer`, as every 401 must. */
export function unauthorized(detail: string): HttpError {
  return new HttpError(401, detail, { 'WWW-Authenticate': 'Bearer' });
}

/** A FastAPI-shaped `422` with the given issues. */
export function validationError(issues: ValidationIssue[]): HttpError {
  return new HttpError(422, issues);
}

/** What a route handler returns: a JSON reply (`body` undefined means an empty body) or "already handled". */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | { handled: true };

/** Writes a JSON response (or an empty one when `body` is undefined). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, { ...headers, 'Content-Length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Sends an {@link HttpError} as `{"detail": ...}`. */
export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { detail: err.detail }, err.headers);
}

/**
 * Reads the whole request body, at most {@link MAX_BODY_BYTES}. A bigger body is drained (so the client can read
 * the answer) and then rejected with a `413` {@link HttpError}.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
      req.socket.destroy();
      reject(new HttpError(413, 'Request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (size > MAX_DRAIN_BYTES) {
        req.socket.destroy();
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new HttpError(413, 'Request body too large', { Connection: 'close' }));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'Request aborted'));
    });
  });
}

/** The media type of a request (`type/subtype`, lower case, no parameters), or '' when absent. */
export function mediaType(req: IncomingMessage): string {
  const raw = req.headers['content-type'] ?? '';
  return raw.split(';')[0]!.trim().toLowerCase();
}

/** Whether a media type is JSON (`application/json` or any `+json` type). */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Parses a JSON request body the way FastAPI does for a body model: missing body → `missing`, unparseable →
 * `json_invalid`, wrong content type or not an object → `model_attributes_type`. Returns the object.
 */
export function parseJsonObject(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = mediaType(req);
  if (body.length === 0) {
    throw validationError([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
  }
  if (type !== '' && !isJsonType(type)) {
    throw validationError([notAnObject()]);
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw validationError([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw validationError([notAnObject()]);
  }
  return value as Record<string, unknown>;
}

function notAnObject(): ValidationIssue {
  return {
    loc: ['body'],
    msg: 'Input should be a valid dictionary or object to extract fields from',
    type: 'model_attributes_type',
  };
}

/**
 * Validates an optional string field of a body object (pydantic-style messages). Returns the string, `undefined`
 * when absent, or `null` when explicitly null and `nullable`; pushes an issue otherwise.
 */
export function stringField(
  obj: Record<string, unknown>,
  name: string,
  rules: { required?: boolean; min?: number; max?: number; nullable?: boolean },
  issues: ValidationIssue[],
): string | null | undefined {
  const loc = ['body', name];
  if (!(name in obj) || obj[name] === undefined) {
    if (rules.required) issues.push({ loc, msg: 'Field required', type: 'missing' });
    return undefined;
  }
  const value = obj[name];
  if (value === null && rules.nullable) return null;
  if (typeof value !== 'string') {
    issues.push({ loc, msg: 'Input should be a valid string', type: 'string_type' });
    return undefined;
  }
  const len = [...value].length;
  if (rules.min !== undefined && len < rules.min) {
    const unit = rules.min === 1 ? 'character' : 'characters';
    issues.push({ loc, msg: `String should have at least ${rules.min} ${unit}`, type: 'string_too_short' });
    return undefined;
  }
  if (rules.max !== undefined && len > rules.max) {
    issues.push({ loc, msg: `String should have at most ${rules.max} characters`, type: 'string_too_long' });
    return undefined;
  }
  return value;
}

/** Validates an integer query parameter (pydantic-style messages); returns `fallback` when absent. */
export function intQuery(
  url: URL,
  name: string,
  fallback: number,
  bounds: { min?: number; max?: number },
  issues: ValidationIssue[],
): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const loc = ['query', name];
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    issues.push({ loc, msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' });
    return fallback;
  }
  const value = Number.parseInt(raw, 10);
  if (bounds.min !== undefined && value < bounds.min) {
    issues.push({ loc, msg: `Input should be greater than or equal to ${bounds.min}`, type: 'greater_than_equal' });
  } else if (bounds.max !== undefined && value > bounds.max) {
    issues.push({ loc, msg: `Input should be less than or equal to ${bounds.max}`, type: 'less_than_equal' });
  }
  return value;
}
