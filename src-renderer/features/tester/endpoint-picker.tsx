/**
 * The `Endpoint` picker, filled from the environment's OpenAPI document (or, when it could not be fetched just now,
 * its offline copy, marked `(offline copy from …)`). It follows the draft: it shows the endpoint the method and path
 * are (the one last chosen while it still fits), and no endpoint once they are edited into none. Choosing one fills
 * method, path (with `{param}` placeholders) and an example body; a sign-in also sets Auth to None with its form.
 */
import { useAppStore } from '../../store';
import { matchingEndpoint } from '../../store/endpoint-match';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { formatDateTime } from '../../format';

/** The picker; `onChosen` says whether the chosen endpoint takes a body. */
export function EndpointPicker({ onChosen }: { onChosen?: (hasBody: boolean) => void }) {
  const endpoints = useAppStore((s) => s.tester.endpoints);
  const loading = useAppStore((s) => s.tester.endpointsLoading);
  const error = useAppStore((s) => s.tester.endpointsError);
  const followed = useAppStore((s) => {
    const list = s.tester.endpoints?.list;
    return list ? (matchingEndpoint(list, s.tester.draft)?.id ?? '') : '';
  });
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
          <select
            {...control}
            value={followed}
            onChange={(e) => {
              choose(e.target.value);
              const endpoint = endpoints?.list.find((x) => x.id === e.target.value);
              onChosen?.(!!endpoint && (endpoint.exampleBody !== null || endpoint.exampleForm !== null));
            }}
          >
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
