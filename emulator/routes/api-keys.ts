/**
 * Key management: reveal, regeneration requests (create, list, get, confirm) and the support team's issue action.
 */
import { authenticate, requireJwt } from '../auth';
import { HttpError, parseJsonObject, stringField, validationError, type ValidationIssue } from '../http-util';
import type { Router } from '../router';
import { iso, type RegenerationReason, type RegenerationRequest } from '../state';

const BASE = '/api/v1/users/me/api-key';
const REASONS: readonly RegenerationReason[] = ['compromised', 'lost', 'other'];
/** Longest accepted `note`. */
export const MAX_NOTE_LENGTH = 500;

/** The public shape of a regeneration request. */
export function requestView(r: RegenerationRequest): Record<string, unknown> {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    note: r.note,
    created_at: iso(r.createdAt),
    issued_at: r.issuedAt === null ? null : iso(r.issuedAt),
    confirmed_at: r.confirmedAt === null ? null : iso(r.confirmedAt),
  };
}

function parseCreateBody(obj: Record<string, unknown>): { reason: RegenerationReason; note: string } {
  const issues: ValidationIssue[] = [];
  let reason: RegenerationReason | undefined;
  if (!('reason' in obj)) {
    issues.push({ loc: ['body', 'reason'], msg: 'Field required', type: 'missing' });
  } else if (!REASONS.includes(obj.reason as RegenerationReason)) {
    issues.push({ loc: ['body', 'reason'], msg: "Input should be 'compromised', 'lost' or 'other'", type: 'enum' });
  } else {
    reason = obj.reason as RegenerationReason;
  }
  const note = stringField(obj, 'note', { max: MAX_NOTE_LENGTH, nullable: true }, issues);
  if (issues.length > 0 || reason === undefined) throw validationError(issues);
  return { reason, note: note ?? '' };
}

/** Registers the key-management routes. */
export function registerApiKeyRoutes(router: Router): void {
  router.add('POST', `${BASE}/reveal`, async ({ req, state, flavour }) => {
    const principal = await authenticate(req, state, flavour.auth);
    requireJwt(principal, 'Revealing a key requires signing in with email and password');
    const revealed = state.revealKey(principal.user);
    if (!revealed) throw new HttpError(409, 'API key has already been revealed');
    return {
      status: 200,
      body: { api_key: revealed.apiKey, last4: revealed.key.last4, created_at: iso(revealed.key.createdAt) },
      headers: { 'Cache-Control': 'no-store' },
    };
  });

  router.add('POST', `${BASE}/regeneration-requests`, async ({ req, body, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    const input = parseCreateBody(parseJsonObject(req, body));
    if (state.openRequestOf(user.id)) throw new HttpError(409, 'A regeneration request is already open');
    const request = state.createRequest(user.id, input.reason, input.note);
    return { status: 201, body: requestView(request) };
  });

  router.add('GET', `${BASE}/regeneration-requests`, async ({ req, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    const data = [...state.requests.values()]
      .filter((r) => r.userId === user.id)
      .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq)
      .map(requestView);
    return { status: 200, body: { data, count: data.length } };
  });

  router.add('GET', `${BASE}/regeneration-requests/{id}`, async ({ req, params, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    const request = state.requests.get(params.id!);
    if (!request || request.userId !== user.id) throw new HttpError(404, 'Regeneration request not found');
    return { status: 200, body: requestView(request) };
  });

  router.add('POST', `${BASE}/regeneration-requests/{id}/confirm`, async ({ req, params, state, flavour }) => {
    const principal = await authenticate(req, state, flavour.auth);
    requireJwt(principal, 'Confirming a new key requires signing in with email and password');
    const request = state.requests.get(params.id!);
    if (!request || request.userId !== principal.user.id) throw new HttpError(404, 'Regeneration request not found');
    if (request.status === 'pending') throw new HttpError(409, 'The new API key has not been issued yet');
    if (request.status === 'confirmed') throw new HttpError(409, 'This regeneration request is already confirmed');
    if (!principal.user.pendingApiKey?.revealed) throw new HttpError(409, 'The new API key has not been revealed yet');
    state.confirmRequest(request);
    return { status: 200, body: requestView(request) };
  });

  router.add('POST', '/api/v1/support/regeneration-requests/{id}/issue', async ({ req, params, state, flavour }) => {
    const { user } = await authenticate(req, state, flavour.auth);
    if (user.role !== 'support') throw new HttpError(403, 'This action requires the support role');
    const request = state.requests.get(params.id!);
    if (!request) throw new HttpError(404, 'Regeneration request not found');
    if (request.status !== 'pending') throw new HttpError(409, `The regeneration request is already ${request.status}`);
    state.issueRequest(request);
    return { status: 200, body: requestView(request) };
  });
}
