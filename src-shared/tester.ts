/**
 * The request tester's data: what the renderer composes, what comes back, and the history entries.
 * A composed request never carries the account's credential: the main process adds it at send time.
 */
import type { Environment } from './environments';
import type { AppError } from './errors';
import type { AccountSummary } from './models';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type TesterAuth = 'api-key' | 'token' | 'none';

export interface KeyValue {
  name: string;
  value: string;
  enabled: boolean;
}

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; text: string }
  | { kind: 'form'; fields: KeyValue[] }
  | { kind: 'text'; text: string; contentType?: string };

/** What the user composed. `path` is relative to the active environment's base URL. */
export interface ComposedRequest {
  method: HttpMethod;
  path: string;
  query: KeyValue[];
  headers: KeyValue[];
  body: RequestBody;
  auth: TesterAuth;
}

/** Largest response body the app keeps; larger ones are cut here and marked `truncated`. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface TesterResponse {
  status: number;
  statusText: string;
  durationMs: number;
  /** Bytes received (up to the cap when `truncated`). */
  sizeBytes: number;
  headers: [string, string][];
  contentType: string;
  /** `json` bodies are pretty-printable; `binary` carries a hex summary in `text`. */
  bodyKind: 'json' | 'text' | 'binary' | 'empty';
  text: string;
  truncated: boolean;
  /** A plain-words explanation for 401/403/429 and friends, or null. */
  explanation: string | null;
  retryAfterSeconds: number | null;
  /**
   * True when the request carried the account's credential and the server rejected it (a 401, or a 403 "Could not
   * validate credentials"): main has noted it on the account, and the tester offers to sign in again.
   */
  credentialRejected: boolean;
  historyId: string;
}

/**
 * One history entry, already redacted: safe to store and to show. It belongs to the account (and environment) that
 * sent it. Its body is the redacted body while the app runs (for Load and Re-run), never in the settings file: an
 * entry read back from there, or whose body was larger than history keeps, has `body: {kind: 'none'}` and names the
 * body it had in `bodyNotKept`.
 */
export interface HistoryEntry {
  id: string;
  at: string;
  accountId: string;
  environment: Environment;
  request: ComposedRequest;
  /** The kind of body the request was sent with when history does not hold it; null when it does (or had none). */
  bodyNotKept: Exclude<RequestBody['kind'], 'none'> | null;
  status: number | null;
  /** The error kind when no response came back. */
  errorKind: string | null;
  durationMs: number;
  credentialKind: TesterAuth;
}

/**
 * The request as it went out, for the "Request as sent" view: the final URL, the headers the app set (its own
 * `Authorization` among them, masked as `Bearer dc_…ab12`; any other value that looks like a secret masked too) and
 * the body's size. Built in main from what was sent; never holds a credential.
 */
export interface RequestAsSent {
  method: HttpMethod;
  url: string;
  headers: [string, string][];
  /** Bytes of the body sent (UTF-8), or null when there was none. */
  bodyBytes: number | null;
}

/**
 * What one Send answers when the request was attempted (it left the app, or was cancelled or timed out on the way):
 * the response or why there is none, the history entry it left, and the account as main sees it after the answer
 * (a rejected credential already noted; null when the account was signed out meanwhile). A request that was never
 * sent (invalid input, not signed in, keychain, a refused URL) is a plain failure instead, and leaves no history.
 */
export interface SentRequest {
  outcome: { ok: true; response: TesterResponse } | { ok: false; error: AppError };
  historyEntry: HistoryEntry;
  account: AccountSummary | null;
  /** What went out (masked): the final URL and every header the app set. */
  asSent: RequestAsSent;
}

/** An endpoint from the environment's OpenAPI document, for the picker. */
export interface EndpointOption {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  pathParams: string[];
  exampleBody: string | null;
  needsAuth: boolean;
  /**
   * True for a sign-in: the token URL of the document's OAuth2 password flow, or a POST that the document says takes
   * no credential (`security: []`) and a form with a username and a password. It is sent without a credential,
   * with a form body.
   */
  signIn: boolean;
  /** The fields of an `application/x-www-form-urlencoded` request body, with example values; null when it takes none. */
  exampleForm: { name: string; value: string }[] | null;
}

/**
 * The endpoint picker's list: the environment's endpoints, and whether they come from the offline copy because the
 * document could not be fetched just now (`offline`, with the copy's time).
 */
export interface EndpointList {
  endpoints: EndpointOption[];
  offline: boolean;
  cachedAt: string | null;
}

/** How many history entries are kept per account, newest first. */
export const HISTORY_LIMIT = 200;
