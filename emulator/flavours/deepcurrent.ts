/**
 * The `deepcurrent` flavour: the whole v1 contract (`/work/shared/deepcurrent-api.md`), the emulator's default.
 */
import type { Flavour } from '../flavour';
import { HttpError, unauthorized } from '../http-util';
import { buildOpenApiDocument } from '../openapi';
import { registerApiKeyRoutes } from '../routes/api-keys';
import { registerItemRoutes } from '../routes/items';
import { registerLoginRoutes } from '../routes/login';
import { registerUsageRoutes } from '../routes/usage';
import { registerUserRoutes } from '../routes/users';
import { registerUtilRoutes } from '../routes/utils';
import { iso, type UserRecord } from '../state';

function userView(user: UserRecord): Record<string, unknown> {
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

/** The DeepCurrent contract: prefixed ids, API keys, key management, usage, lockout, and 401 for every bad credential. */
export const DEEPCURRENT_FLAVOUR: Flavour = {
  name: 'deepcurrent',
  summary: 'the DeepCurrent API contract (v1)',
  ids: 'prefixed',
  signInLockout: true,
  auth: {
    acceptsApiKeys: true,
    rejectToken: (problem) => unauthorized(problem === 'expired' ? 'Token has expired' : 'Could not validate credentials'),
  },
  userView,
  items: {
    view: (item) => ({ id: item.id, title: item.title, description: item.description, created_at: iso(item.createdAt) }),
    createdStatus: 201,
    deleted: { status: 204 },
    notYours: () => new HttpError(404, 'Item not found'),
  },
  openApi: buildOpenApiDocument,
  routes: [registerLoginRoutes, registerUserRoutes, registerUsageRoutes, registerApiKeyRoutes, registerItemRoutes, registerUtilRoutes],
};
