/**
 * A response body that stays responsive at 10 MB: JSON pretty, as a collapsible tree (`json-text.ts`,
 * `json-tree.tsx`) or raw (the text as received), a
 * `Search` box that keeps only the matching lines (highlighted), and at most a few hundred rows in the DOM at once,
 * with `Show more`. A very long line (a minified document) is cut into rows of `MAX_ROW_CHARS`, so paging works for
 * it too.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { TesterResponse } from '../../../src-shared/tester';
import { Marked } from '../../components/marked';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { formatBytes } from '../../format';
import { JsonTree } from './json-tree';
import { jsonText } from './json-text';

/** Lines rendered at first, and added by each `Show more`. */
const PAGE_LINES = 500;
/** Characters in one row on screen; longer lines continue on the next rows. */
const MAX_ROW_CHARS = 1_000;

/** A row of the view: a line, or a piece of a long one (`continued` when it goes on from the row before). */
interface Row {
  text: string;
  line: number;
  continued: boolean;
}

/** Splits a text into rows. */
export function toRows(text: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.length <= MAX_ROW_CHARS) rows.push({ text: line, line: i + 1, continued: false });
    else for (let at = 0; at < line.length; at += MAX_ROW_CHARS) rows.push({ text: line.slice(at, at + MAX_ROW_CHARS), line: i + 1, continued: at > 0 });
  }
  return rows;
}

function TextLines({ text, label }: { text: string; label: string }) {
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE_LINES);
  const query = useDeferredValue(search.trim().toLowerCase());
  const rows = useMemo(() => toRows(text), [text]);
  const matches = useMemo(() => {
    if (!query) return null;
    const found: number[] = [];
    for (let i = 0; i < rows.length; i += 1) if (rows[i].text.toLowerCase().includes(query)) found.push(i);
    return found;
  }, [rows, query]);
  const total = matches ? matches.length : rows.length;
  const shown = Math.min(limit, total);

  return (
    <div className="body-lines">
      <Field label="Search" className="search" hint={matches ? `${matches.length} matching line${matches.length === 1 ? '' : 's'}` : null}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setLimit(PAGE_LINES);
            }}
          />
        )}
      </Field>
      <pre className="body-view mono" tabIndex={0} aria-label={label}>
        {matches
          ? matches.slice(0, shown).map((index) => (
              <span className="match-line" key={index}>
                <span className="line-no">{rows[index].line}</span>
                <Marked text={rows[index].text} query={query} maxParts={200} />
              </span>
            ))
          : rows
              .slice(0, shown)
              .map((row, i) => (i > 0 && !row.continued ? `\n${row.text}` : row.text))
              .join('')}
      </pre>
      {shown < total ? (
        <p className="muted">
          Showing {shown} of {total} {matches ? 'matching rows' : 'rows'}.{' '}
          <Button variant="quiet" onClick={() => setLimit((n) => n + PAGE_LINES)}>
            Show more
          </Button>
        </p>
      ) : null}
    </div>
  );
}

function JsonBody({ text }: { text: string }) {
  const [mode, setMode] = useState<'pretty' | 'tree' | 'raw'>('pretty');
  // Pretty and Tree are each computed at most once per response, when first shown; Raw is the text as received.
  const json = useMemo(() => jsonText(text), [text]);
  const pretty = mode === 'pretty' ? json.pretty() : null;
  const tree = mode === 'tree' ? json.tree() : null;
  const view = pretty ?? tree;
  const modes = [
    ['pretty', 'Pretty'],
    ['tree', 'Tree'],
    ['raw', 'Raw'],
  ] as const;
  return (
    <>
      <div className="toggle" role="group" aria-label="Response format">
        {modes.map(([value, name]) => (
          <Button key={value} aria-pressed={mode === value} onClick={() => setMode(value)}>
            {name}
          </Button>
        ))}
      </div>
      {view && !view.ok ? <p className="muted">{view.note}</p> : null}
      {tree?.ok ? <JsonTree doc={tree.value} /> : <TextLines text={pretty?.ok ? pretty.value : text} label="Response body" />}
    </>
  );
}

/** The body of a response, by kind. */
export function BodyViewer({ response }: { response: TesterResponse }) {
  switch (response.bodyKind) {
    case 'empty':
      return <p className="muted">No body.</p>;
    case 'json':
      return <JsonBody text={response.text} />;
    case 'text':
      return <TextLines text={response.text} label="Response body" />;
    case 'binary':
      return (
        <>
          <p>
            Binary body ({response.contentType || 'unknown type'}), {formatBytes(response.sizeBytes)}.
          </p>
          <pre className="body-view mono" tabIndex={0} aria-label="Hex summary">
            {response.text}
          </pre>
        </>
      );
  }
}
