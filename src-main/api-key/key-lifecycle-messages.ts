/**
 * What the key lifecycle tells a person, in plain words. No message ever contains a key or a token: the texts are
 * fixed, and the only server text they quote is a `detail` already shortened by the API client.
 */
import type { AppError } from '../../src-shared/errors';

/** A key-only account asked to reveal (also the server's 403 for an API-key credential). */
export const REVEAL_NEEDS_PASSWORD =
  'Revealing a key needs a session signed in with email and password. Sign in with your email and password to reveal it.';

/** A key-only account asked to confirm a new key (the server's 403 for an API-key credential). */
export const CONFIRM_NEEDS_PASSWORD =
  'Confirming a new key needs a session signed in with email and password. Sign in with your email and password to confirm it.';

/** 409 on reveal: nothing is left to reveal. `heldByApp`: this app keeps the current key in the keychain. */
export function alreadyRevealed(pendingIssued: boolean, heldByApp: boolean): string {
  if (pendingIssued) {
    return 'The new key has already been revealed, and DeepCurrent shows a key only once. Your current key keeps ' +
      'working; contact DeepCurrent support about this request.';
  }
  return heldByApp
    ? 'This key has already been revealed, and DeepCurrent shows a key only once. This app keeps it in the ' +
        'keychain, so you can still copy it; if you need a new one, use Request a new key.'
    : 'This key has already been revealed, and DeepCurrent shows a key only once. If you no longer have it, use ' +
        'Request a new key to get a new one.';
}

/** The reveal succeeded on the server, but the keychain refused the key twice. */
export function revealedButNotSaved(role: 'current' | 'pending'): string {
  return role === 'current'
    ? 'The key was revealed, but it could not be saved in the system keychain, and DeepCurrent will not show it ' +
        'again. Check that the keychain is unlocked, then use Request a new key to get a new one.'
    : 'The new key was revealed, but it could not be saved in the system keychain, and DeepCurrent will not show it ' +
        'again. Your current key keeps working; contact DeepCurrent support about this request.';
}

/** 409 on a new request. */
export const REQUEST_ALREADY_OPEN =
  'A request for a new key is already open. Follow it on this screen; you can ask for another one once it is confirmed.';

/** What a failed confirmation leaves behind. */
export const BOTH_KEYS_KEPT = 'Both your current key and the new key are kept, and your current key keeps working. Try again.';

/** Confirming without the new key in the keychain. */
export const PENDING_KEY_MISSING =
  'The new key is not in the keychain, so confirming it now could leave this app without a working key. ' +
  'Your current key keeps working.';

/** The server confirmed, but the keychain refused to make the new key the account's key. */
export const SWAP_NOT_SAVED =
  'The new key is confirmed and kept safely in the keychain, but it could not be made this account\'s key yet. ' +
  'Check that the keychain is unlocked and refresh to finish.';

/** The server confirmed, but the new key could not be checked yet. */
export function swapNotVerified(cause: string): string {
  return `The new key is confirmed and kept in the keychain, but the app could not check it yet (${cause.replace(/\.$/, '')}). ` +
    'Refresh to finish; no key has been removed.';
}

/** An unknown account id. */
export const NO_SUCH_ACCOUNT: AppError = {
  kind: 'not-signed-in',
  message: 'This account is no longer signed in. Sign in again.',
};

/** Copy asked for a key the app does not hold. */
export function keyNotHeld(role: 'current' | 'pending'): AppError {
  return {
    kind: 'not-signed-in',
    message:
      role === 'current'
        ? 'This app does not hold the API key of this account, so it cannot copy it.'
        : 'There is no new key waiting in the keychain to copy.',
  };
}

/** Why Reveal is not offered: the key was shown once already (`pendingOpen`: a request for a new one is open). */
export function revealUsedUp(pendingOpen: boolean): string {
  return pendingOpen
    ? 'DeepCurrent shows a key only once, and this key has already been shown. Your new key is on its way (below).'
    : 'DeepCurrent shows a key only once, and this key has already been shown. If you no longer have it, request a new key.';
}

/** Why Request a new key is not offered while a request is open (the screen shows it). */
export const REQUEST_OPEN_BELOW =
  'A request for a new key is already open (below). You can ask for another one once it is confirmed.';

/** Why a step that needs the server is not offered while it cannot be reached. */
export const NEEDS_SERVER = 'This needs the DeepCurrent server, which cannot be reached right now. Refresh to try again.';
