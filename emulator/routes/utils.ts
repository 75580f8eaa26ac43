/**
 * Unauthenticated utility routes: the health check and the OpenAPI document.
 */
import { buildOpenApiDocument } from '../openapi';
import type { Router } from '../router';

/** Registers `utils/health-check/` and `openapi.json`. */
export function registerUtilRoutes(router: Router): void {
  router.add('GET', '/api/v1/utils/health-check/', () => ({ status: 200, body: true }));
  router.add('GET', '/api/v1/openapi.json', ({ req }) => {
    const host = req.headers.host;
    return { status: 200, body: buildOpenApiDocument(host ? `http://${host}` : undefined) };
  });
}
