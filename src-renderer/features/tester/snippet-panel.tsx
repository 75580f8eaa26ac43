/**
 * `Copy as` curl, Python requests, JavaScript fetch or HTTPie: the current request as a snippet that reads the
 * credential from an environment variable (never its value), in a read-only text area with `Copy snippet`.
 * Snippets hold no secret, so the page's own clipboard may be used for them.
 */
import { useMemo, useRef, useState } from 'react';
import { PRODUCTION_BASE_URL } from '../../../src-shared/environments';
import { buildSnippet, type SnippetTarget } from '../../../src-shared/snippets';
import { activeAccount, useAppStore } from '../../store';
import { draftProblem, toComposed } from '../../store/tester-draft';
import { Button } from '../../components/button';
import { Field } from '../../components/field';

const TARGETS: [SnippetTarget, string][] = [
  ['curl', 'curl'],
  ['python', 'Python requests'],
  ['fetch', 'JavaScript fetch'],
  ['httpie', 'HTTPie'],
];

async function copyText(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!area) return false;
    area.focus();
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** The snippets (the request pane's `Copy as` tab). */
export function SnippetPanel() {
  const draft = useAppStore((s) => s.tester.draft);
  const account = useAppStore(activeAccount);
  const [target, setTarget] = useState<SnippetTarget | null>(null);
  const [note, setNote] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);

  const snippet = useMemo(() => {
    if (!target) return '';
    const problem = draftProblem(draft);
    if (problem) return `# ${problem}`;
    try {
      return buildSnippet(target, toComposed(draft, account), account?.baseUrl ?? PRODUCTION_BASE_URL);
    } catch {
      return '# This request cannot be written as a snippet.';
    }
  }, [target, draft, account]);

  return (
    <div className="snippets">
      <div className="toggle" role="group" aria-label="Copy as">
        {TARGETS.map(([value, label]) => (
          <Button
            key={value}
            aria-pressed={target === value}
            onClick={() => {
              setTarget(value);
              setNote('');
            }}
          >
            {label}
          </Button>
        ))}
      </div>
      {target ? (
        <>
          <Field label="Snippet" hint="The credential is read from an environment variable; its value is never written here.">
            {(control) => <textarea {...control} ref={area} className="mono" rows={8} readOnly spellCheck={false} value={snippet} />}
          </Field>
          <div className="actions">
            <Button
              onClick={() =>
                void copyText(snippet, area.current).then((ok) => setNote(ok ? 'Snippet copied.' : 'Could not copy: select the text and press Ctrl+C.'))
              }
            >
              Copy snippet
            </Button>
            <span role="status" className="muted">
              {note}
            </span>
          </div>
        </>
      ) : (
        <p className="muted">The request as a command or a program that reads the credential from an environment variable.</p>
      )}
    </div>
  );
}
