/**
 * A response body, in the code editor (line numbers, folding, search, word wrap, JSON colour) so that a body of
 * megabytes stays responsive: JSON as `Pretty` (pretty-printed in slices, its first screen at once), `Raw` (the text
 * as received) or `Tree` (`json-tree.tsx`); text raw; a binary body as its hex summary. `Copy body` copies the text
 * (main has already hidden any credential in it); `Save body…` asks main, which shows the save dialog (or, in the
 * browser preview, answers the body for the page to download).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TesterResponse } from '../../../src-shared/tester';
import type { AppError } from '../../../src-shared/errors';
import { call } from '../../api';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { formatBytes } from '../../format';
import type { CodeViewHandle } from './codemirror';
import { CodeView } from './code-view';
import { prettyRun } from './json-pretty-stream';
import { JsonTree } from './json-tree';
import { jsonText } from './json-text';

/** How long the first slice of a pretty-printing may take before the view shows (ms), and each later one. */
const FIRST_SLICE_MS = 8;
const NEXT_SLICE_MS = 12;
const TOO_DEEP = 'This body is nested too deeply to pretty-print, so it is shown raw.';

/** Offers a body main answered as a download (the browser preview has no save dialog). */
function download(fileName: string, contentType: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface PrettyViewProps {
  text: string;
  /** The whole pretty text, when an earlier view of this response made it. */
  made: string | null;
  wrap: boolean;
  onReady: (handle: CodeViewHandle) => void;
  /** Called with the whole pretty text once it is made (so showing Pretty again does not make it again). */
  onMade: (pretty: string) => void;
  onTooDeep: () => void;
}

/** The pretty-printed text: the first slice at once, the rest appended in slices that leave the page free. */
function PrettyView({ text, made, wrap, onReady, onMade, onTooDeep }: PrettyViewProps) {
  const started = useMemo(() => {
    if (made !== null) return { run: null, first: { text: made, done: true, tooLarge: false } };
    const run = prettyRun(text);
    return { run, first: run.step(FIRST_SLICE_MS) };
  }, [text]);
  const gone = useRef(false);
  useEffect(() => {
    gone.current = false;
    if (started.first.tooLarge) onTooDeep();
    return () => {
      gone.current = true;
    };
  }, [started]);
  const stream = (handle: CodeViewHandle) => {
    onReady(handle);
    const { run, first } = started;
    if (!run || first.tooLarge) return;
    const parts = [first.text];
    if (first.done) return onMade(first.text);
    const next = () => {
      if (gone.current) return;
      const slice = run.step(NEXT_SLICE_MS);
      if (slice.tooLarge) return onTooDeep();
      if (slice.text) {
        handle.append(slice.text);
        parts.push(slice.text);
      }
      if (slice.done) onMade(parts.join(''));
      else setTimeout(next, 0);
    };
    setTimeout(next, 0);
  };
  return <CodeView value={started.first.text} language="json" label="Response body" readOnly wrap={wrap} onReady={stream} />;
}

type Mode = 'pretty' | 'raw' | 'tree';

/** The body of a response, by kind, with its tools. */
export function ResponseBody({ response }: { response: TesterResponse }) {
  const json = response.bodyKind === 'json';
  const [mode, setMode] = useState<Mode>(json ? 'pretty' : 'raw');
  const [wrap, setWrap] = useState(true);
  const [note, setNote] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [viewNote, setViewNote] = useState<string | null>(null);
  const editor = useRef<CodeViewHandle | null>(null);
  // Each view of this response is made at most once: the tree when first shown, the pretty text when first made.
  const views = useMemo(() => jsonText(response.text), [response.text]);
  const pretty = useRef<string | null>(null);
  const tree = mode === 'tree' ? views.tree() : null;

  if (response.bodyKind === 'empty') return <p className="muted">No body.</p>;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(response.text);
      setNote('Body copied.');
    } catch {
      setNote('Could not copy: select the text in the body and press Ctrl+C.');
    }
  };
  const save = async () => {
    setSaveError(null);
    setNote(null);
    const result = await call('saveResponseBody', { historyId: response.historyId });
    if (!result.ok) return setSaveError(result.error);
    const saved = result.value;
    if (saved.outcome === 'saved') setNote(`Saved to ${saved.path}.`);
    else if (saved.outcome === 'download') {
      download(saved.fileName, saved.contentType, saved.base64);
      setNote(`Offered as a download: ${saved.fileName}.`);
    }
  };
  const modes = [
    ['pretty', 'Pretty'],
    ['raw', 'Raw'],
    ['tree', 'Tree'],
  ] as const;
  const inEditor = response.bodyKind !== 'binary' && mode !== 'tree';

  return (
    <div className="response-body">
      <div className="code-toolbar">
        {json ? (
          <div className="toggle" role="group" aria-label="Response format">
            {modes.map(([value, name]) => (
              <Button key={value} aria-pressed={mode === value} onClick={() => setMode(value)}>
                {name}
              </Button>
            ))}
          </div>
        ) : null}
        {inEditor ? (
          <>
            <Button variant="quiet" aria-pressed={wrap} aria-label="Wrap lines" onClick={() => setWrap(!wrap)}>
              Wrap
            </Button>
            <Button variant="quiet" aria-keyshortcuts="Control+F Meta+F" onClick={() => editor.current?.openSearch()}>
              Search
            </Button>
          </>
        ) : null}
        <Button variant="quiet" aria-label="Copy body" onClick={() => void copy()}>
          Copy
        </Button>
        <Button variant="quiet" aria-label="Save body" title="Save body to a file" onClick={() => void save()}>
          Save
        </Button>
        <span role="status" className="muted">
          {note}
        </span>
      </div>
      {saveError ? <ErrorMessage error={saveError} title="The body was not saved" /> : null}
      {viewNote && mode === 'raw' ? <p className="muted">{viewNote}</p> : null}
      {tree && !tree.ok ? <p className="muted">{tree.note}</p> : null}
      {response.bodyKind === 'binary' ? (
        <>
          <p>
            Binary body ({response.contentType || 'unknown type'}), {formatBytes(response.sizeBytes)}.
          </p>
          <pre className="body-view mono" tabIndex={0} aria-label="Hex summary">
            {response.text}
          </pre>
        </>
      ) : mode === 'tree' && tree?.ok ? (
        <JsonTree doc={tree.value} />
      ) : mode === 'pretty' ? (
        <PrettyView
          key={response.historyId}
          text={response.text}
          made={pretty.current}
          wrap={wrap}
          onReady={(handle) => (editor.current = handle)}
          onMade={(text) => (pretty.current = text)}
          onTooDeep={() => {
            setViewNote(TOO_DEEP);
            setMode('raw');
          }}
        />
      ) : (
        <CodeView
          key={`${response.historyId}-raw`}
          value={response.text}
          language={json ? 'json' : 'text'}
          label="Response body"
          readOnly
          wrap={wrap}
          onReady={(handle) => (editor.current = handle)}
        />
      )}
    </div>
  );
}
