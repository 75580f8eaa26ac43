/**
 * The Electron notifier and the main → renderer event, with a stand-in for Electron's `Notification` and web
 * contents (the Electron binary cannot run on this machine): these tests prove what our code asks Electron to do —
 * show one notification with the notice's words, open the notice's screen on a click, keep quiet where
 * notifications are not supported, send the event on its channel only to a live page — not that Electron does it.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown: FakeNotification[] = [];
let supported = true;

class FakeNotification extends EventEmitter {
  shows = 0;
  constructor(readonly options: { title: string; body: string }) {
    super();
    shown.push(this);
  }
  static isSupported() {
    return supported;
  }
  show() {
    this.shows += 1;
  }
}

vi.mock('electron', () => ({ Notification: FakeNotification }));

const { createElectronNotifier } = await import('../../src-main/shell/electron-notifier');
const { sendAppEvent } = await import('../../src-main/shell/app-events');
const { EVENTS } = await import('../../src-shared/ipc-channels');

const NOTICE = {
  title: 'Your new API key is ready',
  body: 'Support has issued the new key for ada@deepcurrent.test.',
  opens: { screen: 'api-key' as const, accountId: 'acc_1' },
};

describe('the Electron notifier (with a stand-in for Notification)', () => {
  beforeEach(() => {
    shown.length = 0;
    supported = true;
  });

  it("shows one system notification with the notice's words; a click opens the notice's screen", () => {
    const opened: unknown[] = [];
    const notifier = createElectronNotifier({ onOpen: (event) => opened.push(event) });
    expect(notifier.system).toBe(true);
    notifier.show(NOTICE);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toEqual({ title: NOTICE.title, body: NOTICE.body });
    expect(shown[0]!.shows).toBe(1);
    expect(opened).toEqual([]);
    shown[0]!.emit('click');
    expect(opened).toEqual([NOTICE.opens]);
  });

  it('says it has no system notifications where the platform has none, and shows nothing', () => {
    supported = false;
    const notifier = createElectronNotifier({ onOpen: () => {} });
    expect(notifier.system).toBe(false);
    notifier.show(NOTICE);
    expect(shown).toEqual([]);
  });

  it('never throws when the system refuses the notification', () => {
    const logs: string[] = [];
    const notifier = createElectronNotifier({ onOpen: () => {}, log: (m) => logs.push(m) });
    vi.spyOn(FakeNotification.prototype, 'show').mockImplementationOnce(() => {
      throw new Error('denied');
    });
    expect(() => notifier.show(NOTICE)).not.toThrow();
    expect(logs).toEqual(['[notifications] the system did not show the notification']);
  });
});

describe('main → renderer events (with a stand-in for web contents)', () => {
  it('sends the event on its own channel with its payload, and nothing to a destroyed page', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const contents = { isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) };
    sendAppEvent(contents as never, 'openScreen', NOTICE.opens);
    expect(sent).toEqual([[EVENTS.openScreen, NOTICE.opens]]);
    destroyed = true;
    sendAppEvent(contents as never, 'openScreen', NOTICE.opens);
    expect(sent).toHaveLength(1);
  });
});
