/**
 * The last line of defence: a render error shows one calm sentence, never a stack trace.
 */
import { Component, type ReactNode } from 'react';

/** The text shown when rendering failed. */
const CRASH_TEXT = 'Something went wrong. Reload the window.';

interface State {
  failed: boolean;
}

/** Catches render errors below it. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  render() {
    if (this.state.failed) {
      return (
        <main className="crash">
          <p role="alert">{CRASH_TEXT}</p>
        </main>
      );
    }
    return this.props.children;
  }
}
