/**
 * What every feature shares: the account session (the only way to a credential), the settings store, the clock,
 * the clipboard and the log. Built once by `createAppServices` in `app.ts`.
 */
import { normaliseSettings, type Settings } from '../../src-shared/models';
import type { ClipboardPort, Clock, KeyValueStore } from '../platform/ports';
import type { AccountSession } from './account-session';

export interface ServiceContext {
  session: AccountSession;
  kv: KeyValueStore;
  clock: Clock;
  clipboard: ClipboardPort;
  log: (message: string) => void;
}

export function readSettings(kv: KeyValueStore): Settings {
  return normaliseSettings(kv.get('settings'));
}
