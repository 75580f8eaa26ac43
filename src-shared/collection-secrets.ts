/**
 * The check that keeps credentials out of collections (and out of anything else the app writes to disk as the user
 * typed it: the workbench's restored tabs use it too). Pure: usable in every process.
 *
 * A request is refused when it holds:
 * - an `Authorization` (or `Proxy-Authorization`) header, or a header named like a secret (the names of
 *   `secret-patterns.ts`: `pass|secret|token|key|auth|session|cookie|signature|credential`), whose value is not made
 *   only of `{{variables}}` (a scheme word before them is fine: `Bearer {{token}}`);
 * - a query parameter or form field named like a secret, with a literal value;
 * - a string under a secret-named key of a JSON body (at any depth), with a literal value;
 * - anywhere (path, names, values, body), a value that looks like a credential: a DeepCurrent API key, a JWT, a long
 *   mixed base64 or hex run (`looksLikeCredential`), outside `{{variables}}`.
 * An empty value is never a secret. Variables are refused by the same two rules: a secret-named variable with a
 * literal value, or a credential-looking value.
 */
import { isSecretName, looksLikeCredential } from './secret-patterns';
import type { KeyValue, RequestBody } from './tester';
import { isOnlyVariables, withoutVariables } from './variables';
import type { Variable } from './collections';

/** One place a credential was found, named for a person (`the X-API-Key header`). */
export interface SecretFinding {
  where: string;
}

/** The parts of a request the check reads. */
export interface CheckedRequest {
  path: string;
  query: KeyValue[];
  headers: KeyValue[];
  body: RequestBody;
}

const SCHEME_WORD = /^\s*(bearer|basic|token|digest|apikey)\s+/i;

/** A value that is literal (not empty, not only `{{variables}}`). */
function isLiteral(value: string): boolean {
  const v = value.replace(SCHEME_WORD, '');
  return v.trim() !== '' && !isOnlyVariables(v);
}

/** A value that holds a credential-looking run outside its `{{variables}}`. */
function holdsCredential(text: string): boolean {
  return looksLikeCredential(withoutVariables(text));
}

function rowFindings(rows: KeyValue[], noun: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const row of rows) {
    if (!row.enabled) continue;
    const name = row.name.trim();
    if (holdsCredential(name)) found.push({ where: `a credential-looking ${noun} name` });
    else if (isSecretName(name) && isLiteral(row.value)) found.push({ where: `the ${name} ${noun}` });
    else if (holdsCredential(row.value)) found.push({ where: `a credential-looking value in the ${name || 'unnamed'} ${noun}` });
  }
  return found;
}

function headerFindings(headers: KeyValue[]): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const row of headers) {
    if (!row.enabled) continue;
    const name = row.name.trim();
    const lower = name.toLowerCase();
    if ((lower === 'authorization' || lower === 'proxy-authorization' || isSecretName(name)) && isLiteral(row.value)) {
      found.push({ where: `the ${name} header` });
    } else if (holdsCredential(row.value) || holdsCredential(name)) {
      found.push({ where: `a credential-looking value in the ${name || 'unnamed'} header` });
    }
  }
  return found;
}

/** Decodes a JSON string's inside (`a\"b` → `a"b`); the raw text when it is not a valid string. */
function jsonString(inside: string): string {
  try {
    return JSON.parse(`"${inside}"`) as string;
  } catch {
    return inside;
  }
}

/**
 * The secret-named keys of a JSON text that hold a literal string, read by pattern rather than by parsing, so that a
 * body with `{{variables}}` outside strings (not JSON until they are substituted) is checked too.
 */
function jsonFindings(text: string): SecretFinding[] {
  const found: SecretFinding[] = [];
  const pair = /"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (const m of text.matchAll(pair)) {
    const key = jsonString(m[1]!);
    if (isSecretName(key) && isLiteral(jsonString(m[2]!))) found.push({ where: `the "${key}" field of the JSON body` });
  }
  return found;
}

function formTextFindings(text: string): SecretFinding[] {
  const rows = text
    .split('&')
    .filter((p) => p.includes('='))
    .map((p) => {
      const eq = p.indexOf('=');
      let name = p.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // kept as written
      }
      return { name, value: p.slice(eq + 1), enabled: true };
    });
  return rowFindings(rows, 'form field').filter((f) => !f.where.startsWith('a credential-looking value'));
}

function bodyFindings(body: RequestBody, headers: KeyValue[]): SecretFinding[] {
  switch (body.kind) {
    case 'none':
      return [];
    case 'form':
      return rowFindings(body.fields, 'form field');
    case 'json':
      return [...jsonFindings(body.text), ...(holdsCredential(body.text) ? [{ where: 'a credential-looking value in the JSON body' }] : [])];
    case 'text': {
      const types = [body.contentType ?? '', ...headers.filter((h) => h.name.trim().toLowerCase() === 'content-type').map((h) => h.value)]
        .join(' ')
        .toLowerCase();
      const found: SecretFinding[] = [];
      if (types.includes('json')) found.push(...jsonFindings(body.text));
      if (types.includes('x-www-form-urlencoded')) found.push(...formTextFindings(body.text));
      if (holdsCredential(body.text)) found.push({ where: 'a credential-looking value in the body' });
      return found;
    }
  }
}

/** Every place a request holds a credential (see the module comment); empty when it may be written. */
export function findRequestSecrets(request: CheckedRequest): SecretFinding[] {
  const found = [
    ...(holdsCredential(request.path) ? [{ where: 'a credential-looking value in the URL' }] : []),
    ...rowFindings(request.query, 'query parameter'),
    ...headerFindings(request.headers),
    ...bodyFindings(request.body, request.headers),
  ];
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.where) ? false : (seen.add(f.where), true)));
}

/** Every variable that holds a credential: a secret-named one with a literal value, or a credential-looking value. */
export function findVariableSecrets(variables: Variable[]): SecretFinding[] {
  return variables
    .filter((v) => (isSecretName(v.name) && isLiteral(v.value)) || holdsCredential(v.value) || holdsCredential(v.name))
    .map((v) => ({ where: `the variable ${holdsCredential(v.name) ? '(credential-looking name)' : v.name}` }));
}

/** `a, b and c`. */
function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What to do instead of writing a credential, said after every refusal. */
export const CREDENTIAL_ADVICE =
  "A collection never holds one: when it sends, the app adds the account's own credential (choose it under Auth). " +
  'Remove the value, or put a {{variable}} in its place and give the variable its value in the tester when you send.';

/** The refusal of a request that holds a credential, saying what to do instead. */
export function requestSecretsMessage(findings: SecretFinding[]): string {
  const where = listed(findings.slice(0, 4).map((f) => f.where)) + (findings.length > 4 ? ` and ${findings.length - 4} more` : '');
  return `Not saved: this request holds a credential (${where}). ${CREDENTIAL_ADVICE}`;
}

/** The refusal of variables that hold a credential, saying what to do instead. */
export function variableSecretsMessage(findings: SecretFinding[]): string {
  return (
    `Not saved: ${listed(findings.slice(0, 4).map((f) => f.where))} ${findings.length === 1 ? 'looks' : 'look'} like a credential. ` +
    "Variables are written to a plain file beside the collection, so they never hold one. The app adds the account's own " +
    'credential when it sends; leave a secret variable empty here and give it its value in the tester when you send.'
  );
}
