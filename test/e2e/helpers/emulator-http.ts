/**
 * Setup and checking steps that talk to the test's emulator over HTTP, beside the app: a password grant, a
 * `GET /api/v1/users/me` with any credential, the support account issuing a regeneration request. They never go
 * through the app, so a spec can check what the server thinks of a key the app swapped.
 */
import type { E2EApp } from '../fixtures/app';
import { DEMO, DEMO_PASSWORD } from './sign-in';

function baseOf(app: E2EApp): string {
  const base = app.emulator?.url;
  if (!base) throw new Error('This step needs the emulator (not available in an offline test).');
  return base;
}

/** An access token for a demo account, by the OAuth2 password grant. */
export async function passwordToken(app: E2EApp, email: string, password: string = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseOf(app)}/api/v1/login/access-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password }).toString(),
  });
  if (!res.ok) throw new Error(`The password grant for ${email} answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The status the emulator answers `GET /api/v1/users/me` with for a credential (key or token). */
export async function usersMeStatus(app: E2EApp, credential: string): Promise<number> {
  const res = await fetch(`${baseOf(app)}/api/v1/users/me`, { headers: { authorization: `Bearer ${credential}` } });
  await res.arrayBuffer();
  return res.status;
}

/** The id of an account's newest regeneration request (read with the account's own credential). */
export async function newestRegenerationRequestId(app: E2EApp, credential: string): Promise<string> {
  const res = await fetch(`${baseOf(app)}/api/v1/users/me/api-key/regeneration-requests`, {
    headers: { authorization: `Bearer ${credential}` },
  });
  if (!res.ok) throw new Error(`Listing regeneration requests answered ${res.status}`);
  const { data } = (await res.json()) as { data: Array<{ id: string; status: string }> };
  if (data.length === 0) throw new Error('The account has no regeneration request.');
  return data[0].id;
}

/** Issues a pending regeneration request as the support account (`POST /support/regeneration-requests/{id}/issue`). */
export async function issueAsSupport(app: E2EApp, requestId: string): Promise<void> {
  const token = await passwordToken(app, DEMO.support);
  const res = await fetch(`${baseOf(app)}/api/v1/support/regeneration-requests/${encodeURIComponent(requestId)}/issue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`Issuing ${requestId} as support answered ${res.status}`);
  await res.arrayBuffer();
}
