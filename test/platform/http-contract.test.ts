/**
 * One contract for the HTTP port (src-main/platform/http.ts), run against every adapter, over real `node:http` /
 * `node:https` servers on 127.0.0.1: statuses and headers, redirects returned not followed, decoding, the cap on
 * the decoded body while streaming, cancel and time limit, refused headers and URLs, connection and certificate
 * failures.
 *
 * Electron cannot be launched here, so the Electron adapter runs on STAND-INS for its session's fetch:
 * - "stand-in fetch": undici's fetch as the session's `fetch`, no webRequest;
 * - "modelled net.fetch": a stand-in session that behaves as Electron's net.fetch does according to its source
 *   (lib/browser/api/net-fetch.ts, lib/common/api/net-client-request.ts): it runs the session's webRequest
 *   listeners, rejects a manual redirect with "Redirect was cancelled" after `onBeforeRedirect`, and rejects a
 *   network failure as `net::ERR_…`. Neither proves what Chromium does; they prove what the adapter does with it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCertificateCode, type FetchFunction, type HttpPort, type HttpRequest, type HttpResult } from '../../src-main/platform/http';
import { createNodeHttp } from '../../src-main/platform/node-http';
import { createElectronHttp, EXCHANGE_HEADER, type HttpSession } from '../../src-main/shell/electron-http';
import { MAX_BODY_BYTES } from '../../src-shared/tester';
import { closeTestServers, hasOpenssl, selfSignedServer, serve, within, type TestServer } from '../helpers/test-servers';

afterAll(closeTestServers);


const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const header = (headers: [string, string][], name: string) => headers.find(([n]) => n === name)?.[1];

function answer(result: HttpResult) {
  if (!result.ok) throw new Error(`expected a response, got ${JSON.stringify(result.error)}`);
  return result.value;
}

// -------------------------------------------------------------------------------------------------------------
// Stand-ins for the Electron session (see the comment at the top).

/** undici's fetch, typed as the session's fetch. */
const standInFetch: FetchFunction = (url, init) => undiciFetch(url, init);

/** The Chromium error net.fetch rejects with for a Node system or TLS code (the common ones only). */
const CHROMIUM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
  ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
  ECONNRESET: 'ERR_CONNECTION_RESET',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'ERR_CERT_AUTHORITY_INVALID',
};

/** A session that answers as Electron's net.fetch does (from its source), on top of undici's fetch. */
function modelledNetFetchSession(): HttpSession {
  type Listeners = {
    send?: Parameters<NonNullable<HttpSession['webRequest']>['onBeforeSendHeaders']>[0];
    redirect?: Parameters<NonNullable<HttpSession['webRequest']>['onBeforeRedirect']>[0];
    completed?: Parameters<NonNullable<HttpSession['webRequest']>['onCompleted']>[0];
    error?: Parameters<NonNullable<HttpSession['webRequest']>['onErrorOccurred']>[0];
  };
  const on: Listeners = {};
  let ids = 0;
  return {
    webRequest: {
      onBeforeSendHeaders: (l) => void (on.send = l ?? undefined),
      onBeforeRedirect: (l) => void (on.redirect = l ?? undefined),
      onCompleted: (l) => void (on.completed = l ?? undefined),
      onErrorOccurred: (l) => void (on.error = l ?? undefined),
    },
    async fetch(url, init) {
      const id = (ids += 1);
      // Chromium hands the listener one value per name.
      let requestHeaders: Record<string, string> = {};
      for (const [name, value] of init.headers) {
        const key = Object.keys(requestHeaders).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
        requestHeaders[key] = requestHeaders[key] === undefined ? value : `${requestHeaders[key]}, ${value}`;
      }
      if (on.send) {
        const send = on.send;
        requestHeaders = await new Promise((resolve) => send({ id, requestHeaders }, (r) => resolve((r.requestHeaders as Record<string, string> | undefined) ?? requestHeaders)));
      }
      try {
        const response = await undiciFetch(url, { ...init, headers: Object.entries(requestHeaders) });
        if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
          const responseHeaders: Record<string, string[]> = {};
          response.headers.forEach((value, name) => (responseHeaders[name] ??= []).push(value));
          on.redirect?.({ id, statusCode: response.status, statusLine: `HTTP/1.1 ${response.status} ${response.statusText}`, responseHeaders });
          await response.body?.cancel();
          throw new Error('Redirect was cancelled');
        }
        on.completed?.({ id });
        return response;
      } catch (err) {
        on.error?.({ id });
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        if (cause && CHROMIUM_ERRORS[cause] && !init.signal.aborted) throw new Error(`net::${CHROMIUM_ERRORS[cause]}`);
        throw err;
      }
    },
  };
}

const adapters: Array<{ name: string; create: () => HttpPort }> = [
  { name: 'node (undici + EnvHttpProxyAgent)', create: () => createNodeHttp() },
  { name: 'electron, on a stand-in fetch (undici)', create: () => createElectronHttp({ session: { fetch: standInFetch } }) },
  { name: 'electron, on a modelled net.fetch session', create: () => createElectronHttp({ session: modelledNetFetchSession() }) },
];

// -------------------------------------------------------------------------------------------------------------

/** The contract every HTTP adapter meets. */
function httpContract(name: string, create: () => HttpPort) {
  describe(`the HTTP port: ${name}`, () => {
    let http: HttpPort;
    beforeAll(() => {
      http = create();
    });
    afterAll(() => http.close());

    const send = (url: string, patch: Partial<HttpRequest> = {}) =>
      http.send({ method: 'GET', url, headers: [], maxBytes: MAX_BODY_BYTES, signal: new AbortController().signal, ...patch });

    describe('statuses and headers', () => {
      it('answers status, reason phrase and headers: lower-case, sorted, repeats joined, each Set-Cookie apart', async () => {
        const server = await serve((_req, res) => {
          res.setHeader('X-Zeta', ['1', '2']);
          res.setHeader('Set-Cookie', ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2']);
          res.setHeader('Content-Type', 'text/plain');
          res.writeHead(418, 'Teapot Time');
          res.end('short and stout');
        });
        const r = answer(await send(server.url));
        expect(r).toMatchObject({ status: 418, statusText: 'Teapot Time', truncated: false });
        expect(text(r.bytes)).toBe('short and stout');
        const names = r.headers.map(([n]) => n);
        expect(names).toEqual([...names].sort());
        expect(names.every((n) => n === n.toLowerCase())).toBe(true);
        expect(r.headers.filter(([n]) => n === 'set-cookie')).toEqual([
          ['set-cookie', 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
          ['set-cookie', 'b=2'],
        ]);
        expect(header(r.headers, 'x-zeta')).toBe('1, 2');
      });

      it('sends the method, the headers (a repeated one joined) and a UTF-8 body without adding a Content-Type', async () => {
        const server = await serve((_req, res) => res.end('ok'));
        const body = '{"title": "ü €"}';
        answer(await send(server.url, { method: 'PATCH', body, headers: [['X-A', '1'], ['x-a', '2'], ['Authorization', 'Bearer dc_key']] }));
        const sent = server.requests.at(-1)!;
        expect(sent).toMatchObject({ method: 'PATCH', body });
        expect(sent.headers).toMatchObject({ 'x-a': '1, 2', authorization: 'Bearer dc_key', 'content-length': String(Buffer.byteLength(body)) });
        expect(sent.headers['content-type']).toBeUndefined();
        expect(sent.headers[EXCHANGE_HEADER]).toBeUndefined();
      });

      it('drops the connection and framing headers a request carries', async () => {
        const server = await serve((_req, res) => res.end('ok'));
        const body = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
        const headers: [string, string][] = [['Content-Length', '0'], ['Transfer-Encoding', 'chunked'], ['Host', 'elsewhere.example'], ['Expect', '100-continue']];
        answer(await send(server.url, { method: 'POST', body, headers }));
        const sent = server.requests.at(-1)!;
        expect(sent.body).toBe(body);
        expect(sent.headers).toMatchObject({ 'content-length': String(body.length), host: new URL(server.url).host });
        expect(sent.headers['transfer-encoding']).toBeUndefined();
        expect(server.requests.some((r) => r.path === '/smuggled')).toBe(false);
      });

      it('reads HEAD, 204 and 304 as empty', async () => {
        const server = await serve((req, res) => {
          if (req.url === '/204') res.writeHead(204).end();
          else if (req.url === '/304') res.writeHead(304, { ETag: '"v1"' }).end();
          else res.writeHead(200, { 'Content-Length': '11' }).end(req.method === 'HEAD' ? undefined : 'hello world');
        });
        const head = answer(await send(server.url, { method: 'HEAD' }));
        expect(head).toMatchObject({ status: 200, truncated: false });
        expect(head.bytes.byteLength).toBe(0);
        expect(header(head.headers, 'content-length')).toBe('11');
        expect(answer(await send(`${server.url}/204`, { method: 'DELETE' })).bytes.byteLength).toBe(0);
        expect(answer(await send(`${server.url}/304`)).status).toBe(304);
      });
    });

    describe('redirects', () => {
      it('answers a 302 as it is, with its Location, and never asks the target', async () => {
        const target = await serve((_req, res) => res.end('target'));
        const redirecting = await serve((_req, res) => {
          res.writeHead(302, 'Found It', { Location: `${target.url}/steal`, 'Set-Cookie': 'r=1' });
          res.end('moved');
        });
        const r = answer(await send(`${redirecting.url}/api`, { headers: [['Authorization', 'Bearer dc_secret']] }));
        expect(r).toMatchObject({ status: 302, statusText: 'Found It', truncated: false });
        expect(header(r.headers, 'location')).toBe(`${target.url}/steal`);
        expect(header(r.headers, 'set-cookie')).toBe('r=1');
        expect(target.requests).toHaveLength(0);
        expect(redirecting.requests.at(-1)!.headers[EXCHANGE_HEADER]).toBeUndefined();
      });

      it('answers a 307 after a POST the same way, without sending the body on', async () => {
        const target = await serve((_req, res) => res.end('target'));
        const redirecting = await serve((_req, res) => res.writeHead(307, { Location: target.url }).end());
        const r = answer(await send(redirecting.url, { method: 'POST', body: 'once' }));
        expect(r.status).toBe(307);
        expect(header(r.headers, 'location')).toBe(target.url);
        expect(target.requests).toHaveLength(0);
      });
    });

    describe('content-encoding, decoded by fetch', () => {
      const original = JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Item ${i} ü` })) });
      const encoded: Record<string, Buffer> = { gzip: gzipSync(original), deflate: deflateSync(original), br: brotliCompressSync(original) };
      let server: TestServer;
      beforeAll(async () => {
        server = await serve((req, res) => {
          const coding = req.url!.slice(1);
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': coding });
          res.end(encoded[coding] ?? Buffer.from('this is not compressed, whatever the header says'));
        });
      });

      it.each(Object.keys(encoded))('decodes %s and keeps the Content-Encoding header', async (coding) => {
        const r = answer(await send(`${server.url}/${coding}`));
        expect(text(r.bytes)).toBe(original);
        expect(header(r.headers, 'content-encoding')).toBe(coding);
      });

      it('answers a body that does not decode as undecodable, naming the coding', async () => {
        const damaged = await serve((_req, res) => {
          res.writeHead(200, { 'Content-Encoding': 'gzip' });
          res.end(Buffer.from('this is not gzip, whatever the header says'));
        });
        expect(await send(damaged.url)).toEqual({ ok: false, error: { reason: 'undecodable', codings: ['gzip'] } });
      });
    });

    describe('the cap applies to the decoded body, while streaming', () => {
      /** 1 GiB of zeros as 1,024 gzip members of 1 MiB each: about 1 MB on the wire. */
      const member = gzipSync(Buffer.alloc(1024 * 1024));
      const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member));
      let server: TestServer;
      beforeAll(async () => {
        const exact = gzipSync(Buffer.alloc(MAX_BODY_BYTES));
        server = await serve((req, res) => {
          if (req.url === '/plain') {
            res.writeHead(200, { 'Content-Type': 'text/plain' });
            res.end(Buffer.alloc(MAX_BODY_BYTES + 100_000, 0x61));
            return;
          }
          const body = req.url === '/exact' ? exact : bomb;
          res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
          res.end(body);
        });
      });

      it('stops a gzip bomb at exactly the cap, without inflating the rest, and drops the connection', async () => {
        const cpuBefore = process.cpuUsage();
        const r = answer(await send(`${server.url}/bomb`));
        const cpu = process.cpuUsage(cpuBefore);
        expect(r.truncated).toBe(true);
        expect(r.bytes.byteLength).toBe(MAX_BODY_BYTES);
        expect(r.bytes.every((b) => b === 0)).toBe(true);
        // Inflating the whole GiB takes seconds of CPU; stopping at 10 MB takes tens of milliseconds.
        expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
        await within(2000, server.closed(server.requests.at(-1)!.connection));
      });

      it('keeps a body that decodes to exactly the cap whole and unmarked', async () => {
        const r = answer(await send(`${server.url}/exact`));
        expect(r.truncated).toBe(false);
        expect(r.bytes.byteLength).toBe(MAX_BODY_BYTES);
      });

      it('cuts an unencoded body at a smaller cap too', async () => {
        const r = answer(await send(`${server.url}/plain`, { maxBytes: 1000 }));
        expect(r.truncated).toBe(true);
        expect(text(r.bytes)).toBe('a'.repeat(1000));
      });
    });

    describe('cancel and time limit', () => {
      let server: TestServer;
      beforeAll(async () => {
        server = await serve((req, res) => {
          if (req.url === '/stall') return; // never answers
          res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
          res.write('half a body…'); // and never the rest
        });
      });

      it('cancels in the middle of the body, and drops the connection', async () => {
        const cancel = new AbortController();
        const pending = send(`${server.url}/mid-body`, { signal: cancel.signal });
        setTimeout(() => cancel.abort(), 150);
        expect(await within(2000, pending)).toEqual({ ok: false, error: { reason: 'aborted' } });
        await within(2000, server.closed(server.requests.at(-1)!.connection));
      });

      it('stops at the time limit while waiting for the headers (an AbortSignal.timeout)', async () => {
        const started = performance.now();
        const r = await within(3000, send(`${server.url}/stall`, { signal: AbortSignal.timeout(200) }));
        expect(r).toEqual({ ok: false, error: { reason: 'aborted' } });
        expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      });

      it('sends nothing when the signal has already aborted', async () => {
        const before = server.requests.length;
        expect(await send(`${server.url}/stall`, { signal: AbortSignal.abort() })).toEqual({ ok: false, error: { reason: 'aborted' } });
        expect(server.requests).toHaveLength(before);
      });
    });

    describe('what is refused before sending', () => {
      let server: TestServer;
      beforeAll(async () => {
        server = await serve((_req, res) => res.end('ok'));
      });

      it('refuses an invalid header name, naming it', async () => {
        expect(await send(server.url, { headers: [['Bad Name', '1']] })).toEqual({ ok: false, error: { reason: 'invalid-header', name: 'Bad Name' } });
        expect(server.requests).toHaveLength(0);
      });

      it('refuses an invalid header value, naming the header and never the value', async () => {
        for (const value of ['dc_secret\u0001value', 'dc_secret\nX-Evil: 1']) {
          const r = await send(server.url, { headers: [['X-Trace', value]] });
          expect(r).toEqual({ ok: false, error: { reason: 'invalid-header', name: 'X-Trace' } });
          expect(JSON.stringify(r)).not.toContain('secret');
        }
        expect(server.requests).toHaveLength(0);
      });

      it('refuses a URL with a user name or password, or another scheme, and sends nothing', async () => {
        for (const url of [server.url.replace('http://', 'http://user:pw@'), server.url.replace('http://', 'http://user@'), 'ftp://127.0.0.1/', 'file:///etc/passwd', 'not a url']) {
          expect(await send(url)).toEqual({ ok: false, error: { reason: 'refused-url' } });
        }
        expect(server.requests).toHaveLength(0);
      });
    });

    describe('connection failures', () => {
      it('answers a closed port as a network failure with ECONNREFUSED', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const port = (closed.address() as AddressInfo).port;
        await new Promise((resolve) => closed.close(resolve));
        expect(await send(`http://127.0.0.1:${port}/`)).toEqual({ ok: false, error: { reason: 'network', code: 'ECONNREFUSED' } });
      });

      describe('TLS', () => {
        let server: TestServer;
        let cleanup = () => {};
        beforeAll(async () => {
          if (!hasOpenssl) return;
          ({ server, cleanup } = await selfSignedServer((_req, res) => res.end('should never be read')));
        });
        afterAll(() => cleanup());

        it.skipIf(!hasOpenssl)('refuses a self-signed certificate as a certificate failure, and sends nothing', async () => {
          const r = await send(`${server.url}/api`, { headers: [['Authorization', 'Bearer dc_secret']] });
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.reason).toBe('network');
            expect(r.error.reason === 'network' && isCertificateCode(r.error.code)).toBe(true);
          }
          expect(server.requests).toHaveLength(0);
        });
      });
    });
  });
}

for (const adapter of adapters) httpContract(adapter.name, adapter.create);
