/**
 * Where an account lives. `local` is the emulator embedded in development builds; `production` is the public API;
 * `custom` is any `https:` URL, or `http:` on a loopback host only.
 */
import { fail, ok, type Result } from './errors';

export const PRODUCTION_BASE_URL = 'https://api.deepcurrent.app';

export type Environment =
  | { kind: 'local' }
  | { kind: 'production' }
  | { kind: 'custom'; baseUrl: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The API's path under a base URL; the app adds it to every call, so a base URL never ends with it. */
export const API_PREFIX = '/api/v1';

/** A checked base URL and what the form should say when it is not exactly what was typed, or why it is refused. */
export type CheckedBaseUrl = Result<{ baseUrl: string; note: string | null }, string>;

/**
 * Checks a custom base URL as people type it: `https:` anywhere, `http:` only on loopback; no credentials, query or
 * fragment. Returns it normalised — surrounding spaces, an upper-case scheme or host, a default port (`:443` for
 * https, `:80` for http) and trailing slashes dropped, and a trailing `/api/v1` too, since the app adds that itself
 * (then `note` says so) — or an explanation.
 */
export function checkBaseUrl(input: string): CheckedBaseUrl {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('Enter a full URL, such as https://api.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('The URL must start with https://.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return fail('Plain http:// is allowed only for this computer (127.0.0.1 or localhost); use https://.');
  }
  if (url.username || url.password) return fail('The URL must not contain a user name or password.');
  if (url.search || url.hash) return fail('The URL must not contain a query or a fragment.');
  // `URL` has already lower-cased the scheme and host and dropped a default port from the origin.
  const path = url.pathname.replace(/\/+$/, '');
  let base = path;
  // Until none is left, so that checking the result again changes nothing (stored accounts are checked again).
  while (base.toLowerCase().endsWith(API_PREFIX)) base = base.slice(0, -API_PREFIX.length).replace(/\/+$/, '');
  const baseUrl = `${url.origin}${base}`;
  return ok({ baseUrl, note: base === path ? null : `Using ${baseUrl} — the app adds ${API_PREFIX} itself.` });
}

/** A label for the environment a person recognises. */
export function environmentLabel(env: Environment): string {
  switch (env.kind) {
    case 'local':
      return 'Local emulator';
    case 'production':
      return 'Production';
    case 'custom':
      return env.baseUrl;
  }
}
