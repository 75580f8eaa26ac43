/**
 * Base URLs as people type them, end to end (issue part 7, item 4): main's sign-in normalises a custom base URL
 * (the `/api/v1` the app adds itself, a trailing slash) before any call, and when a base URL leads nowhere — the
 * login answers 404 and no DeepCurrent API answers there at all — says "No DeepCurrent API found at <url>" instead
 * of "Not found.". The probe costs nothing on the happy path. Against the emulator, through the real router.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { createAppServices, type AppServices } from '../../src-main/app';
import type { HttpPort } from '../../src-main/platform/http';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { createNodeHttp } from '../../src-main/platform/node-http';
import type { AppState } from '../../src-shared/models';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { testHttp } from '../helpers/http';
import { callApi } from '../../src-main/deepcurrent-api';

let emu: RunningEmulator;
let services: AppServices;
/** Every URL main sent a request to, in order. */
const sent: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  const node = createNodeHttp();
  const recording: HttpPort = {
    send: (request) => {
      sent.push(`${request.method} ${request.url}`);
      return node.send(request);
    },
    close: () => node.close(),
  };
  services = createAppServices({
    secretStore: new MemorySecretStore(),
    kv: new MemoryKv(),
    clipboard: new MemoryClipboard(),
    http: recording,
    localEmulatorUrl: null,
  });
});

afterAll(async () => {
  await services?.dispose();
  await emu?.close();
});

const custom = (baseUrl: string) => ({ kind: 'custom' as const, baseUrl });

async function signIn(baseUrl: string, password = DEMO_PASSWORD) {
  sent.length = 0;
  return services.router.call('signInWithPassword', { email: 'ada@deepcurrent.test', password, environment: custom(baseUrl) });
}

describe('a custom base URL as typed', () => {
  it('signs in at http://127.0.0.1:PORT/api/v1/, stored as the server’s address, with no extra request', async () => {
    const result = await signIn(`${emu.url}/api/v1/`);
    expect(result.ok).toBe(true);
    const state = (result as { value: AppState }).value;
    const account = state.accounts.find((a) => a.id === state.activeAccountId)!;
    expect(account.environment).toEqual(custom(emu.url));
    expect(account.baseUrl).toBe(emu.url);
    expect(account.needsSignIn).toBe(false);
    expect(sent).toEqual([`POST ${emu.url}/api/v1/login/access-token`, `GET ${emu.url}/api/v1/users/me`]);
  });

  it('says no DeepCurrent API was found at a base URL whose path leads nowhere', async () => {
    const bogus = `${emu.url}/nothing/here`;
    expect(await signIn(`${bogus}/`)).toEqual({
      ok: false,
      error: {
        kind: 'not-found',
        status: 404,
        message: `No DeepCurrent API found at ${bogus}. Check the address: the app adds /api/v1 to it.`,
      },
    });
    expect(sent).toEqual([
      `POST ${bogus}/api/v1/login/access-token`,
      `GET ${bogus}/api/v1/utils/health-check/`,
      `GET ${bogus}/api/v1/openapi.json`,
    ]);
  });

  it('says the same for an API key tried at such a base URL', async () => {
    const key = await revealedKey('free@deepcurrent.test');
    const bogus = `${emu.url}/v2`;
    sent.length = 0;
    const result = await services.router.call('signInWithApiKey', { apiKey: key, environment: custom(bogus) });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found', message: `No DeepCurrent API found at ${bogus}. Check the address: the app adds /api/v1 to it.` } });
    expect(JSON.stringify(result)).not.toContain(key);
    expect(sent.filter((line) => line.includes('/utils/health-check/'))).toHaveLength(1);
  });

  it('keeps "Not found." where an API answers but has no sign-in endpoint', async () => {
    // A server whose health check answers, as a DeepCurrent API's does, but which has no login endpoint.
    const server = createServer((req, res) => {
      const healthy = req.url === '/api/v1/utils/health-check/';
      res.writeHead(healthy ? 200 : 404, { 'content-type': 'application/json' });
      res.end(healthy ? 'true' : '{"detail":"Not Found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await signIn(url)).toEqual({ ok: false, error: { kind: 'not-found', status: 404, message: 'Not found.' } });
      expect(sent).toEqual([`POST ${url}/api/v1/login/access-token`, `GET ${url}/api/v1/utils/health-check/`]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps a wrong password a wrong password, without probing', async () => {
    expect(await signIn(emu.url, 'not-the-password')).toMatchObject({ ok: false, error: { kind: 'bad-credentials', message: 'Wrong email or password.' } });
    expect(sent).toEqual([`POST ${emu.url}/api/v1/login/access-token`]);
  });
});

/** A demo user's API key, revealed over HTTP with a session token. */
async function revealedKey(email: string): Promise<string> {
  const login = await callApi<{ access_token: string }>(testHttp, emu.url, {
    method: 'POST',
    path: '/api/v1/login/access-token',
    form: { username: email, password: DEMO_PASSWORD },
  });
  if (!login.ok) throw new Error('login failed');
  const reveal = await callApi<{ api_key: string }>(testHttp, emu.url, {
    method: 'POST',
    path: '/api/v1/users/me/api-key/reveal',
    credential: login.value.access_token,
  });
  if (!reveal.ok) throw new Error('reveal failed');
  return reveal.value.api_key;
}
