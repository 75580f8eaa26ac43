/**
 * The DeepCurrent API endpoints the services call (profile and key management), as typed calls that answer
 * camelCase models. The server's snake_case shapes are checked (zod) before they are mapped, so a wrong answer
 * becomes `bad-response`, never a half-read object.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../src-shared/errors';
import type { Profile, RegenerationRequest } from '../../src-shared/models';
import type { HttpPort } from '../platform/http';
import { callApi } from './api-client';

const iso = z.string().min(1);
const requestSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'issued', 'confirmed']),
  reason: z.enum(['compromised', 'lost', 'other']),
  note: z.string().nullable().optional(),
  created_at: iso,
  issued_at: iso.nullable().optional(),
  confirmed_at: iso.nullable().optional(),
});
const profileSchema = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string().nullable().optional(),
  is_active: z.boolean(),
  plan: z.enum(['free', 'pro']),
  role: z.enum(['member', 'support']),
  api_key: z.object({ last4: z.string(), created_at: iso, revealed: z.boolean() }),
  pending_api_key: z.object({ created_at: iso, revealed: z.boolean() }).nullable().optional(),
});
const revealSchema = z.object({ api_key: z.string().min(1), last4: z.string(), created_at: iso });
const listSchema = z.object({ data: z.array(requestSchema) });

/** The answer of `POST /api/v1/users/me/api-key/reveal`. Holds the key: never log it, never put it in a message. */
export interface RevealAnswer {
  apiKey: string;
  last4: string;
  createdAt: string;
}

const BAD_RESPONSE = { kind: 'bad-response', message: 'The server sent an answer the app cannot read.' } as const;

function parsed<S extends z.ZodType, T>(result: Result<unknown>, schema: S, map: (v: z.infer<S>) => T): Result<T> {
  if (!result.ok) return result;
  const checked = schema.safeParse(result.value);
  return checked.success ? ok(map(checked.data)) : fail({ ...BAD_RESPONSE });
}

/** Maps the server's request object to the app's model. */
function toRegenerationRequest(r: z.infer<typeof requestSchema>): RegenerationRequest {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    note: r.note ?? '',
    createdAt: r.created_at,
    issuedAt: r.issued_at ?? null,
    confirmedAt: r.confirmed_at ?? null,
  };
}

/** Maps `GET /api/v1/users/me` to the app's profile. */
function toProfile(p: z.infer<typeof profileSchema>): Profile {
  return {
    id: p.id,
    email: p.email,
    fullName: p.full_name ?? '',
    isActive: p.is_active,
    plan: p.plan,
    role: p.role,
    apiKey: { last4: p.api_key.last4, createdAt: p.api_key.created_at, revealed: p.api_key.revealed },
    pendingApiKey: p.pending_api_key
      ? { createdAt: p.pending_api_key.created_at, revealed: p.pending_api_key.revealed }
      : null,
  };
}

const REQUESTS_PATH = '/api/v1/users/me/api-key/regeneration-requests';

/** `GET /api/v1/users/me`. */
export async function fetchProfile(http: HttpPort, baseUrl: string, credential: string): Promise<Result<Profile>> {
  return parsed(await callApi(http, baseUrl, { method: 'GET', path: '/api/v1/users/me', credential }), profileSchema, toProfile);
}

/** `GET …/regeneration-requests`, newest first. */
export async function listRequests(http: HttpPort, baseUrl: string, credential: string): Promise<Result<RegenerationRequest[]>> {
  return parsed(await callApi(http, baseUrl, { method: 'GET', path: REQUESTS_PATH, credential }), listSchema, (v) =>
    v.data.map(toRegenerationRequest),
  );
}

/** `GET …/regeneration-requests/{id}`. */
export async function fetchRequest(http: HttpPort, baseUrl: string, credential: string, id: string): Promise<Result<RegenerationRequest>> {
  const path = `${REQUESTS_PATH}/${encodeURIComponent(id)}`;
  return parsed(await callApi(http, baseUrl, { method: 'GET', path, credential }), requestSchema, toRegenerationRequest);
}

/** `POST …/regeneration-requests` (201). */
export async function createRequest(
  http: HttpPort,
  baseUrl: string,
  credential: string,
  body: { reason: RegenerationRequest['reason']; note: string },
): Promise<Result<RegenerationRequest>> {
  const result = await callApi(http, baseUrl, { method: 'POST', path: REQUESTS_PATH, credential, json: body });
  return parsed(result, requestSchema, toRegenerationRequest);
}

/** `POST …/regeneration-requests/{id}/confirm` (JWT only). */
export async function confirmRequest(http: HttpPort, baseUrl: string, token: string, id: string): Promise<Result<RegenerationRequest>> {
  const path = `${REQUESTS_PATH}/${encodeURIComponent(id)}/confirm`;
  return parsed(await callApi(http, baseUrl, { method: 'POST', path, credential: token }), requestSchema, toRegenerationRequest);
}

/** `POST /api/v1/users/me/api-key/reveal` (JWT only). */
export async function revealKey(http: HttpPort, baseUrl: string, token: string): Promise<Result<RevealAnswer>> {
  const result = await callApi(http, baseUrl, { method: 'POST', path: '/api/v1/users/me/api-key/reveal', credential: token });
  return parsed(result, revealSchema, (v) => ({ apiKey: v.api_key, last4: v.last4, createdAt: v.created_at }));
}
