/**
 * The endpoint picker's list for an environment: fetched from its `/api/v1/openapi.json` (no credential), parsed,
 * and cached per base URL in the settings store under `openapiCache`, so the picker also works offline. The
 * document is fetched every time the list is asked for; the cached copy is answered only when that fetch fails for
 * want of a network (offline, timeout), and then marked `offline`.
 */
import { fail, ok, type Result } from '../../src-shared/errors';
import type { EndpointList, EndpointOption } from '../../src-shared/tester';
import { errorFromResponse, joinUrl } from '../deepcurrent-api';
import { endpointListFrom, parseOpenApi } from './openapi-endpoints';
import type { HttpPort } from '../platform/http';
import type { Clock, KeyValueStore } from '../platform/ports';
import { runRequest } from './tester-runner';

/** The settings-store key of the cache: `{ [baseUrl]: { endpoints, cachedAt } }`. */
export const OPENAPI_CACHE_KEY = 'openapiCache';
/** Where an environment publishes its API description. */
export const OPENAPI_PATH = '/api/v1/openapi.json';
/** How many environments' lists are kept. */
const MAX_CACHED_ENVIRONMENTS = 10;

interface CacheEntry {
  endpoints: EndpointOption[];
  cachedAt: string;
}

function readCache(kv: KeyValueStore): Record<string, CacheEntry> {
  const stored = kv.get(OPENAPI_CACHE_KEY);
  const out: Record<string, CacheEntry> = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [baseUrl, entry] of Object.entries(stored as Record<string, unknown>)) {
    const e = entry as Partial<CacheEntry> | null;
    const endpoints = e ? endpointListFrom(e.endpoints) : null;
    if (e && typeof e.cachedAt === 'string' && endpoints) out[baseUrl] = { endpoints, cachedAt: e.cachedAt };
  }
  return out;
}

function writeCache(kv: KeyValueStore, baseUrl: string, entry: CacheEntry): void {
  const others = Object.entries(readCache(kv))
    .filter(([url]) => url !== baseUrl)
    .sort((a, b) => (a[1].cachedAt < b[1].cachedAt ? 1 : -1))
    .slice(0, MAX_CACHED_ENVIRONMENTS - 1);
  kv.set(OPENAPI_CACHE_KEY, Object.fromEntries([[baseUrl, entry], ...others]));
}

/** The cached list for an environment, if any. */
function cachedEndpoints(kv: KeyValueStore, baseUrl: string): CacheEntry | null {
  return readCache(kv)[baseUrl] ?? null;
}

/** Fetches and parses the environment's OpenAPI document. */
async function fetchEndpoints(http: HttpPort, baseUrl: string, timeoutMs: number): Promise<Result<EndpointOption[]>> {
  const outcome = await runRequest(
    http,
    { method: 'GET', url: joinUrl(baseUrl, OPENAPI_PATH), headers: [['Accept', 'application/json']], body: undefined, notes: [] },
    { credential: null, timeoutMs },
  );
  if (!outcome.ok) return fail(outcome.error);
  const { status, headers, bytes, truncated } = outcome.response;
  let parsed: unknown = null;
  let readable = !truncated;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    readable = false;
  }
  if (status !== 200) return fail(errorFromResponse(status, parsed, headers));
  if (!readable) {
    return fail({ kind: 'bad-response', status, message: "The environment's API description (openapi.json) is not readable JSON." });
  }
  return parseOpenApi(parsed);
}

/**
 * The endpoint list for an environment: from the network (then cached, `offline: false`); when the network fails
 * (offline, timeout), from the cache if there is one (`offline: true`, with the copy's time); any other failure (the
 * server answered, but not with a readable document) is said as it is.
 */
export async function loadEndpoints(
  http: HttpPort,
  kv: KeyValueStore,
  clock: Clock,
  baseUrl: string,
  options: { timeoutMs: number },
): Promise<Result<EndpointList>> {
  const fetched = await fetchEndpoints(http, baseUrl, options.timeoutMs);
  if (!fetched.ok) {
    const cached = cachedEndpoints(kv, baseUrl);
    const offline = fetched.error.kind === 'network' || fetched.error.kind === 'timeout';
    if (offline && cached) return ok({ endpoints: cached.endpoints, offline: true, cachedAt: cached.cachedAt });
    return fetched;
  }
  const cachedAt = new Date(clock.now()).toISOString();
  writeCache(kv, baseUrl, { endpoints: fetched.value, cachedAt });
  return ok({ endpoints: fetched.value, offline: false, cachedAt });
}
