/**
 * The Collections panel: saved requests as `.http` files in folders the user owns (JetBrains' HTTP Client and VS
 * Code's REST Client read them too, and they live well in git). Save request… (Ctrl/⌘+S), open a saved request, the
 * environment whose variables apply and its Variables…, Add folder… (the desktop app's folder dialog), imports. The
 * folder is watched by main; the panel asks for changes every moment, so an edit made in an IDE shows here.
 * Self-contained, for the workbench's sidebar.
 */
import { useId, useState } from 'react';
import { activeAccount, useAppStore } from '../../store';
import { environmentInUse } from '../../store/collections-slice';
import { collectionEnvironmentName } from '../../../src-shared/collections';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { ImportControls } from './import-controls';
import { SavedRequestList } from './saved-request-list';
import { SaveRequestDialog } from './save-request-dialog';
import { useCollectionsPolling } from './use-collections';
import { VariablesDialog } from './variables-dialog';
import './collections.css';

/** The panel. */
export function CollectionsPanel() {
  useCollectionsPolling();
  const list = useAppStore((s) => s.collections.list);
  const selectedId = useAppStore((s) => s.collections.selectedId);
  const error = useAppStore((s) => s.collections.error);
  const notice = useAppStore((s) => s.collections.notice);
  const environment = useAppStore(environmentInUse);
  const own = useAppStore((s) => {
    const account = activeAccount(s);
    return account ? collectionEnvironmentName(account.environment) : null;
  });
  const select = useAppStore((s) => s.selectCollection);
  const selectEnvironment = useAppStore((s) => s.selectEnvironment);
  const startSave = useAppStore((s) => s.startSaveDraft);
  const addFolder = useAppStore((s) => s.addCollectionFolder);
  const forget = useAppStore((s) => s.forgetCollectionFolder);
  const [variablesOpen, setVariablesOpen] = useState(false);
  const prefix = useId();
  const collection = list?.find((c) => c.id === selectedId) ?? null;
  const environments = [...new Set([...(own ? [own] : []), ...(collection?.environments.map((e) => e.name) ?? []), environment])];

  return (
    <section className="card collections" aria-labelledby={`${prefix}-heading`}>
      <div className="section-head">
        <h2 id={`${prefix}-heading`}>Collections</h2>
        <Button variant="primary" onClick={startSave} aria-keyshortcuts="Control+S Meta+S">
          Save request…
        </Button>
      </div>
      <p role="status" className="collections-notice">
        {notice ?? ''}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {list === null && !error ? <p className="muted">Reading the collections…</p> : null}
      {list ? (
        <>
          <div className="collections-tools">
            {list.length > 1 ? (
              <Field label="Collection">
                {(control) => (
                  <select {...control} value={selectedId} onChange={(e) => select(e.target.value)}>
                    {list.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <Field label="Environment">
              {(control) => (
                <select {...control} value={environment} onChange={(e) => selectEnvironment(e.target.value === own ? null : e.target.value)}>
                  {environments.map((name) => (
                    <option key={name} value={name}>
                      {name === own ? `${name} (this account’s)` : name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Button onClick={() => setVariablesOpen(true)} aria-disabled={collection ? undefined : true}>
              Variables…
            </Button>
            <Button onClick={() => void addFolder()}>Add folder…</Button>
          </div>
          {collection ? (
            <>
              <p className="hint folder-line">
                {'Folder: '}
                <span className="mono">{collection.folder}</span>
              </p>
              {!collection.isDefault ? (
                <Button variant="quiet" onClick={() => void forget(collection.id)}>
                  Remove this folder from the list
                </Button>
              ) : null}
              {collection.error ? <p className="hint">{collection.error}</p> : null}
              <SavedRequestList collection={collection} />
            </>
          ) : null}
          <ImportControls />
        </>
      ) : null}
      <SaveRequestDialog />
      {variablesOpen ? <VariablesDialog onClose={() => setVariablesOpen(false)} /> : null}
    </section>
  );
}
