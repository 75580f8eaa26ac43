/**
 * What every feature shares: the account session (the only way to a credential), the settings store, the clock,
 * the clipboard, the HTTP port, the notifier and the log. Built once by `createAppServices` in `app.ts`.
 */
import { normaliseSettings, type Settings } from '../../src-shared/models';
import type { HttpPort } from '../platform/http';
import type { ClipboardPort, Clock, KeyValueStore, NotifierPort } from '../platform/ports';
import type { AccountSession } from './account-session';

export interface ServiceContext {
  session: AccountSession;
  kv: KeyValueStore;
  clock: Clock;
  clipboard: ClipboardPort;
  /** The one way out to the network (proxy and certificates as the platform has them). */
  http: HttpPort;
  /** Notices for the user outside the window (system notifications where there are any). */
  notifier: NotifierPort;
  log: (message: string) => void;
}

export function readSettings(kv: KeyValueStore): Settings {
  return normaliseSettings(kv.get('settings'));
}
