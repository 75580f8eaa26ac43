/**
 * A collection's `http-client.env.json` (JetBrains' HTTP Client convention; REST Client keeps the same shape in its
 * settings): `{ "<environment>": { "<variable>": "<value>", … }, … }`. Read tolerantly (numbers and booleans become
 * text, anything else is skipped); written with the other environments and keys kept in their order. The private
 * file JetBrains keeps beside it for secrets (`http-client.private.env.json`) is never read: the app keeps no secret
 * in a collection, and reads none from one.
 */
import type { CollectionEnvironment, Variable } from '../../src-shared/collections';

/** The variables of every environment in the file's text; an unreadable file has none (and says why). */
export function readEnvironments(text: string | null): { environments: CollectionEnvironment[]; problem: string | null } {
  if (text === null || text.trim() === '') return { environments: [], problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { environments: [], problem: 'http-client.env.json is not valid JSON; its variables are not used.' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { environments: [], problem: 'http-client.env.json is not an object of environments; its variables are not used.' };
  }
  const environments: CollectionEnvironment[] = [];
  for (const [name, values] of Object.entries(parsed as Record<string, unknown>)) {
    if (!values || typeof values !== 'object' || Array.isArray(values)) continue;
    const variables: Variable[] = [];
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (typeof value === 'string') variables.push({ name: key, value });
      else if (typeof value === 'number' || typeof value === 'boolean') variables.push({ name: key, value: String(value) });
    }
    environments.push({ name, variables });
  }
  return { environments, problem: null };
}

/**
 * The file's text with one environment's variables replaced (in the order given), everything else kept. A file
 * that is not a JSON object is replaced by one that holds this environment only.
 */
export function writeEnvironment(text: string | null, environment: string, variables: Variable[]): string {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    data = {};
  }
  const values = Object.fromEntries(variables.map((v) => [v.name, v.value]));
  const next = Object.prototype.hasOwnProperty.call(data, environment)
    ? Object.fromEntries(Object.entries(data).map(([key, value]) => [key, key === environment ? values : value]))
    : { ...data, [environment]: values };
  return `${JSON.stringify(next, null, 2)}\n`;
}

/** The variables of one environment, or an empty list. */
export function variablesOf(environments: CollectionEnvironment[], name: string): Variable[] {
  return environments.find((e) => e.name === name)?.variables ?? [];
}
