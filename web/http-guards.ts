/**
 * The start:web bridge's guards over plain `node:http`: the one-time token (compared in constant time), the
 * DNS-rebinding guard on `Host`, the `Origin` check, the JSON content type, and a capped body reader. Each answer
 * that refuses a call is a JSON Result, so the page can show it like any other error.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostHeaderAllowed } from '../emulator/host-check';
import type { AppError } from '../src-shared/errors';

/** The largest IPC body accepted (the tester's 5 MB body plus its envelope). */
const MAX_IPC_BODY_BYTES = 6 * 1024 * 1024;

/** A fresh one-time token: 32 random bytes, base64url. */
export function newBridgeToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True when `presented` equals `token`, compared in constant time (whatever the lengths). */
export function tokenMatches(presented: unknown, token: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  return timingSafeEqual(digest(presented), digest(token)) && presented.length === token.length;
}

/** The one header value of a request (a repeated header counts as absent). */
export function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** True when the request was addressed to the bridge itself (`Host: 127.0.0.1:<port>`), not a rebound name. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return hostHeaderAllowed(singleHeader(req, 'host'), port, ['127.0.0.1']);
}

/** True when the request has no `Origin` or comes from the bridge's own origin. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}`;
}

/** True for `application/json`, with or without parameters. */
export function isJsonContentType(req: IncomingMessage): boolean {
  const type = singleHeader(req, 'content-type');
  return !!type && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Thrown by {@link readCappedBody} when the body passes the cap. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('body too large');
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads the whole body, refusing once it passes `limit` bytes. A refused body is still drained (and dropped), up to
 * four times the limit, so that the client can read the 413 answer; past that the connection is cut.
 */
export function readCappedBody(req: IncomingMessage, limit = MAX_IPC_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      reject(new BodyTooLargeError());
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > limit * 4) req.destroy();
        return;
      }
      if (size > limit) return refuse();
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!refused) reject(err);
      refused = true;
    });
  });
}

/** Sends a JSON body with the given status and no caching. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/** Sends a failed Result. */
export function sendError(res: ServerResponse, status: number, error: AppError): void {
  sendJson(res, status, { ok: false, error });
}
