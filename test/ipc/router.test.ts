import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src-main/ipc/router';
import { API_NAMES, CHANNELS } from '../../src-shared/ipc-channels';
import type { ApiHandlers } from '../../src-shared/ipc-contract';
import { ok } from '../../src-shared/errors';

function handlersWith(overrides: Partial<Record<string, (r: unknown) => Promise<unknown>>>): { handlers: ApiHandlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    API_NAMES.map((name) => [name, async (req: unknown) => {
      calls.push(name);
      return overrides[name] ? overrides[name]!(req) : ok(null);
    }]),
  ) as unknown as ApiHandlers;
  return { handlers, calls };
}

describe('the IPC router', () => {
  it('validates the payload before the handler sees it, and names only the fields', async () => {
    const { handlers, calls } = handlersWith({});
    const router = createRouter(handlers);
    const r = await router.call('signInWithPassword', { email: 'a@b.c', password: 42, environment: { kind: 'local' } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: 'The request was not valid (password).' } });
    expect(calls).toEqual([]);
  });

  it('refuses unknown keys, unknown channels and prototype tricks', async () => {
    const { handlers, calls } = handlersWith({});
    const router = createRouter(handlers);
    expect((await router.call('getState', { extra: 1 })).ok).toBe(false);
    expect((await router.call('nope', {})).ok).toBe(false);
    expect((await router.call('__proto__', {})).ok).toBe(false);
    expect((await router.call('constructor', {})).ok).toBe(false);
    expect((await router.callChannel('app:nope', {})).ok).toBe(false);
    expect((await router.call('switchAccount', JSON.parse('{"accountId":"a","__proto__":{"polluted":true}}'))).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('turns a throwing handler into a generic error and logs no secret', async () => {
    const logs: string[] = [];
    const secret = 'dc_' + 'A'.repeat(40);
    const { handlers } = handlersWith({ getState: async () => { throw new Error(`boom with ${secret}`); } });
    const r = await createRouter(handlers, (m) => logs.push(m)).callChannel(CHANNELS.getState, {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(logs.join()).toContain('boom');
    expect(logs.join()).not.toContain(secret);
  });

  it('scrubs secrets from error messages a handler returns', async () => {
    const secret = 'dc_' + 'B'.repeat(40);
    const { handlers } = handlersWith({ getState: async () => ({ ok: false, error: { kind: 'server', message: `bad ${secret}` } }) });
    const r = await createRouter(handlers).call('getState', {});
    expect(JSON.stringify(r)).not.toContain(secret);
  });

  it("passes an error's technical detail through, scrubbed like the message", async () => {
    const secret = 'dc_' + 'C'.repeat(40);
    const { handlers } = handlersWith({
      getState: async () => ({ ok: false, error: { kind: 'network', message: 'Cannot reach the DeepCurrent server.', detail: 'ECONNREFUSED' } }),
      listHistory: async () => ({ ok: false, error: { kind: 'network', message: 'x', detail: `odd ${secret}` } }),
    });
    const router = createRouter(handlers);
    expect(await router.call('getState', {})).toEqual({
      ok: false,
      error: { kind: 'network', message: 'Cannot reach the DeepCurrent server.', detail: 'ECONNREFUSED' },
    });
    const scrubbed = await router.call('listHistory', {});
    expect(JSON.stringify(scrubbed)).not.toContain(secret);
    expect(scrubbed).toMatchObject({ ok: false, error: { detail: 'odd dc_…REDACTED' } });
  });
});
