/**
 * The notifier of start:web and the tests: there are no system notifications there (`system: false`), so the
 * window shows its own notice; this port only records what main asked to show, for a test to check (how many times,
 * for which account) and for start:web's log.
 */
import type { NotifierPort, UserNotice } from './ports';

/** A notifier port that records each notice instead of showing it. */
export class RecordingNotifier implements NotifierPort {
  readonly system = false;
  /** Every notice asked for, oldest first. */
  readonly shown: UserNotice[] = [];

  constructor(private readonly onShow: (notice: UserNotice) => void = () => {}) {}

  show(notice: UserNotice): void {
    this.shown.push(notice);
    this.onShow(notice);
  }
}
