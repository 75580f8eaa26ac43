/**
 * `POST /api/v1/login/access-token`: the OAuth2 password grant (form-urlencoded), with per-email lockout when the
 * flavour has it.
 */
import { HttpError, mediaType, validationError, type ValidationIssue } from '../http-util';
import { signAccessToken } from '../jwt';
import { verifyPassword } from '../passwords';
import type { Router } from '../router';

/** Registers the login route. */
export function registerLoginRoutes(router: Router): void {
  router.add('POST', '/api/v1/login/access-token', async ({ req, body, state, flavour }) => {
    const form = mediaType(req) === 'application/x-www-form-urlencoded' ? new URLSearchParams(body.toString('utf8')) : null;
    // FastAPI treats an empty form value like a missing one.
    const field = (name: string): string | null => {
      const value = form?.get(name);
      return value === undefined || value === null || value === '' ? null : value;
    };
    const username = field('username');
    const password = field('password');
    const grantType = field('grant_type');
    const issues: ValidationIssue[] = [];
    if (username === null) issues.push({ loc: ['body', 'username'], msg: 'Field required', type: 'missing' });
    if (password === null) issues.push({ loc: ['body', 'password'], msg: 'Field required', type: 'missing' });
    if (grantType !== null && grantType !== 'password') {
      issues.push({
        loc: ['body', 'grant_type'],
        msg: "String should match pattern '^password$'",
        type: 'string_pattern_mismatch',
      });
    }
    if (issues.length > 0 || username === null || password === null) throw validationError(issues);

    const retryAfter = flavour.signInLockout ? state.signInFailures.lockedForSeconds(username) : 0;
    if (retryAfter > 0) {
      throw new HttpError(429, 'Too many failed sign-in attempts', { 'Retry-After': String(retryAfter) });
    }
    const user = state.findByEmail(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? state.dummyPasswordHash);
    if (!user || !ok) {
      if (flavour.signInLockout) state.signInFailures.record(username);
      throw new HttpError(400, 'Incorrect email or password');
    }
    if (!user.isActive) throw new HttpError(400, 'Inactive user');
    state.signInFailures.clear(username);
    const token = await signAccessToken(state.secret, user.id, state.now(), state.config.tokenTtlSeconds);
    return {
      status: 200,
      body: { access_token: token, token_type: 'bearer' },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    };
  });
}
