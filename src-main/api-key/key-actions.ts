/**
 * What the user can do on the API key screen, derived in main from the key lifecycle (the stage of the state
 * machine), what the server says about the key and what the keychain holds. The screen renders this list and
 * nothing else, so it never offers an action that is known to fail: an action that would fail is left out, or
 * listed as unavailable with the reason in plain words. Exactly one available action is primary (the next step):
 *
 *   idle / confirmed   Reveal API key → Copy API key → Request a new key   (Sign in with email and password when
 *                      revealing needs it)
 *   pending            Refresh
 *   issued             Reveal new key (or Sign in with email and password)
 *   revealed           Confirm new key (or Sign in with email and password)
 *
 * Pure: no I/O.
 */
import type { KeyAction, KeyActionId, LifecycleStage } from '../../src-shared/models';
import {
  CONFIRM_NEEDS_PASSWORD,
  NEEDS_SERVER,
  PENDING_KEY_MISSING,
  REQUEST_OPEN_BELOW,
  REVEAL_NEEDS_PASSWORD,
  revealUsedUp,
} from './key-lifecycle-messages';

/** What the actions are derived from (the rest of `ApiKeyStatus`). */
export interface ActionFacts {
  keyManagementOffered: boolean;
  /** The server could not be reached: the status comes from saved details. */
  offline: boolean;
  stage: LifecycleStage;
  /** Whether the server says the current key was revealed; null when it did not say. */
  revealed: boolean | null;
  heldByApp: boolean;
  /** Whether the account has a usable session token (revealing and confirming need one). */
  canReveal: boolean;
  /** Whether the screen shows a request for a new key (the server listed one). */
  requestShown: boolean;
  pendingKeyHeld: boolean;
}

/** Which available action becomes the primary one, by stage: the first of the list that is available. */
const PRIMARY_ORDER: Record<LifecycleStage, KeyActionId[]> = {
  idle: ['reveal', 'sign-in-with-password', 'copy', 'request-new', 'refresh'],
  pending: ['refresh', 'copy'],
  issued: ['reveal-new', 'sign-in-with-password', 'refresh'],
  revealed: ['confirm-new', 'sign-in-with-password', 'copy-new', 'refresh'],
  confirmed: ['copy', 'request-new', 'refresh'],
};

type Draft = Omit<KeyAction, 'primary'>;

const offer = (id: KeyActionId, place: KeyAction['place']): Draft => ({ id, place, available: true });
const refuse = (id: KeyActionId, place: KeyAction['place'], reason: string): Draft => ({ id, place, available: false, reason });

/** The actions of the current key's card. */
function keyCardActions(facts: ActionFacts): Draft[] {
  const { stage, offline } = facts;
  const open = stage === 'pending' || stage === 'issued' || stage === 'revealed';
  const out: Draft[] = [];
  let needsPassword = false;
  // While a new key is issued or revealed, the server's reveal answers the new key: only `reveal-new` offers it.
  if (stage !== 'issued' && stage !== 'revealed') {
    if (facts.revealed === true) {
      // Shown once already: held, Copy is the way (and the screen says the app holds it); not held, say why not.
      if (!facts.heldByApp) out.push(refuse('reveal', 'key', revealUsedUp(open)));
    } else if (offline) {
      out.push(refuse('reveal', 'key', NEEDS_SERVER));
    } else if (!facts.canReveal) {
      out.push(refuse('reveal', 'key', REVEAL_NEEDS_PASSWORD));
      needsPassword = true;
    } else {
      out.push(offer('reveal', 'key'));
    }
  }
  if (facts.heldByApp) out.push(offer('copy', 'key'));
  if (needsPassword) out.push(offer('sign-in-with-password', 'key'));
  if (open) out.push(refuse('request-new', 'key', REQUEST_OPEN_BELOW));
  else if (offline) out.push(refuse('request-new', 'key', NEEDS_SERVER));
  else out.push(offer('request-new', 'key'));
  return out;
}

/** The actions of the request's card (shown only when the server listed a request). */
function requestCardActions(facts: ActionFacts): Draft[] {
  const out: Draft[] = [];
  if (facts.stage === 'issued') {
    if (facts.canReveal) out.push(offer('reveal-new', 'request'));
    else out.push(refuse('reveal-new', 'request', REVEAL_NEEDS_PASSWORD), offer('sign-in-with-password', 'request'));
  }
  if (facts.stage === 'revealed') {
    if (!facts.pendingKeyHeld) out.push(refuse('confirm-new', 'request', PENDING_KEY_MISSING));
    else if (!facts.canReveal) out.push(refuse('confirm-new', 'request', CONFIRM_NEEDS_PASSWORD), offer('sign-in-with-password', 'request'));
    else out.push(offer('confirm-new', 'request'));
    if (facts.pendingKeyHeld) out.push(offer('copy-new', 'request'));
  }
  out.push(offer('refresh', 'request'));
  return out;
}

/** The actions the API key screen offers for these facts, in the order it shows them, one of them primary. */
export function keyActions(facts: ActionFacts): KeyAction[] {
  let drafts: Draft[];
  if (!facts.keyManagementOffered) {
    // Nothing to reveal, request or confirm on this server: only asking main to look again.
    drafts = [offer('refresh', 'key')];
  } else {
    const open = facts.stage === 'pending' || facts.stage === 'issued' || facts.stage === 'revealed';
    const requestCard = facts.requestShown && facts.stage !== 'idle' && !facts.offline;
    drafts = keyCardActions(facts);
    // Refresh goes with the request when one is shown; else with the key, when something may change (offline, or
    // a request the server did not list this time).
    if (requestCard) drafts.push(...requestCardActions(facts));
    else if (facts.offline || open) drafts.push(offer('refresh', 'key'));
  }
  const order = facts.keyManagementOffered ? PRIMARY_ORDER[facts.stage] : ['refresh'];
  const primary =
    order.map((id) => drafts.find((d) => d.id === id && d.available)).find((d) => d !== undefined) ??
    drafts.find((d) => d.available);
  return drafts.map((d) => ({ ...d, primary: d === primary }));
}
