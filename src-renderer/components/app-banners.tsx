/**
 * App-wide messages above every screen: the no-keychain warning (for as long as it holds), the one-time notices of
 * `AppState.notices`, and the page's own notices (who was signed out; a new key issued, where main shows no system
 * notification), each dismissible. One text per state: the keychain warning is main's message alone.
 */
import { useAppStore } from '../store';
import { Button } from './button';

/** The warning shown when secrets cannot outlive this session and main gave no words for it. */
const NO_KEYCHAIN_TEXT = 'No system keychain is available: secrets are kept for this session only.';

/** Banners for the current `AppState` and the page's notices. */
export function AppBanners() {
  const app = useAppStore((s) => s.app);
  const dismissed = useAppStore((s) => s.dismissedNotices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const pageNotices = useAppStore((s) => s.pageNotices);
  const dismissPage = useAppStore((s) => s.dismissPageNotice);
  const navigate = useAppStore((s) => s.navigate);
  if (!app) return null;
  const notices = app.notices.filter((n) => !dismissed.includes(n));
  const storage = app.secretStorage;
  if (storage.persistent && notices.length === 0 && pageNotices.length === 0) return null;
  return (
    <div className="banners">
      {!storage.persistent ? (
        <div className="banner banner-warning" role="status">
          <p>{storage.message ?? NO_KEYCHAIN_TEXT}</p>
        </div>
      ) : null}
      {notices.map((notice, index) => (
        <div className="banner banner-info" role="status" key={notice}>
          <p id={`notice-${index}`}>{notice}</p>
          <Button variant="quiet" aria-describedby={`notice-${index}`} onClick={() => dismiss(notice)}>
            Dismiss
          </Button>
        </div>
      ))}
      {pageNotices.map((notice) => (
        <div className="banner banner-info" role="status" key={notice.id}>
          <p id={`page-notice-${notice.id}`}>{notice.text}</p>
          <div className="banner-actions">
            {notice.opens ? (
              <Button onClick={() => navigate(notice.opens!.screen)}>{notice.opens.label}</Button>
            ) : null}
            <Button variant="quiet" aria-describedby={`page-notice-${notice.id}`} onClick={() => dismissPage(notice.id)}>
              Dismiss
            </Button>
          </div>
        </div>
      ))}
    </div>
  );
}
