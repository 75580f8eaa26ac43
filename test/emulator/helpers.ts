/**
 * Shared helpers for the emulator contract tests: start an emulator on a free port, call it over real HTTP.
 */
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server';

/** A cheap scrypt cost so the suite stays fast (the CLI test covers the real default). */
export const TEST_SCRYPT_COST = 1024;

/** Starts a quiet emulator on a free port. */
export function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, quiet: true, scryptCost: TEST_SCRYPT_COST, ...opts });
}

/** A clock tests can move by hand. */
export function fakeClock(startMs = Date.parse('2026-11-15T12:00:00.000Z')): { now: () => number; advance(ms: number): void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** A parsed response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Calls the emulator; `cred` becomes `Authorization: Bearer <cred>`, `json` a JSON body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
export async function api<T = any>(
  base: string,
  path: string,
  init: { method?: string; cred?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cred !== undefined) headers.Authorization = `Bearer ${init.cred}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(base + path, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** Posts the login form. */
export function loginRaw(base: string, email: string, password = DEMO_PASSWORD, extra: Record<string, string> = {}): Promise<ApiResponse> {
  return api(base, '/api/v1/login/access-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password, ...extra }).toString(),
  });
}

/** Signs in and returns the access token (fails the test otherwise). */
export async function login(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await loginRaw(base, email, password);
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
  return res.body.access_token as string;
}

/** Signs in and reveals the current API key. */
export async function revealedKey(base: string, email: string): Promise<{ token: string; key: string }> {
  const token = await login(base, email);
  const res = await api(base, '/api/v1/users/me/api-key/reveal', { method: 'POST', cred: token });
  if (res.status !== 200) throw new Error(`reveal failed: ${res.status} ${res.text}`);
  return { token, key: res.body.api_key as string };
}

/** Asserts the contract's 401 shape: status, detail and `WWW-Authenticate: Bearer`. */
export function expect401(res: ApiResponse, detail: string): void {
  if (res.status !== 401 || res.body?.detail !== detail || res.headers.get('www-authenticate') !== 'Bearer') {
    throw new Error(
      `expected 401 "${detail}" with WWW-Authenticate: Bearer, got ${res.status} ${res.text} ` +
        `(WWW-Authenticate: ${res.headers.get('www-authenticate')})`,
    );
  }
}

export const ADA = 'ada@deepcurrent.test';
export const FREE = 'free@deepcurrent.test';
export const SUPPORT = 'support@deepcurrent.test';
export const JSON_CT = 'application/json; charset=utf-8';
