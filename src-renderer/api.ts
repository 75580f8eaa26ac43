/**
 * The renderer's only door to the main process: `window.deepcurrent`, provided by the sandboxed preload in
 * Electron and by the bridge script in the browser preview. Nothing else in the renderer touches the global.
 */
import { subscriptionName, type ApiName, type EventName } from '../src-shared/ipc-channels';
import type { DeepCurrentApi, EventTypes, RequestOf, ResponseOf } from '../src-shared/ipc-contract';
import type { Result } from '../src-shared/errors';

declare global {
  interface Window {
    /** One named async function per IPC channel (every answer is a `Result`), one subscription per event. */
    deepcurrent?: DeepCurrentApi;
  }
}

const UNREACHABLE = 'The app could not reach its main process. Reload the window.';

/**
 * Calls one API function. Never throws: a missing bridge or a broken transport becomes an `internal` error, so
 * callers only ever switch on a `Result`.
 */
export async function call<K extends ApiName>(name: K, request: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  const bridge = window.deepcurrent;
  if (!bridge) return { ok: false, error: { kind: 'internal', message: UNREACHABLE } };
  try {
    const fn = bridge[name] as (req: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
    const result = await fn(request);
    if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
      return { ok: false, error: { kind: 'internal', message: UNREACHABLE } };
    }
    return result;
  } catch {
    return { ok: false, error: { kind: 'internal', message: UNREACHABLE } };
  }
}

/**
 * Subscribes to one main → renderer event; answers the unsubscribe function. Where the bridge offers no such
 * subscription (an older preload, a test without events) nothing is registered.
 */
export function subscribe<E extends EventName>(name: E, listener: (payload: EventTypes[E]) => void): () => void {
  const fn = window.deepcurrent?.[subscriptionName(name)] as ((l: (payload: EventTypes[E]) => void) => () => void) | undefined;
  if (typeof fn !== 'function') return () => {};
  try {
    const unsubscribe = fn(listener);
    return typeof unsubscribe === 'function' ? unsubscribe : () => {};
  } catch {
    return () => {};
  }
}
