/**
 * The request body: `None`, `JSON` (validated as you type, with `Format`), `Form` (a field table) or `Text`
 * (with its content type). Each kind keeps its own content, so switching loses nothing.
 */
import { useDeferredValue, useMemo } from 'react';
import { useAppStore } from '../../store';
import { jsonProblem, type BodyKind } from '../../store/tester-draft';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { KeyValueTable } from '../../components/key-value-table';
import { formatJson } from './json-text';

const KINDS: [BodyKind, string][] = [
  ['none', 'None'],
  ['json', 'JSON'],
  ['form', 'Form'],
  ['text', 'Text'],
];

function JsonBody() {
  const text = useAppStore((s) => s.tester.draft.jsonText);
  const update = useAppStore((s) => s.updateDraft);
  const deferred = useDeferredValue(text);
  const problem = useMemo(() => (deferred.trim() === '' ? null : jsonProblem(deferred)), [deferred]);
  const format = () => {
    if (jsonProblem(text)) return;
    update({ jsonText: formatJson(text) });
  };
  return (
    <>
      <Field label="JSON body" error={problem} hint={problem === null && text.trim() !== '' ? 'Valid JSON.' : null}>
        {(control) => (
          <textarea
            {...control}
            className="mono"
            rows={8}
            spellCheck={false}
            value={text}
            onChange={(e) => update({ jsonText: e.target.value })}
          />
        )}
      </Field>
      <div className="actions field-actions">
        <Button onClick={format} aria-disabled={problem !== null || text.trim() === '' ? true : undefined}>
          Format
        </Button>
      </div>
    </>
  );
}

function TextBody() {
  const text = useAppStore((s) => s.tester.draft.text);
  const contentType = useAppStore((s) => s.tester.draft.textContentType);
  const update = useAppStore((s) => s.updateDraft);
  return (
    <>
      <Field label="Content type">
        {(control) => (
          <input {...control} type="text" spellCheck={false} value={contentType} onChange={(e) => update({ textContentType: e.target.value })} />
        )}
      </Field>
      <Field label="Text body">
        {(control) => <textarea {...control} className="mono" rows={6} value={text} onChange={(e) => update({ text: e.target.value })} />}
      </Field>
    </>
  );
}

/** The body section of the request editor. */
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
