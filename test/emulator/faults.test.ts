import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/server';
import { JSON_CT, api, start } from './helpers';

const HEALTH = '/api/v1/utils/health-check/';

describe('fault injection (enableFaults)', () => {
  let emu: RunningEmulator;
  const setFault = async (spec: Record<string, unknown>) => {
    const res = await api(emu.url, '/__faults', { method: 'POST', json: spec });
    expect(res.status).toBe(200);
    return res;
  };
  beforeAll(async () => {
    emu = await start({ enableFaults: true });
  });
  afterEach(async () => {
    expect((await api(emu.url, '/__faults', { method: 'DELETE' })).body).toEqual({ faults: [] });
  });
  afterAll(() => emu.close());

  it('refuse: the connection is dropped, only `times` times and only under `path`', async () => {
    const set = await setFault({ mode: 'refuse', path: '/api/v1/utils', times: 1 });
    expect(set.body.faults).toEqual([{ mode: 'refuse', path: '/api/v1/utils', times: 1 }]);
    expect((await api(emu.url, '/api/v1/openapi.json')).status).toBe(200);
    await expect(fetch(emu.url + HEALTH)).rejects.toThrow(TypeError);
    expect((await api(emu.url, HEALTH)).text).toBe('true');
    expect((await api(emu.url, '/__faults')).body).toEqual({ faults: [] });
  });

  it('reset-mid-body: headers and part of the body arrive, then the socket is destroyed', async () => {
    await setFault({ mode: 'reset-mid-body' });
    const res = await fetch(emu.url + '/api/v1/items');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_CT);
    await expect(res.text()).rejects.toThrow();
  });

  it('stall: never answers; close() still ends promptly', async () => {
    const other = await start({ enableFaults: true });
    await api(other.url, '/__faults', { method: 'POST', json: { mode: 'stall' } });
    await expect(fetch(other.url + HEALTH, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    const pending = fetch(other.url + HEALTH).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(TypeError);
  });

  it('http-500 and http-503 (with optional Retry-After)', async () => {
    await setFault({ mode: 'http-500', times: 1 });
    let res = await api(emu.url, HEALTH);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal Server Error' });
    await setFault({ mode: 'http-503', times: 2, retryAfter: 7 });
    res = await api(emu.url, '/api/v1/users/me');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: 'Service Unavailable' });
    expect(res.headers.get('retry-after')).toBe('7');
    expect((await api(emu.url, HEALTH)).status).toBe(503);
    expect((await api(emu.url, HEALTH)).status).toBe(200);
  });

  it('invalid-json: 200 with a JSON content type but an unparseable body', async () => {
    await setFault({ mode: 'invalid-json' });
    const res = await fetch(emu.url + '/api/v1/users/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(JSON_CT);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('huge-body: streams exactly `size` bytes (default 12 MiB)', async () => {
    await setFault({ mode: 'huge-body', times: 1 });
    let res = await fetch(emu.url + '/api/v1/items');
    expect(res.headers.get('content-length')).toBe(String(12 * 1024 * 1024));
    const big = new Uint8Array(await res.arrayBuffer());
    expect(big.length).toBe(12 * 1024 * 1024);
    expect(JSON.parse(new TextDecoder().decode(big)).data.length).toBe(12 * 1024 * 1024 - 11);

    await setFault({ mode: 'huge-body', size: 100_000, chunked: true, times: 1 });
    res = await fetch(emu.url + '/api/v1/items');
    expect(res.headers.get('content-length')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(100_000);
  });

  it('trickle: a small JSON body one byte every intervalMs', async () => {
    await setFault({ mode: 'trickle', intervalMs: 10 });
    const started = Date.now();
    const res = await fetch(emu.url + HEALTH);
    const text = await res.text();
    expect(text).toBe('{"ok":true,"fault":"trickle"}');
    expect(Date.now() - started).toBeGreaterThanOrEqual((text.length - 1) * 10 - 20);
  });

  it('rejects an unknown mode with 422 and lists active rules', async () => {
    const bad = await api(emu.url, '/__faults', { method: 'POST', json: { mode: 'explode' } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['body', 'mode']);
    await setFault({ mode: 'http-500', path: '/api/v1/usage' });
    expect((await api(emu.url, '/__faults')).body.faults).toEqual([{ mode: 'http-500', path: '/api/v1/usage' }]);
    expect((await api(emu.url, HEALTH)).status).toBe(200);
    expect((await api(emu.url, '/api/v1/usage')).status).toBe(500);
    expect((await api(emu.url, '/api/v1/usage')).status).toBe(500);
  });

  it('__echo describes the request and can answer any status', async () => {
    const res = await api(emu.url, '/api/v1/__echo?a=1&b=2&b=3', {
      method: 'PATCH',
      headers: { 'X-Test': 'yes' },
      json: { hello: 'world' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/__echo',
      query: { a: '1', b: ['2', '3'] },
      body: '{"hello":"world"}',
      json: { hello: 'world' },
      length: 17,
    });
    expect(res.body.headers['x-test']).toBe('yes');
    const teapot = await api(emu.url, '/api/v1/__echo?status=418');
    expect(teapot.status).toBe(418);
    expect(teapot.body.method).toBe('GET');
    expect((await api(emu.url, '/api/v1/__echo?status=204', { method: 'DELETE' })).status).toBe(204);
  });

  it('__json answers a JSON list of items of exactly N bytes', async () => {
    const res = await fetch(emu.url + '/api/v1/__json?size=5000000');
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(text.length).toBe(5_000_000);
    const doc = JSON.parse(text) as { data: Array<{ id: string; title: string }>; count: number };
    expect(doc.count).toBe(doc.data.length);
    expect(doc.data[0]).toMatchObject({ id: 'it_000000', title: 'Item 0' });
    expect((await fetch(emu.url + '/api/v1/__json?size=10')).status).toBe(422);
  });

  it('__bytes answers N bytes of the requested content type', async () => {
    const res = await fetch(emu.url + '/api/v1/__bytes?size=1000&type=image/png');
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(1000);
    expect(bytes[0]).toBe(0);
    expect(bytes[257]).toBe(1);
    const text = await fetch(emu.url + '/api/v1/__bytes?size=5&type=text/plain');
    expect(await text.text()).toBe('aaaaa');
  });
});
