/**
 * Turns a curl command into a tester request for the active environment (`importCurl`). Mapped: -X/--request,
 * -H/--header, -d/--data/--data-raw/--data-binary/--data-urlencode, --json, -G/--get, -I/--head, --url,
 * -A/--user-agent, -e/--referer. Recognised and never kept: `Authorization` (and any secret-named or
 * credential-looking header or query parameter), -u/--user, -b/--cookie, --oauth2-bearer; the tester offers the
 * account's own credential instead. Refused: -F/--form, a body or header read from a file (`@file`), a method the
 * tester does not send, a URL on another server (the pin rule: the app sends only to the active environment).
 * Ignored with a note: -L, -k, -s, -i and the other options that change what curl prints or how it connects.
 */
import type { CurlImport } from '../../src-shared/curl';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';
import { splitQuery } from '../../src-shared/query-text';
import { isSecretName, looksLikeCredential } from '../../src-shared/secret-patterns';
import { HTTP_METHODS, type HttpMethod, type KeyValue, type RequestBody } from '../../src-shared/tester';
import { MANAGED_HEADERS, pinProblem } from '../../src-shared/tester-wire';
import { readCurlCommand, type CurlCall, type CurlData } from './curl-options';

const FROM_FILE = (what: string) =>
  `The command reads its ${what} from a file (@…), which a pasted command cannot bring along. Paste the ${what} itself. Nothing was imported.`;

function invalid(message: string): AppError {
  return { kind: 'invalid-input', message };
}

/** The body text the data options send, joined with `&` as curl does; an error for data read from a file. */
function dataText(data: CurlData[]): Result<string> {
  const parts: string[] = [];
  for (const { option, value } of data) {
    if ((option === 'data' || option === 'data-binary' || option === 'json') && value.startsWith('@')) return fail(invalid(FROM_FILE('body')));
    if (option === 'data-urlencode') {
      const eq = value.indexOf('=');
      const at = value.indexOf('@');
      if (at >= 0 && (eq < 0 || at < eq)) return fail(invalid(FROM_FILE('body')));
      parts.push(eq < 0 ? encodeURIComponent(value) : `${value.slice(0, eq + 1)}${encodeURIComponent(value.slice(eq + 1))}`.replace(/^=/, ''));
      continue;
    }
    parts.push(option === 'data' ? value.replace(/[\r\n]/g, '') : value);
  }
  return ok(data.some((d) => d.option === 'json') && data.every((d) => d.option === 'json') ? parts.join('') : parts.join('&'));
}

function isJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

function mediaType(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

/** The body and the headers left once the body's kind carries its type. */
function bodyOf(text: string, headers: KeyValue[], notes: string[]): { body: RequestBody; headers: KeyValue[] } {
  const typeRow = headers.find((h) => h.name.toLowerCase() === 'content-type');
  const type = typeRow ? mediaType(typeRow.value) : '';
  const dropTypeIf = (exactly: string) => (typeRow && typeRow.value.trim().toLowerCase() === exactly ? headers.filter((h) => h !== typeRow) : headers);
  if ((type === 'application/json' || type.endsWith('+json')) && isJson(text)) {
    return { body: { kind: 'json', text }, headers: dropTypeIf('application/json') };
  }
  if (type === '' && isJson(text)) {
    notes.push('curl would send this JSON body as form data (the command gives no Content-Type); the tester sends it as JSON.');
    return { body: { kind: 'json', text }, headers };
  }
  if (type === '' || type === 'application/x-www-form-urlencoded') {
    const pieces = text.split('&').filter((p) => p !== '');
    if (pieces.length > 0 && pieces.every((p) => p.includes('='))) {
      return { body: { kind: 'form', fields: splitQuery(text) }, headers: dropTypeIf('application/x-www-form-urlencoded') };
    }
    return { body: { kind: 'text', text, contentType: 'application/x-www-form-urlencoded' }, headers: typeRow ? headers.filter((h) => h !== typeRow) : headers };
  }
  return { body: { kind: 'text', text, contentType: typeRow!.value }, headers: headers.filter((h) => h !== typeRow) };
}

/** A secret the command carries in a row (header or query parameter), which the import leaves out. */
function carriesSecret(name: string, value: string): boolean {
  const lower = name.trim().toLowerCase();
  return lower === 'authorization' || lower === 'proxy-authorization' || lower === 'cookie' || (isSecretName(name) && value.trim() !== '') || looksLikeCredential(value);
}

/** The request's headers from `-H`, `-A`, `-e`, `--json`; what is left out goes into `notes`. */
function headersOf(call: CurlCall, notes: string[]): Result<{ headers: KeyValue[]; leftOut: string[] }> {
  const headers: KeyValue[] = [];
  const leftOut: string[] = [];
  for (const line of call.headers) {
    if (line.startsWith('@')) return fail(invalid(FROM_FILE('headers')));
    const colon = line.indexOf(':');
    const semicolon = line.indexOf(';');
    let name: string;
    let value: string;
    if (colon > 0) {
      name = line.slice(0, colon).trim();
      value = line.slice(colon + 1).trim();
      if (value === '') {
        notes.push(`-H "${name}:" removes a header curl would add; the tester adds none, so it was left out.`);
        continue;
      }
    } else if (semicolon > 0 && line.slice(semicolon + 1).trim() === '') {
      name = line.slice(0, semicolon).trim();
      value = '';
    } else {
      notes.push(`-H "${line.slice(0, 60)}" is not a header (Name: value); it was left out.`);
      continue;
    }
    if (carriesSecret(name, value)) leftOut.push(`the ${name} header`);
    else if (MANAGED_HEADERS.has(name.toLowerCase())) notes.push(`The ${name} header was left out: the app's HTTP client sets it itself.`);
    else headers.push({ name, value, enabled: true });
  }
  const has = (n: string) => headers.some((h) => h.name.toLowerCase() === n);
  if (call.userAgent !== null && !has('user-agent')) headers.push({ name: 'User-Agent', value: call.userAgent, enabled: true });
  if (call.referer !== null && !has('referer')) headers.push({ name: 'Referer', value: call.referer.replace(/;auto$/, ''), enabled: true });
  if (call.data.some((d) => d.option === 'json')) {
    if (!has('content-type')) headers.push({ name: 'Content-Type', value: 'application/json', enabled: true });
    if (!has('accept')) headers.push({ name: 'Accept', value: 'application/json', enabled: true });
  }
  return ok({ headers, leftOut });
}

/** The method curl would use. */
function methodOf(call: CurlCall, hasData: boolean): Result<HttpMethod> {
  const method = (call.method ?? (call.head ? 'HEAD' : call.get ? 'GET' : hasData ? 'POST' : 'GET')).toUpperCase();
  if (!HTTP_METHODS.includes(method as HttpMethod)) {
    return fail(invalid(`The tester sends ${HTTP_METHODS.join(', ')}; this command uses ${method.slice(0, 20)}. Nothing was imported.`));
  }
  return ok(method as HttpMethod);
}

/** Why the app ignores an option, for the ones people paste most. */
const IGNORED_BECAUSE: Record<string, string> = {
  '-L': 'the app never follows redirects: you see each answer',
  '--location': 'the app never follows redirects: you see each answer',
  '-k': 'the app always checks certificates',
  '--insecure': 'the app always checks certificates',
};

/** One note for the ignored options: the ones with a reason of their own, then the rest together. */
function ignoredNote(options: string[]): string {
  const explained = options.filter((o) => IGNORED_BECAUSE[o]).map((o) => `${o} (${IGNORED_BECAUSE[o]})`);
  const rest = options.filter((o) => !IGNORED_BECAUSE[o]);
  const others = rest.length > 0 ? [`${rest.join(', ')} (${rest.length === 1 ? 'it changes' : 'they change'} only what curl prints or how it connects)`] : [];
  return `Ignored: ${[...explained, ...others].join('; ')}.`;
}

/** `example.com/x` → `http://example.com/x`, as curl reads a URL without a scheme. */
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('/') ? url : `http://${url}`;
}

/** Reads a curl command against the active environment's base URL (see the module comment). */
export function curlToRequest(text: string, baseUrl: string): Result<CurlImport> {
  const read = readCurlCommand(text);
  if (!read.ok) return read;
  const call = read.value;
  if (call.url === null) return fail(invalid('The command has no URL. Nothing was imported.'));
  const notes: string[] = [];
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const rawUrl = withScheme(call.url);
  let target: URL;
  try {
    target = new URL(rawUrl, baseUrl);
  } catch {
    return fail(invalid(`"${call.url.slice(0, 80)}" is not a URL. Nothing was imported.`));
  }
  let credentialLeftOut = call.credential;
  const leftOut: string[] = call.credential ? ['its own user name and password or token (-u, --oauth2-bearer, -n)'] : [];
  if (target.username !== '' || target.password !== '') {
    target.username = '';
    target.password = '';
    credentialLeftOut = true;
    leftOut.push('the user name and password in its URL');
  }
  const problem = pinProblem(base, target);
  if (problem === 'origin' || problem === 'path') {
    const where = problem === 'origin' ? target.origin : `${target.origin}${target.pathname}`;
    return fail({
      kind: 'origin-refused',
      message: `This command goes to ${where}, not to the active environment (${base.origin}${basePath}). The tester only sends to the active environment, with its account's credential; sign in to an account on that server to call it. Nothing was imported.`,
    });
  }
  const data = dataText(call.data);
  if (!data.ok) return data;
  const hasData = call.data.length > 0;
  const method = methodOf(call, hasData && !call.get);
  if (!method.ok) return method;
  const headersRead = headersOf(call, notes);
  if (!headersRead.ok) return headersRead;
  leftOut.push(...headersRead.value.leftOut);
  if (call.cookie !== null) leftOut.push('its cookies (-b)');
  // The query as written (the URL parser would re-encode it), plus -G's data.
  const hash = rawUrl.indexOf('#');
  const noFragment = hash < 0 ? rawUrl : rawUrl.slice(0, hash);
  const q = noFragment.indexOf('?');
  const query = q < 0 ? [] : splitQuery(noFragment.slice(q + 1));
  if (call.get && hasData) query.push(...splitQuery(data.value));
  const keptQuery = query.filter((row) => {
    if (!carriesSecret(row.name, row.value)) return true;
    leftOut.push(`the ${row.name} query parameter`);
    return false;
  });
  const { body, headers } = hasData && !call.get ? bodyOf(data.value, headersRead.value.headers, notes) : { body: { kind: 'none' } as RequestBody, headers: headersRead.value.headers };
  if (leftOut.length > 0) {
    credentialLeftOut = true;
    notes.unshift(`Left out: ${leftOut.join(', ')}. A credential never enters the tester: it sends the account's own.`);
  }
  if (call.ignored.length > 0) notes.push(ignoredNote([...new Set(call.ignored)]));
  if (call.stray.length > 0) notes.push(`Not read: ${call.stray.slice(0, 3).map((w) => `"${w.slice(0, 40)}"`).join(', ')} (only one URL is imported).`);
  if (call.cutAt !== null) notes.push(`Only the curl command was read; what followed it (${call.cutAt.slice(0, 40)} …) was not.`);
  const pathname = target.pathname.slice(basePath.length) || '/';
  return ok({
    request: { method: method.value, path: pathname.startsWith('/') ? pathname : `/${pathname}`, query: keptQuery, headers, body },
    notes,
    credentialLeftOut,
  });
}
