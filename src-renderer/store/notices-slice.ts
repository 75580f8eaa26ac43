/**
 * Notices: the one-time messages of `AppState.notices` (for example a damaged settings file), each dismissible,
 * and the page's own notices: who was signed out and which account is now active, and — where main shows no
 * system notification (start:web) — that a new key was issued. Also which account has a newly issued key the user
 * has not looked at yet (the API key navigation item shows a dot until the user opens that screen). Dismissals
 * last for this window's life.
 */
import type { Screen } from './session-slice';
import type { SliceCreator } from './store-types';

/** A notice of the page (not from main's `AppState`), with an optional way to the screen it is about. */
export interface PageNotice {
  id: string;
  text: string;
  /** A button under the notice that opens this screen (for the active account). */
  opens?: { screen: Screen; label: string };
}

export interface NoticesSlice {
  dismissedNotices: string[];
  dismissNotice(text: string): void;
  pageNotices: PageNotice[];
  /** Shows a page notice (one per id: a newer one replaces it). */
  showPageNotice(notice: PageNotice): void;
  dismissPageNotice(id: string): void;
  /** The account whose new key was issued since the user last opened its API key screen; null when none. */
  keyIssuedFor: string | null;
  /** Marks (or, with null, unmarks) the API key screen as having news for an account. */
  markKeyIssued(accountId: string | null): void;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, get) => ({
  dismissedNotices: [],
  dismissNotice(text) {
    if (!get().dismissedNotices.includes(text)) set({ dismissedNotices: [...get().dismissedNotices, text] });
  },
  pageNotices: [],
  showPageNotice(notice) {
    set({ pageNotices: [...get().pageNotices.filter((n) => n.id !== notice.id), notice] });
  },
  dismissPageNotice(id) {
    set({ pageNotices: get().pageNotices.filter((n) => n.id !== id) });
  },
  keyIssuedFor: null,
  markKeyIssued(accountId) {
    set({ keyIssuedFor: accountId });
  },
});
