/**
 * `GET /api/v1/users/me`, in the flavour's shape.
 */
import { authenticate } from '../auth';
import type { Router } from '../router';

/** Registers `users/me`. */
export function registerUserRoutes(router: Router): void {
  router.add('GET', '/api/v1/users/me', async ({ req, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    return { status: 200, body: flavour.userView(user) };
  });
}
