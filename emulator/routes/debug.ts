/**
 * Test-only routes, registered only when faults are enabled: the `/__faults` control endpoint, `/api/v1/__echo`,
 * `/api/v1/__bytes` and `/api/v1/__json`. Their behaviour is documented in `../faults.ts`.
 */
import { FaultController, MAX_STREAM_BYTES, parseFaultSpec, streamBytes } from '../faults';
import { itemsJson } from '../items-json';
import { intQuery, parseJsonObject, validationError, type ValidationIssue } from '../http-util';
import type { RouteContext, Router } from '../router';

/** Largest `__json` document: 64 MiB. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

function echo({ req, res, url, body }: RouteContext): { status: number; body?: unknown } | { handled: true } {
  const issues: ValidationIssue[] = [];
  const status = intQuery(url, 'status', 200, { min: 200, max: 599 }, issues);
  if (issues.length > 0) throw validationError(issues);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? all[0]! : all;
  }
  let json: unknown = null;
  try {
    json = body.length > 0 ? JSON.parse(body.toString('utf8')) : null;
  } catch {
    json = null;
  }
  if (status === 204 || status === 304) {
    res.writeHead(status);
    res.end();
    return { handled: true };
  }
  return {
    status,
    body: {
      method: req.method,
      path: url.pathname,
      query,
      headers: req.headers,
      body: body.toString('utf8'),
      body_base64: body.toString('base64'),
      json,
      length: body.length,
    },
  };
}

/** Registers the debug routes for one emulator's fault controller. */
export function registerDebugRoutes(router: Router, faults: FaultController): void {
  router.add('GET', '/__faults', () => ({ status: 200, body: { faults: faults.list() } }));
  router.add('POST', '/__faults', ({ req, body }) => {
    faults.add(parseFaultSpec(parseJsonObject(req, body)));
    return { status: 200, body: { faults: faults.list() } };
  });
  router.add('DELETE', '/__faults', () => {
    faults.clear();
    return { status: 200, body: { faults: [] } };
  });

  router.add('*', '/api/v1/__echo', echo);

  router.add('GET', '/api/v1/__json', ({ res, url }) => {
    const issues: ValidationIssue[] = [];
    const size = intQuery(url, 'size', 1024, { min: 64, max: MAX_JSON_BYTES }, issues);
    if (issues.length > 0) throw validationError(issues);
    const body = Buffer.from(itemsJson(size), 'utf8');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
    res.end(body);
    return { handled: true };
  });

  router.add('GET', '/api/v1/__bytes', ({ res, url }) => {
    const issues: ValidationIssue[] = [];
    const size = intQuery(url, 'size', 1024, { min: 0, max: MAX_STREAM_BYTES }, issues);
    if (issues.length > 0) throw validationError(issues);
    const type = url.searchParams.get('type') || 'application/octet-stream';
    const textual = type.startsWith('text/') || type.includes('json');
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(size) });
    streamBytes(res, size, (offset, length) => {
      if (textual) return Buffer.alloc(length, 'a');
      const out = Buffer.allocUnsafe(length);
      for (let i = 0; i < length; i++) out[i] = (offset + i) & 0xff;
      return out;
    });
    return { handled: true };
  });
}
