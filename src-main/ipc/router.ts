/**
 * The IPC router: the single entry for every call from a renderer, whatever the transport (Electron's ipcMain or
 * the start:web bridge). It refuses unknown channels, validates the payload against the channel's schema, calls
 * the handler, and always answers a serialisable Result: a handler that throws becomes a generic `internal` error
 * (the detail goes to the injected logger, never to the renderer), and every message is scrubbed of secrets.
 */
import { API_NAMES, CHANNELS, type ApiName } from '../../src-shared/ipc-channels';
import { REQUEST_SCHEMAS, type ApiHandlers } from '../../src-shared/ipc-contract';
import { fail, type Result } from '../../src-shared/errors';
import { redactSecrets } from '../../src-shared/credentials';

export interface Router {
  /** Calls an API function by name. Never throws. */
  call(name: string, payload: unknown): Promise<Result<unknown>>;
  /** Calls an API function by its channel (`auth:sign-in-password`). Never throws. */
  callChannel(channel: string, payload: unknown): Promise<Result<unknown>>;
}

const channelToName = new Map<string, ApiName>(API_NAMES.map((name) => [CHANNELS[name], name]));

function apiNameForChannel(channel: string): ApiName | undefined {
  return channelToName.get(channel);
}

function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

export function createRouter(handlers: ApiHandlers, log: (message: string) => void = () => {}): Router {
  async function call(name: string, payload: unknown): Promise<Result<unknown>> {
    if (typeof name !== 'string' || !isApiName(name)) {
      return fail({ kind: 'invalid-input', message: 'Unknown request.' });
    }
    const parsed = REQUEST_SCHEMAS[name].safeParse(payload ?? {});
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.map(String).join('.') || '(request)'))]
        .slice(0, 5)
        .join(', ');
      return fail({ kind: 'invalid-input', message: `The request was not valid (${fields}).` });
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<Result<unknown>>;
      const result = await handler(parsed.data);
      if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
        throw new Error(`handler ${name} answered no Result`);
      }
      if (!result.ok) {
        const { detail } = result.error;
        const scrubbed = { ...result.error, message: redactSecrets(String(result.error.message)) };
        return fail(detail === undefined ? scrubbed : { ...scrubbed, detail: redactSecrets(String(detail)) });
      }
      return result;
    } catch (err) {
      log(`[ipc] ${name} failed: ${redactSecrets(err instanceof Error ? `${err.name}: ${err.message}` : String(err))}`);
      return fail({ kind: 'internal', message: 'Something went wrong in DeepCurrent Desktop. Please try again.' });
    }
  }
  return {
    call,
    callChannel: (channel, payload) => {
      const name = typeof channel === 'string' ? apiNameForChannel(channel) : undefined;
      return name ? call(name, payload) : Promise.resolve(fail({ kind: 'invalid-input', message: 'Unknown request.' }));
    },
  };
}
