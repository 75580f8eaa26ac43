/**
 * The URL field and the Query table kept in sync (issue 14, item 4). The draft's `path` is the URL text as the user
 * typed it, query included (`/api/v1/items?limit=5`); its enabled query rows are that query, read; a disabled row
 * lives in the table only. Typing in the URL rewrites the enabled rows; editing the table rewrites the URL's query.
 * What is sent is the path part plus the rows (`toComposed`), so the query is never sent twice. Pure.
 */
import { joinQuery, splitAtQuery, splitQuery } from '../../src-shared/query-text';
import { newRow, type Row, type TesterDraft } from './tester-draft';

/** The URL text without its query (and without a fragment, which is never sent). */
export function pathPart(text: string): string {
  const { path } = splitAtQuery(text);
  const hash = path.indexOf('#');
  return hash < 0 ? path : path.slice(0, hash);
}

/** The query text of a URL (without `?` and fragment), or null when it has none. */
function queryPart(text: string): string | null {
  const { query } = splitAtQuery(text);
  if (query === null) return null;
  const hash = query.indexOf('#');
  return hash < 0 ? query : query.slice(0, hash);
}

/**
 * The draft after the URL field changed: the text kept as typed, the enabled rows read from its query (reusing the
 * rows' ids in order, so the table does not remount while typing), the disabled rows kept after them.
 */
export function withUrlText(draft: Pick<TesterDraft, 'query'>, text: string): Pick<TesterDraft, 'path' | 'query'> {
  const query = queryPart(text);
  const typed = query === null ? [] : splitQuery(query);
  const enabled = draft.query.filter((row) => row.enabled);
  const rows: Row[] = typed.map((kv, i) => (enabled[i] ? { ...enabled[i]!, name: kv.name, value: kv.value } : newRow(kv.name, kv.value)));
  return { path: text, query: [...rows, ...draft.query.filter((row) => !row.enabled)] };
}

/**
 * The draft after the Query table changed: the rows as edited, the URL's query rewritten from the enabled ones (a
 * fragment, which is never sent, is dropped).
 */
export function withQueryRows(draft: Pick<TesterDraft, 'path'>, rows: Row[]): Pick<TesterDraft, 'path' | 'query'> {
  const query = joinQuery(rows);
  return { path: `${pathPart(draft.path)}${query !== '' ? `?${query}` : ''}`, query: rows };
}

/**
 * A path and query rows from elsewhere (history, a collection, a pasted curl command) as a draft's URL text and rows:
 * a query already in the path joins the rows, and the text shows the enabled ones.
 */
export function urlFrom(path: string, rows: Row[]): Pick<TesterDraft, 'path' | 'query'> {
  const query = queryPart(path);
  const inPath = query === null ? [] : splitQuery(query).map((kv) => newRow(kv.name, kv.value));
  return withQueryRows({ path: pathPart(path) }, [...inPath, ...rows]);
}

/**
 * A full URL of the environment (same origin, under its base path) as the path below it, query and all
 * (`http://127.0.0.1:8000/api/v1/items?limit=5` → `/api/v1/items?limit=5`); anything else as given.
 */
export function relativeToEnvironment(text: string, baseUrl: string): string {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return text;
  let url: URL;
  let base: URL;
  try {
    url = new URL(trimmed);
    base = new URL(baseUrl);
  } catch {
    return text;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || url.username || url.password) return text;
  if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return text;
  // The text after the origin as typed (the URL parser would re-encode the query).
  const authority = trimmed.indexOf('//') + 2;
  const end = trimmed.slice(authority).search(/[/?#]/);
  const rest = end < 0 ? '/' : trimmed.slice(authority + end);
  const below = (rest.startsWith('/') ? rest : `/${rest}`).slice(basePath.length);
  return below === '' ? '/' : below.startsWith('/') ? below : `/${below}`;
}
