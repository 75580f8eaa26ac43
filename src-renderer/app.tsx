/**
 * The app shell, mounted by `main.tsx` once the state has been asked for: applies the theme, takes main's events in
 * (one hook), follows an open request for a new key from any screen, and shows the sign-in screen or, when signed
 * in, the navigation and the current screen. Header, navigation and content share one column. The API key and request tester screens are
 * loaded lazily so the first paint carries only what the sign-in form needs.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useAppStore, activeAccount } from './store';
import { MainNav } from './components/main-nav';
import { AppBanners } from './components/app-banners';
import { ErrorMessage } from './components/error-message';
import { requestHeadingFocus } from './components/screen-heading';
import { useMainEvents } from './components/use-main-events';
import { useOpenRequestWatch } from './components/use-open-request-watch';
import { SignInScreen } from './features/sign-in/sign-in-screen';
import { AccountScreen } from './features/account/account-screen';
import { SettingsScreen } from './features/settings/settings-screen';

const ApiKeyScreen = lazy(() => import('./features/api-key/api-key-screen'));
const TesterScreen = lazy(() => import('./features/tester/tester-screen'));

/** Follows the settings' theme: `data-theme` on `<html>` overrides the OS setting; `system` removes it. */
function useTheme(theme: 'system' | 'light' | 'dark' | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}

function CurrentScreen() {
  const screen = useAppStore((s) => s.screen);
  switch (screen) {
    case 'sign-in':
      return <SignInScreen />;
    case 'account':
      return <AccountScreen />;
    case 'api-key':
      return <ApiKeyScreen />;
    case 'tester':
      return <TesterScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** The whole renderer. */
export function App() {
  const app = useAppStore((s) => s.app);
  const loadError = useAppStore((s) => s.loadError);
  const screen = useAppStore((s) => s.screen);
  const account = useAppStore(activeAccount);
  const firstScreen = useRef(true);

  useTheme(app?.settings.theme);
  useMainEvents();
  useOpenRequestWatch();

  useEffect(() => {
    if (!app) return;
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    // A lazy screen that is still loading leaves the previous screen's heading in the DOM, hidden by Suspense
    // (`display: none`): only a shown heading can take the focus; otherwise the next heading to mount takes it.
    const heading = document.querySelector<HTMLElement>('main h1');
    const shown = heading !== null && (typeof heading.checkVisibility !== 'function' || heading.checkVisibility());
    if (shown) heading.focus();
    else requestHeadingFocus();
  }, [screen, app === null]);

  if (!app) {
    return (
      <main className="loading">
        {loadError ? <ErrorMessage error={loadError} /> : <p>Loading DeepCurrent…</p>}
      </main>
    );
  }
  return (
    <div className="shell" data-app-shell="">
      <header className="app-header">
        <div className="shell-row">
          <span className="brand">DeepCurrent</span>
          {account ? (
            <span className="who">
              {account.email} · {account.environmentLabel}
            </span>
          ) : null}
        </div>
      </header>
      {account ? <MainNav /> : null}
      <main className="content">
        <AppBanners />
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <CurrentScreen />
        </Suspense>
      </main>
    </div>
  );
}
