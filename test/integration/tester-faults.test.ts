/**
 * The request tester when the network misbehaves, against the emulator's fault modes over real HTTP: timeouts,
 * cancel, bodies over the cap, refused and reset connections, 5xx, unreadable JSON, and a redirect.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../src-main/deepcurrent-api/api-client';
import { MAX_BODY_BYTES } from '../../src-shared/tester';
import { startTester, value, type TesterFixture } from '../helpers/tester-context';
import { testHttp } from '../helpers/http';

let f: TesterFixture;
beforeAll(async () => {
  f = await startTester();
});
afterAll(() => f?.close());
afterEach(async () => {
  await callApi(testHttp, f.emu.url, { method: 'DELETE', path: '/__faults' });
  f.setTimeoutSeconds(30);
});

describe('time limits and cancel', () => {
  it('gives up after the timeout setting (1 s) on a stalled server, as a timeout', async () => {
    f.setTimeoutSeconds(1);
    await f.fault({ mode: 'stall', path: '/api/v1/users/me', times: 1 });
    const started = Date.now();
    const r = await f.send({ path: '/api/v1/users/me' });
    const elapsed = Date.now() - started;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5000);
    expect(value(await f.handlers.listHistory({}))[0]).toMatchObject({ status: null, errorKind: 'timeout' });
  });

  it('cancels a request in flight', async () => {
    await f.fault({ mode: 'stall', path: '/api/v1/items', times: 1 });
    const pending = f.send({ path: '/api/v1/items' }, 'to-cancel');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(value(await f.handlers.cancelRequest({ requestId: 'to-cancel' }))).toBeNull();
    const started = Date.now();
    const r = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ kind: 'cancelled', message: 'The request was cancelled.' });
    expect(value(await f.handlers.listHistory({}))[0]).toMatchObject({ errorKind: 'cancelled' });
  });

  it('cancels a body that arrives slowly (trickle)', async () => {
    await f.fault({ mode: 'trickle', path: '/api/v1/items', times: 1, intervalMs: 200 });
    const pending = f.send({ path: '/api/v1/items' }, 'slow-body');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await f.handlers.cancelRequest({ requestId: 'slow-body' });
    const r = await pending;
    expect(!r.ok && r.error.kind).toBe('cancelled');
  });

  it('treats cancelling an unknown or finished request as done', async () => {
    expect(value(await f.handlers.cancelRequest({ requestId: 'never-sent' }))).toBeNull();
  });

  it('refuses a second request with an id already in flight', async () => {
    await f.fault({ mode: 'stall', path: '/api/v1/items', times: 1 });
    const first = f.send({ path: '/api/v1/items' }, 'same-id');
    const second = await f.send({ path: '/api/v1/items' }, 'same-id');
    expect(!second.ok && second.error.kind).toBe('invalid-input');
    await f.handlers.cancelRequest({ requestId: 'same-id' });
    await first;
  });
});

describe('bodies over the 10 MB cap', () => {
  it('cuts a 12 MiB JSON body at exactly 10 MB and marks it', async () => {
    await f.fault({ mode: 'huge-body', path: '/api/v1/items', times: 1 });
    const r = value(await f.send({ path: '/api/v1/items' }));
    expect(r.status).toBe(200);
    expect(r.truncated).toBe(true);
    expect(r.sizeBytes).toBe(MAX_BODY_BYTES);
    expect(r.bodyKind).toBe('text');
    expect(r.text.length).toBe(MAX_BODY_BYTES);
    expect(r.text.startsWith('{"data":"xxx')).toBe(true);
  });

  it('cuts a chunked body without Content-Length too', async () => {
    await f.fault({ mode: 'huge-body', path: '/api/v1/items', times: 1, chunked: true, size: 11 * 1024 * 1024 });
    const r = value(await f.send({ path: '/api/v1/items' }));
    expect(r).toMatchObject({ truncated: true, sizeBytes: MAX_BODY_BYTES });
  });

  it('cuts a 12 MiB binary body and summarises it in hex', async () => {
    const r = value(await f.send({ path: '/api/v1/__bytes', query: [{ name: 'size', value: String(12 * 1024 * 1024), enabled: true }] }));
    expect(r).toMatchObject({ truncated: true, sizeBytes: MAX_BODY_BYTES, bodyKind: 'binary', contentType: 'application/octet-stream' });
    expect(r.text.split('\n')[0]).toBe('Binary body: 10,485,760 bytes (cut at the size limit), application/octet-stream.');
    expect(r.text.split('\n')[1]).toBe('00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  |................|');
    expect(r.text.length).toBeLessThan(2000);
  });

  it('keeps a body just under the cap whole', async () => {
    const size = MAX_BODY_BYTES - 1;
    const r = value(
      await f.send({ path: '/api/v1/__bytes', query: [{ name: 'size', value: String(size), enabled: true }, { name: 'type', value: 'text/plain', enabled: true }] }),
    );
    expect(r).toMatchObject({ truncated: false, sizeBytes: size, bodyKind: 'text' });
  });
});

describe('broken servers', () => {
  it('reports a refused connection as a network error', async () => {
    await f.fault({ mode: 'refuse', path: '/api/v1/users/me', times: 1 });
    const r = await f.send({ path: '/api/v1/users/me' });
    expect(!r.ok && r.error.kind).toBe('network');
    expect(value(await f.handlers.listHistory({}))[0]).toMatchObject({ errorKind: 'network', status: null });
  });

  it('reports a connection reset in the middle of the body as a network error', async () => {
    await f.fault({ mode: 'reset-mid-body', path: '/api/v1/items', times: 1 });
    const r = await f.send({ path: '/api/v1/items' });
    expect(!r.ok && r.error.kind).toBe('network');
  });

  it('reports a closed port as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await f.signInAt({ kind: 'custom', baseUrl: `http://127.0.0.1:${port}` });
    try {
      const r = await f.send({ path: '/api/v1/users/me' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('network');
        expect(r.error.message).toMatch(/^Cannot reach the DeepCurrent server: the connection was refused/);
        expect(r.error.detail).toBe('ECONNREFUSED');
      }
    } finally {
      f.ctx.session.setActive(f.account.id);
    }
  });

  it('shows a 503 as a response with Retry-After, not as a failure', async () => {
    await f.fault({ mode: 'http-503', path: '/api/v1/users/me', times: 1, retryAfter: 9 });
    const r = value(await f.send({ path: '/api/v1/users/me' }));
    expect(r).toMatchObject({ status: 503, retryAfterSeconds: 9 });
    expect(r.explanation).toMatch(/server had a problem \(HTTP 503\)/);
  });

  it('shows a 500 as a response', async () => {
    await f.fault({ mode: 'http-500', path: '/api/v1/users/me', times: 1 });
    expect(value(await f.send({ path: '/api/v1/users/me' })).status).toBe(500);
  });

  it('shows unparseable JSON as text, saying where it stops being JSON', async () => {
    await f.fault({ mode: 'invalid-json', path: '/api/v1/users/me', times: 1 });
    const r = value(await f.send({ path: '/api/v1/users/me' }));
    expect(r).toMatchObject({ status: 200, bodyKind: 'text' });
    expect(r.text).toContain('"full_name": "Ada Lov');
    expect(r.explanation).toBe(
      'The body is labelled application/json but is not valid JSON (A string is not closed at line 1, column 64, position 63), so it is shown as text.',
    );
  });
});

describe('a DeepCurrent-compatible server that answers a bad credential with 403', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end('{"detail":"Could not validate credentials"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('treats 403 "Could not validate credentials" as an invalid credential: explained as 401, account marked', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const there = await f.signInAt({ kind: 'custom', baseUrl: base });
    try {
      const r = value(await f.send({ path: '/api/v1/users/me', auth: 'api-key' }));
      expect(r.status).toBe(403);
      expect(r.explanation).toBe('No credentials provided, or the API key / token is invalid. Sign in again.');
      expect(f.ctx.session.get(there.id)?.needsSignIn).toBe(true);
    } finally {
      f.ctx.session.setActive(f.account.id);
    }
  });
});

describe('redirects', () => {
  let server: Server;
  let seenByTarget = 0;
  let target: Server;
  beforeAll(async () => {
    target = createServer((req, res) => {
      if (req.headers.authorization) seenByTarget += 1;
      res.end('target');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/steal`;
    server = createServer((_req, res) => {
      res.writeHead(302, { Location: targetUrl });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => target.close(resolve));
  });

  it('reports a 302 as the answer and never follows it with the credential', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await f.signInAt({ kind: 'custom', baseUrl: base });
    try {
      const r = value(await f.send({ path: '/api/v1/users/me' }));
      expect(r.status).toBe(302);
      expect(r.explanation).toMatch(/does not follow redirects/);
      expect(seenByTarget).toBe(0);
    } finally {
      f.ctx.session.setActive(f.account.id);
    }
  });
});
