/**
 * The data side of the JSON tree, with no React, over `jsonc-parser`'s tree of the body (`json-text.ts`): the
 * children of a node with their names (duplicate keys included), each value's exact text, node paths, the nodes open
 * at first, the size test for `Expand all`, and a search that stops after a fixed number of matches and records the
 * branches that lead to them.
 */
import type { Node } from 'jsonc-parser';
import type { JsonDocument } from './json-text';

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

/** Separates the child indexes of a node's path. */
const SEP = '/';

/** The path of the top-level value. */
export const ROOT_PATH = '';

/** A child of an object or array: its name (the key, or the index in an array) and its value node. */
export interface TreeChild {
  name: string;
  node: Node;
}

/** True for objects and arrays. */
export function isContainer(node: Node): boolean {
  return node.type === 'object' || node.type === 'array';
}

/** The number of children of an object or array (duplicate keys each count). */
export function childCount(node: Node): number {
  return node.children?.length ?? 0;
}

/** The `index`th child of an object (a property: its key and value) or an array. */
export function childAt(node: Node, index: number): TreeChild {
  const child = node.children![index]!;
  if (node.type === 'array') return { name: String(index), node: child };
  const [key, value] = child.children!;
  return { name: key!.value as string, node: value! };
}

/** `{3}` for an object of three keys, `[120]` for an array of 120 items. */
export function summaryOf(node: Node): string {
  return node.type === 'array' ? `[${childCount(node)}]` : `{${childCount(node)}}`;
}

/** A primitive's text exactly as sent (`12345678901234567890`, `1.0`, `-0`, `true`); a string's decoded value. */
export function valueText(doc: JsonDocument, node: Node): string {
  if (node.type === 'string') return node.value as string;
  return doc.text.slice(node.offset, node.offset + node.length);
}

/** The path of a child, from its parent's path and its index (so duplicate keys have paths of their own). */
export function childPath(parent: string, index: number): string {
  return `${parent}${SEP}${index}`;
}

/** The paths open at first: the top level, and its first children while they show few rows together. */
export function defaultOpenPaths(root: Node): Set<string> {
  const open = new Set<string>();
  if (!isContainer(root)) return open;
  open.add(ROOT_PATH);
  if (DEFAULT_OPEN_DEPTH < 2) return open;
  const shown = Math.min(childCount(root), TREE_PAGE);
  let rows = shown;
  for (let i = 0; i < shown; i += 1) {
    const child = childAt(root, i).node;
    if (!isContainer(child)) continue;
    const more = Math.min(childCount(child), TREE_PAGE);
    if (rows + more > DEFAULT_OPEN_ROWS) break;
    rows += more;
    open.add(childPath(ROOT_PATH, i));
  }
  return open;
}

/** Counts the values in a document, stopping once the count passes `limit`. */
export function countNodes(root: Node, limit: number): number {
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop()!;
    count += 1;
    if (isContainer(node)) for (let i = 0; i < childCount(node); i += 1) stack.push(childAt(node, i).node);
  }
  return count;
}

/** The outcome of a tree search. */
export interface TreeSearch {
  /** Paths whose key or value contains the query. */
  matches: Set<string>;
  /** For each node on the way to a match, the indexes of its children on the way, in document order. */
  branches: Map<string, number[]>;
  /** How many matches were found (at most `MAX_TREE_MATCHES`). */
  count: number;
  /** True when the search stopped at the cap, so there may be more. */
  capped: boolean;
}

/**
 * Finds the nodes whose key (not an array index) or primitive value (as shown) contains `query` (lower case), in
 * document order, stopping after `cap` matches.
 */
export function searchTree(doc: JsonDocument, query: string, cap = MAX_TREE_MATCHES): TreeSearch {
  const result: TreeSearch = { matches: new Set(), branches: new Map(), count: 0, capped: false };
  const indexes: number[] = [];

  const record = () => {
    let path = ROOT_PATH;
    for (const index of indexes) {
      let list = result.branches.get(path);
      if (!list) result.branches.set(path, (list = []));
      if (list[list.length - 1] !== index) list.push(index);
      path = childPath(path, index);
    }
    result.matches.add(path);
    result.count += 1;
    if (result.count >= cap) result.capped = true;
  };

  const visit = (node: Node, keyMatches: boolean): void => {
    const container = isContainer(node);
    if (keyMatches || (!container && valueText(doc, node).toLowerCase().includes(query))) record();
    if (result.capped || !container) return;
    const keyed = node.type === 'object';
    for (let i = 0; i < childCount(node) && !result.capped; i += 1) {
      const child = childAt(node, i);
      indexes.push(i);
      visit(child.node, keyed && child.name.toLowerCase().includes(query));
      indexes.pop();
    }
  };

  visit(doc.root, false);
  return result;
}
