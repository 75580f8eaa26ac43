import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostHeaderAllowed, LOOPBACK_HOST_NAMES } from '../../emulator/host-check';
import type { RunningEmulator } from '../../emulator/server';
import { start } from './helpers';

/** A raw request to the emulator at 127.0.0.1 with a chosen `Host` header (fetch would not let us set it). */
function withHost(emu: RunningEmulator, path: string, host: string): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emu.port, path, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host check (DNS-rebinding defence)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start({ enableFaults: true });
  });
  afterAll(() => emu.close());

  it('refuses a rebound name or another port with 421 and a detail, before any route or fault control', async () => {
    for (const host of [`evil.example:${emu.port}`, `127.0.0.1:${emu.port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${emu.port}`, `localhost.:${emu.port}`]) {
      for (const path of ['/api/v1/utils/health-check/', '/api/v1/openapi.json', '/__faults', '/api/v1/users/me']) {
        const res = await withHost(emu, path, host);
        expect(res.status, `${host} ${path}`).toBe(421);
        expect(res.body).toEqual({ detail: expect.stringContaining('127.0.0.1') });
      }
    }
  });

  it('answers to 127.0.0.1, localhost and [::1] with its own port, in any letter case', async () => {
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `[::1]:${emu.port}`, `LocalHost:${emu.port}`]) {
      const res = await withHost(emu, '/api/v1/utils/health-check/', host);
      expect(res.status, host).toBe(200);
      expect(res.body).toBe(true);
    }
  });

  it('is the same check the start:web bridge uses, there limited to 127.0.0.1', () => {
    expect(LOOPBACK_HOST_NAMES).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect(hostHeaderAllowed('127.0.0.1:5000', 5000, ['127.0.0.1'])).toBe(true);
    expect(hostHeaderAllowed('localhost:5000', 5000, ['127.0.0.1'])).toBe(false);
    expect(hostHeaderAllowed(undefined, 5000, LOOPBACK_HOST_NAMES)).toBe(false);
    expect(hostHeaderAllowed('localhost', 80, LOOPBACK_HOST_NAMES)).toBe(true);
    expect(hostHeaderAllowed('localhost', 5000, LOOPBACK_HOST_NAMES)).toBe(false);
    expect(hostHeaderAllowed('user@localhost:5000', 5000, LOOPBACK_HOST_NAMES)).toBe(false);
  });
});
