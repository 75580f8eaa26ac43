/**
 * The data side of the JSON tree, with no React: one parse per response (kept for Pretty and Tree alike), node
 * paths, the nodes open at first, the size test for `Expand all`, and a search that stops after a fixed number of
 * matches and records the branches that lead to them.
 */
import { prettyJson } from '../../../src-shared/json-pretty';

/** Children shown at first under one node, and added by each `Show more`. */
export const TREE_PAGE = 100;
/** Nodes above this depth are open at first (the top level and its children), within `DEFAULT_OPEN_ROWS`. */
const DEFAULT_OPEN_DEPTH = 2;
/** Rows the nodes open at first may show together, so a huge body opens as a short tree. */
const DEFAULT_OPEN_ROWS = 500;
/** `Expand all` is offered for documents of at most this many values. */
export const EXPAND_ALL_MAX_NODES = 2_000;
/** A search stops after this many matches. */
export const MAX_TREE_MATCHES = 200;
/** Characters of a string value shown in a row; the rest is counted, not shown. */
export const MAX_VALUE_CHARS = 1_000;

/** Separates the keys of a node's path (a character no one types in a key). */
const SEP = '\u0000';

/** The path of the top-level value. */
export const ROOT_PATH = '';

/** A JSON object or array: the values that become expandable nodes. */
export type JsonContainer = Record<string, unknown> | unknown[];

/** The result of parsing a body: its value, or `ok: false` when it is not complete JSON. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false };

/** A body parsed at most once and pretty-printed at most once, whichever view asks first. */
export interface JsonCache {
  parsed(): ParsedJson;
  pretty(): string | null;
}

/** A lazy, memoising parser for one response body (create it once per body, e.g. with `useMemo`). */
export function jsonCache(text: string): JsonCache {
  let parsed: ParsedJson | undefined;
  let pretty: string | null | undefined;
  const parse = (): ParsedJson => {
    if (parsed) return parsed;
    try {
      parsed = { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      parsed = { ok: false };
    }
    return parsed;
  };
  return {
    parsed: parse,
    pretty() {
      if (pretty === undefined) {
        const p = parse();
        pretty = p.ok ? prettyJson(text) : null;
      }
      return pretty;
    },
  };
}

/** True for objects and arrays. */
export function isContainer(value: unknown): value is JsonContainer {
  return value !== null && typeof value === 'object';
}

/** The number of children of an object or array. */
export function childCount(value: JsonContainer): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** `{3}` for an object of three keys, `[120]` for an array of 120 items. */
export function summaryOf(value: JsonContainer): string {
  return Array.isArray(value) ? `[${value.length}]` : `{${childCount(value)}}`;
}

/** The path of a child, from its parent's path and its key (an array index as a string). */
export function childPath(parent: string, key: string): string {
  return `${parent}${SEP}${key}`;
}

/** The paths open at first: the top level, and its first children while they show few rows together. */
export function defaultOpenPaths(value: unknown): Set<string> {
  const open = new Set<string>();
  if (!isContainer(value)) return open;
  open.add(ROOT_PATH);
  if (DEFAULT_OPEN_DEPTH < 2) return open;
  const keys = Array.isArray(value) ? null : Object.keys(value);
  const shown = Math.min(keys ? keys.length : (value as unknown[]).length, TREE_PAGE);
  let rows = shown;
  for (let i = 0; i < shown; i += 1) {
    const key = keys ? keys[i] : String(i);
    const child = keys ? (value as Record<string, unknown>)[key] : (value as unknown[])[i];
    if (!isContainer(child)) continue;
    const more = Math.min(childCount(child), TREE_PAGE);
    if (rows + more > DEFAULT_OPEN_ROWS) break;
    rows += more;
    open.add(childPath(ROOT_PATH, key));
  }
  return open;
}

/** Counts the values in a document, stopping once the count passes `limit`. */
export function countNodes(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const v = stack.pop();
    count += 1;
    if (isContainer(v)) for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
  }
  return count;
}

/** The outcome of a tree search. */
export interface TreeSearch {
  /** Paths whose key or value contains the query. */
  matches: Set<string>;
  /** For each node on the way to a match, the keys of its children on the way, in document order. */
  branches: Map<string, string[]>;
  /** How many matches were found (at most `MAX_TREE_MATCHES`). */
  count: number;
  /** True when the search stopped at the cap, so there may be more. */
  capped: boolean;
}

/** True when a primitive value, as shown, contains the (lower-case) query. */
function valueMatches(value: unknown, query: string): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(query);
  if (isContainer(value)) return false;
  return String(value).includes(query);
}

/**
 * Finds the nodes whose key (not an array index) or primitive value contains `query` (lower case), in document
 * order, stopping after `cap` matches.
 */
export function searchTree(value: unknown, query: string, cap = MAX_TREE_MATCHES): TreeSearch {
  const result: TreeSearch = { matches: new Set(), branches: new Map(), count: 0, capped: false };
  const keys: string[] = [];

  const record = () => {
    let path = ROOT_PATH;
    for (const key of keys) {
      let list = result.branches.get(path);
      if (!list) result.branches.set(path, (list = []));
      if (list[list.length - 1] !== key) list.push(key);
      path = childPath(path, key);
    }
    result.matches.add(path);
    result.count += 1;
    if (result.count >= cap) result.capped = true;
  };

  const visit = (v: unknown, keyMatches: boolean): void => {
    if (keyMatches || valueMatches(v, query)) record();
    if (result.capped || !isContainer(v)) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && !result.capped; i += 1) {
        keys.push(String(i));
        visit(v[i], false);
        keys.pop();
      }
    } else {
      for (const key of Object.keys(v)) {
        if (result.capped) break;
        keys.push(key);
        visit(v[key], key.toLowerCase().includes(query));
        keys.pop();
      }
    }
  };

  visit(value, false);
  return result;
}
