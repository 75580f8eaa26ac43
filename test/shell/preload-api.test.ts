import { describe, expect, it } from 'vitest';
import { API_NAMES, CHANNELS, EVENT_NAMES, EVENTS, subscriptionName } from '../../src-shared/ipc-channels';
import { buildDeepCurrentApi } from '../../src-preload/api-table';

describe('the preload API table', () => {
  it('has exactly one named function per channel and one named subscription per event, and nothing else', () => {
    const api = buildDeepCurrentApi(async () => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual([...API_NAMES, ...EVENT_NAMES.map(subscriptionName)].sort());
    expect(EVENT_NAMES.map(subscriptionName)).toEqual(['onOpenScreen']);
    for (const name of API_NAMES) expect(typeof api[name]).toBe('function');
    expect(typeof api.onOpenScreen).toBe('function');
    for (const forbidden of ['invoke', 'send', 'on', 'ipcRenderer', 'call', 'removeListener']) expect(api).not.toHaveProperty(forbidden);
  });

  it("hands a subscriber the event's payload only, on the event's own channel, until it unsubscribes (once)", () => {
    const channels: string[] = [];
    const listeners = new Set<(payload: unknown) => void>();
    const api = buildDeepCurrentApi(
      async () => ({ ok: true, value: null }),
      (channel, listener) => {
        channels.push(channel);
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    );
    const seen: unknown[][] = [];
    const unsubscribe = api.onOpenScreen((...args: unknown[]) => seen.push(args));
    expect(channels).toEqual([EVENTS.openScreen]);
    for (const listener of listeners) listener({ screen: 'api-key', accountId: 'acc_1' });
    expect(seen).toEqual([[{ screen: 'api-key', accountId: 'acc_1' }]]);
    unsubscribe();
    unsubscribe();
    expect(listeners.size).toBe(0);
    for (const listener of listeners) listener({ screen: 'api-key', accountId: 'acc_2' });
    expect(seen).toHaveLength(1);
    // Anything but a function subscribes nothing.
    expect(typeof (api.onOpenScreen as (l: unknown) => () => void)('not a function')).toBe('function');
    expect(channels).toHaveLength(1);
  });

  it('registers nothing for a transport without events', () => {
    const api = buildDeepCurrentApi(async () => ({ ok: true, value: null }));
    const unsubscribe = api.onOpenScreen(() => {
      throw new Error('no event can arrive');
    });
    expect(() => unsubscribe()).not.toThrow();
  });

  it('offers the page no way to open a link in the OS browser (review part 8, finding 4)', () => {
    const api = buildDeepCurrentApi(async () => ({ ok: true, value: null }));
    expect(api).not.toHaveProperty('openExternal');
    expect(Object.values(CHANNELS).filter((channel) => channel.startsWith('shell:'))).toEqual([]);
  });

  it('sends each function on its own channel with its request', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildDeepCurrentApi(async (channel, request) => {
      calls.push([channel, request]);
      return { ok: true, value: channel };
    });
    for (const name of API_NAMES) {
      const request = { marker: name };
      const result = await (api[name] as (r: unknown) => Promise<unknown>)(request);
      expect(result).toEqual({ ok: true, value: CHANNELS[name] });
      expect(calls.at(-1)).toEqual([CHANNELS[name], request]);
    }
    expect(new Set(calls.map(([c]) => c)).size).toBe(API_NAMES.length);
  });

  it('sends an empty object when called without a request', async () => {
    const seen: unknown[] = [];
    const api = buildDeepCurrentApi(async (_channel, request) => {
      seen.push(request);
      return { ok: true, value: null };
    });
    await (api.getState as unknown as () => Promise<unknown>)();
    expect(seen).toEqual([{}]);
  });

  it('is frozen, so a page script cannot swap a function', () => {
    const api = buildDeepCurrentApi(async () => ({ ok: true, value: null }));
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>).getState = () => 'hijacked';
    }).toThrow(TypeError);
  });

  it('answers a Result instead of throwing when the transport fails', async () => {
    const api = buildDeepCurrentApi(() => {
      throw new Error('No handler registered for app:get-state');
    });
    const result = await api.getState({});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('internal');
      expect(result.error.message).not.toMatch(/handler|app:get-state/);
    }
    const rejected = buildDeepCurrentApi(() => Promise.reject(new Error('boom')));
    expect((await rejected.signOut({ accountId: 'a' })).ok).toBe(false);
  });
});
