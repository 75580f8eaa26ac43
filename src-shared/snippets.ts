/**
 * "Copy as" snippets for a composed request: curl, Python `requests`, JavaScript `fetch` and HTTPie, in the style
 * of the DeepCurrent docs. The credential is always an environment variable (`$DEEPCURRENT_API_KEY` or
 * `$DEEPCURRENT_TOKEN`), never a value, and only for a URL on the environment; everything the user typed is
 * redacted as in history. Pure: no node, no electron, so the renderer builds snippets itself.
 */
import { redactComposedRequest } from './redaction';
import type { ComposedRequest, KeyValue, TesterAuth } from './tester';
import { activeRows, composeUrl, isOnEnvironment, wireBody, wireHeaders } from './tester-wire';
import { fail, ok, type Result } from './errors';

/** The languages and tools a request can be copied as. */
export type SnippetTarget = 'curl' | 'python' | 'fetch' | 'httpie';

/** The environment variable a snippet reads the credential from, or null for `none`. */
export function credentialVariable(auth: TesterAuth): string | null {
  if (auth === 'api-key') return 'DEEPCURRENT_API_KEY';
  if (auth === 'token') return 'DEEPCURRENT_TOKEN';
  return null;
}

/** A POSIX shell word: bare when it only holds safe characters, else single-quoted (`'` written as `'\''`). */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_.,:/@%+=-]+$/.test(value) && !value.startsWith('-')) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A Python string literal (double-quoted, every control character escaped). */
export function pythonString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A JavaScript string literal (JSON's escaping is valid JavaScript). */
export function jsString(value: string): string {
  return JSON.stringify(value);
}

/** A Python literal for a parsed JSON value (`true` → `True`, `null` → `None`), indented like `json.dumps`. */
function pythonLiteral(value: unknown, indent: string): string {
  const inner = `${indent}    `;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${pythonLiteral(v, inner)}`).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${pythonString(k)}: ${pythonLiteral(v, inner)}`).join(',\n')},\n${indent}}`;
}

function parseJson(text: string): Result<unknown, null> {
  try {
    return ok(JSON.parse(text));
  } catch {
    return fail(null);
  }
}

function hasDuplicateNames(rows: KeyValue[]): boolean {
  return new Set(rows.map((r) => r.name)).size !== rows.length;
}

interface Parts {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | undefined;
  variable: string | null;
  request: ComposedRequest;
}

function curlSnippet(p: Parts): string {
  const first = p.method === 'HEAD' ? `curl --head ${shellQuote(p.url)}` : `curl -X ${p.method} ${shellQuote(p.url)}`;
  const lines = [first];
  if (p.variable) lines.push(`-H "Authorization: Bearer $${p.variable}"`);
  for (const [name, value] of p.headers) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (p.body !== undefined) lines.push(`--data-raw ${shellQuote(p.body)}`);
  return lines.join(' \\\n  ');
}

function httpieSnippet(p: Parts): string {
  const lines = [`http ${p.method} ${shellQuote(p.url)}`];
  if (p.variable) lines.push(`"Authorization:Bearer $${p.variable}"`);
  for (const [name, value] of p.headers) lines.push(shellQuote(`${name}:${value}`));
  if (p.body !== undefined) lines.push(`--raw ${shellQuote(p.body)}`);
  return lines.join(' \\\n  ');
}

function pythonSnippet(p: Parts): string {
  const body = p.request.body;
  const headerLines: string[] = [];
  if (p.variable) headerLines.push(`    "Authorization": "Bearer " + os.environ[${pythonString(p.variable)}],`);
  let bodyArg: string | null = null;
  let bodyIsJson = false;
  if (p.body !== undefined && body.kind === 'json') {
    const parsed = parseJson(body.text);
    if (parsed.ok) {
      bodyArg = `json=${pythonLiteral(parsed.value, '')}`;
      bodyIsJson = true;
    }
  }
  if (p.body !== undefined && bodyArg === null && body.kind === 'form') {
    const fields = activeRows(body.fields);
    bodyArg = hasDuplicateNames(fields)
      ? `data=[\n${fields.map((f) => `        (${pythonString(f.name)}, ${pythonString(f.value)}),`).join('\n')}\n    ]`
      : `data={\n${fields.map((f) => `        ${pythonString(f.name)}: ${pythonString(f.value)},`).join('\n')}\n    }`;
  }
  if (p.body !== undefined && bodyArg === null) bodyArg = `data=${pythonString(p.body)}.encode("utf-8")`;
  for (const [name, value] of p.headers) {
    // `json=` sets the JSON content type itself.
    if (bodyIsJson && name.toLowerCase() === 'content-type' && value === 'application/json') continue;
    headerLines.push(`    ${pythonString(name)}: ${pythonString(value)},`);
  }
  const lines = [p.variable ? 'import os\n\nimport requests\n' : 'import requests\n'];
  const args = [pythonString(p.url)];
  if (headerLines.length > 0) {
    lines.push(`headers = {\n${headerLines.join('\n')}\n}`);
    args.push('headers=headers');
  }
  if (bodyArg) args.push(bodyArg.replace(/\n/g, '\n    '));
  lines.push(`response = requests.${p.method.toLowerCase()}(\n    ${args.join(',\n    ')},\n)`);
  lines.push('print(response.status_code, response.text)');
  return lines.join('\n');
}

function fetchSnippet(p: Parts): string {
  const body = p.request.body;
  const options = [`  method: ${jsString(p.method)},`];
  const headerLines: string[] = [];
  if (p.variable) headerLines.push(`    Authorization: \`Bearer \${process.env.${p.variable}}\`,`);
  for (const [name, value] of p.headers) headerLines.push(`    ${jsString(name)}: ${jsString(value)},`);
  if (headerLines.length > 0) options.push(`  headers: {\n${headerLines.join('\n')}\n  },`);
  if (p.body !== undefined) {
    const parsed = body.kind === 'json' ? parseJson(body.text) : fail<unknown, null>(null);
    if (parsed.ok) {
      const literal = JSON.stringify(parsed.value, null, 2).replace(/\n/g, '\n  ');
      options.push(`  body: JSON.stringify(${literal}),`);
    } else if (body.kind === 'form') {
      const pairs = activeRows(body.fields).map((f) => `    [${jsString(f.name)}, ${jsString(f.value)}],`);
      options.push(`  body: new URLSearchParams([\n${pairs.join('\n')}\n  ]),`);
    } else {
      options.push(`  body: ${jsString(p.body)},`);
    }
  }
  return [
    `const response = await fetch(${jsString(p.url)}, {`,
    ...options,
    '});',
    'console.log(response.status, await response.text());',
  ].join('\n');
}

/**
 * A snippet that sends the request as the app would (same URL, headers and body), with the credential read
 * from an environment variable and the user's values redacted as in history.
 */
export function buildSnippet(target: SnippetTarget, request: ComposedRequest, baseUrl: string): string {
  const safe = redactComposedRequest(request);
  const url = composeUrl(baseUrl, safe);
  const parts: Parts = {
    method: safe.method,
    url,
    headers: wireHeaders(safe).headers,
    body: wireBody(safe.body),
    // Like the app, a snippet never sends the credential anywhere but the environment.
    variable: isOnEnvironment(baseUrl, url) ? credentialVariable(safe.auth) : null,
    request: safe,
  };
  switch (target) {
    case 'curl':
      return curlSnippet(parts);
    case 'httpie':
      return httpieSnippet(parts);
    case 'python':
      return pythonSnippet(parts);
    case 'fetch':
      return fetchSnippet(parts);
  }
}
