/**
 * The DeepCurrent API endpoints the services call (sign-in, profile and key management), as typed calls that
 * answer camelCase models. Answers are read tolerantly, as servers in the field need (the contract's last section):
 * only what the app cannot work without is required (a profile's `email`; a request's `id` and `status`; a
 * revealed key), ids may be text or numbers and are kept as text, a field that is missing or null is null (never
 * a guessed value), a `plan`, `role` or `reason` the app does not know is kept as given, and unknown fields are
 * ignored. A field that is present with another type of value is not guessed around either: the answer is refused
 * with `bad-response`, naming the call and the field (`answer-reader.ts`), and the problem is logged.
 */
import { z } from 'zod';
import type { Result } from '../../src-shared/errors';
import type { Profile, RegenerationReason, RegenerationRequest } from '../../src-shared/models';
import type { HttpPort } from '../platform/http';
import { callApi, type ApiCall } from './api-client';
import { readAnswer } from './answer-reader';

/** What the endpoint calls need: the HTTP port, and the log for answers that cannot be read (a ServiceContext has both). */
export interface ApiPorts {
  http: HttpPort;
  log: (message: string) => void;
}

/** An id the server sent as text or as a number, kept as text. */
const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
const text = z.string().nullish().transform((v) => v ?? null);
const flag = z.boolean().nullish().transform((v) => v ?? null);

const requestSchema = z.object({
  id: idSchema,
  status: z.enum(['pending', 'issued', 'confirmed']),
  reason: text,
  note: text,
  created_at: text,
  issued_at: text,
  confirmed_at: text,
});
const profileSchema = z.object({
  id: idSchema.nullish(),
  email: z.string().min(1),
  full_name: text,
  is_active: flag,
  plan: text,
  role: text,
  api_key: z.object({ last4: z.string().min(1), created_at: text, revealed: flag }).nullish(),
  pending_api_key: z.object({ created_at: text, revealed: flag }).nullish(),
});
const revealSchema = z.object({ api_key: z.string().min(1), last4: text, created_at: text });
const listSchema = z.object({ data: z.array(requestSchema) });
const tokenSchema = z.object({ access_token: z.string().min(1) });

/** The answer of `POST /api/v1/users/me/api-key/reveal`. Holds the key: never log it, never put it in a message. */
export interface RevealAnswer {
  apiKey: string;
  /** As the server sent it; null when it did not (the caller takes it from the key). */
  last4: string | null;
  createdAt: string | null;
}

/** Calls the API and reads a successful answer with `schema`. */
async function read<S extends z.ZodType, T>(
  ports: ApiPorts,
  baseUrl: string,
  call: ApiCall,
  schema: S,
  map: (value: z.infer<S>) => T,
): Promise<Result<T>> {
  const answer = await callApi(ports.http, baseUrl, { ...call, log: ports.log });
  if (!answer.ok) return answer;
  return readAnswer(answer.value, schema, map, call, ports.log);
}

/** Maps the server's request object to the app's model. */
function toRegenerationRequest(r: z.infer<typeof requestSchema>): RegenerationRequest {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    note: r.note ?? '',
    createdAt: r.created_at,
    issuedAt: r.issued_at,
    confirmedAt: r.confirmed_at,
  };
}

/** Maps `GET /api/v1/users/me` to the app's profile. */
function toProfile(p: z.infer<typeof profileSchema>): Profile {
  return {
    id: p.id ?? null,
    email: p.email,
    fullName: p.full_name,
    isActive: p.is_active,
    plan: p.plan,
    role: p.role,
    apiKey: p.api_key ? { last4: p.api_key.last4, createdAt: p.api_key.created_at, revealed: p.api_key.revealed } : null,
    pendingApiKey: p.pending_api_key ? { createdAt: p.pending_api_key.created_at, revealed: p.pending_api_key.revealed } : null,
  };
}

const PROFILE_PATH = '/api/v1/users/me';
/** Where an account's regeneration requests are listed (and created). */
export const REQUESTS_PATH = '/api/v1/users/me/api-key/regeneration-requests';
const REVEAL_PATH = '/api/v1/users/me/api-key/reveal';
const TOKEN_PATH = '/api/v1/login/access-token';

/** `POST /api/v1/login/access-token` (OAuth2 password grant): the access token. Holds a secret: never log it. */
export async function requestAccessToken(ports: ApiPorts, baseUrl: string, email: string, password: string): Promise<Result<string>> {
  const call: ApiCall = { method: 'POST', path: TOKEN_PATH, form: { grant_type: 'password', username: email, password } };
  return read(ports, baseUrl, call, tokenSchema, (v) => v.access_token);
}

/** `GET /api/v1/users/me`. */
export async function fetchProfile(ports: ApiPorts, baseUrl: string, credential: string): Promise<Result<Profile>> {
  return read(ports, baseUrl, { method: 'GET', path: PROFILE_PATH, credential }, profileSchema, toProfile);
}

/** `GET …/regeneration-requests`, newest first. */
export async function listRequests(ports: ApiPorts, baseUrl: string, credential: string): Promise<Result<RegenerationRequest[]>> {
  return read(ports, baseUrl, { method: 'GET', path: REQUESTS_PATH, credential }, listSchema, (v) => v.data.map(toRegenerationRequest));
}

/** `GET …/regeneration-requests/{id}`. */
export async function fetchRequest(ports: ApiPorts, baseUrl: string, credential: string, id: string): Promise<Result<RegenerationRequest>> {
  const path = `${REQUESTS_PATH}/${encodeURIComponent(id)}`;
  return read(ports, baseUrl, { method: 'GET', path, credential }, requestSchema, toRegenerationRequest);
}

/** `POST …/regeneration-requests` (201). */
export async function createRequest(
  ports: ApiPorts,
  baseUrl: string,
  credential: string,
  body: { reason: RegenerationReason; note: string },
): Promise<Result<RegenerationRequest>> {
  return read(ports, baseUrl, { method: 'POST', path: REQUESTS_PATH, credential, json: body }, requestSchema, toRegenerationRequest);
}

/** `POST …/regeneration-requests/{id}/confirm` (JWT only). */
export async function confirmRequest(ports: ApiPorts, baseUrl: string, token: string, id: string): Promise<Result<RegenerationRequest>> {
  const path = `${REQUESTS_PATH}/${encodeURIComponent(id)}/confirm`;
  return read(ports, baseUrl, { method: 'POST', path, credential: token }, requestSchema, toRegenerationRequest);
}

/** `POST /api/v1/users/me/api-key/reveal` (JWT only). */
export async function revealKey(ports: ApiPorts, baseUrl: string, token: string): Promise<Result<RevealAnswer>> {
  return read(ports, baseUrl, { method: 'POST', path: REVEAL_PATH, credential: token }, revealSchema, (v) => ({
    apiKey: v.api_key,
    last4: v.last4,
    createdAt: v.created_at,
  }));
}

/** Whether an error means the server has no such endpoint (404 or 405): a feature it does not offer. */
export function isMissingEndpoint(error: { status?: number }): boolean {
  return error.status === 404 || error.status === 405;
}
