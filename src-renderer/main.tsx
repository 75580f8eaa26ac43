/**
 * The renderer's entry: asks for the app state at once, then mounts the app inside the error boundary when the
 * answer is in (or has failed), so the first render is already the sign-in form or the account.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import { useAppStore } from './store';

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  const mount = () =>
    root.render(
      <StrictMode>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </StrictMode>,
    );
  void useAppStore.getState().loadApp().finally(mount);
}
