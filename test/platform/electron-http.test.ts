/**
 * What the Electron HTTP adapter adds to the contract (test/platform/http-contract.test.ts), with stand-ins for
 * Electron's session, since Electron cannot be launched here: the dedicated session and the fetch options it is
 * given, Set-Cookie values read apart when net.fetch's Headers joined them, and a redirect it could not read.
 */
import { describe, expect, it } from 'vitest';
import type { FetchInit, FetchResponse } from '../../src-main/platform/http';
import { API_PARTITION, apiSession, createElectronHttp, type HttpSession } from '../../src-main/shell/electron-http';

const request = (url = 'https://api.deepcurrent.test/x') => ({ method: 'GET', url, headers: [] as [string, string][], maxBytes: 100, signal: new AbortController().signal });

/** A response as net.fetch builds it: one Headers object with Set-Cookie values joined by `, `. */
function netFetchResponse(rawHeaders: string[], bodyText: string): FetchResponse {
  const headers = new Headers();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const before = headers.get(name);
    headers.set(name, before === null ? rawHeaders[i + 1]! : `${before}, ${rawHeaders[i + 1]!}`);
  }
  const response = new Response(bodyText, { status: 200, statusText: 'OK', headers }) as unknown as FetchResponse;
  return Object.assign(response, { __original_resp: { rawHeaders } });
}

describe('the Electron HTTP adapter', () => {
  it("uses its own in-memory session, without cache, and asks fetch for no cookies, no cache, no redirect and no app protocols", async () => {
    const partitions: Array<[string, unknown]> = [];
    const inits: FetchInit[] = [];
    const fakeSession = {
      fetch: async (_url: string, init: FetchInit) => {
        inits.push(init);
        return new Response('ok');
      },
      closeAllConnections: async () => {},
      webRequest: { onBeforeSendHeaders() {}, onBeforeRedirect() {}, onCompleted() {}, onErrorOccurred() {} },
    };
    const sessionModule = {
      fromPartition: (partition: string, options?: unknown) => {
        partitions.push([partition, options]);
        return fakeSession as never;
      },
    };
    const http = createElectronHttp({ session: apiSession(sessionModule) });
    expect(await http.send(request())).toMatchObject({ ok: true });
    expect(partitions).toEqual([[API_PARTITION, { cache: false }]]);
    expect(API_PARTITION.startsWith('persist:')).toBe(false);
    expect(inits[0]).toMatchObject({ redirect: 'manual', credentials: 'omit', cache: 'no-store', bypassCustomProtocolHandlers: true });
  });

  it('lists each Set-Cookie apart from the raw headers, where net.fetch joined them', async () => {
    const raw = ['Set-Cookie', 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'Content-Type', 'text/plain', 'set-cookie', 'b=2'];
    const http = createElectronHttp({ session: { fetch: async () => netFetchResponse(raw, 'ok') } });
    const r = await http.send(request());
    expect(r.ok && r.value.headers).toEqual([
      ['content-type', 'text/plain'],
      ['set-cookie', 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
      ['set-cookie', 'b=2'],
    ]);
  });

  it('answers a redirect it was not shown (no webRequest report) as a network failure, not a crash', async () => {
    const session: HttpSession = {
      fetch: async () => {
        throw new Error('Redirect was cancelled');
      },
    };
    expect(await createElectronHttp({ session }).send(request())).toEqual({ ok: false, error: { reason: 'network', code: 'ERR_REDIRECT_UNREADABLE' } });
    const opaque: HttpSession = { fetch: async () => ({ status: 0, statusText: '', type: 'opaqueredirect', headers: new Headers(), body: null }) };
    expect(await createElectronHttp({ session: opaque }).send(request())).toEqual({ ok: false, error: { reason: 'network', code: 'ERR_REDIRECT_UNREADABLE' } });
  });

  it('maps Chromium errors to Node codes where they mean the same, and keeps the others', async () => {
    const failing = (message: string): HttpSession => ({
      fetch: async () => {
        throw new Error(message);
      },
    });
    expect(await createElectronHttp({ session: failing('net::ERR_NAME_NOT_RESOLVED') }).send(request())).toEqual({ ok: false, error: { reason: 'network', code: 'ENOTFOUND' } });
    expect(await createElectronHttp({ session: failing('net::ERR_PROXY_CONNECTION_FAILED') }).send(request())).toEqual({ ok: false, error: { reason: 'network', code: 'ERR_PROXY_CONNECTION_FAILED' } });
  });

  it('gives up its webRequest listeners and closes the connections on close', async () => {
    const set: Record<string, unknown> = {};
    let closedConnections = 0;
    const session: HttpSession = {
      fetch: async () => new Response('ok') as unknown as FetchResponse,
      closeAllConnections: async () => void (closedConnections += 1),
      webRequest: {
        onBeforeSendHeaders: (l) => void (set.send = l),
        onBeforeRedirect: (l) => void (set.redirect = l),
        onCompleted: (l) => void (set.completed = l),
        onErrorOccurred: (l) => void (set.error = l),
      },
    };
    const http = createElectronHttp({ session });
    expect(Object.values(set).every((l) => typeof l === 'function')).toBe(true);
    await http.close();
    expect(set).toEqual({ send: null, redirect: null, completed: null, error: null });
    expect(closedConnections).toBe(1);
  });
});
