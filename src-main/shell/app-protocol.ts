/**
 * The `app://deepcurrent/` protocol: how the packaged renderer (`out/renderer`) reaches the window without `file://`.
 *
 * Under `file://` every file on the disk shares the page's origin, so CSP `'self'` allowed a script from any folder,
 * and `fetch` could read local files (with the GrantFileProtocolExtraPrivileges fuse on). Served from one custom
 * scheme registered as standard and secure, the page has a real origin, `app://deepcurrent`, that holds nothing but
 * the renderer folder; the fuse is off (build/fuses.mjs).
 *
 * `resolveAppRequest` is the whole decision, as a function of the URL and the folder, run under Node in the tests:
 * one host only, GET and HEAD only, a path of plain segments (letters, digits, `.`, `_`, `-`; no segment starting
 * with a dot, so no `..`, no encoded separators, no backslashes, no drive letters, no double slashes), resolved
 * inside the folder and, after following symlinks, still inside it; a correct MIME type; the app's security headers
 * (the CSP among them) on every answer, refusals included. The page (`index.html`) gets a fresh style nonce per
 * answer, in its CSP header and in its text (`answerBody`). The Electron binding (`handleAppProtocol`) only turns
 * that answer into a `Response`. This file imports Electron's types only.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { buildContentSecurityPolicy, newStyleNonce, securityHeaders, withStyleNonce } from './security';

/** The scheme the packaged renderer is served from. */
export const APP_SCHEME = 'app';

/** The one host of the scheme; any other is refused. */
export const APP_HOST = 'deepcurrent';

/** The renderer's origin, as CSP source expressions and URLs write it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the window loads (the boot hint goes into its query). */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered (`protocol.registerSchemesAsPrivileged`, before `app` is ready): standard, so that
 * relative URLs resolve and the page has an origin; secure, so that it is a secure context; the fetch API, so the
 * page's module scripts load through fetch. Not `bypassCSP`, not `corsEnabled` (nothing else may read it), no
 * service workers, no code cache.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type of a file the protocol serves, by extension (`application/octet-stream` when unknown). */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** What the protocol answers: a file to send (`path`, already checked) or a short plain-text refusal (`body`). */
export interface AppAnswer {
  status: number;
  /** The real path of the file to send, inside the renderer folder. */
  path?: string;
  /** The text of a refusal. */
  body?: string;
  headers: Record<string, string>;
  /** The page's style nonce (in its CSP header), which `answerBody` puts into the page's text. */
  styleNonce?: string;
}

/** Options of {@link resolveAppRequest}. */
export interface AppRequestOptions {
  /** The request method (default GET); anything but GET and HEAD is refused. */
  method?: string;
  /**
   * The CSP to send, given the page's style nonce (null for any other file and for refusals); default: the
   * production policy naming {@link APP_ORIGIN}.
   */
  csp?: (styleNonce: string | null) => string;
}

/** One path segment the renderer's files can have: no leading dot, nothing that a decoder or a path API reads as a separator. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** The folder-relative path a URL path names, or null when it is not a plain path. */
function relativePathOf(rawPath: string): string | null {
  if (/%2f|%5c|%00/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded === '/') return 'index.html';
  if (!decoded.startsWith('/')) return null;
  const segments = decoded.slice(1).split('/');
  return segments.every((segment) => SEGMENT.test(segment)) ? segments.join('/') : null;
}

/** True when `path` lies below `root`. */
function isInside(path: string, root: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The production policy naming {@link APP_ORIGIN}, with the page's style nonce when there is one. */
function defaultCsp(styleNonce: string | null): string {
  return buildContentSecurityPolicy({ appOrigin: APP_ORIGIN, styleNonce });
}

/** A plain-text refusal with the security headers. */
function refusal(status: number, text: string, csp: string, extra: Record<string, string> = {}): AppAnswer {
  return { status, body: text, headers: { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8', ...extra } };
}

/**
 * Decides the answer to one request of the app protocol: the file of the renderer folder it names, or a refusal
 * (403 for a foreign scheme or host, a port, credentials or a path that is not plain; 404 for a missing file, a
 * folder, or a file whose real path is outside the folder; 405 for a method other than GET or HEAD). `/` is
 * `index.html`. The query and fragment are ignored (the boot hint is read by the page). Every answer carries the
 * security headers and the CSP.
 */
export async function resolveAppRequest(url: string, rendererDir: string, options: AppRequestOptions = {}): Promise<AppAnswer> {
  const policy = options.csp ?? defaultCsp;
  const csp = policy(null);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refusal(403, 'Forbidden', csp);
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') {
    return refusal(403, 'Forbidden', csp);
  }
  const method = (options.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, 'Method not allowed', csp, { Allow: 'GET, HEAD' });
  const relative = relativePathOf(parsed.pathname);
  if (relative === null) return refusal(403, 'Forbidden', csp);

  try {
    const root = await realpath(rendererDir);
    const file = await realpath(join(root, ...relative.split('/')));
    if (!isInside(file, root) || !(await stat(file)).isFile()) return refusal(404, 'Not found', csp);
    if (file === join(root, 'index.html')) {
      const styleNonce = newStyleNonce();
      return { status: 200, path: file, styleNonce, headers: { ...securityHeaders(policy(styleNonce)), 'Content-Type': contentTypeOf(file) } };
    }
    return { status: 200, path: file, headers: { ...securityHeaders(csp), 'Content-Type': contentTypeOf(file) } };
  } catch {
    return refusal(404, 'Not found', csp);
  }
}

/** The bytes of an answer with a file: the file, and for the page, its text with the answer's style nonce in it. */
export async function answerBody(answer: AppAnswer & { path: string }): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await readFile(answer.path);
  if (!answer.styleNonce) return new Uint8Array(bytes);
  return new TextEncoder().encode(withStyleNonce(bytes.toString('utf8'), answer.styleNonce));
}

/** Registers the scheme's privileges (Electron's `protocol`, before `app` is ready; Electron allows one call). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/**
 * Serves the renderer folder on the protocol of the session the window uses (`session.defaultSession.protocol`,
 * after `app` is ready), with the answers of {@link resolveAppRequest}. A file that cannot be read is a 404.
 */
export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  options: { csp?: (styleNonce: string | null) => string; log?: (message: string) => void } = {},
): void {
  const log = options.log ?? (() => {});
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await resolveAppRequest(request.url, rendererDir, { method: request.method, csp: options.csp });
    const head = request.method.toUpperCase() === 'HEAD';
    if (answer.path === undefined) {
      log(`[app-protocol] refused a request (${answer.status})`);
      return new Response(head ? null : (answer.body ?? null), { status: answer.status, headers: answer.headers });
    }
    try {
      const bytes = await answerBody({ ...answer, path: answer.path });
      return new Response(head ? null : bytes, { status: answer.status, headers: answer.headers });
    } catch {
      const missing = refusal(404, 'Not found', (options.csp ?? defaultCsp)(null));
      return new Response(head ? null : missing.body, { status: missing.status, headers: missing.headers });
    }
  });
}
