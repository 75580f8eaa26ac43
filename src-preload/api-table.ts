/**
 * Builds `window.deepcurrent` from the channel table: one named function per channel, each sending its request on
 * its own channel and answering a Result, and one named subscription per main → renderer event. Pure (the transport
 * is injected), so the preload and its tests share it. Imports only the channel table, so the sandboxed preload
 * bundle inlines it and requires nothing but `electron`.
 */
import { API_NAMES, CHANNELS, EVENT_NAMES, EVENTS, subscriptionName } from '../src-shared/ipc-channels';
import type { DeepCurrentApi } from '../src-shared/ipc-contract';

/** Sends one request on one channel; the preload passes `ipcRenderer.invoke`. */
export type InvokeFn = (channel: string, request: unknown) => Promise<unknown>;

/**
 * Listens on one event channel, calling `listener` with the payload only; answers the unsubscribe function. The
 * preload passes a wrapper of `ipcRenderer.on` that strips Electron's event object.
 */
export type ListenFn = (channel: string, listener: (payload: unknown) => void) => () => void;

const UNREACHABLE = Object.freeze({
  ok: false,
  error: Object.freeze({ kind: 'internal', message: 'DeepCurrent Desktop could not answer. Please restart the app.' }),
});

/** A transport without events: every subscription registers nothing. */
const NO_EVENTS: ListenFn = () => () => {};

/**
 * The renderer's API: a frozen object with exactly one function per entry of `CHANNELS` and one `on…` subscription
 * per entry of `EVENTS`. Each request function sends its request (or `{}`) on its own channel; a transport failure
 * answers an `internal` error instead of throwing. Each subscription takes a function only and answers an
 * unsubscribe function that works once. There is no generic `invoke(channel)` or `on(channel)`, and no access to
 * the transport itself.
 */
export function buildDeepCurrentApi(invoke: InvokeFn, listen: ListenFn = NO_EVENTS): DeepCurrentApi {
  const api: Record<string, (arg?: unknown) => unknown> = {};
  for (const name of API_NAMES) {
    const channel = CHANNELS[name];
    api[name] = (request?: unknown) =>
      Promise.resolve()
        .then(() => invoke(channel, request ?? {}))
        .catch(() => UNREACHABLE);
  }
  for (const name of EVENT_NAMES) {
    const channel = EVENTS[name];
    api[subscriptionName(name)] = (listener?: unknown) => {
      if (typeof listener !== 'function') return () => {};
      let unsubscribe: (() => void) | null = listen(channel, (payload) => (listener as (p: unknown) => void)(payload));
      return () => {
        unsubscribe?.();
        unsubscribe = null;
      };
    };
  }
  return Object.freeze(api) as unknown as DeepCurrentApi;
}
