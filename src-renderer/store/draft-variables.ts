/**
 * The variables of a draft: which `{{name}}` and `{id}` it uses, where their values come from, and the draft with
 * them substituted for a Send. A value comes, in this order, from the Variables table (this session only), the
 * saved request's file (`@name = value`), then the collection's environment (`http-client.env.json`); `{{baseUrl}}` is
 * always the active environment's base URL (the app sends only there, whatever a file says). Dynamic variables
 * (`{{$uuid}}`, `{{$timestamp}}`…) are computed at send time. Pure.
 */
import type { Variable } from '../../src-shared/collections';
import { BASE_URL_VARIABLE, pathVariableNames, substitute, variableNames } from '../../src-shared/variables';
import type { Row, TesterDraft } from './tester-draft';

/** Where values come from, besides the draft's own table. */
export interface VariableSources {
  file: Variable[];
  environment: Variable[];
  baseUrl: string | null;
}

/** The names a draft uses: the path's (`{id}`, `{{id}}`) first, then the others; never `baseUrl` or `$dynamic` ones. */
export function draftVariableNames(draft: TesterDraft): string[] {
  const texts = [
    ...draft.query.flatMap((r) => [r.name, r.value]),
    ...draft.headers.flatMap((r) => [r.name, r.value]),
    ...(draft.bodyKind === 'json' ? [draft.jsonText] : []),
    ...(draft.bodyKind === 'form' ? draft.formFields.flatMap((r) => [r.name, r.value]) : []),
    ...(draft.bodyKind === 'text' ? [draft.text, draft.textContentType] : []),
  ];
  const names = [...pathVariableNames(draft.path), ...variableNames(draft.path), ...texts.flatMap(variableNames)];
  return [...new Set(names)].filter((name) => name !== BASE_URL_VARIABLE && !name.startsWith('$'));
}

/** The value a name has before the table (from the file or the environment), for the table's hint; null for none. */
export function inheritedValue(name: string, sources: VariableSources): { value: string; from: 'file' | 'environment' } | null {
  const fromFile = [...sources.file].reverse().find((v) => v.name === name);
  if (fromFile) return { value: fromFile.value, from: 'file' };
  const fromEnv = sources.environment.find((v) => v.name === name);
  return fromEnv ? { value: fromEnv.value, from: 'environment' } : null;
}

/** The lookup a Send uses: table, file, environment, base URL (values may refer to other variables, a few levels deep). */
export function variableLookup(table: Record<string, string>, sources: VariableSources): (name: string) => string | undefined {
  const raw = (name: string): string | undefined => {
    if (name === BASE_URL_VARIABLE) return sources.baseUrl ?? undefined;
    if (table[name] !== undefined && table[name] !== '') return table[name];
    return inheritedValue(name, sources)?.value;
  };
  const resolve = (name: string, depth: number): string | undefined => {
    const value = raw(name);
    if (value === undefined || depth > 4 || !value.includes('{{')) return value;
    return substitute(value, (inner) => resolve(inner, depth + 1)).text;
  };
  return (name) => resolve(name, 0);
}

/** The draft with every variable it uses substituted, and the names that have no value. */
export function resolveDraft(draft: TesterDraft, lookup: (name: string) => string | undefined): { draft: TesterDraft; missing: string[] } {
  const missing = new Set<string>();
  const text = (value: string, placeholders = false) => {
    const done = substitute(value, lookup, { placeholders });
    done.missing.forEach((name) => missing.add(name));
    return done.text;
  };
  const rows = (list: Row[]) => list.map((row) => (row.enabled ? { ...row, name: text(row.name), value: text(row.value) } : row));
  // The path's leading {{baseUrl}} stands for the environment itself: the path is then relative to it.
  const path = draft.path.replace(/^\s*\{\{\s*baseUrl\s*\}\}/, '');
  const resolved: TesterDraft = {
    ...draft,
    path: text(path, true),
    query: rows(draft.query),
    headers: rows(draft.headers),
    jsonText: draft.bodyKind === 'json' ? text(draft.jsonText) : draft.jsonText,
    formFields: draft.bodyKind === 'form' ? rows(draft.formFields) : draft.formFields,
    text: draft.bodyKind === 'text' ? text(draft.text) : draft.text,
    textContentType: draft.bodyKind === 'text' ? text(draft.textContentType) : draft.textContentType,
  };
  return { draft: resolved, missing: [...missing] };
}

/** Why a Send cannot go out with these variables missing. */
export function missingVariablesProblem(missing: string[]): string {
  const names = missing.slice(0, 3).map((n) => `“${n}”`).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
  return `No value for ${names}: give ${missing.length === 1 ? 'it one' : 'them values'} under Variables.`;
}
