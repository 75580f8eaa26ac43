/**
 * Where an account lives. `local` is the emulator embedded in development builds; `production` is the public API;
 * `custom` is any `https:` URL, or `http:` on a loopback host only.
 */
export const PRODUCTION_BASE_URL = 'https://api.deepcurrent.app';

export type Environment =
  | { kind: 'local' }
  | { kind: 'production' }
  | { kind: 'custom'; baseUrl: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Checks a custom base URL: `https:` anywhere, `http:` only on loopback; no credentials, query or fragment.
 * Returns the normalised origin-plus-path (no trailing slash) or an explanation.
 */
export function checkBaseUrl(input: string): { ok: true; baseUrl: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: 'Enter a full URL, such as https://api.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'The URL must start with https://.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: 'Plain http:// is allowed only for this computer (127.0.0.1 or localhost); use https://.' };
  }
  if (url.username || url.password) return { ok: false, message: 'The URL must not contain a user name or password.' };
  if (url.search || url.hash) return { ok: false, message: 'The URL must not contain a query or a fragment.' };
  return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
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
