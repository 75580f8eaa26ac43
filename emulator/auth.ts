/**
 * Resolves the caller from `Authorization: Bearer <credential>`: a `dc_…` API key or an HS256 access token.
 */
import type { IncomingMessage } from 'node:http';
import type { AuthPolicy } from './flavour';
import { HttpError, unauthorized } from './http-util';
import { verifyAccessToken } from './jwt';
import { API_KEY_PATTERN } from './api-keys';
import type { EmulatorState, UserRecord } from './state';

/** The authenticated caller and how they authenticated. */
export interface Principal {
  user: UserRecord;
  via: 'jwt' | 'api_key';
}

/**
 * Authenticates a request. Throws a 401 `Not authenticated` with `WWW-Authenticate: Bearer` when there is no bearer
 * credential, a 401 `Invalid API key` for an unknown key, the flavour's {@link AuthPolicy.rejectToken} error for a
 * token that is not acceptable (in the contract a 401 `Token has expired` / `Could not validate credentials`), or
 * 400 `Inactive user`.
 */
export async function authenticate(req: IncomingMessage, state: EmulatorState, policy: AuthPolicy): Promise<Principal> {
  const header = req.headers.authorization;
  const match = header ? /^\s*(\S+)\s+(\S+)\s*$/.exec(header) : null;
  if (!match || match[1]!.toLowerCase() !== 'bearer') throw unauthorized('Not authenticated');
  const credential = match[2]!;

  let principal: Principal;
  if (policy.acceptsApiKeys && credential.startsWith('dc_')) {
    const user = API_KEY_PATTERN.test(credential) ? state.userByApiKey(credential) : undefined;
    if (!user) throw unauthorized('Invalid API key');
    principal = { user, via: 'api_key' };
  } else {
    const result = await verifyAccessToken(state.secret, credential, state.now());
    if ('problem' in result) throw policy.rejectToken(result.problem);
    const user = state.users.get(result.sub);
    if (!user) throw policy.rejectToken('unknown-user');
    principal = { user, via: 'jwt' };
  }
  if (!principal.user.isActive) throw new HttpError(400, 'Inactive user');
  principal.user.requestCount += 1;
  return principal;
}

/** Rejects an API-key credential with `403` and the given detail (for actions that need a signed-in session). */
export function requireJwt(principal: Principal, detail: string): void {
  if (principal.via !== 'jwt') throw new HttpError(403, detail);
}
