/**
 * An editable table of name/value rows (query parameters, headers, form fields): each row has an enable checkbox,
 * a name, a value and a remove button, every control labelled with its row number.
 */
import { newRow, type Row } from '../store/tester-draft';
import { Button } from './button';

export interface KeyValueTableProps {
  /** The group's visible title, e.g. `Query parameters`. */
  legend: string;
  /** One row's noun, e.g. `query parameter`. */
  noun: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A fieldset with a table of rows and an `Add …` button. */
export function KeyValueTable({ legend, noun, rows, onChange }: KeyValueTableProps) {
  const update = (id: string, change: Partial<Row>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...change } : r)));
  return (
    <fieldset className="kv">
      <legend>{legend}</legend>
      {rows.length === 0 ? (
        <p className="muted">No {noun}s.</p>
      ) : (
        <table className="kv-table">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const n = `${capitalised(noun)} ${index + 1}`;
              return (
                <tr key={row.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Enable ${noun} ${index + 1}`}
                      checked={row.enabled}
                      onChange={(e) => update(row.id, { enabled: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`${n} name`}
                      value={row.name}
                      spellCheck={false}
                      autoComplete="off"
                      onChange={(e) => update(row.id, { name: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`${n} value`}
                      value={row.value}
                      spellCheck={false}
                      autoComplete="off"
                      onChange={(e) => update(row.id, { value: e.target.value })}
                    />
                  </td>
                  <td>
                    <Button variant="quiet" aria-label={`Remove ${noun} ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                      Remove
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Button onClick={() => onChange([...rows, newRow()])}>Add {noun}</Button>
    </fieldset>
  );
}
