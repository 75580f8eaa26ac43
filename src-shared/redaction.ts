/**
 * Redaction of what a user typed into the request tester, for every place a composed request is kept or shown
 * outside the send itself (history, snippets). Pure: usable in every process.
 *
 * What is redacted:
 * - the value of a credential header (`Authorization`, `X-API-Key`, `Cookie`, `Proxy-Authorization`, `Set-Cookie`);
 * - the value of a query parameter or form field whose name says it is a secret (`password`, `client_secret`,
 *   `access_token`, `api_key`, `token`, …), and such keys of a JSON body when they hold a string (a raw body
 *   counts as JSON, or as form data, when its content type or a typed `Content-Type` header says so);
 * - any DeepCurrent API key (`dc_…`) or JWT anywhere: path, query, header names and values, form fields, body text.
 */
import { redactSecrets } from './credentials';
import type { ComposedRequest, KeyValue, RequestBody } from './tester';

/** What a redacted value becomes. */
export const REDACTED = 'REDACTED';

const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization', 'set-cookie']);

const SECRET_FIELD_NAMES = new Set([
  'password',
  'passwd',
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'api_key',
  'apikey',
  'api-key',
  'secret',
]);

/** Whether a header carries a credential (`Authorization`, `X-API-Key`, `Cookie`, …); case-insensitive. */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.trim().toLowerCase());
}

/** Whether a query parameter, form field or JSON key is named like a secret (`password`, `api_key`, …). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD_NAMES.has(name.trim().toLowerCase());
}

/** Replaces every API key and JWT in a text, including percent-encoded ones. */
export function redactText(text: string): string {
  const plain = redactSecrets(text);
  if (!plain.includes('%')) return plain;
  // A key typed percent-encoded (`dc%5F…`) is still a key: decode, and when that reveals one, redact the decoded form.
  try {
    const decoded = decodeURIComponent(plain);
    const redacted = redactSecrets(decoded);
    return redacted === decoded ? plain : redacted;
  } catch {
    return plain;
  }
}

function redactRows(rows: KeyValue[], isSecretName: (name: string) => boolean): KeyValue[] {
  return rows.map((row) => ({
    name: redactText(row.name),
    value: isSecretName(row.name) ? REDACTED : redactText(row.value),
    enabled: row.enabled,
  }));
}

/** Quoted JSON string values under a secret-looking key: `"password": "…"` → `"password": "REDACTED"`. */
const JSON_SECRET_MEMBER = /("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** Redacts a JSON (or JSON-like) body text in place, keeping its formatting. */
export function redactJsonText(text: string): string {
  const members = text.replace(JSON_SECRET_MEMBER, (match, prefix: string, key: string) =>
    isSecretFieldName(key) ? `${prefix}"${REDACTED}"` : match,
  );
  return redactText(members);
}

/** Redacts a `name=value&…` form-encoded text (a raw body typed as form data). */
function redactFormText(text: string): string {
  const fields = text.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    let name = pair.slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // keep the raw name
    }
    return isSecretFieldName(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
  });
  return redactText(fields.join('&'));
}

/**
 * The content types a text body may be read as: its own, and the value of every typed `Content-Type` header row
 * (the header wins on the wire; a disabled row counts too, since an entry can be loaded back and the row enabled).
 */
function textBodyTypes(body: { contentType?: string }, headers: KeyValue[]): string[] {
  const typed = headers.filter((row) => row.name.trim().toLowerCase() === 'content-type').map((row) => row.value);
  return [body.contentType ?? '', ...typed].map((type) => type.toLowerCase());
}

function redactBody(body: RequestBody, headers: KeyValue[]): RequestBody {
  switch (body.kind) {
    case 'none':
      return { kind: 'none' };
    case 'json':
      return { kind: 'json', text: redactJsonText(body.text) };
    case 'form':
      return { kind: 'form', fields: redactRows(body.fields, isSecretFieldName) };
    case 'text': {
      const types = textBodyTypes(body, headers);
      let text = body.text;
      if (types.some((type) => type.includes('json'))) text = redactJsonText(text);
      if (types.some((type) => type.includes('x-www-form-urlencoded'))) text = redactFormText(text);
      text = redactText(text);
      return body.contentType === undefined
        ? { kind: 'text', text }
        : { kind: 'text', text, contentType: redactText(body.contentType) };
    }
  }
}

/** Redacts the query string of a typed path (`/x?api_key=…`), leaving the rest to `redactText`. */
function redactPath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return redactText(path);
  const hash = path.indexOf('#', q);
  const query = hash < 0 ? path.slice(q + 1) : path.slice(q + 1, hash);
  const rest = hash < 0 ? '' : path.slice(hash);
  return `${redactText(path.slice(0, q))}?${redactFormText(query)}${redactText(rest)}`;
}

/**
 * A copy of a composed request that is safe to store and to show: credential headers, secret-named fields, API
 * keys and JWTs replaced by `REDACTED` placeholders. The shape (and the rows' order and `enabled` flags) is kept,
 * so the copy can be loaded back into the editor.
 */
export function redactComposedRequest(req: ComposedRequest): ComposedRequest {
  return {
    method: req.method,
    path: redactPath(req.path),
    query: redactRows(req.query, isSecretFieldName),
    headers: redactRows(req.headers, isCredentialHeader),
    body: redactBody(req.body, req.headers),
    auth: req.auth,
  };
}
