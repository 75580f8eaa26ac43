/**
 * The notifier of start:web and the tests: there are no system notifications there (`system: false`, so the window
 * shows its own notice); this port records what main asked to show, for a test to check (how many times, for which
 * account) and for start:web's log. A test may set `system: true` to stand in for the Electron app's notifier.
 */
import type { NotifierPort, UserNotice } from './ports';

/** How a recording notifier behaves. */
export interface RecordingNotifierOptions {
  /** Whether to claim system notifications (a stand-in for Electron's); false by default. */
  system?: boolean;
  /** Called with each notice (start:web logs its title). */
  onShow?: (notice: UserNotice) => void;
}

/** A notifier port that records each notice instead of showing it. */
export class RecordingNotifier implements NotifierPort {
  readonly system: boolean;
  /** Every notice asked for, oldest first. */
  readonly shown: UserNotice[] = [];
  private readonly onShow: (notice: UserNotice) => void;

  constructor(options: RecordingNotifierOptions = {}) {
    this.system = options.system ?? false;
    this.onShow = options.onShow ?? (() => {});
  }

  show(notice: UserNotice): void {
    this.shown.push(notice);
    this.onShow(notice);
  }
}
