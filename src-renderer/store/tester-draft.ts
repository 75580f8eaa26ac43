/**
 * The request tester's editable draft and its pure helpers: validation, and conversion to and from the contract's
 * `ComposedRequest`. A draft never holds the account's credential; the main process adds it at send time.
 */
import { looksLikeCurl } from '../../src-shared/curl';
import type { AccountSummary } from '../../src-shared/models';
import type { ComposedRequest, HttpMethod, KeyValue, RequestBody, TesterAuth } from '../../src-shared/tester';
import { pathPart, urlFrom } from './tester-url';

/** A key/value row with a stable id for the editor. */
export interface Row extends KeyValue {
  id: string;
}

export type BodyKind = RequestBody['kind'];

/** What the tester's editor holds. Each body kind keeps its own text, so switching kinds loses nothing. */
export interface TesterDraft {
  method: HttpMethod;
  path: string;
  query: Row[];
  headers: Row[];
  bodyKind: BodyKind;
  jsonText: string;
  formFields: Row[];
  text: string;
  textContentType: string;
  /** Null: the account's own credential (its session token when signed in with a password, else its key). */
  auth: TesterAuth | null;
  /** The endpoint last chosen in the picker, or ''. */
  endpointId: string;
  /** The saved request this draft was opened from or last saved as (its file's variables apply); absent for none. */
  source?: DraftSource | null;
  /** Values given in the Variables table for `{{name}}` and `{id}` (this session only, never saved). */
  variables?: Record<string, string>;
}

/** Where a draft's saved request lives: a collection, a file in it, and the request's name. */
export interface DraftSource {
  collectionId: string;
  file: string;
  name: string;
}

/** Why a curl command typed or pasted as the path cannot be sent. */
export const CURL_IN_PATH = 'This is a curl command, not a path. Use Import curl to fill the request from it.';

let rowSeq = 0;

/** A new, enabled row. */
export function newRow(name = '', value = '', enabled = true): Row {
  rowSeq += 1;
  return { id: `row-${rowSeq}`, name, value, enabled };
}

/** The draft a fresh tester starts with. */
export function emptyDraft(): TesterDraft {
  return {
    method: 'GET',
    path: '/api/v1/users/me',
    query: [],
    headers: [],
    bodyKind: 'none',
    jsonText: '',
    formFields: [],
    text: '',
    textContentType: 'text/plain',
    auth: null,
    endpointId: '',
    source: null,
    variables: {},
  };
}

/** Explains why a JSON body cannot be sent, or null when it parses. */
export function jsonProblem(text: string): string | null {
  if (text.trim() === '') return 'Enter a JSON body, or choose None.';
  try {
    JSON.parse(text);
    return null;
  } catch (err: unknown) {
    return `Invalid JSON: ${err instanceof Error ? err.message : 'it does not parse'}.`.replace(/\.\.$/, '.');
  }
}

/** Explains why the draft cannot be sent yet, or null. */
export function draftProblem(draft: TesterDraft): string | null {
  const path = draft.path.trim();
  if (path === '') return 'Enter a path, such as /api/v1/users/me.';
  if (looksLikeCurl(path)) return CURL_IN_PATH;
  const placeholder = /\{\{?([^{}]+)\}\}?/.exec(path);
  if (placeholder) return `Give {${placeholder[1]}} a value under Variables, or replace it in the path.`;
  if (draft.bodyKind === 'json') return jsonProblem(draft.jsonText);
  return null;
}

const rows = (list: Row[]): KeyValue[] =>
  list.filter((r) => r.name !== '' || r.value !== '').map(({ name, value, enabled }) => ({ name, value, enabled }));

function bodyOf(draft: TesterDraft): RequestBody {
  switch (draft.bodyKind) {
    case 'none':
      return { kind: 'none' };
    case 'json':
      return { kind: 'json', text: draft.jsonText };
    case 'form':
      return { kind: 'form', fields: rows(draft.formFields) };
    case 'text':
      return draft.textContentType.trim()
        ? { kind: 'text', text: draft.text, contentType: draft.textContentType.trim() }
        : { kind: 'text', text: draft.text };
  }
}

/** The request to send for a draft. */
/** The credential the draft sends for this account: the one chosen under Auth, else the default main decided. */
export function draftAuth(draft: TesterDraft, account: AccountSummary | null): TesterAuth {
  return draft.auth ?? account?.defaultAuth ?? 'none';
}

/** The draft as the request to send (or to write as a snippet) for this account. */
export function toComposed(draft: TesterDraft, account: AccountSummary | null): ComposedRequest {
  const auth = draftAuth(draft, account);
  return {
    method: draft.method,
    // The URL field holds the query too; the rows are what is sent (see tester-url.ts).
    path: pathPart(draft.path.trim()),
    query: rows(draft.query),
    headers: rows(draft.headers),
    body: bodyOf(draft),
    auth,
  };
}

const toRows = (list: KeyValue[]): Row[] => list.map((kv) => newRow(kv.name, kv.value, kv.enabled));

/** A draft loaded from a (redacted) history entry, a saved request or a pasted curl command. */
export function fromComposed(request: ComposedRequest): TesterDraft {
  const draft: TesterDraft = {
    ...emptyDraft(),
    method: request.method,
    ...urlFrom(request.path, toRows(request.query)),
    headers: toRows(request.headers),
    bodyKind: request.body.kind,
    auth: request.auth,
  };
  const body = request.body;
  if (body.kind === 'json') draft.jsonText = body.text;
  if (body.kind === 'form') draft.formFields = toRows(body.fields);
  if (body.kind === 'text') {
    draft.text = body.text;
    draft.textContentType = body.contentType ?? '';
  }
  return draft;
}

/** A fresh id for a request in flight (used to cancel it). */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
