/**
 * The app's navigation while signed in: Account, API key, Request tester, Settings. The current screen is marked
 * with `aria-current="page"`. While a newly issued key waits for the active account and the user has not opened the
 * API key screen since, that item shows a dot (and says so to screen readers).
 */
import { activeAccount, useAppStore, type Screen } from '../store';

const ITEMS: [Screen, string][] = [
  ['account', 'Account'],
  ['api-key', 'API key'],
  ['tester', 'Request tester'],
  ['settings', 'Settings'],
];

/** A nav landmark of buttons. */
export function MainNav() {
  const screen = useAppStore((s) => s.screen);
  const navigate = useAppStore((s) => s.navigate);
  const keyNews = useAppStore((s) => s.keyIssuedFor !== null && s.keyIssuedFor === activeAccount(s)?.id);
  return (
    <nav aria-label="Main" className="main-nav">
      <ul className="shell-row">
        {ITEMS.map(([target, label]) => {
          const dot = target === 'api-key' && keyNews;
          return (
            <li key={target}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === target ? 'page' : undefined}
                aria-describedby={dot ? 'nav-key-news' : undefined}
                onClick={() => navigate(target)}
              >
                {label}
                {dot ? <span className="nav-dot" aria-hidden="true" /> : null}
              </button>
            </li>
          );
        })}
      </ul>
      {keyNews ? (
        <span id="nav-key-news" className="visually-hidden">
          Your new key has been issued
        </span>
      ) : null}
    </nav>
  );
}
