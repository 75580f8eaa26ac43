/**
 * `GET /api/v1/usage`: this month's requests, for the paid plan only.
 */
import { authenticate } from '../auth';
import { HttpError } from '../http-util';
import type { Router } from '../router';
import { iso } from '../state';

/** Registers `usage`. */
export function registerUsageRoutes(router: Router): void {
  router.add('GET', '/api/v1/usage', async ({ req, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    if (user.plan !== 'pro') throw new HttpError(403, 'This feature requires a paid plan');
    return {
      status: 200,
      body: { period: iso(state.now()).slice(0, 7), requests: user.requestCount, limit: 100_000 },
    };
  });
}
