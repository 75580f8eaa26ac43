/**
 * A collapsible tree of a parsed JSON body, every number and duplicate key as sent. Objects and arrays are disclosure buttons (`data [120]`, with
 * `aria-expanded`); only open nodes mount their children, and each shows its first `TREE_PAGE` children with
 * `Show more`, so a 10 MB body never mounts a huge tree. `Search` keeps only the branches that lead to a match
 * (opened, highlighted, at most `MAX_TREE_MATCHES`). Keyboard: Tab and Enter/Space as for any button, and the
 * arrow keys move through the tree (Right opens or goes in, Left closes or goes up, Up/Down, Home/End).
 */
import { createContext, useCallback, useContext, useDeferredValue, useMemo, useState, type KeyboardEvent } from 'react';
import { Marked } from '../../components/marked';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import type { Node } from 'jsonc-parser';
import type { JsonDocument } from './json-text';
import {
  EXPAND_ALL_MAX_NODES,
  MAX_TREE_MATCHES,
  MAX_VALUE_CHARS,
  ROOT_PATH,
  TREE_PAGE,
  childAt,
  childCount,
  childPath,
  countNodes,
  defaultOpenPaths,
  isContainer,
  searchTree,
  summaryOf,
  valueText,
  type TreeSearch,
} from './json-tree-model';

/** What every node asks the tree: the document, open or not, how many children to show, and the search in force. */
interface TreeApi {
  doc: JsonDocument;
  isOpen(path: string, depth: number): boolean;
  toggle(path: string, depth: number): void;
  limitOf(path: string): number;
  showMore(path: string): void;
  found: TreeSearch | null;
  query: string;
}

const TreeContext = createContext<TreeApi | null>(null);

function useTree(): TreeApi {
  const tree = useContext(TreeContext);
  if (!tree) throw new Error('A JSON tree node outside its tree');
  return tree;
}

/** A primitive (or empty object/array) as sent, a long string cut at `MAX_VALUE_CHARS`. */
function ValueText({ node, query }: { node: Node; query: string }) {
  const { doc } = useTree();
  if (node.type === 'string') {
    const value = node.value as string;
    const cut = value.length > MAX_VALUE_CHARS;
    return (
      <>
        <span className="jt-string">
          <Marked text={JSON.stringify(cut ? value.slice(0, MAX_VALUE_CHARS) : value)} query={query} />
        </span>
        {cut ? <span className="jt-note"> … {value.length - MAX_VALUE_CHARS} more characters</span> : null}
      </>
    );
  }
  if (isContainer(node)) return <span className="jt-punct">{node.type === 'array' ? '[]' : '{}'}</span>;
  return (
    <span className={`jt-${node.type}`}>
      <Marked text={valueText(doc, node)} query={query} />
    </span>
  );
}

function TreeChildren({ node, path, depth }: { node: Node; path: string; depth: number }) {
  const tree = useTree();
  const branch = tree.found?.branches.get(path);
  const total = branch ? branch.length : childCount(node);
  const shown = Math.min(total, tree.limitOf(path));
  const items = [];
  for (let i = 0; i < shown; i += 1) {
    const index = branch ? branch[i]! : i;
    const child = childAt(node, index);
    items.push(<TreeNode key={index} name={child.name} node={child.node} path={childPath(path, index)} depth={depth + 1} />);
  }
  return (
    <ul className="jt-children">
      {items}
      {shown < total ? (
        <li className="jt-more">
          <span className="muted">
            Showing {shown} of {total}
            {branch ? ' matching' : ''}.
          </span>{' '}
          <Button variant="quiet" onClick={() => tree.showMore(path)}>
            Show more
          </Button>
        </li>
      ) : null}
    </ul>
  );
}

function TreeNode({ name, node, path, depth }: { name: string; node: Node; path: string; depth: number }) {
  const tree = useTree();
  const query = tree.found ? tree.query : '';
  if (!isContainer(node) || childCount(node) === 0) {
    return (
      <li className="jt-node">
        <span className="jt-leaf">
          <span className="jt-key">
            <Marked text={name} query={query} />
          </span>
          <span className="jt-punct">: </span>
          <ValueText node={node} query={query} />
        </span>
      </li>
    );
  }
  const open = tree.isOpen(path, depth);
  return (
    <li className="jt-node">
      <button type="button" className="jt-toggle" aria-expanded={open} onClick={() => tree.toggle(path, depth)}>
        <span className="jt-key">
          <Marked text={name} query={query} />
        </span>{' '}
        <span className="jt-summary">{summaryOf(node)}</span>
      </button>
      {open ? <TreeChildren node={node} path={path} depth={depth} /> : null}
    </li>
  );
}

/** Arrow keys, Home and End on the tree's buttons (Enter, Space and Tab are the buttons' own). */
function moveFocus(e: KeyboardEvent<HTMLElement>): void {
  const target = e.target;
  if (!(target instanceof HTMLButtonElement)) return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const at = buttons.indexOf(target);
  const isToggle = target.classList.contains('jt-toggle');
  const expanded = target.getAttribute('aria-expanded') === 'true';
  let next: HTMLButtonElement | null | undefined = null;
  switch (e.key) {
    case 'ArrowDown':
      next = buttons[at + 1];
      break;
    case 'ArrowUp':
      next = buttons[at - 1];
      break;
    case 'Home':
      next = buttons[0];
      break;
    case 'End':
      next = buttons[buttons.length - 1];
      break;
    case 'ArrowRight':
      if (!isToggle) return;
      if (expanded) next = target.nextElementSibling?.querySelector('button');
      else target.click();
      break;
    case 'ArrowLeft':
      if (isToggle && expanded) target.click();
      else next = target.closest('li')?.parentElement?.closest('li')?.querySelector<HTMLButtonElement>(':scope > .jt-toggle');
      break;
    default:
      return;
  }
  e.preventDefault();
  next?.focus();
}

/** The starting shape of the tree before any toggle: as designed, all open, or only the top level. */
type Baseline = 'default' | 'all' | 'none';

/** A collapsible, searchable tree of `doc` (a parsed JSON body), named `label` for assistive technology. */
export function JsonTree({ doc, label = 'Response tree' }: { doc: JsonDocument; label?: string }) {
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const found = useMemo(() => (query ? searchTree(doc, query) : null), [doc, query]);
  const defaultOpen = useMemo(() => defaultOpenPaths(doc.root), [doc]);
  const small = useMemo(() => countNodes(doc.root, EXPAND_ALL_MAX_NODES) <= EXPAND_ALL_MAX_NODES, [doc]);
  const [baseline, setBaseline] = useState<Baseline>('default');
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const [searchToggled, setSearchToggled] = useState<{ query: string; open: ReadonlyMap<string, boolean> }>({ query: '', open: new Map() });
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(() => new Map());

  const isOpen = useCallback(
    (path: string, depth: number): boolean => {
      if (found) return (searchToggled.query === query ? searchToggled.open.get(path) : undefined) ?? found.branches.has(path);
      const chosen = toggled.get(path);
      if (chosen !== undefined) return chosen;
      if (baseline === 'all') return true;
      if (baseline === 'none') return depth === 0;
      return defaultOpen.has(path);
    },
    [found, searchToggled, query, toggled, baseline, defaultOpen],
  );

  const api = useMemo<TreeApi>(
    () => ({
      doc,
      isOpen,
      toggle(path, depth) {
        const next = !isOpen(path, depth);
        if (found) setSearchToggled((s) => ({ query, open: new Map(s.query === query ? s.open : []).set(path, next) }));
        else setToggled((m) => new Map(m).set(path, next));
      },
      limitOf: (path) => limits.get(path) ?? TREE_PAGE,
      showMore: (path) => setLimits((m) => new Map(m).set(path, (m.get(path) ?? TREE_PAGE) + TREE_PAGE)),
      found,
      query,
    }),
    [doc, isOpen, found, query, limits],
  );

  const reset = (to: Baseline) => {
    setBaseline(to);
    setToggled(new Map());
  };
  const hint = found
    ? found.count === 0
      ? 'No matches.'
      : found.capped
        ? `The first ${MAX_TREE_MATCHES} matches.`
        : `${found.count} match${found.count === 1 ? '' : 'es'}.`
    : null;

  return (
    <div className="json-tree-view">
      <div className="jt-toolbar">
        <Field label="Search" className="search" hint={hint}>
          {(control) => <input {...control} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        {found ? null : (
          <div className="actions">
            {small ? <Button onClick={() => reset('all')}>Expand all</Button> : null}
            <Button onClick={() => reset('none')}>Collapse all</Button>
          </div>
        )}
      </div>
      <TreeContext value={api}>
        <ul className="json-tree mono" aria-label={label} onKeyDown={moveFocus}>
          <TreeNode name="root" node={doc.root} path={ROOT_PATH} depth={0} />
        </ul>
      </TreeContext>
    </div>
  );
}
