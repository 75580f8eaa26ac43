/**
 * Main → renderer events, sent on their channel from the event table (`EVENTS`), to the app's own window only. The
 * preload hands the page the payload alone (see `src-preload/api-table.ts`).
 */
import type { WebContents } from 'electron';
import { EVENTS, type EventName } from '../../src-shared/ipc-channels';
import type { EventTypes } from '../../src-shared/ipc-contract';

/** Sends one event to a window's page; nothing when the page is gone. */
export function sendAppEvent<E extends EventName>(contents: WebContents, name: E, payload: EventTypes[E]): void {
  if (contents.isDestroyed()) return;
  contents.send(EVENTS[name], payload);
}
