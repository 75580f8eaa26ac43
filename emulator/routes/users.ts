/**
 * `GET /api/v1/users/me` and `GET /api/v1/usage`.
 */
import { authenticate } from '../auth';
import { HttpError } from '../http-util';
import type { Router } from '../router';
import { iso, type UserRecord } from '../state';

/** The public shape of a user (`/api/v1/users/me`). */
export function userView(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    is_active: user.isActive,
    plan: user.plan,
    role: user.role,
    api_key: { last4: user.apiKey.last4, created_at: iso(user.apiKey.createdAt), revealed: user.apiKey.revealed },
    pending_api_key: user.pendingApiKey
      ? { created_at: iso(user.pendingApiKey.createdAt), revealed: user.pendingApiKey.revealed }
      : null,
  };
}

/** Registers `users/me` and `usage`. */
export function registerUserRoutes(router: Router): void {
  router.add('GET', '/api/v1/users/me', async ({ req, state }) => {
    const { user } = await authenticate(req, state);
    return { status: 200, body: userView(user) };
  });

  router.add('GET', '/api/v1/usage', async ({ req, state }) => {
    const { user } = await authenticate(req, state);
    if (user.plan !== 'pro') throw new HttpError(403, 'This feature requires a paid plan');
    return {
      status: 200,
      body: { period: iso(state.now()).slice(0, 7), requests: user.requestCount, limit: 100_000 },
    };
  });
}
