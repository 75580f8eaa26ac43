/**
 * The request tester's data: what the renderer composes, what comes back, and the history entries.
 * A composed request never carries the account's credential: the main process adds it at send time.
 */
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
  historyId: string;
}

/** One history entry, already redacted: safe to store and to show. */
export interface HistoryEntry {
  id: string;
  at: string;
  request: ComposedRequest;
  status: number | null;
  /** The error kind when no response came back. */
  errorKind: string | null;
  durationMs: number;
  credentialKind: TesterAuth;
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
}

export const HISTORY_LIMIT = 200;
