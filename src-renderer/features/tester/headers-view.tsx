/**
 * The response's headers as a table, searchable: `Filter headers` keeps the rows whose name or value holds the
 * text (highlighted), case-insensitively.
 */
import { useState } from 'react';
import { Field } from '../../components/field';
import { Marked } from '../../components/marked';

/** The headers table with its filter. */
export function HeadersView({ headers }: { headers: [string, string][] }) {
  const [filter, setFilter] = useState('');
  const query = filter.trim().toLowerCase();
  const shown = query ? headers.filter(([name, value]) => `${name}\n${value}`.toLowerCase().includes(query)) : headers;
  return (
    <div className="headers-view">
      <Field label="Filter headers" className="search" hint={query ? `${shown.length} of ${headers.length} headers` : null}>
        {(control) => <input {...control} type="search" spellCheck={false} autoComplete="off" value={filter} onChange={(e) => setFilter(e.target.value)} />}
      </Field>
      {shown.length === 0 ? (
        <p className="muted">{headers.length === 0 ? 'No headers.' : 'No header matches.'}</p>
      ) : (
        <table className="kv-table headers-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(([name, value], i) => (
              <tr key={`${name}-${i}`}>
                <td className="mono">
                  <Marked text={name} query={query} />
                </td>
                <td className="mono">
                  <Marked text={value} query={query} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
