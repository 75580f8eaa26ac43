/**
 * The request body: `None`, `JSON` (in the code editor, validated as you type, with `Format`), `Form` (a field
 * table) or `Text` (in the code editor, with its content type). Each kind keeps its own content, so switching loses
 * nothing.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useAppStore } from '../../store';
import { jsonProblem, type BodyKind } from '../../store/tester-draft';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { KeyValueTable } from '../../components/key-value-table';
import { CodeView } from './code-view';
import { formatJson } from './json-text';

const KINDS: [BodyKind, string][] = [
  ['none', 'None'],
  ['json', 'JSON'],
  ['form', 'Form'],
  ['text', 'Text'],
];

/** Wrap lines, for both editable bodies (a toggle button). */
function WrapToggle({ wrap, onChange }: { wrap: boolean; onChange: (wrap: boolean) => void }) {
  return (
    <Button variant="quiet" aria-pressed={wrap} onClick={() => onChange(!wrap)}>
      Wrap lines
    </Button>
  );
}

function JsonBody() {
  const text = useAppStore((s) => s.tester.draft.jsonText);
  const update = useAppStore((s) => s.updateDraft);
  const [wrap, setWrap] = useState(true);
  const deferred = useDeferredValue(text);
  const problem = useMemo(() => (deferred.trim() === '' ? null : jsonProblem(deferred)), [deferred]);
  const messageId = useId();
  const format = () => {
    if (jsonProblem(text)) return;
    update({ jsonText: formatJson(text) });
  };
  return (
    <div className="code-field">
      <div className="code-toolbar">
        <span className="code-label" id={`${messageId}-label`}>
          JSON body
        </span>
        <Button onClick={format} aria-disabled={problem !== null || text.trim() === '' ? true : undefined}>
          Format
        </Button>
        <WrapToggle wrap={wrap} onChange={setWrap} />
      </div>
      <CodeView
        value={text}
        language="json"
        label="JSON body"
        wrap={wrap}
        onChange={(jsonText) => update({ jsonText })}
        attributes={{ 'aria-describedby': messageId, ...(problem ? { 'aria-invalid': 'true' } : {}) }}
      />
      <p id={messageId} className={problem ? 'field-error' : 'hint'}>
        {problem ?? (text.trim() !== '' ? 'Valid JSON.' : 'Ctrl+F searches, Ctrl+Shift+[ folds.')}
      </p>
    </div>
  );
}

function TextBody() {
  const text = useAppStore((s) => s.tester.draft.text);
  const contentType = useAppStore((s) => s.tester.draft.textContentType);
  const update = useAppStore((s) => s.updateDraft);
  const [wrap, setWrap] = useState(true);
  return (
    <>
      <Field label="Content type">
        {(control) => (
          <input {...control} type="text" spellCheck={false} value={contentType} onChange={(e) => update({ textContentType: e.target.value })} />
        )}
      </Field>
      <div className="code-field">
        <div className="code-toolbar">
          <span className="code-label">Text body</span>
          <WrapToggle wrap={wrap} onChange={setWrap} />
        </div>
        <CodeView value={text} language="text" label="Text body" wrap={wrap} onChange={(value) => update({ text: value })} />
      </div>
    </>
  );
}

/** The body section of the request pane. */
export function BodyEditor() {
  const kind = useAppStore((s) => s.tester.draft.bodyKind);
  const formFields = useAppStore((s) => s.tester.draft.formFields);
  const update = useAppStore((s) => s.updateDraft);
  return (
    <div className="body-editor">
      <fieldset className="choice inline">
        <legend>Body</legend>
        {KINDS.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name="body-kind" value={value} checked={kind === value} onChange={() => update({ bodyKind: value })} />
            {label}
          </label>
        ))}
      </fieldset>
      {kind === 'json' ? <JsonBody /> : null}
      {kind === 'form' ? <KeyValueTable legend="Form fields" noun="form field" rows={formFields} onChange={(rows) => update({ formFields: rows })} /> : null}
      {kind === 'text' ? <TextBody /> : null}
    </div>
  );
}
