/**
 * The Node HTTP adapter and the environment's proxy: a real forward proxy (the `proxy` package) and a real target
 * on 127.0.0.1. undici's EnvHttpProxyAgent reads HTTP(S)_PROXY when the adapter is created (lower-case spellings
 * first) and NO_PROXY on every request, and treats loopback like any other host: only NO_PROXY keeps it direct.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpPort, HttpResult } from '../../src-main/platform/http';
import { createNodeHttp } from '../../src-main/platform/node-http';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

let target: Server;
let targetUrl = '';
const seenByTarget: IncomingMessage['headers'][] = [];
let proxy: Server;
let proxyUrl = '';
/** Every request the proxy forwarded, as the absolute URL it was asked for. */
const proxied: string[] = [];
/** Every tunnel the proxy opened (CONNECT), as `host:port`. */
const tunnels: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  target = createServer((req, res) => {
    seenByTarget.push(req.headers);
    res.end('from the target');
  });
  targetUrl = await listen(target);
  proxy = createProxy(createServer());
  proxy.on('request', (req: IncomingMessage) => proxied.push(req.url ?? ''));
  proxy.on('connect', (req: IncomingMessage) => tunnels.push(req.url ?? ''));
  proxyUrl = await listen(proxy);
});

afterAll(async () => {
  for (const server of [target, proxy]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const saved: Partial<Record<(typeof PROXY_VARIABLES)[number], string>> = {};
const ports: HttpPort[] = [];
beforeEach(() => {
  for (const name of PROXY_VARIABLES) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  proxied.length = 0;
  tunnels.length = 0;
  seenByTarget.length = 0;
});
afterEach(async () => {
  for (const name of PROXY_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await Promise.all(ports.splice(0).map((port) => port.close()));
});

/** A Node adapter created now, with the environment as it is. */
function nodeHttp(): HttpPort {
  const port = createNodeHttp();
  ports.push(port);
  return port;
}

function get(http: HttpPort, url: string): Promise<HttpResult> {
  return http.send({ method: 'GET', url, headers: [], maxBytes: 1024, signal: AbortSignal.timeout(5000) });
}

function body(result: HttpResult): string {
  if (!result.ok) throw new Error(`expected a response, got ${JSON.stringify(result.error)}`);
  return Buffer.from(result.value.bytes).toString('utf8');
}

describe('the Node adapter and HTTP_PROXY / NO_PROXY', () => {
  it('sends through the proxy HTTP_PROXY names, loopback included, when NO_PROXY is empty', async () => {
    process.env.HTTP_PROXY = proxyUrl;
    process.env.NO_PROXY = '';
    const http = nodeHttp();
    expect(body(await get(http, `${targetUrl}/via-proxy`))).toBe('from the target');
    expect(proxied).toEqual([`${targetUrl}/via-proxy`]);
    // The proxy's hop, as the target saw it.
    expect(seenByTarget).toHaveLength(1);
    expect(seenByTarget[0]!.via).toMatch(/proxy\//);
    expect(seenByTarget[0]!['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('tunnels an https request through the same proxy with CONNECT when only HTTP_PROXY is set', async () => {
    process.env.HTTP_PROXY = proxyUrl;
    const http = nodeHttp();
    // The target speaks plain HTTP, so the TLS handshake inside the tunnel fails: what counts is the tunnel.
    const r = await get(http, `${targetUrl.replace('http:', 'https:')}/tunnelled`);
    expect(r).toMatchObject({ ok: false, error: { reason: 'network' } });
    expect(tunnels).toEqual([new URL(targetUrl).host]);
    expect(proxied).toEqual([]);
  });

  it('goes direct to a host NO_PROXY names', async () => {
    process.env.HTTP_PROXY = proxyUrl;
    process.env.NO_PROXY = '127.0.0.1';
    const http = nodeHttp();
    expect(body(await get(http, `${targetUrl}/direct`))).toBe('from the target');
    expect(proxied).toEqual([]);
    expect(seenByTarget[0]!.via).toBeUndefined();
  });

  it('goes direct when no proxy is set', async () => {
    const http = nodeHttp();
    expect(body(await get(http, `${targetUrl}/no-proxy`))).toBe('from the target');
    expect(proxied).toEqual([]);
  });

  it('reads HTTP_PROXY when the adapter is created, not later', async () => {
    const http = nodeHttp();
    process.env.HTTP_PROXY = proxyUrl;
    expect(body(await get(http, `${targetUrl}/created-before`))).toBe('from the target');
    expect(proxied).toEqual([]);
  });

  it('answers an unreachable proxy as a network failure, not as the target', async () => {
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    process.env.HTTP_PROXY = closedUrl;
    const r = await get(nodeHttp(), `${targetUrl}/unreachable-proxy`);
    expect(r).toMatchObject({ ok: false, error: { reason: 'network' } });
    expect(seenByTarget).toHaveLength(0);
  });
});
