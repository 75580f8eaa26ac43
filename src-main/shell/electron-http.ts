/**
 * The HTTP port in Electron: `fetch` on a dedicated in-memory session (`deepcurrent-api`, no `persist:` prefix, HTTP
 * cache off), so requests go through Chromium's network stack with the system proxy settings (PAC included) and
 * the OS certificate store, as the browser uses them. No cookies are sent or stored (`credentials: 'omit'`), nothing
 * is cached (`cache: 'no-store'`), and the app's custom protocol handlers are bypassed.
 *
 * Chromium decodes gzip / deflate / br itself; the cap applies to what it hands over (see ./platform/http.ts).
 *
 * Redirects: Electron's net.fetch does not answer `redirect: 'manual'` with the 3xx. Its implementation
 * (lib/browser/api/net-fetch.ts over ClientRequest) cancels the request when nobody calls `followRedirect()` in
 * the request's `redirect` event, which net.fetch does not expose, and rejects with "Redirect was cancelled"
 * (electron/electron#43715, closed as working as documented). So the 3xx is recovered from the session's own
 * `webRequest.onBeforeRedirect`: each request carries a marker header that `onBeforeSendHeaders` takes off before
 * it leaves (the server never sees it) and that ties Chromium's request id to this exchange; the redirect's status,
 * status line and headers are kept until fetch rejects. The answer has an empty body (Chromium does not hand over
 * a redirect's body). The session is this port's alone, so owning its webRequest listeners takes nothing from
 * anyone. Should a later Electron resolve with the 3xx itself (as Node's fetch does), that answer is used as is.
 *
 * Imports Electron's types only, so it runs under Node in the tests with a stand-in session.
 */
import type { OnBeforeRedirectListenerDetails, OnBeforeSendHeadersListenerDetails, BeforeSendResponse, Session } from 'electron';
import { sendWithFetch, type FetchFunction, type FetchResponse, type HttpPort, type HttpResponse, type HttpResult } from '../platform/http';

/** The session partition the port uses: in memory (no `persist:`), its own cookie jar and cache, both unused. */
export const API_PARTITION = 'deepcurrent-api';

/** The request header that ties Chromium's request id to an exchange; removed before the request is sent. */
export const EXCHANGE_HEADER = 'x-deepcurrent-exchange';

/** The part of Electron's `Session` this adapter uses; a test gives a stand-in. */
export interface HttpSession {
  fetch: FetchFunction;
  /** Closes the session's connections (Electron's `ses.closeAllConnections`). */
  closeAllConnections?(): Promise<void>;
  webRequest?: {
    onBeforeSendHeaders(listener: ((details: Pick<OnBeforeSendHeadersListenerDetails, 'id' | 'requestHeaders'>, callback: (response: BeforeSendResponse) => void) => void) | null): void;
    onBeforeRedirect(listener: ((details: Pick<OnBeforeRedirectListenerDetails, 'id' | 'statusCode' | 'statusLine' | 'responseHeaders'>) => void) | null): void;
    onCompleted(listener: ((details: { id: number }) => void) | null): void;
    onErrorOccurred(listener: ((details: { id: number }) => void) | null): void;
  };
}

/** The dedicated session, from Electron's `session` module (passed in, so that this file imports no Electron code). */
export function apiSession(sessionModule: { fromPartition(partition: string, options?: { cache: boolean }): Session }): HttpSession {
  const ses = sessionModule.fromPartition(API_PARTITION, { cache: false });
  return {
    fetch: ses.fetch.bind(ses) as unknown as FetchFunction,
    closeAllConnections: () => ses.closeAllConnections(),
    webRequest: ses.webRequest,
  };
}

/** Response headers as Chromium lists them (name → values) in the port's order; Set-Cookie values kept apart. */
function headerPairs(record: Record<string, string[]> | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, values] of Object.entries(record ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') for (const value of values) pairs.push([lower, value]);
    else pairs.push([lower, values.join(', ')]);
  }
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `HTTP/1.1 302 Found` → `Found`. */
function reasonPhrase(statusLine: string | undefined): string {
  return /^\S+\s+\d{3}\s?(.*)$/.exec(statusLine ?? '')?.[1] ?? '';
}

/** Set-Cookie values as received: net.fetch's Headers joins them, the ClientRequest response it wraps does not. */
function rawSetCookies(response: FetchResponse): readonly string[] | undefined {
  const raw = (response as { __original_resp?: { rawHeaders?: unknown } }).__original_resp?.rawHeaders;
  if (!Array.isArray(raw)) return undefined;
  const cookies: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (String(raw[i]).toLowerCase() === 'set-cookie') cookies.push(String(raw[i + 1]));
  }
  return cookies;
}

/** A redirect Chromium stopped at and no webRequest report described: there is no status or Location to show. */
const UNREADABLE_REDIRECT: HttpResult = { ok: false, error: { reason: 'network', code: 'ERR_REDIRECT_UNREADABLE' } };

/** net.fetch's rejection of a manual redirect (ClientRequest's "Redirect was cancelled"). */
function isCancelledRedirect(err: unknown): boolean {
  return err instanceof Error && err.message === 'Redirect was cancelled';
}

/** Creates the Electron adapter over the dedicated session (see {@link apiSession}). */
export function createElectronHttp(deps: { session: HttpSession }): HttpPort {
  const { session } = deps;
  let nextExchange = 1;
  /** Chromium request id → exchange, while the request is in flight. */
  const exchangeOfRequest = new Map<number, string>();
  /** Exchange → the redirect Chromium reported for it. */
  const redirects = new Map<string, HttpResponse>();

  const web = session.webRequest;
  web?.onBeforeSendHeaders((details, callback) => {
    const headers = { ...details.requestHeaders };
    const key = Object.keys(headers).find((name) => name.toLowerCase() === EXCHANGE_HEADER);
    if (key === undefined) return callback({});
    exchangeOfRequest.set(details.id, headers[key]!);
    delete headers[key];
    callback({ requestHeaders: headers });
  });
  web?.onBeforeRedirect((details) => {
    const exchange = exchangeOfRequest.get(details.id);
    if (exchange === undefined) return;
    redirects.set(exchange, {
      status: details.statusCode,
      statusText: reasonPhrase(details.statusLine),
      headers: headerPairs(details.responseHeaders),
      bytes: new Uint8Array(0),
      truncated: false,
    });
  });
  const forget = (details: { id: number }) => exchangeOfRequest.delete(details.id);
  web?.onCompleted(forget);
  web?.onErrorOccurred(forget);

  return {
    async send(request) {
      const exchange = String(nextExchange++);
      const recovered = (): HttpResult | undefined => {
        const response = redirects.get(exchange);
        return response ? { ok: true, value: response } : undefined;
      };
      try {
        return await sendWithFetch(
          session.fetch,
          web ? { ...request, headers: [...request.headers, [EXCHANGE_HEADER, exchange]] } : request,
          {
            init: { cache: 'no-store', bypassCustomProtocolHandlers: true },
            setCookiesOf: rawSetCookies,
            // "Redirect was cancelled" (or any rejection after a redirect was seen): the redirect is the answer.
            onFetchError: (err) => recovered() ?? (isCancelledRedirect(err) ? UNREADABLE_REDIRECT : undefined),
            onOpaqueRedirect: () => recovered() ?? UNREADABLE_REDIRECT,
          },
        );
      } finally {
        redirects.delete(exchange);
      }
    },
    async close() {
      web?.onBeforeSendHeaders(null);
      web?.onBeforeRedirect(null);
      web?.onCompleted(null);
      web?.onErrorOccurred(null);
      await session.closeAllConnections?.();
    },
  };
}
