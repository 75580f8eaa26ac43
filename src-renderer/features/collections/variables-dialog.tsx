/**
 * Variables of a collection's environment, edited in the app and written to the collection's
 * `http-client.env.json` (the file JetBrains' HTTP Client reads; other environments in it are kept). Never a
 * secret: main refuses a secret-named variable with a value, or a credential-looking value, and says why.
 */
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useAppStore } from '../../store';
import { environmentInUse } from '../../store/collections-slice';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';

interface VariableRow {
  key: number;
  name: string;
  value: string;
}

let nextKey = 0;
const row = (name = '', value = ''): VariableRow => ({ key: (nextKey += 1), name, value });

/** The dialog for one environment of one collection. */
export function VariablesDialog({ onClose }: { onClose: () => void }) {
  const collection = useAppStore((s) => s.collections.list?.find((c) => c.id === s.collections.selectedId) ?? null);
  const environment = useAppStore(environmentInUse);
  const saveVariables = useAppStore((s) => s.saveVariables);
  const [rows, setRows] = useState<VariableRow[]>(() => {
    const current = collection?.environments.find((e) => e.name === environment)?.variables ?? [];
    return current.length > 0 ? current.map((v) => row(v.name, v.value)) : [row()];
  });
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!collection) return null;
  const change = (key: number, patch: Partial<VariableRow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation(); // a portal: the submit stays in the dialog
    setBusy(true);
    const result = await saveVariables(collection.id, environment, rows.filter((r) => r.name.trim() !== '').map((r) => ({ name: r.name.trim(), value: r.value })));
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };
  return (
    <Dialog title={`Variables of ${environment}`} onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <p className="muted">{`Written to http-client.env.json in ${collection.folder}. Not for secrets: leave a secret variable empty and give its value in the tester.`}</p>
        <table className="kv-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, index) => (
              <tr key={r.key}>
                <td>
                  <input type="text" aria-label={`Variable ${index + 1} name`} className="mono" value={r.name} onChange={(e) => change(r.key, { name: e.target.value })} autoComplete="off" spellCheck={false} />
                </td>
                <td>
                  <input type="text" aria-label={`Variable ${index + 1} value`} className="mono" value={r.value} onChange={(e) => change(r.key, { value: e.target.value })} autoComplete="off" spellCheck={false} />
                </td>
                <td>
                  <Button variant="quiet" aria-label={`Remove variable ${index + 1}`} onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Button onClick={() => setRows([...rows, row()])}>Add variable</Button>
        {error ? <ErrorMessage error={error} title="Not saved" /> : null}
        <div className="actions">
          <Button type="submit" variant="primary" aria-disabled={busy ? true : undefined}>
            {busy ? 'Saving…' : 'Save variables'}
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
