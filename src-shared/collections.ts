/**
 * Collections: saved requests as plain `.http` files (the format JetBrains' HTTP Client and VS Code's REST Client
 * read), in folders the user picks, with non-secret variables per environment beside them in
 * `http-client.env.json`. What crosses IPC about them. A saved request never holds a credential: the app's own
 * Authorization is implied, and main refuses to write anything that looks like one (`collection-secrets.ts`).
 */
import type { HttpMethod, KeyValue, RequestBody, TesterAuth } from './tester';

/** The file beside a collection's `.http` files that holds its environments' variables (JetBrains' convention). */
export const ENVIRONMENT_FILE = 'http-client.env.json';

/** The id of the collection in the app's data folder, which always exists. */
export const DEFAULT_COLLECTION_ID = 'default';

/** The extensions of the files a collection lists (REST Client also reads `.rest`). */
export const COLLECTION_FILE_EXTENSIONS = ['.http', '.rest'] as const;

/** The file a request is saved to when the user names none. */
export const DEFAULT_COLLECTION_FILE = 'requests.http';

/** A name/value pair of a collection's variables (no `enabled`: a variable is defined or it is not). */
export interface Variable {
  name: string;
  value: string;
}

/**
 * A request as a collection keeps it. `path` is what follows the environment's base URL (written `{{baseUrl}}…` in
 * the file); a request line with another URL (a full URL, or another variable first) keeps it as written, and the
 * tester's pin rule judges it at send time. `query` and `headers` are what is sent (a disabled row is not saved).
 * `auth` null means the account's own credential; a choice made in the tester is kept as a `# @deepcurrent-auth`
 * line, which both tools ignore.
 */
export interface CollectionRequest {
  name: string;
  method: HttpMethod;
  path: string;
  query: KeyValue[];
  headers: KeyValue[];
  body: RequestBody;
  auth: TesterAuth | null;
}

/** A saved request as listed: the request, where it is, and what the app could not read of it. */
export interface SavedRequest {
  /** Stable while the file does not change: `<file>#<index of the request in the file>`. */
  id: string;
  request: CollectionRequest;
  /** What of the file's request the app leaves aside (a response handler, a body read from a file…), in words. */
  notes: string[];
}

/** One `.http` file of a collection. */
export interface CollectionFile {
  /** The file's name in the collection's folder (`items.http`). */
  file: string;
  requests: SavedRequest[];
  /** The file's own `@name = value` variables. */
  variables: Variable[];
  /** Requests and lines the app cannot use (an unsupported method, a `curl` line…), in words; empty when none. */
  problems: string[];
}

/** A collection's environments, as its `http-client.env.json` has them. */
export interface CollectionEnvironment {
  name: string;
  variables: Variable[];
}

/** One collection: a folder of `.http` files. */
export interface CollectionSummary {
  id: string;
  /** The folder's name, for lists. */
  name: string;
  /** The folder's full path, shown so the user can find it in a file manager, an IDE or git. */
  folder: string;
  isDefault: boolean;
  files: CollectionFile[];
  environments: CollectionEnvironment[];
  /** Why the folder could not be read (gone, no permission), or null. */
  error: string | null;
}

/**
 * The collections as main sees them now. `revision` changes whenever a watched folder changes (an edit made on
 * disk, or a save); `collections` is null when the caller's `since` is still current (nothing to send again).
 */
export interface CollectionsOverview {
  revision: number;
  collections: CollectionSummary[] | null;
  /** Whether this host can show a folder picker (the desktop app can; the browser preview cannot). */
  canPickFolder: boolean;
}

/** What a save wrote. */
export interface SavedTo {
  collectionId: string;
  file: string;
  name: string;
  /** True when a request of that name was replaced. */
  replaced: boolean;
}

/** What an import wrote. */
export interface ImportedInto {
  collectionId: string;
  file: string;
  count: number;
  /** What was left out, in words (an endpoint without a supported method, a request that held a credential…). */
  notes: string[];
}

/**
 * The environment name a collection uses for an app environment, by default: `local`, `production`, or the host
 * of a custom base URL (`api.example.com`).
 */
export function collectionEnvironmentName(environment: { kind: 'local' } | { kind: 'production' } | { kind: 'custom'; baseUrl: string }): string {
  if (environment.kind !== 'custom') return environment.kind;
  try {
    return new URL(environment.baseUrl).host;
  } catch {
    return 'custom';
  }
}

/** The file-name rule of a collection file: a plain name (letters, digits, space, `.`, `_`, `-`) ending `.http` or `.rest`. */
export const COLLECTION_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9 ._-]{0,99}\.(http|rest)$/;

/** A file name the user typed, made a collection file name (`My items` → `My items.http`), or null when it cannot be. */
export function collectionFileName(typed: string): string | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  const named = /\.(http|rest)$/i.test(trimmed) ? trimmed.replace(/\.(http|rest)$/i, (ext) => ext.toLowerCase()) : `${trimmed}.http`;
  return COLLECTION_FILE_NAME.test(named) && !named.includes('..') ? named : null;
}
