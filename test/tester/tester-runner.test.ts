/**
 * The tester's request runner over the Node HTTP port against real `node:http` / `node:https` servers on
 * 127.0.0.1: decoding and the decoded-size cap, redirects, keep-alive reuse, time limit and cancel, header
 * validation, TLS verification, bodiless answers, and the request and response headers. The port's own contract
 * (both adapters) is test/platform/http-contract.test.ts.
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { MemorySecretStore } from '../../src-main/platform/memory-secret-store';
import { createAppServices } from '../../src-main/app';
import { createNodeHttp } from '../../src-main/platform/node-http';
import { runRequest, type RunOptions, type RunOutcome } from '../../src-main/tester/tester-runner';
import type { PreparedRequest } from '../../src-main/tester/tester-request';
import type { HttpMethod } from '../../src-shared/tester';
import { MemoryKv } from '../helpers/memory-kv';
import { closeTestServers, hasOpenssl, selfSignedServer, serve, within, type TestServer } from '../helpers/test-servers';

const http = createNodeHttp();

afterAll(async () => {
  await http.close();
  await closeTestServers();
});

function prepared(url: string, patch: Partial<PreparedRequest> = {}): PreparedRequest {
  return { method: 'GET', url, headers: [], body: undefined, notes: [], ...patch };
}

function run(url: string, patch: Partial<PreparedRequest> = {}, options: Partial<RunOptions> = {}): Promise<RunOutcome> {
  return runRequest(http, prepared(url, patch), { credential: null, timeoutMs: 10_000, ...options });
}

function response(outcome: RunOutcome) {
  if (!outcome.ok) throw new Error(`expected a response, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.response;
}

function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n === name)?.[1];
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');



describe('content-encoding', () => {
  const original = JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Item ${i} ü` })) });
  const encoded: Record<string, Buffer> = {
    gzip: gzipSync(original),
    'x-gzip': gzipSync(original),
    deflate: deflateSync(original),
    br: brotliCompressSync(original),
    'deflate, gzip': gzipSync(deflateSync(original)),
  };
  let server: TestServer;
  beforeAll(async () => {
    server = await serve((req, res) => {
      const coding = decodeURIComponent(req.url!.slice(1));
      const body = coding === 'raw-deflate' ? deflateRawSync(original) : encoded[coding] ?? Buffer.from('not compressed at all');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': coding === 'raw-deflate' ? 'deflate' : coding });
      res.end(body);
    });
  });

  it.each(Object.keys(encoded))('decodes %s', async (coding) => {
    const r = response(await run(`${server.url}/${encodeURIComponent(coding)}`));
    expect(text(r.bytes)).toBe(original);
    expect(r.truncated).toBe(false);
    expect(header(r.headers, 'content-encoding')).toBe(coding);
  });

  it('decodes deflate sent raw (without the zlib wrapper), as fetch did', async () => {
    expect(text(response(await run(`${server.url}/raw-deflate`)).bytes)).toBe(original);
  });

  it('passes a body with an unknown coding through raw', async () => {
    expect(text(response(await run(`${server.url}/zstd`)).bytes)).toBe('not compressed at all');
  });

  it("sends fetch's default Accept-Encoding over http, and the user's own when one was typed", async () => {
    await run(`${server.url}/gzip`);
    expect(server.requests.at(-1)!.headers['accept-encoding']).toBe('gzip, deflate');
    await run(`${server.url}/zstd`, { headers: [['Accept-Encoding', 'zstd']] });
    expect(server.requests.at(-1)!.headers['accept-encoding']).toBe('zstd');
  });

  it('answers a damaged gzip body with a clear error, and the next request still works', async () => {
    const damaged = await serve((req, res) => {
      if (req.url === '/ok') {
        res.end('fine');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(Buffer.from('this is not gzip, whatever the header says'));
    });
    const r = await run(damaged.url);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('bad-response');
      expect(r.error.message).toMatch(/Content-Encoding: gzip\).*does not decompress/);
    }
    expect(text(response(await run(`${damaged.url}/ok`)).bytes)).toBe('fine');
  });
});

// The cap on the decoded body (a compression bomb stops at 10 MB) is the HTTP port's contract: test/platform/http-contract.test.ts.

describe('redirects', () => {
  it('answers a 302 as it is, with its Location, and never asks the target', async () => {
    const target = await serve((_req, res) => res.end('target'));
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { Location: `${target.url}/steal` });
      res.end();
    });
    const r = response(await run(`${redirecting.url}/api`, {}, { credential: 'dc_secret' }));
    expect(r.status).toBe(302);
    expect(header(r.headers, 'location')).toBe(`${target.url}/steal`);
    expect(target.requests).toHaveLength(0);
  });
});

describe('keep-alive', () => {
  it('reuses connections for sequential requests (the pool keeps at most two warm)', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    for (let i = 0; i < 5; i += 1) expect(response(await run(server.url)).status).toBe(200);
    expect(response(await run(server.url, { method: 'POST', body: 'x' })).status).toBe(200);
    expect(server.sockets.length).toBeLessThanOrEqual(2);
  });

  it('closes idle connections when the app services are disposed (on quit)', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const own = createNodeHttp();
    response(await runRequest(own, prepared(server.url), { credential: null, timeoutMs: 10_000 }));
    const services = createAppServices({
      http: own,
      secretStore: new MemorySecretStore(),
      kv: new MemoryKv(),
      clipboard: new MemoryClipboard(),
      localEmulatorUrl: null,
    });
    await services.dispose();
    await within(2000, server.closed(0));
  });

  describe('a connection the server drops', () => {
    it('never sends a POST twice: a dropped POST is a network error', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/drop') req.socket.destroy();
        else res.end('fresh');
      });
      for (let i = 0; i < 3; i += 1) response(await run(server.url)); // pooled connections that have answered
      const r = await run(`${server.url}/drop`, { method: 'POST', body: '{"n":2}' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('network');
      expect(server.requests.filter((q) => q.path === '/drop').map((q) => q.body)).toEqual(['{"n":2}']);
    });

    it('does not send again once a byte of the answer has come', async () => {
      const partial = await serve((req, res) => {
        if (req.url === '/half') req.socket.end('HTTP/1.1 200 OK\r\nContent-Le'); // half a status block, then closed
        else res.end('fresh');
      });
      response(await run(partial.url));
      const r = await run(`${partial.url}/half`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('network');
      expect(partial.requests.filter((q) => q.path === '/half')).toHaveLength(1);
    });
  });
});

describe('time limit and cancel', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve((req, res) => {
      if (req.url === '/stall') return; // never answers
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
      res.write('half a body…'); // and never the rest
    });
  });

  it('times out in the middle of the body, and closes the connection', async () => {
    const started = performance.now();
    const r = await run(`${server.url}/mid-body`, {}, { timeoutMs: 300 });
    const took = performance.now() - started;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('timeout');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3000);
    await within(2000, server.closed(server.requests.at(-1)!.connection));
  });

  it('waits for a slow answer of several seconds (longer than a keep-alive idle time)', async () => {
    const slow = await serve((_req, res) => {
      setTimeout(() => res.end('worth the wait'), 4_400);
    });
    const r = response(await run(slow.url, {}, { timeoutMs: 15_000 }));
    expect(text(r.bytes)).toBe('worth the wait');
  }, 15_000);

  it('times out waiting for the headers', async () => {
    const r = await run(`${server.url}/stall`, {}, { timeoutMs: 200 });
    expect(!r.ok && r.error.kind).toBe('timeout');
  });

  it('cancels in the middle of the body, and closes the connection', async () => {
    const cancel = new AbortController();
    const pending = run(`${server.url}/mid-body`, {}, { controller: cancel });
    setTimeout(() => cancel.abort(), 150);
    const r = await within(2000, pending);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ kind: 'cancelled', message: 'The request was cancelled.' });
    await within(2000, server.closed(server.requests.at(-1)!.connection));
  });

  it("cancels with the caller's own controller, and before sending when it is already aborted", async () => {
    const controller = new AbortController();
    const pending = run(`${server.url}/stall`, {}, { controller });
    setTimeout(() => controller.abort(), 100);
    expect(await within(2000, pending)).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    const before = server.requests.length;
    const cancelled = new AbortController();
    cancelled.abort();
    expect(await run(`${server.url}/stall`, {}, { controller: cancelled })).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(server.requests).toHaveLength(before);
  });

  it('tells an unreachable server apart, with the system error code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await run(`http://127.0.0.1:${port}/`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('network');
      expect(r.error.message).toBe(
        "Cannot reach the DeepCurrent server: the connection was refused (nothing answers at that address and port). Check the environment's address, or whether the server is running.",
      );
      expect(r.error.detail).toBe('ECONNREFUSED');
    }
  });
});

describe('headers Node refuses to send', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve((_req, res) => res.end('ok'));
  });
  afterEach(() => expect(server.requests).toHaveLength(0));

  it('answers an invalid header value with a typed error that names the header but not its value', async () => {
    const r = await run(server.url, { headers: [['X-Trace', 'dc_secret\u0001value']] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-input');
      expect(r.error.message).toContain('X-Trace');
      expect(r.error.message).not.toContain('secret');
    }
  });

  it('never shows a credential Node refuses', async () => {
    const credential = 'dc_abcdefghijklmnopqrstuvwxyz0123456789\nX-Evil: 1';
    const r = await run(server.url, {}, { credential });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-input');
      expect(r.error.message).not.toContain('dc_abc');
      expect(r.error.message).not.toContain('X-Evil');
    }
  });

  it('answers an invalid header name with a typed error', async () => {
    const r = await run(server.url, { headers: [['Bad Name', '1']] });
    expect(!r.ok && r.error.kind).toBe('invalid-input');
  });
});

describe('TLS', () => {
  let server: TestServer;
  let cleanup = () => {};
  beforeAll(async () => {
    if (!hasOpenssl) return;
    ({ server, cleanup } = await selfSignedServer((_req, res) => res.end('should never be read')));
  });
  afterAll(() => cleanup());

  it.skipIf(!hasOpenssl)(`refuses a self-signed certificate as an unreachable server${hasOpenssl ? '' : ' (skipped: no openssl to make one)'}`, async () => {
    const r = await run(`${server.url}/api`, {}, { credential: 'dc_secret' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('network');
      expect(r.error.message).toMatch(/^The DeepCurrent server's certificate is not trusted \(it may be self-signed/);
      expect(r.error.detail).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('answers without a body', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve((req, res) => {
      if (req.url === '/204') {
        res.writeHead(204);
        res.end();
      } else if (req.url === '/304') {
        res.writeHead(304, { ETag: '"v1"' });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '11' });
        res.end(req.method === 'HEAD' ? undefined : 'hello world');
      }
    });
  });

  it('reads HEAD, 204 and 304 as empty, and the next request on the pool still works', async () => {
    const head = response(await run(server.url, { method: 'HEAD' }));
    expect(head).toMatchObject({ status: 200, truncated: false });
    expect(head.bytes.byteLength).toBe(0);
    expect(header(head.headers, 'content-length')).toBe('11');
    const noContent = response(await run(`${server.url}/204`, { method: 'DELETE' }));
    expect(noContent.status).toBe(204);
    expect(noContent.bytes.byteLength).toBe(0);
    expect(response(await run(`${server.url}/304`)).status).toBe(304);
    expect(text(response(await run(server.url)).bytes)).toBe('hello world');
  });
});

describe('what is sent', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serve((_req, res, body) => res.end(`got ${Buffer.byteLength(body)} bytes`));
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as HttpMethod[])('frames a %s body by its UTF-8 length', async (method) => {
    const body = '{"title": "ü €"}';
    const r = response(await run(server.url, { method, body, headers: [['Content-Type', 'application/json']] }));
    expect(text(r.bytes)).toBe(`got ${Buffer.byteLength(body)} bytes`);
    const sent = server.requests.at(-1)!;
    expect(sent.body).toBe(body);
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    // The next request on the same connection is read correctly (the body did not spill into it).
    expect(text(response(await run(server.url)).bytes)).toBe('got 0 bytes');
  });

  it('frames the body itself, whatever framing or connection headers come with the request', async () => {
    const body = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const headers: [string, string][] = [['Content-Length', '0'], ['Transfer-Encoding', 'chunked'], ['Connection', 'close'], ['Host', 'elsewhere.example']];
    response(await run(server.url, { method: 'POST', body, headers }));
    const sent = server.requests.at(-1)!;
    expect(sent.body).toBe(body);
    expect(sent.headers).toMatchObject({ 'content-length': String(body.length), host: new URL(server.url).host, connection: 'keep-alive' });
    expect(sent.headers['transfer-encoding']).toBeUndefined();
    expect(server.requests.some((r) => r.path === '/smuggled')).toBe(false);
  });

  it('refuses a URL with a user name or password, or another scheme, and sends nothing', async () => {
    const before = server.requests.length;
    for (const url of [server.url.replace('http://', 'http://user:pw@'), 'ftp://127.0.0.1/', 'not a url']) {
      const r = await run(url);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('invalid-input');
        expect(r.error.message).not.toContain('pw');
      }
    }
    expect(server.requests).toHaveLength(before);
  });

  it('sends no Authorization without a credential, and the credential instead of a typed one', async () => {
    await run(server.url);
    expect(server.requests.at(-1)!.headers.authorization).toBeUndefined();
    await run(server.url, { headers: [['Authorization', 'Bearer typed']] }, { credential: 'dc_key' });
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer dc_key');
    await run(server.url, { headers: [['Authorization', 'Bearer typed']] }, { credential: null });
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer typed');
  });

  it("sends fetch's default Accept and User-Agent unless typed, and joins a repeated header", async () => {
    await run(server.url, { headers: [['X-A', '1'], ['x-a', '2']] });
    expect(server.requests.at(-1)!.headers).toMatchObject({ accept: '*/*', 'user-agent': 'undici', 'x-a': '1, 2' });
    await run(server.url, { headers: [['Accept', 'application/json']] });
    expect(server.requests.at(-1)!.headers.accept).toBe('application/json');
  });
});

describe('response headers, as Headers.forEach listed them', () => {
  it('lower-cases and sorts names, joins repeats with a comma, keeps each Set-Cookie apart, and keeps the reason phrase', async () => {
    const server = await serve((_req, res) => {
      res.setHeader('X-Zeta', ['1', '2']);
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('Content-Type', 'text/plain');
      res.writeHead(418, 'Teapot Time');
      res.end('short and stout');
    });
    const r = response(await run(server.url));
    expect(r.statusText).toBe('Teapot Time');
    const names = r.headers.map(([n]) => n);
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => n === n.toLowerCase())).toBe(true);
    expect(r.headers.filter(([n]) => n === 'set-cookie')).toEqual([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
    expect(header(r.headers, 'x-zeta')).toBe('1, 2');
    expect(r.durationMs).toBeGreaterThan(0);
  });
});
