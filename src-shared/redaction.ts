/**
 * Redaction of what a user typed into the request tester, for every place a composed request is kept or shown
 * outside the send itself (history, snippets). Pure: usable in every process. The rules are in `secret-patterns.ts`:
 *
 * - the value of every header, query parameter (typed in the table or in the path) and form field whose name is
 *   secret-like (`Authorization`, `X-Auth-Token`, `new_password`, `apiKey`, `client-secret`, `session_id`, …), and
 *   every value at any depth under such a JSON key, compared after the JSON is decoded (`"pass\u0077ord"`);
 * - every credential-looking value whatever its name (API keys, JWTs, long base64 and hex runs), also
 *   percent-encoded, in the path, the rows' names and values, and the body;
 * - a raw (`text`) body is read as JSON, or as form data, when its content type or a typed `Content-Type` header
 *   says so.
 */
import { redactJsonText } from './json-redaction';
import { isSecretName, maskCredentialRuns, REDACTED } from './secret-patterns';
import type { ComposedRequest, KeyValue, RequestBody } from './tester';

export { REDACTED, isSecretName } from './secret-patterns';
export { redactJsonText } from './json-redaction';

function percentDecoded(text: string): string | null {
  if (!text.includes('%')) return null;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Replaces every credential-looking part of a text (API keys, JWTs, long base64 and hex runs), including
 * percent-encoded ones: when decoding reveals one, the decoded text is redacted instead.
 */
export function redactText(text: string, options: { slashSeparates?: boolean } = {}): string {
  const plain = maskCredentialRuns(text, options);
  const decoded = percentDecoded(plain);
  if (decoded === null) return plain;
  const redacted = maskCredentialRuns(decoded, options);
  return redacted === decoded ? plain : redacted;
}

/** A name as a server reads it from a form or a query string (`+` is a space, `%xx` decoded). */
function formDecoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function redactRows(rows: KeyValue[]): KeyValue[] {
  return rows.map((row) => ({
    name: redactText(row.name),
    value: isSecretName(row.name) ? REDACTED : redactText(row.value),
    enabled: row.enabled,
  }));
}

/** Redacts a `name=value&…` form-encoded text (a raw body typed as form data, or a typed query string). */
function redactFormText(text: string): string {
  const fields = text.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return redactText(pair);
    const name = pair.slice(0, eq);
    const shownName = redactText(name);
    return isSecretName(formDecoded(name)) ? `${shownName}=${REDACTED}` : `${shownName}=${redactText(pair.slice(eq + 1))}`;
  });
  return fields.join('&');
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
      return { kind: 'form', fields: redactRows(body.fields) };
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

/** Redacts a typed path: its segments one by one, its query string field by field, and the fragment. */
function redactPath(path: string): string {
  const q = path.indexOf('?');
  const hash = path.indexOf('#', q < 0 ? 0 : q);
  const end = (i: number) => (i < 0 ? path.length : i);
  const pathPart = path.slice(0, end(q < 0 ? hash : q));
  const query = q < 0 ? null : path.slice(q + 1, end(hash));
  const fragment = hash < 0 ? '' : path.slice(hash);
  const shownPath = redactText(pathPart, { slashSeparates: true });
  return `${shownPath}${query === null ? '' : `?${redactFormText(query)}`}${redactText(fragment)}`;
}

/**
 * A copy of a composed request that is safe to store and to show: secret-named values and credential-looking
 * values replaced by `REDACTED` placeholders. The shape (and the rows' order and `enabled` flags) is kept, so the
 * copy can be loaded back into the editor.
 */
export function redactComposedRequest(req: ComposedRequest): ComposedRequest {
  return {
    method: req.method,
    path: redactPath(req.path),
    query: redactRows(req.query),
    headers: redactRows(req.headers),
    body: redactBody(req.body, req.headers),
    auth: req.auth,
  };
}
