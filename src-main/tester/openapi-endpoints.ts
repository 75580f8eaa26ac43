/**
 * Reads an environment's OpenAPI document into the endpoint picker's options: method, path, summary, path
 * parameters, an example JSON body, a form template for a form body, whether a credential is needed, and whether it
 * is a sign-in (the OAuth2 password flow's token URL, sent without a credential). The document comes from the network, so
 * it is read defensively: anything that is not an OpenAPI 3 document with `paths` is refused, sizes are bounded,
 * and `$ref` chains are followed with a depth limit (a cyclic schema cannot loop).
 */
import { fail, ok, type Result } from '../../src-shared/errors';
import { isSecretName } from '../../src-shared/redaction';
import { HTTP_METHODS, type EndpointOption } from '../../src-shared/tester';

/** Most endpoints read from one document. */
export const MAX_ENDPOINTS = 500;
const MAX_EXAMPLE_CHARS = 50_000;
const MAX_DEPTH = 6;
const MAX_FORM_FIELDS = 20;

type Json = Record<string, unknown>;

const BAD_DOCUMENT = {
  kind: 'bad-response' as const,
  message: "The environment's API description (openapi.json) is not a valid OpenAPI 3 document.",
};

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** Follows a local `$ref` (`#/components/schemas/Item`); anything else resolves to undefined. */
function resolveRef(doc: Json, value: unknown, depth = 0): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  if (depth > MAX_DEPTH || !value.$ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of value.$ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return resolveRef(doc, node, depth + 1);
}

const STRING_FORMATS: Record<string, string> = {
  email: 'user@example.com',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  uri: 'https://example.com',
  uuid: '00000000-0000-0000-0000-000000000000',
};

/** An example value for a JSON schema: its example, default, enum or const, else a placeholder by type. */
export function exampleFromSchema(doc: Json, schema: unknown, depth = 0): unknown {
  const s = resolveRef(doc, schema);
  if (!isObject(s) || depth > MAX_DEPTH) return null;
  if ('example' in s) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('default' in s) return s.default;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = s[key];
    if (Array.isArray(options)) {
      const first = options.find((o) => (resolveRef(doc, o) as Json | undefined)?.type !== 'null') ?? options[0];
      return exampleFromSchema(doc, first, depth + 1);
    }
  }
  if (Array.isArray(s.allOf)) {
    const merged: Json = Object.create(null) as Json;
    for (const part of s.allOf.slice(0, 10)) {
      const value = exampleFromSchema(doc, part, depth + 1);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return STRING_FORMATS[text(s.format, 40)] ?? 'string';
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return [exampleFromSchema(doc, s.items, depth + 1)];
    default: {
      if (!isObject(s.properties)) return type === 'object' ? {} : null;
      const out: Json = Object.create(null) as Json;
      for (const [name, prop] of Object.entries(s.properties).slice(0, 50)) {
        out[name] = exampleFromSchema(doc, prop, depth + 1);
      }
      return out;
    }
  }
}

/** The example JSON body of an operation's request body, or null when it takes no JSON body. */
function exampleBody(doc: Json, operation: Json): string | null {
  const body = resolveRef(doc, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return null;
  const type = Object.keys(body.content).find((t) => {
    const base = t.split(';')[0]!.trim().toLowerCase();
    return base === 'application/json' || base.endsWith('+json');
  });
  const media = type ? body.content[type] : undefined;
  if (!isObject(media)) return null;
  let value: unknown;
  if ('example' in media) value = media.example;
  else if (isObject(media.examples) && Object.keys(media.examples).length > 0) {
    const first = resolveRef(doc, Object.values(media.examples)[0]);
    value = isObject(first) ? first.value : undefined;
  }
  if (value === undefined) value = exampleFromSchema(doc, media.schema);
  const textValue = JSON.stringify(value ?? {}, null, 2);
  return textValue.length <= MAX_EXAMPLE_CHARS ? textValue : null;
}

/** A path compared with another: without its trailing slashes (FastAPI paths end with one, token URLs may not). */
function comparablePath(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

/**
 * The paths of the token URLs of the document's OAuth2 password flows (`components.securitySchemes`), a relative
 * URL resolved against the first server's path (as OpenAPI says).
 */
function passwordTokenPaths(doc: Json): Set<string> {
  const paths = new Set<string>();
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const server = Array.isArray(doc.servers) && isObject(doc.servers[0]) ? text(doc.servers[0].url, 2048) : '';
  let base: URL;
  try {
    base = new URL(server.endsWith('/') ? server : `${server}/`, 'http://server.invalid/');
  } catch {
    base = new URL('http://server.invalid/');
  }
  for (const raw of Object.values(schemes).slice(0, 50)) {
    const scheme = resolveRef(doc, raw);
    if (!isObject(scheme) || scheme.type !== 'oauth2' || !isObject(scheme.flows) || !isObject(scheme.flows.password)) continue;
    const tokenUrl = text(scheme.flows.password.tokenUrl, 2048);
    if (!tokenUrl) continue;
    try {
      paths.add(comparablePath(new URL(tokenUrl, base).pathname));
    } catch {
      // an unreadable token URL names no endpoint
    }
  }
  return paths;
}

/** A form field's value in a template: a plain example value from the document; never for a secret-like name. */
function formValue(doc: Json, name: string, schema: unknown, example: unknown): string {
  if (isSecretName(name)) return '';
  if (typeof example === 'string' || typeof example === 'number') return String(example).slice(0, 1000);
  const s = resolveRef(doc, schema);
  if (!isObject(s)) return '';
  const value = 'example' in s ? s.example : 'default' in s ? s.default : Array.isArray(s.enum) ? s.enum[0] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 1000) : '';
}

/**
 * The form template of an operation whose body is `application/x-www-form-urlencoded`: its required fields (all of
 * them when none is required), and `grant_type` where the form has one, set to `password` for a token URL. A token
 * URL with no form in the document gets the OAuth2 password grant's own fields. Null when it takes no form.
 */
function exampleForm(doc: Json, operation: Json, tokenUrl: boolean): EndpointOption['exampleForm'] {
  const body = resolveRef(doc, operation.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  const type = Object.keys(content).find((t) => t.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded');
  const media = type ? resolveRef(doc, content[type]) : undefined;
  const schema = isObject(media) ? resolveRef(doc, media.schema) : undefined;
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : null;
  if (!properties) {
    return tokenUrl ? [{ name: 'username', value: '' }, { name: 'password', value: '' }, { name: 'grant_type', value: 'password' }] : null;
  }
  const required = isObject(schema) && Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string' && n in properties) : [];
  const names = (required.length > 0 ? required : Object.keys(properties)).slice(0, MAX_FORM_FIELDS);
  if ('grant_type' in properties && !names.includes('grant_type')) names.push('grant_type');
  const examples = isObject(media) && isObject(media.example) ? media.example : {};
  return names.map((name) => ({
    name,
    value: name === 'grant_type' && tokenUrl ? 'password' : formValue(doc, name, properties[name], examples[name]),
  }));
}

/** Whether the operation needs a credential: a non-empty `security` (its own, else the document's) without `{}`. */
function needsAuth(doc: Json, operation: Json): boolean {
  const security = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  if (security.length === 0) return false;
  return !security.some((req) => isObject(req) && Object.keys(req).length === 0);
}

function pathParams(path: string): string[] {
  return [...new Set([...path.matchAll(/\{([^{}/]+)\}/g)].map((m) => m[1]!))];
}

/** Reads an OpenAPI 3 document into endpoint options, in document order; `bad-response` when it is not one. */
export function parseOpenApi(doc: unknown): Result<EndpointOption[]> {
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.') || !isObject(doc.paths)) {
    return fail(BAD_DOCUMENT);
  }
  const endpoints: EndpointOption[] = [];
  const tokenPaths = passwordTokenPaths(doc);
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = resolveRef(doc, rawItem);
    if (!path.startsWith('/') || path.length > 2048 || !isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      if (endpoints.length >= MAX_ENDPOINTS) return ok(endpoints);
      const tokenUrl = method === 'POST' && tokenPaths.has(comparablePath(path));
      const form = exampleForm(doc, operation, tokenUrl);
      const names = new Set((form ?? []).map((f) => f.name));
      const publicForm = Array.isArray(operation.security) && operation.security.length === 0 && names.has('username') && names.has('password');
      const signIn = tokenUrl || (method === 'POST' && publicForm);
      endpoints.push({
        id: `${method} ${path}`,
        method,
        path,
        summary: text(operation.summary, 300) || text(operation.operationId, 300) || `${method} ${path}`,
        pathParams: pathParams(path),
        exampleBody: exampleBody(doc, operation),
        needsAuth: !signIn && needsAuth(doc, operation),
        signIn,
        exampleForm: signIn && form ? form.map((f) => (f.name === 'grant_type' ? { name: f.name, value: 'password' } : f)) : form,
      });
    }
  }
  return ok(endpoints);
}

function isFormTemplate(value: unknown): value is EndpointOption['exampleForm'] {
  return value === null || (Array.isArray(value) && value.every((f) => isObject(f) && typeof f.name === 'string' && typeof f.value === 'string'));
}

/**
 * A cached endpoint list made whole, or null when it is not one (the settings file may have been edited or damaged).
 * A list cached by an older version, without the sign-in flag and form template, reads them as absent.
 */
export function endpointListFrom(value: unknown): EndpointOption[] | null {
  if (!Array.isArray(value)) return null;
  const list: EndpointOption[] = [];
  for (const e of value) {
    const valid =
      isObject(e) &&
      typeof e.id === 'string' &&
      typeof e.path === 'string' &&
      (HTTP_METHODS as readonly unknown[]).includes(e.method) &&
      typeof e.summary === 'string' &&
      Array.isArray(e.pathParams) &&
      (typeof e.exampleBody === 'string' || e.exampleBody === null) &&
      typeof e.needsAuth === 'boolean';
    if (!valid) return null;
    const endpoint = e as unknown as EndpointOption;
    list.push({
      ...endpoint,
      signIn: e.signIn === true,
      exampleForm: isFormTemplate(e.exampleForm) ? e.exampleForm : null,
    });
  }
  return list;
}
