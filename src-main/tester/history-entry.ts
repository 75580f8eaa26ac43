/**
 * One request tester history entry: built from a finished (or failed) request, redacted and bounded; its form in the
 * settings file (never a body); and an entry read back from the settings file made safe again (an older version
 * wrote bodies, untagged entries and secrets the old redaction missed).
 */
import type { Environment } from '../../src-shared/environments';
import { redactComposedRequest } from '../../src-shared/redaction';
import {
  HTTP_METHODS,
  type ComposedRequest,
  type HistoryEntry,
  type HttpMethod,
  type KeyValue,
  type RequestBody,
  type TesterAuth,
} from '../../src-shared/tester';

/** What a finished (or failed) request leaves in history. */
export interface HistoryRecord {
  id: string;
  /** When the request was sent (ms since the epoch). */
  startedAt: number;
  /** The account that sent it, and its environment. */
  accountId: string;
  environment: Environment;
  request: ComposedRequest;
  status: number | null;
  errorKind: string | null;
  durationMs: number;
}

/**
 * What history keeps of a request at most: a body of 16 KiB (a larger one is not kept at all: a cut body could not
 * be re-run), 1 KiB per row name or value, 50 rows, a path of 4 KiB. A clipped value ends with `…`.
 */
export const HISTORY_CLIP = { bodyChars: 16 * 1024, valueChars: 1024, rows: 50, pathChars: 4096 } as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function clipRows(rows: KeyValue[]): KeyValue[] {
  return rows.map((r) => ({ name: clip(r.name, HISTORY_CLIP.valueChars), value: clip(r.value, HISTORY_CLIP.valueChars), enabled: r.enabled }));
}

function bodySize(body: RequestBody): number {
  switch (body.kind) {
    case 'none':
      return 0;
    case 'json':
    case 'text':
      return body.text.length;
    case 'form':
      return body.fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  }
}

/**
 * The request as history keeps it: cut to what is kept first (so redaction never works on more than that), then
 * redacted, then clipped. A body larger than `HISTORY_CLIP.bodyChars` is dropped (`bodyNotKept` names its kind).
 */
export function requestForHistory(request: ComposedRequest): { request: ComposedRequest; bodyNotKept: HistoryEntry['bodyNotKept'] } {
  const tooBig = request.body.kind !== 'none' && bodySize(request.body) > HISTORY_CLIP.bodyChars;
  const bounded: ComposedRequest = {
    ...request,
    query: request.query.slice(0, HISTORY_CLIP.rows),
    headers: request.headers.slice(0, HISTORY_CLIP.rows),
    body: tooBig ? { kind: 'none' } : request.body,
  };
  const redacted = redactComposedRequest(bounded);
  const body: RequestBody = redacted.body.kind === 'form' ? { kind: 'form', fields: clipRows(redacted.body.fields) } : redacted.body;
  return {
    request: {
      ...redacted,
      path: clip(redacted.path, HISTORY_CLIP.pathChars),
      query: clipRows(redacted.query),
      headers: clipRows(redacted.headers),
      body,
    },
    bodyNotKept: tooBig && request.body.kind !== 'none' ? request.body.kind : null,
  };
}

/** Builds the entry: the request redacted and bounded, the credential kind kept (never the credential). */
export function historyEntryFrom(record: HistoryRecord): HistoryEntry {
  const { request, bodyNotKept } = requestForHistory(record.request);
  return {
    id: record.id,
    at: new Date(record.startedAt).toISOString(),
    accountId: record.accountId,
    environment: record.environment,
    request,
    bodyNotKept,
    status: record.status,
    errorKind: record.errorKind,
    durationMs: record.durationMs,
    credentialKind: record.request.auth,
  };
}

/** The entry as the settings file holds it: without its body (bodies live in memory for the session only). */
export function storedForm(entry: HistoryEntry): HistoryEntry {
  const { body } = entry.request;
  if (body.kind === 'none') return entry;
  return { ...entry, request: { ...entry.request, body: { kind: 'none' } }, bodyNotKept: body.kind };
}

const BODY_KINDS = ['json', 'form', 'text'] as const;
const AUTHS: readonly TesterAuth[] = ['api-key', 'token', 'none'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function storedRows(value: unknown): KeyValue[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.name === 'string' && typeof r.value === 'string')
    .map((r) => ({ name: r.name as string, value: r.value as string, enabled: r.enabled === true }));
}

function storedEnvironment(value: unknown): Environment | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'local' || value.kind === 'production') return { kind: value.kind };
  if (value.kind === 'custom' && typeof value.baseUrl === 'string') return { kind: 'custom', baseUrl: value.baseUrl };
  return null;
}

/**
 * An entry read from the settings file, made what this version writes: tagged with an account (untagged entries,
 * from before history was kept per account, are dropped: null), no body, redacted again with today's rules.
 */
export function entryFromStored(value: unknown): HistoryEntry | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.at !== 'string' || typeof value.accountId !== 'string') return null;
  const environment = storedEnvironment(value.environment);
  const req = value.request;
  if (!environment || !isRecord(req) || typeof req.path !== 'string' || !HTTP_METHODS.includes(req.method as HttpMethod)) return null;
  if (!(typeof value.status === 'number' || value.status === null) || typeof value.durationMs !== 'number') return null;
  const auth = AUTHS.includes(req.auth as TesterAuth) ? (req.auth as TesterAuth) : 'none';
  const storedBody = isRecord(req.body) && BODY_KINDS.includes(req.body.kind as (typeof BODY_KINDS)[number]) ? (req.body.kind as (typeof BODY_KINDS)[number]) : null;
  const notKept = BODY_KINDS.includes(value.bodyNotKept as (typeof BODY_KINDS)[number]) ? (value.bodyNotKept as (typeof BODY_KINDS)[number]) : null;
  const { request } = requestForHistory({
    method: req.method as HttpMethod,
    path: req.path,
    query: storedRows(req.query),
    headers: storedRows(req.headers),
    body: { kind: 'none' },
    auth,
  });
  return {
    id: value.id,
    at: value.at,
    accountId: value.accountId,
    environment,
    request,
    bodyNotKept: notKept ?? storedBody,
    status: value.status as number | null,
    errorKind: typeof value.errorKind === 'string' ? value.errorKind : null,
    durationMs: value.durationMs,
    credentialKind: AUTHS.includes(value.credentialKind as TesterAuth) ? (value.credentialKind as TesterAuth) : auth,
  };
}
