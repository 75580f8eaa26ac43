/**
 * Is there a DeepCurrent API at a base URL at all? Asked only after a call there answered 404 (or 405), to tell "no
 * API at this address" (a base URL with a path that leads nowhere) from "this API has no such endpoint". Two
 * unauthenticated GETs that every DeepCurrent server answers, servers in the field included: the health check, then
 * the OpenAPI document. Never sends a credential.
 */
import type { HttpPort } from '../platform/http';
import { callApi } from './api-client';

/** The probe is a second opinion, not the user's request: it gives up sooner. */
const PROBE_TIMEOUT_MS = 5_000;

/** The places the probe asks, in order. */
export const PROBE_PATHS = ['/api/v1/utils/health-check/', '/api/v1/openapi.json'] as const;

/** True when a DeepCurrent API answers at `baseUrl` (a 2xx JSON answer to either probe). */
export async function apiAnswersAt(http: HttpPort, baseUrl: string): Promise<boolean> {
  for (const path of PROBE_PATHS) {
    const answer = await callApi(http, baseUrl, { method: 'GET', path, timeoutMs: PROBE_TIMEOUT_MS });
    if (answer.ok) return true;
  }
  return false;
}
