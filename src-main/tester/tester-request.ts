/**
 * Builds the HTTP request for a composed tester request, before any credential is involved: the URL pinned to the
 * active environment (origin and base path), the headers checked, the body encoded and a JSON body validated.
 * Pure: anything it refuses is refused before a byte is sent.
 */
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import { jsonSyntaxError } from '../../src-shared/json-syntax';
import { redactText } from '../../src-shared/redaction';
import type { ComposedRequest, HttpMethod } from '../../src-shared/tester';
import { composeUrl, pinProblem, wireBody, wireHeaders } from '../../src-shared/tester-wire';
import { looksLikeCurl } from '../../src-shared/curl';

/** The refusal of a curl command typed or pasted as the path: it would be sent literally and answer 404. */
export const CURL_AS_PATH =
  'The path is a curl command, not a path. Use Import curl (or paste it into the path again) to fill the request from it. Nothing was sent.';

/** A request ready to send (without the credential, which the runner adds). */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  headers: [string, string][];
  body: string | undefined;
  /** Things the user should know about what was (not) sent, such as a typed Authorization header dropped. */
  notes: string[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** How an address is shown in a refusal: its origin, plus the base path when the environment has one. */
function describe(url: URL, withPath: boolean): string {
  const origin = url.origin !== 'null' ? url.origin : `${url.protocol}${url.host ? `//${url.host}` : ''}`;
  return withPath ? `${origin}${url.pathname.replace(/\/+$/, '')}` : origin;
}

function originRefused(target: string, environment: string): AppError {
  return {
    kind: 'origin-refused',
    message: `This request would go to ${target}, not to the active environment (${environment}). The app only sends your credential to the active environment.`,
  };
}

/**
 * Checks that a URL stays inside the environment: same scheme, host and port as the base URL, under its base
 * path, and with no user name or password. Returns the refusal, or null when the URL may be sent.
 */
export function checkPinned(baseUrl: string | URL, target: URL): AppError | null {
  const base = typeof baseUrl === 'string' ? new URL(baseUrl) : baseUrl;
  switch (pinProblem(base, target)) {
    case null:
      return null;
    case 'origin':
      return originRefused(describe(target, false), describe(base, base.pathname.replace(/\/+$/, '') !== ''));
    case 'path':
      return originRefused(`${target.origin}${target.pathname}`, describe(base, true));
    case 'encoded-path':
      return {
        kind: 'origin-refused',
        message: `This path has an encoded "/" or "\\" or a ".." segment (percent-encoded, perhaps more than once), which a server may decode to step out of the active environment (${describe(base, true)}). The app only sends your credential inside the environment's base path. Nothing was sent.`,
      };
    case 'credentials':
      return {
        kind: 'origin-refused',
        message:
          'This request has a user name or password in its URL. The app only sends the active account\'s credential, as an Authorization header; remove the part before "@".',
      };
  }
}

/** The API key reveal answers a key exactly once; the tester never shows keys, so the key would be lost. */
export const REVEAL_REFUSED =
  'The request tester does not reveal API keys: a key is shown exactly once, and the tester never shows credentials. Reveal it on the API key screen. Nothing was sent.';

function isRevealCall(base: URL, method: HttpMethod, target: URL): boolean {
  if (method !== 'POST') return false;
  const basePath = base.pathname.replace(/\/+$/, '');
  let path = target.pathname.slice(basePath.length);
  try {
    path = decodeURIComponent(path); // servers decode `%6c` as `l`
  } catch {
    // an undecodable path is compared as is
  }
  path = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '').toLowerCase();
  return path === '/api/v1/users/me/api-key/reveal';
}

function invalid(message: string): AppError {
  return { kind: 'invalid-input', message };
}

function checkHeaders(headers: [string, string][]): AppError | null {
  for (const [name, value] of headers) {
    const shown = redactText(name).slice(0, 80);
    if (!TOKEN.test(name)) return invalid(`"${shown}" is not a valid header name. Nothing was sent.`);
    if (/[\r\n\0]/.test(value)) return invalid(`The ${shown} header contains a line break. Nothing was sent.`);
    if ([...value].some((ch) => ch.codePointAt(0)! > 0xff)) {
      return invalid(
        `The ${shown} header contains characters an HTTP header cannot carry (only Latin-1). Encode the value, for example with percent-encoding. Nothing was sent.`,
      );
    }
  }
  return null;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function checkBody(request: ComposedRequest, body: string | undefined): AppError | null {
  if (body !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
    return invalid(`A ${request.method} request cannot carry a body. Choose "none" as the body, or another method. Nothing was sent.`);
  }
  if (request.body.kind === 'json' && body !== undefined) {
    // JSON.parse accepts exactly the JSON grammar and is fast; the scanner runs only to word what is wrong.
    const problem = isJson(body) ? null : jsonSyntaxError(body);
    if (problem) {
      return invalid(
        `The JSON body is not valid: ${problem.reason} at line ${problem.line}, column ${problem.column} (position ${problem.position}). Nothing was sent.`,
      );
    }
  }
  return null;
}

/**
 * Turns a composed request into the request to send against `baseUrl`, or refuses it: `origin-refused` when the
 * URL would leave the active environment, `invalid-input` for a bad path, header or JSON body.
 */
export function prepareRequest(baseUrl: string, request: ComposedRequest): Result<PreparedRequest> {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return fail(invalid("The active environment's address is not a valid URL."));
  }
  if (looksLikeCurl(request.path)) return fail(invalid(CURL_AS_PATH));
  let target: URL;
  try {
    target = new URL(composeUrl(baseUrl, request), base);
  } catch {
    return fail(invalid('The path is not a valid URL path or URL. Nothing was sent.'));
  }
  const refused = checkPinned(base, target);
  if (refused) return fail(refused);
  if (isRevealCall(base, request.method, target)) return fail(invalid(REVEAL_REFUSED));
  const body = wireBody(request.body);
  const { headers, notes } = wireHeaders(request, body);
  const headerProblem = checkHeaders(headers);
  if (headerProblem) return fail(headerProblem);
  const bodyProblem = checkBody(request, body);
  if (bodyProblem) return fail(bodyProblem);
  // The fragment is never sent (composeUrl drops a typed one); a `#` in a serialised URL can only start one.
  let url = target.href;
  if (url.includes('#')) {
    target.hash = '';
    url = target.href;
  }
  return ok({ method: request.method, url, headers, body, notes });
}
