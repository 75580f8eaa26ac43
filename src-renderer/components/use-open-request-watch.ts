/**
 * Follows the active account's open request for a new key from anywhere in the app, not only on the API key screen:
 * while it is Pending, the key status is checked with backoff (`useStatusPolling`), so main sees it turn Issued and
 * notifies the user even when the screen is closed. While it is Issued, the API key screen keeps checking (a change
 * made elsewhere shows up); other screens stop. Stops when the account needs a new sign-in.
 */
import { activeAccount, useAppStore } from '../store';
import { useStatusPolling } from './use-status-polling';

/** Watches the active account's open request (mounted once, by the app shell). */
export function useOpenRequestWatch(): void {
  const account = useAppStore(activeAccount);
  const screen = useAppStore((s) => s.screen);
  const status = useAppStore((s) => (s.apiKey.accountId === account?.id ? s.apiKey.status : null));
  const unauthorized = useAppStore((s) => s.apiKey.loadError?.kind === 'unauthorized');
  const load = useAppStore((s) => s.loadApiKeyStatus);
  const reset = useAppStore((s) => s.apiKey.pollReset);
  // Before the screen has asked main, the stage main stored for the account (a request opened before a restart).
  const stage = status?.stage ?? account?.requestStage ?? 'idle';
  const signedIn = account !== null && !account.needsSignIn && !unauthorized;
  const active = signedIn && (stage === 'pending' || (stage === 'issued' && screen === 'api-key'));
  useStatusPolling(active, load, reset);
}
