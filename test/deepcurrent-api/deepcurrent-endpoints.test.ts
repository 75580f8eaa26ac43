/**
 * The typed endpoint calls read every answer tolerantly, as servers in the field need (the contract's last
 * section), and say in plain words which call could not be read and why. The HTTP port here answers fixed bytes,
 * so each test states exactly what the server sent.
 */
import { describe, expect, it } from 'vitest';
import {
  fetchProfile,
  listRequests,
  requestAccessToken,
  revealKey,
  unreadableDetail,
  type ApiPorts,
} from '../../src-main/deepcurrent-api';
import type { HttpPort, HttpRequest } from '../../src-main/platform/http';
import type { AppError } from '../../src-shared/errors';

const BASE = 'https://api.example.test';
const TOKEN = 'eyJ.header.signature-token';

/** Ports whose HTTP answers every request with `status` and exactly `body`, recording the requests and the log. */
function answering(body: string, status = 200): ApiPorts & { sent: HttpRequest[]; logs: string[] } {
  const sent: HttpRequest[] = [];
  const logs: string[] = [];
  const http: HttpPort = {
    async send(request) {
      sent.push(request);
      const bytes = new TextEncoder().encode(body);
      return { ok: true, value: { status, statusText: '', headers: [['content-type', 'application/json']], bytes, truncated: false } };
    },
    async close() {},
  };
  return { http, log: (m) => logs.push(m), sent, logs };
}

function failure<T>(result: { ok: true; value: T } | { ok: false; error: AppError }): AppError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: AppError }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

const FULL_PROFILE = {
  id: 'u_123',
  email: 'ada@example.com',
  full_name: 'Ada Lovelace',
  is_active: true,
  plan: 'pro',
  role: 'member',
  api_key: { last4: 'x9Qz', created_at: '2026-01-02T03:04:05Z', revealed: true },
  pending_api_key: { created_at: '2026-02-03T04:05:06Z', revealed: false },
};

describe('reading GET /api/v1/users/me', () => {
  it('reads the contract’s full profile as before', async () => {
    const profile = value(await fetchProfile(answering(JSON.stringify(FULL_PROFILE)), BASE, TOKEN));
    expect(profile).toEqual({
      id: 'u_123',
      email: 'ada@example.com',
      fullName: 'Ada Lovelace',
      isActive: true,
      plan: 'pro',
      role: 'member',
      apiKey: { last4: 'x9Qz', createdAt: '2026-01-02T03:04:05Z', revealed: true },
      pendingApiKey: { createdAt: '2026-02-03T04:05:06Z', revealed: false },
    });
  });

  it('reads the FastAPI template’s profile: integer id as text, the rest not provided, unknown fields ignored', async () => {
    const body = '{"email":"ada@example.com","is_active":true,"is_superuser":false,"full_name":null,"id":7}';
    const profile = value(await fetchProfile(answering(body), BASE, TOKEN));
    expect(profile).toEqual({
      id: '7',
      email: 'ada@example.com',
      fullName: null,
      isActive: true,
      plan: null,
      role: null,
      apiKey: null,
      pendingApiKey: null,
    });
  });

  it('needs nothing but the email: without an id the profile has none (the session decides the identity)', async () => {
    const profile = value(await fetchProfile(answering('{"email":"ada@example.com"}'), BASE, TOKEN));
    expect(profile.id).toBeNull();
    expect(profile.isActive).toBeNull();
  });

  it('keeps a plan or a role it does not know, as the server sent it', async () => {
    const body = JSON.stringify({ ...FULL_PROFILE, plan: 'enterprise', role: 'auditor' });
    const profile = value(await fetchProfile(answering(body), BASE, TOKEN));
    expect([profile.plan, profile.role]).toEqual(['enterprise', 'auditor']);
  });

  it('keeps a key whose creation time and revealed flag were not sent as not known, never as "not revealed"', async () => {
    const body = JSON.stringify({ email: 'ada@example.com', api_key: { last4: 'x9Qz' } });
    const profile = value(await fetchProfile(answering(body), BASE, TOKEN));
    expect(profile.apiKey).toEqual({ last4: 'x9Qz', createdAt: null, revealed: null });
  });

  it.each([
    ['a profile without email', '{"id":1}', 'the answer has no email'],
    ['a null email', '{"id":1,"email":null}', 'the answer has no email'],
    ['an email that is a number', '{"email":3}', "the answer's email is a number, not text"],
    ['an id that is an object', '{"email":"a@b.c","id":{}}', "the answer's id is an object, not text or a number"],
    ['a plan that is a number', '{"email":"a@b.c","plan":3}', "the answer's plan is a number, not text"],
    ['a key without last4', '{"email":"a@b.c","api_key":{}}', 'the answer has no api_key.last4'],
    ['a key that is text', '{"email":"a@b.c","api_key":"x9Qz"}', "the answer's api_key is text, not an object"],
    ['a list', '[]', 'the answer is a list, not an object'],
    ['an empty body', '', 'the answer is empty'],
    ['a body that is not JSON', '<html>gateway</html>', 'the answer is not JSON'],
  ])('names the call and the first problem for %s', async (_name, body, problem) => {
    const ports = answering(body);
    const error = failure(await fetchProfile(ports, BASE, TOKEN));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toBe(`The server's answer cannot be read: GET /api/v1/users/me: ${problem}.`);
    expect(unreadableDetail(error)).toBe(`GET /api/v1/users/me: ${problem}`);
    expect(ports.logs).toEqual([expect.stringContaining(`GET /api/v1/users/me`)]);
    expect(ports.logs[0]).toContain(problem);
  });
});

describe('reading the other answers', () => {
  it('reads regeneration requests with integer ids, an unknown reason kept and missing times as not known', async () => {
    const body = JSON.stringify({ data: [{ id: 12, status: 'pending', reason: 'rotation' }], count: 1 });
    expect(value(await listRequests(answering(body), BASE, TOKEN))).toEqual([
      { id: '12', status: 'pending', reason: 'rotation', note: '', createdAt: null, issuedAt: null, confirmedAt: null },
    ]);
  });

  it('refuses a request status it does not know, saying which field', async () => {
    const body = JSON.stringify({ data: [{ id: 'rr_1', status: 'approved', reason: 'lost', created_at: 'x' }] });
    const error = failure(await listRequests(answering(body), BASE, TOKEN));
    expect(error.message).toBe(
      "The server's answer cannot be read: GET /api/v1/users/me/api-key/regeneration-requests: the answer's data[0].status has a value the app does not know.",
    );
  });

  it('reads a reveal answer without last4 or created_at, and never quotes the key when the answer is wrong', async () => {
    const key = `dc_${'k'.repeat(40)}`;
    expect(value(await revealKey(answering(JSON.stringify({ api_key: key })), BASE, TOKEN))).toEqual({ apiKey: key, last4: null, createdAt: null });

    const ports = answering(JSON.stringify({ api_key: key, last4: 5 }));
    const error = failure(await revealKey(ports, BASE, TOKEN));
    expect(error.message).toBe("The server's answer cannot be read: POST /api/v1/users/me/api-key/reveal: the answer's last4 is a number, not text.");
    expect(JSON.stringify([error, ports.logs])).not.toContain(key);
    expect(JSON.stringify([error, ports.logs])).not.toContain(TOKEN);
  });

  it('says which field a token answer lacks', async () => {
    const ports = answering('{"token_type":"bearer"}');
    const error = failure(await requestAccessToken(ports, BASE, 'ada@example.com', 'pw-secret'));
    expect(error.message).toBe("The server's answer cannot be read: POST /api/v1/login/access-token: the answer has no access_token.");
    expect(JSON.stringify([error, ports.logs])).not.toContain('pw-secret');
  });

  it('tells no unreadable-answer detail for other failures', async () => {
    const error = failure(await fetchProfile(answering('{"detail":"Not authenticated"}', 401), BASE, TOKEN));
    expect(error.kind).toBe('unauthorized');
    expect(unreadableDetail(error)).toBeNull();
  });
});
