/**
 * A collection's request (`CollectionRequest`, what the tester edits) and a `.http` request, both ways:
 * - the URL: a path below the environment is written `{{baseUrl}}/path` (the active environment's base URL, whatever
 *   an env file says), `{id}` placeholders as `{{id}}`, the query rows after `?`; read back the same way;
 * - the body's kind from the `Content-Type` header: JSON, form fields (`a=1&b=2`, also over several `&` lines as REST
 *   Client writes them), or text with its type; the header the app would add itself is not written twice;
 * - the tester's Auth choice as a `# @deepcurrent-auth` tag (absent: the account's own credential).
 * What a file's request has that the app does not do (a body read from a file, scripts) is said in `notes`.
 */
import type { CollectionRequest } from '../../src-shared/collections';
import { joinQuery, splitAtQuery, splitQuery } from '../../src-shared/query-text';
import { HTTP_METHODS, type HttpMethod, type KeyValue, type RequestBody, type TesterAuth } from '../../src-shared/tester';
import { defaultContentType } from '../../src-shared/tester-wire';
import { BASE_URL_VARIABLE, placeholdersToVariables } from '../../src-shared/variables';
import type { HttpHeader, HttpRequest, HttpTag } from './http-file-model';

/** The tag that keeps the tester's Auth choice. */
export const AUTH_TAG = 'deepcurrent-auth';

const BASE_URL_PREFIX = new RegExp(`^\\{\\{\\s*${BASE_URL_VARIABLE}\\s*\\}\\}`);
const AUTHS: readonly TesterAuth[] = ['api-key', 'token', 'none'];

function mediaType(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

function isJsonType(value: string): boolean {
  const type = mediaType(value);
  return type === 'application/json' || type.endsWith('+json');
}

/** The `.http` URL of a request: `{{baseUrl}}` before a path below the environment, the query rows after it. */
export function requestUrl(request: Pick<CollectionRequest, 'path' | 'query'>): string {
  const path = placeholdersToVariables(request.path.trim());
  const url = path.startsWith('/') ? `{{${BASE_URL_VARIABLE}}}${path}` : path;
  const query = joinQuery(request.query);
  if (query === '') return url;
  return `${url}${!url.includes('?') ? '?' : url.endsWith('?') || url.endsWith('&') ? '' : '&'}${query}`;
}

/** The body's text as a file holds it (no trailing line breaks: a file cannot tell them from the blank lines after). */
function bodyText(body: RequestBody): string | null {
  switch (body.kind) {
    case 'none':
      return null;
    case 'json':
    case 'text':
      return body.text.replace(/[\r\n]+$/, '').replace(/\r\n/g, '\n') || null;
    case 'form':
      return joinQuery(body.fields) || null;
  }
}

/** A `CollectionRequest` as a `.http` request. */
export function toHttpRequest(request: CollectionRequest): HttpRequest {
  const headers: HttpHeader[] = request.headers
    .filter((row) => row.enabled && row.name.trim() !== '')
    .map((row) => ({ name: row.name.trim(), value: row.value.trim() }));
  const body = bodyText(request.body);
  const typed = headers.some((h) => h.name.toLowerCase() === 'content-type');
  if (body !== null && !typed) {
    const type = request.body.kind === 'text' ? (request.body.contentType?.trim() ?? '') : (defaultContentType(request.body) ?? '');
    if (type !== '') headers.push({ name: 'Content-Type', value: type });
  }
  const tags: HttpTag[] = request.auth ? [{ name: AUTH_TAG, value: request.auth }] : [];
  return { name: request.name, method: request.method, url: requestUrl(request), httpVersion: null, headers, body, tags };
}

/** What reading a file's request gave: the request, or why the app cannot use it. */
export type MappedRequest = { ok: true; request: CollectionRequest; notes: string[] } | { ok: false; problem: string };

function rows(headers: HttpHeader[]): KeyValue[] {
  return headers.map((h) => ({ name: h.name, value: h.value, enabled: true }));
}

/** The body of a file's request, and the headers left once the body's kind carries its type. */
function readBody(text: string | null, headers: KeyValue[], notes: string[]): { body: RequestBody; headers: KeyValue[] } {
  if (text === null) return { body: { kind: 'none' }, headers };
  if (/^<\s+\S/.test(text)) {
    notes.push(`Its body is read from a file (${text.split('\n')[0]!.trim()}), which the app does not do: it has no body here.`);
    return { body: { kind: 'none' }, headers };
  }
  const typeRow = headers.find((h) => h.name.toLowerCase() === 'content-type');
  const type = typeRow?.value ?? '';
  const without = (exactly: string) => (typeRow && typeRow.value.trim().toLowerCase() === exactly ? headers.filter((h) => h !== typeRow) : headers);
  if (isJsonType(type)) return { body: { kind: 'json', text }, headers: without('application/json') };
  if (mediaType(type) === 'application/x-www-form-urlencoded') {
    const joined = text.split('\n').map((line) => line.trim()).join('');
    const pieces = joined.split('&').filter((p) => p !== '');
    if (pieces.length > 0 && pieces.every((p) => p.includes('='))) {
      return { body: { kind: 'form', fields: splitQuery(joined) }, headers: without('application/x-www-form-urlencoded') };
    }
  }
  if (mediaType(type).startsWith('multipart/')) notes.push('Its multipart body is sent as text, exactly as written (files it names are not read).');
  if (typeRow) return { body: { kind: 'text', text, contentType: typeRow.value }, headers: headers.filter((h) => h !== typeRow) };
  return { body: { kind: 'text', text }, headers };
}

/** A file's request as a `CollectionRequest`, with notes; a method the tester does not send is a problem. */
export function fromHttpRequest(request: HttpRequest, extra: { preScript: boolean; responseHandler: boolean }): MappedRequest {
  const method = (request.method ?? 'GET') as HttpMethod;
  if (!HTTP_METHODS.includes(method)) {
    return { ok: false, problem: `${request.name ?? request.url}: ${request.method} requests are not something the tester sends.` };
  }
  const notes: string[] = [];
  let url = request.url.trim();
  const base = BASE_URL_PREFIX.exec(url);
  if (base) url = url.slice(base[0].length) || '/';
  const { path, query } = splitAtQuery(url);
  const { body, headers } = readBody(request.body, rows(request.headers), notes);
  const authTag = request.tags.find((t) => t.name.toLowerCase() === AUTH_TAG)?.value.trim() as TesterAuth | undefined;
  if (extra.preScript) notes.push('Its pre-request script stays in the file; the app does not run it.');
  if (extra.responseHandler) notes.push('Its response handler stays in the file; the app does not run it.');
  const name = request.name?.trim() || `${method} ${path}`;
  return {
    ok: true,
    request: {
      name,
      method,
      path: base && !path.startsWith('/') ? `/${path}` : path,
      query: query === null ? [] : splitQuery(query),
      headers,
      body,
      auth: authTag && AUTHS.includes(authTag) ? authTag : null,
    },
    notes,
  };
}
