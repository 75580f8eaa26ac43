/**
 * The `Endpoint` picker, filled from the environment's OpenAPI document (or its offline copy, marked
 * `(offline copy)`). Choosing one fills method, path (with `{param}` placeholders) and an example body.
 */
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { formatDateTime } from '../../format';

/** The picker. */
export function EndpointPicker() {
  const endpoints = useAppStore((s) => s.tester.endpoints);
  const loading = useAppStore((s) => s.tester.endpointsLoading);
  const error = useAppStore((s) => s.tester.endpointsError);
  const chosen = useAppStore((s) => s.tester.draft.endpointId);
  const choose = useAppStore((s) => s.chooseEndpoint);
  const reload = useAppStore((s) => s.loadEndpoints);

  const hint = error
    ? error.message
    : endpoints?.offline
      ? `(offline copy${endpoints.cachedAt ? ` from ${formatDateTime(endpoints.cachedAt)}` : ''})`
      : loading
        ? 'Loading the endpoint list…'
        : null;
  return (
    <div className="endpoint-picker">
      <Field label="Endpoint" hint={hint}>
        {(control) => (
          <select {...control} value={chosen} onChange={(e) => choose(e.target.value)}>
            <option value="">{endpoints ? `Choose an endpoint (${endpoints.list.length})` : 'No endpoint list yet'}</option>
            {endpoints?.list.map((e) => (
              <option key={e.id} value={e.id}>
                {`${e.method} ${e.path}${e.summary ? ` — ${e.summary}` : ''}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Button variant="quiet" onClick={() => void reload()} aria-disabled={loading ? true : undefined}>
        Reload endpoints
      </Button>
    </div>
  );
}
