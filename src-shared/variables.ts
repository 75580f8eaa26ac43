/**
 * `{{variables}}` as the `.http` format writes them (JetBrains' HTTP Client and VS Code's REST Client), and the
 * OpenAPI-style path placeholders `{id}`: finding them, and substituting values. Pure: usable in every process.
 * Variables are never secret (a collection refuses secret-looking values), so nothing here needs redaction.
 */

/** One `{{name}}` reference; the name may carry spaces around it (`{{ id }}`) and arguments (`{{$randomInt 1 9}}`). */
const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** A `{name}` path placeholder that is not part of a `{{name}}` reference. */
const PLACEHOLDER = /(?<!\{)\{([A-Za-z_][\w.-]*)\}(?!\})/g;

/** The special variable that stands for the active environment's base URL in a collection's request lines. */
export const BASE_URL_VARIABLE = 'baseUrl';

/** The names referenced as `{{name}}` in a text, in order of first use, without duplicates. */
export function variableNames(text: string): string[] {
  return [...new Set([...text.matchAll(REFERENCE)].map((m) => m[1]!).filter((name) => name !== ''))];
}

/** The `{id}` and `{{id}}` names of a path (the part before `?`), in order, without duplicates. */
export function pathVariableNames(path: string): string[] {
  const q = path.indexOf('?');
  const pathPart = q < 0 ? path : path.slice(0, q);
  const names: [number, string][] = [
    ...[...pathPart.matchAll(PLACEHOLDER)].map((m): [number, string] => [m.index, m[1]!]),
    ...[...pathPart.matchAll(REFERENCE)].map((m): [number, string] => [m.index, m[1]!]),
  ];
  return [...new Set(names.sort((a, b) => a[0] - b[0]).map(([, name]) => name))].filter((n) => n !== '' && !n.startsWith('$'));
}

/** Whether a text is made only of `{{variable}}` references (and spaces), with at least one. */
export function isOnlyVariables(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && withoutVariables(trimmed).trim() === '' && trimmed.includes('{{');
}

/** The text with every `{{…}}` reference removed (what is left is literal). */
export function withoutVariables(text: string): string {
  return text.replace(REFERENCE, '');
}

/** Turns `{id}` path placeholders into `{{id}}` references (the form both `.http` tools resolve). */
export function placeholdersToVariables(path: string): string {
  const q = path.indexOf('?');
  const pathPart = q < 0 ? path : path.slice(0, q);
  return pathPart.replace(PLACEHOLDER, (_m, name: string) => `{{${name}}}`) + (q < 0 ? '' : path.slice(q));
}

/** What substitution left unresolved, by name. */
export interface Substituted {
  text: string;
  missing: string[];
}

/**
 * The values of the dynamic variables both tools define and the app supports (`{{$uuid}}`, `{{$timestamp}}`,
 * `{{$isoTimestamp}}`, `{{$randomInt}}`); undefined for any other name.
 */
export function dynamicValue(expression: string, now: number = Date.now()): string | undefined {
  const [name, ...args] = expression.split(/\s+/);
  switch (name) {
    case '$uuid':
    case '$guid':
    case '$random.uuid':
      return globalThis.crypto.randomUUID();
    case '$timestamp':
      return String(Math.floor(now / 1000));
    case '$isoTimestamp':
      return new Date(now).toISOString();
    case '$randomInt': {
      const min = Number(args[0] ?? 0);
      const max = Number(args[1] ?? 1000);
      if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min) return undefined;
      return String(min + Math.floor(Math.random() * (max - min)));
    }
    default:
      return undefined;
  }
}

/**
 * Replaces every `{{name}}` (and, with `placeholders`, every `{name}`) by `lookup(name)`; a name without a value is
 * left as written and listed in `missing`. Dynamic variables (`{{$uuid}}`…) are computed when `lookup` has none.
 */
export function substitute(text: string, lookup: (name: string) => string | undefined, options: { placeholders?: boolean } = {}): Substituted {
  const missing = new Set<string>();
  const resolve = (whole: string, name: string) => {
    const value = lookup(name) ?? (name.startsWith('$') ? dynamicValue(name) : undefined);
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return value;
  };
  let out = text.replace(REFERENCE, (whole, name: string) => resolve(whole, name));
  if (options.placeholders) out = out.replace(PLACEHOLDER, (whole, name: string) => resolve(whole, name));
  return { text: out, missing: [...missing] };
}
