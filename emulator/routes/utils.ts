/**
 * Unauthenticated utility routes: the health check and the flavour's OpenAPI document.
 */
import type { Router } from '../router';

/** Registers `utils/health-check/` and `openapi.json`. */
export function registerUtilRoutes(router: Router): void {
  router.add('GET', '/api/v1/utils/health-check/', () => ({ status: 200, body: true }));
  router.add('GET', '/api/v1/openapi.json', ({ req, flavour }) => {
    const host = req.headers.host;
    return { status: 200, body: flavour.openApi(host ? `http://${host}` : undefined) };
  });
}
