/**
 * The app's navigation while signed in: Account, API key, Request tester, Settings. The current screen is marked
 * with `aria-current="page"`.
 */
import { useAppStore, type Screen } from '../store';

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
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        {ITEMS.map(([target, label]) => (
          <li key={target}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === target ? 'page' : undefined}
              onClick={() => navigate(target)}
            >
              {label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
