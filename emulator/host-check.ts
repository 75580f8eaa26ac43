/**
 * The DNS-rebinding defence shared by the emulator and the start:web bridge: a local server answers only requests
 * whose `Host` header names it (an allowed loopback name with its own port). A page on a rebound name
 * (`evil.example` resolving to 127.0.0.1) still sends `Host: evil.example:<port>`, so it is refused. Pure: no
 * imports, so both `emulator/` and `web/` can use it.
 */

/** The loopback names the emulator answers to. */
export const LOOPBACK_HOST_NAMES: readonly string[] = Object.freeze(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when `host` (a `Host` header value) is one of `names` followed by `:<port>`, compared without regard to
 * letter case (host names are case-insensitive). The port may be left out only when it is 80, as clients do.
 * A missing header, another name, another port or anything extra (userinfo, a trailing dot) is refused.
 */
export function hostHeaderAllowed(host: string | undefined, port: number, names: readonly string[]): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return names.some((name) => {
    const wanted = name.toLowerCase();
    return value === `${wanted}:${port}` || (port === 80 && value === wanted);
  });
}
