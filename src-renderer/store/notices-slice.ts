/**
 * Notices: the one-time messages of `AppState.notices` (for example a damaged settings file), each dismissible.
 * Dismissals last for this window's life.
 */
import type { SliceCreator } from './store-types';

export interface NoticesSlice {
  dismissedNotices: string[];
  dismissNotice(text: string): void;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, get) => ({
  dismissedNotices: [],
  dismissNotice(text) {
    if (!get().dismissedNotices.includes(text)) set({ dismissedNotices: [...get().dismissedNotices, text] });
  },
});
