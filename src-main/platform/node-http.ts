/**
 * The HTTP port under plain Node (start:web, the tests, the bench): fetch over undici, with the proxy the
 * environment names and the CA certificates Node trusts.
 *
 * Why the npm `undici`'s own `fetch` and not the global one: Node 20 bundles undici 6 (`process.versions.undici`)
 * while `EnvHttpProxyAgent` comes from the installed undici 7. A dispatcher is called with its own major's handler
 * interface, and handing one major's dispatcher to another major's fetch is the mismatch that breaks (undici 6 →
 * 8 fails with "invalid onRequestStart method"; 6 → 7 works today only through undici 7's compatibility wrapper).
 * Taking fetch and dispatcher from the same package keeps them in step whatever Node the app runs on, and nothing
 * is installed as the global dispatcher, so other fetch callers are not changed. (undici's fetch sends
 * `user-agent: undici` where Node's global one sent `node`.)
 *
 * - Proxy: `HTTPS_PROXY` / `HTTP_PROXY` (lower-case spellings win, as in curl) are read when the port is CREATED;
 *   `NO_PROXY` is read again on every request. Loopback gets no special treatment: with a proxy set, 127.0.0.1 and
 *   localhost go through it unless NO_PROXY names them.
 * - Certificates: Node's default trust, which includes `NODE_EXTRA_CA_CERTS` (read by Node at start-up).
 * - A request that carries its own Proxy-Authorization header fails when it goes through the proxy (undici refuses
 *   it: proxy credentials belong in the proxy URL), as a `network` failure with code UND_ERR_INVALID_ARG.
 * - Keep-alive connections are pooled by the agent; `close()` closes them (on quit).
 */
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { sendWithFetch, type FetchFunction, type HttpPort } from './http';

/** Creates the Node adapter. Call it after the environment is set: the proxy variables are read here. */
export function createNodeHttp(): HttpPort {
  // proxyTunnel off: an http: request goes to an http: proxy as an absolute-form request, as curl and Chromium send
  // it (undici 7 tunnels it with CONNECT by default, which proxies commonly allow only to port 443). https: is
  // always tunnelled.
  const dispatcher = new EnvHttpProxyAgent({ proxyTunnel: false });
  const fetchFn: FetchFunction = (url, init) => undiciFetch(url, { ...init, dispatcher });
  let closed: Promise<void> | null = null;
  return {
    send: (request) => sendWithFetch(fetchFn, request),
    close: () => (closed ??= dispatcher.close()),
  };
}
