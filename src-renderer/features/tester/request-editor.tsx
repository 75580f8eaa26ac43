/**
 * The request pane of the workbench: the endpoint picker, then the request's parts as tabs — `Query` and `Headers`
 * (tables), `Body` (None, JSON and Text in the code editor, Form as a table), `Auth` (which of the account's
 * credentials main adds when it sends; it never enters this window) and `Copy as` (snippets). The method, path and
 * Send are on the row above (`url-bar.tsx`).
 */
import { useState } from 'react';
import type { TesterAuth } from '../../../src-shared/tester';
import { activeAccount, useAppStore } from '../../store';
import { draftAuth } from '../../store/tester-draft';
import { Field } from '../../components/field';
import { KeyValueTable } from '../../components/key-value-table';
import { BodyEditor } from './body-editor';
import { EndpointPicker } from './endpoint-picker';
import { RequestVariables } from './request-variables';
import { SnippetPanel } from './snippet-panel';
import { SubTabs } from './sub-tabs';
import { useUrlField } from './use-url-field';

const AUTH_OPTIONS: [TesterAuth, string][] = [
  ['api-key', 'API key'],
  ['token', 'Session token'],
  ['none', 'None'],
];

type Part = 'query' | 'headers' | 'body' | 'auth' | 'snippets';

const BODY_NAMES = { none: 'none', json: 'JSON', form: 'form', text: 'text' } as const;

/** What a tab's draft did not keep across restarts, said where the user edits it. */
function NotKept({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <p className="note">
      Not kept across restarts, because it looks like a secret: {notes.join(', ')}. It stays in this tab until the app quits; after a restart it reads REDACTED. Use the account’s credential under Auth instead.
    </p>
  );
}

/** The request pane. */
export function RequestEditor() {
  const draft = useAppStore((s) => s.tester.draft);
  const account = useAppStore(activeAccount);
  const notKept = useAppStore((s) => s.workbench.tabs.find((t) => t.id === s.workbench.activeTabId)?.notKept ?? []);
  const update = useAppStore((s) => s.updateDraft);
  const auth = draftAuth(draft, account);
  const url = useUrlField();
  const [part, setPart] = useState<Part>(() => (draft.bodyKind !== 'none' ? 'body' : 'query'));
  const count = (rows: { name: string; value: string }[]) => rows.filter((r) => r.name !== '' || r.value !== '').length;

  const counted = (name: string, n: number) => (n > 0 ? `${name} (${n})` : name);
  const tabs = [
    { key: 'query', name: counted('Query', count(draft.query)) },
    { key: 'headers', name: counted('Headers', count(draft.headers)) },
    { key: 'body', name: draft.bodyKind === 'none' ? 'Body' : `Body (${BODY_NAMES[draft.bodyKind]})` },
    { key: 'auth', name: auth === 'none' ? 'Authorization (none)' : 'Authorization' },
    { key: 'snippets', name: 'Copy as' },
  ] as const;

  return (
    <section className="pane request-pane" aria-labelledby="request-heading">
      <div className="pane-head">
        <h2 id="request-heading" className="visually-hidden">
          Request
        </h2>
        <EndpointPicker onChosen={(hasBody) => hasBody && setPart('body')} />
      </div>
      <NotKept notes={notKept} />
      <RequestVariables />
      <SubTabs label="Request parts" tabs={tabs} selected={part} onSelect={setPart} className="pane-body">
        {part === 'query' ? (
          <KeyValueTable legend="Query parameters" noun="query parameter" rows={draft.query} onChange={url.onQueryRows} />
        ) : null}
        {part === 'headers' ? <KeyValueTable legend="Headers" noun="header" rows={draft.headers} onChange={(rows) => update({ headers: rows })} /> : null}
        {part === 'body' ? <BodyEditor /> : null}
        {part === 'auth' ? (
          <Field label="Auth" hint="The app adds the credential when it sends; it never enters this window.">
            {(control) => (
              <select {...control} value={auth} onChange={(e) => update({ auth: e.target.value as TesterAuth })}>
                {AUTH_OPTIONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {part === 'snippets' ? <SnippetPanel /> : null}
      </SubTabs>
    </section>
  );
}
