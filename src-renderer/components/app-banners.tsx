/**
 * App-wide messages above every screen: the no-keychain warning (for as long as it holds) and the one-time notices
 * of `AppState.notices`, each dismissible.
 */
import { useAppStore } from '../store';
import { Button } from './button';

/** The warning shown when secrets cannot outlive this session. */
const NO_KEYCHAIN_TEXT = 'No system keychain available: secrets are kept for this session only.';

const gist = (text: string) => text.toLowerCase().replace(/\bis\b/g, '').replace(/[^a-z]/g, '');

/** Banners for the current `AppState`. */
export function AppBanners() {
  const app = useAppStore((s) => s.app);
  const dismissed = useAppStore((s) => s.dismissedNotices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (!app) return null;
  const notices = app.notices.filter((n) => !dismissed.includes(n));
  const storage = app.secretStorage;
  if (storage.persistent && notices.length === 0) return null;
  return (
    <div className="banners">
      {!storage.persistent ? (
        <div className="banner banner-warning" role="status">
          <p>
            <strong>{NO_KEYCHAIN_TEXT}</strong>
          </p>
          {storage.message && gist(storage.message) !== gist(NO_KEYCHAIN_TEXT) ? <p>{storage.message}</p> : null}
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
    </div>
  );
}
