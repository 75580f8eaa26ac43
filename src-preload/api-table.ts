/**
 * Builds `window.deepcurrent` from the channel table: one named function per channel, each sending its request on
 * its own channel and answering a Result. Pure (the transport is injected), so the preload and its tests share it.
 * Imports only the channel table, so the sandboxed preload bundle inlines it and requires nothing but `electron`.
 */
import { API_NAMES, CHANNELS } from '../src-shared/ipc-channels';
import type { DeepCurrentApi } from '../src-shared/ipc-contract';

/** Sends one request on one channel; the preload passes `ipcRenderer.invoke`. */
export type InvokeFn = (channel: string, request: unknown) => Promise<unknown>;

const UNREACHABLE = Object.freeze({
  ok: false,
  error: Object.freeze({ kind: 'internal', message: 'DeepCurrent Desktop could not answer. Please restart the app.' }),
});

/**
 * The renderer's API: a frozen object with exactly one function per entry of `CHANNELS`. Each function sends its
 * request (or `{}`) on its own channel; a transport failure answers an `internal` error instead of throwing.
 * There is no generic `invoke(channel)` and no access to the transport itself.
 */
export function buildDeepCurrentApi(invoke: InvokeFn): DeepCurrentApi {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const name of API_NAMES) {
    const channel = CHANNELS[name];
    api[name] = (request?: unknown) =>
      Promise.resolve()
        .then(() => invoke(channel, request ?? {}))
        .catch(() => UNREACHABLE);
  }
  return Object.freeze(api) as unknown as DeepCurrentApi;
}
