/**
 * System notifications over Electron's `Notification`, as the notifier port. A click on a notification runs
 * `onOpen` with the screen the notice opens (the wiring focuses the window and sends the `openScreen` event). Each
 * shown notification is kept referenced until it is clicked or closed, so its click handler is not collected.
 * Where the platform has no notifications (`Notification.isSupported()` is false) the port says `system: false`
 * and the window shows its own notice instead.
 */
import { Notification } from 'electron';
import type { OpenScreenEvent } from '../../src-shared/ipc-contract';
import type { NotifierPort } from '../platform/ports';

/** What the notifier needs from the wiring. */
export interface ElectronNotifierOptions {
  /** Called when the user clicks a notification: open this screen. */
  onOpen: (event: OpenScreenEvent) => void;
  log?: (message: string) => void;
}

/** Creates the notifier port over Electron's `Notification`. */
export function createElectronNotifier(options: ElectronNotifierOptions): NotifierPort {
  const log = options.log ?? (() => {});
  const live = new Set<Notification>();
  const supported = Notification.isSupported();
  return {
    system: supported,
    show(notice) {
      if (!supported) return;
      try {
        const notification = new Notification({ title: notice.title, body: notice.body });
        live.add(notification);
        notification.on('click', () => {
          live.delete(notification);
          options.onOpen(notice.opens);
        });
        notification.on('close', () => live.delete(notification));
        notification.show();
      } catch {
        log('[notifications] the system did not show the notification');
      }
    },
  };
}
