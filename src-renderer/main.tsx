/**
 * The renderer's entry: asks for the app state at once, then mounts the app inside the error boundary when the
 * answer is in (or has failed), so the first render is already the sign-in form or the account. When `boot.js`
 * showed the prerendered sign-in form and the state agrees, the app takes it over with what was typed in it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { signInShellKey, startsWithPlainSignIn } from '../src-shared/boot-hint';
import { App } from './app';
import { readShell, SHELL_ATTRIBUTE, takeOver, visibleShell } from './boot/handoff';
import { ErrorBoundary } from './components/error-boundary';
import { useAppStore } from './store';

/**
 * The prerendered form's input, when it was shown and the first screen is exactly that form (no account, so
 * `loadApp` chose the sign-in screen; no banner; the same environments).
 */
function shellToCarry(container: HTMLElement) {
  const shell = visibleShell(container);
  const { app } = useAppStore.getState();
  const same = shell !== null && app !== null && startsWithPlainSignIn(app) && shell.getAttribute(SHELL_ATTRIBUTE) === signInShellKey(app.environments);
  return same ? readShell(shell) : null;
}

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  const mount = () => {
    takeOver(container, shellToCarry(container), () =>
      root.render(
        <StrictMode>
          <ErrorBoundary>
            <App />
          </ErrorBoundary>
        </StrictMode>,
      ),
    );
    performance.mark('deepcurrent:app-mounted');
  };
  void useAppStore.getState().loadApp().finally(mount);
}
