/**
 * The only links the app may ever hand to the OS browser. Nothing opens one today: there is no IPC channel for it,
 * `window.open` is always denied, and `shell.openExternal` has no caller. A feature that needs to open a link later
 * must, in the main process:
 * 1. accept it only if `isAllowedExternalLink(url)` is true (a link the renderer proposes is untrusted input);
 * 2. show the user the full URL (not a label) and open it only after they confirm;
 * 3. call `shell.openExternal` right after that check, nowhere else, and explain the call in
 *    `security/electronegativity-allowlist.json` (the scan fails on any unexplained call).
 * Self-contained on purpose: it does not lean on the general URL predicates in `security.ts`.
 */

/** DeepCurrent's own hosts, compared exactly (no subdomain of them, no other port). */
export const EXTERNAL_LINK_HOSTS: readonly string[] = Object.freeze(['deepcurrent.app', 'docs.deepcurrent.app', 'api.deepcurrent.app']);

const MAX_LENGTH = 2048;

/**
 * True when `url` may be opened in the OS browser: a string of at most 2048 characters without whitespace,
 * control characters or backslashes, `https:` on the default port, no user name or password, and a host that is
 * exactly one of {@link EXTERNAL_LINK_HOSTS}. Everything else is refused.
 */
export function isAllowedExternalLink(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > MAX_LENGTH) return false;
  if (/[\s\u0000-\u001f\u007f-\u009f\\]/.test(url) || !/^https:\/\//i.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_LINK_HOSTS.includes(parsed.hostname)
  );
}
