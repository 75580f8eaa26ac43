/**
 * The `minimal` flavour: a server in the field that still answers like the FastAPI full-stack template's backend
 * (the contract's "Servers in the field"). Integer ids; `users/me` is only `{email, is_active, is_superuser,
 * full_name, id}`; no API keys, key management or usage (404); items `{title, description, id, owner_id}`, created
 * with `200`; no sign-in lockout; a bad, tampered or expired token gets `403 Could not validate credentials`
 * without `WWW-Authenticate` (only a missing credential gets the `401`). The support account is the superuser, but
 * (unlike the template) it sees only its own items.
 */
import type { Flavour } from '../flavour';
import { HttpError } from '../http-util';
import { registerItemRoutes } from '../routes/items';
import { registerLoginRoutes } from '../routes/login';
import { registerUserRoutes } from '../routes/users';
import { registerUtilRoutes } from '../routes/utils';
import { buildMinimalOpenApiDocument } from './minimal-openapi';

/** The FastAPI full-stack template's backend, as older and self-hosted deployments still run it. */
export const MINIMAL_FLAVOUR: Flavour = {
  name: 'minimal',
  summary: 'a server in the field, like the FastAPI full-stack template',
  ids: 'integer',
  signInLockout: false,
  auth: {
    acceptsApiKeys: false,
    rejectToken: (problem) =>
      problem === 'unknown-user' ? new HttpError(404, 'User not found') : new HttpError(403, 'Could not validate credentials'),
  },
  userView: (user) => ({
    email: user.email,
    is_active: user.isActive,
    is_superuser: user.role === 'support',
    full_name: user.fullName,
    id: Number(user.id),
  }),
  items: {
    view: (item) => ({ title: item.title, description: item.description, id: Number(item.id), owner_id: Number(item.ownerId) }),
    createdStatus: 200,
    deleted: { status: 200, body: { message: 'Item deleted successfully' } },
    notYours: () => new HttpError(400, 'Not enough permissions'),
  },
  openApi: () => buildMinimalOpenApiDocument(),
  routes: [registerLoginRoutes, registerUserRoutes, registerItemRoutes, registerUtilRoutes],
};
