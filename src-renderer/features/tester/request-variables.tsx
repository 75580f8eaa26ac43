/**
 * The Variables table of a request: one row per `{id}` or `{{name}}` it uses (the path's first), with a value for
 * this session (never saved) and, as a hint, the value it takes otherwise (from its file's `@name = value`, or the
 * collection's environment). A secret-named variable (`{{password}}`) is typed like a password.
 */
import { useId, useMemo } from 'react';
import { isSecretName } from '../../../src-shared/secret-patterns';
import { activeAccount, useAppStore } from '../../store';
import { environmentInUse, variableSources } from '../../store/collections-slice';
import { draftVariableNames, inheritedValue } from '../../store/draft-variables';
import './tester-extras.css';

/** The table, or nothing when the request uses no variable. */
export function RequestVariables() {
  const draft = useAppStore((s) => s.tester.draft);
  const list = useAppStore((s) => s.collections.list);
  const selectedId = useAppStore((s) => s.collections.selectedId);
  const environment = useAppStore(environmentInUse);
  const baseUrl = useAppStore((s) => activeAccount(s)?.baseUrl ?? null);
  const update = useAppStore((s) => s.updateDraft);
  const prefix = useId();
  const sources = useMemo(() => variableSources(list, selectedId, draft.source, environment, baseUrl), [list, selectedId, draft.source, environment, baseUrl]);
  const names = useMemo(() => draftVariableNames(draft), [draft]);
  if (names.length === 0) return null;
  const values = draft.variables ?? {};
  return (
    <fieldset className="kv variables">
      <legend>Variables</legend>
      <table className="kv-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name, index) => {
            const inherited = inheritedValue(name, sources);
            const hintId = `${prefix}-hint-${index}`;
            const secret = isSecretName(name);
            const hint = inherited
              ? `Otherwise ${secret ? 'the saved value' : `“${inherited.value}”`}, from ${inherited.from === 'file' ? 'its file' : `the ${environment} environment`}.`
              : 'No value yet.';
            return (
              <tr key={name}>
                <th scope="row" className="mono">
                  {name}
                </th>
                <td>
                  <input
                    type={secret ? 'password' : 'text'}
                    aria-label={`Value of ${name}`}
                    aria-describedby={hintId}
                    className="mono"
                    spellCheck={false}
                    autoComplete="off"
                    value={values[name] ?? ''}
                    onChange={(e) => update({ variables: { ...values, [name]: e.target.value } })}
                  />
                  <span id={hintId} className="hint">
                    {hint}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
