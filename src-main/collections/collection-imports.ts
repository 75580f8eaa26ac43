/**
 * What an import writes into a collection: a new `.http` file made from an OpenAPI document's endpoints, or a
 * `.http` file from elsewhere, kept as written. Neither may bring a credential in: an OpenAPI example's secret-named
 * strings become `{{variables}}` (its `password` example becomes `{{password}}`), and a `.http` file that holds a
 * credential anywhere (a literal `Authorization`, a secret-looking variable, a token in a script) is refused whole,
 * with the requests named.
 */
import { CREDENTIAL_ADVICE, findRequestSecrets, findVariableSecrets } from '../../src-shared/collection-secrets';
import type { CollectionRequest } from '../../src-shared/collections';
import { fail, ok, type Result } from '../../src-shared/errors';
import { isSecretName, looksLikeCredential } from '../../src-shared/secret-patterns';
import type { EndpointOption } from '../../src-shared/tester';
import { withoutVariables } from '../../src-shared/variables';
import { parseCollectionFile } from './collection-reader';
import { saveRequestText } from './collection-edits';

/** A variable name made from a JSON key (`new-password` → `new_password`). */
function variableName(key: string): string {
  const name = key.replace(/[^\w.-]/g, '_').replace(/^[^A-Za-z_]/, '_');
  return name === '' ? 'value' : name;
}

/** An example body with every string under a secret-named key replaced by a `{{variable}}` of that key's name. */
export function exampleWithoutSecrets(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node as Record<string, unknown>).map(([key, child]) => [
        key,
        isSecretName(key) && typeof child === 'string' ? `{{${variableName(key)}}}` : walk(child),
      ]),
    );
  };
  return JSON.stringify(walk(value), null, 2);
}

/** The collection request for an endpoint of the picker's list. */
export function requestForEndpoint(endpoint: EndpointOption, name: string): CollectionRequest {
  return {
    name,
    method: endpoint.method,
    path: endpoint.path,
    query: [],
    headers: [],
    body: endpoint.exampleBody !== null ? { kind: 'json', text: exampleWithoutSecrets(endpoint.exampleBody) } : { kind: 'none' },
    auth: endpoint.needsAuth ? null : 'none',
  };
}

/** A new file's text with one request per endpoint (names made unique), and what was left out. */
export function openApiFileText(endpoints: EndpointOption[], source: string): { text: string; count: number; notes: string[] } {
  const notes: string[] = [];
  const used = new Set<string>();
  let text = `# Imported by DeepCurrent Desktop from ${source.replace(/[\r\n]+/g, ' ')}.\n# {{baseUrl}} is the active environment's base URL; requests without a credential say so with @deepcurrent-auth none.\n`;
  let count = 0;
  for (const endpoint of endpoints) {
    let name = endpoint.summary.replace(/[\r\n]+/g, ' ').trim() || `${endpoint.method} ${endpoint.path}`;
    for (let n = 2; used.has(name); n += 1) name = `${endpoint.summary.trim()} (${n})`;
    const saved = saveRequestText(text, requestForEndpoint(endpoint, name), { replace: false, file: 'the new file' });
    if (!saved.ok) {
      notes.push(`${endpoint.method} ${endpoint.path} was left out: ${saved.error.message}`);
      continue;
    }
    used.add(name);
    text = saved.value.text;
    count += 1;
  }
  return { text, count, notes };
}

/**
 * A `.http` file to import, checked: refused (`invalid-input`) when any request, variable or other line holds a
 * credential. Answers how many requests the app can use, and what it cannot use.
 */
export function checkHttpImport(fileName: string, text: string): Result<{ count: number; notes: string[] }> {
  const parsed = parseCollectionFile(fileName, text);
  const holding: string[] = [];
  for (const saved of parsed.requests) {
    const found = findRequestSecrets(saved.request);
    if (found.length > 0) holding.push(`“${saved.request.name}” (${found.map((f) => f.where).join(', ')})`);
  }
  const variables = findVariableSecrets(parsed.variables);
  if (variables.length > 0) holding.push(variables.map((f) => f.where).join(', '));
  if (holding.length === 0 && looksLikeCredential(withoutVariables(text))) holding.push('a credential-looking value in a script or comment');
  if (holding.length > 0) {
    return fail({
      kind: 'invalid-input',
      message: `Not imported: ${fileName} holds a credential in ${holding.slice(0, 3).join('; ')}${holding.length > 3 ? ` and ${holding.length - 3} more` : ''}. ${CREDENTIAL_ADVICE}`,
    });
  }
  return ok({ count: parsed.requests.length, notes: parsed.problems });
}
