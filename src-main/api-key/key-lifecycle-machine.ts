/**
 * The API key lifecycle as a pure state machine: a stage and an event give the next stage, or a refusal that says
 * in plain words why the step is not possible now. No I/O; the service applies the answer (and performs the one
 * side effect it may ask for, `finish-swap`).
 *
 *   idle ──request-created──▶ pending ──issued──▶ issued ──pending-revealed──▶ revealed ──confirmed──▶ confirmed
 *     ▲                                                                                                   │
 *     └────────────────────────────── request-created (a new request) ◀──────────────────────────────────┘
 *
 * `server-observed` reconciles the stage with what the server reports; it is never refused (the server is the
 * authority) and is how a flow resumes after a restart.
 */
import type { LifecycleStage } from '../../src-shared/models';
import { fail, ok, type Result } from '../../src-shared/errors';

/** A regeneration request's status as the server reports it. */
export type ServerRequestStatus = 'pending' | 'issued' | 'confirmed';

/** What the app learnt from the server and the keychain about one account's regeneration. */
export interface ServerObservation {
  /** The newest request (the contract lists them newest first), or null when the account has none. */
  newest: { status: ServerRequestStatus; tracked: boolean } | null;
  /** The status of the request the stored lifecycle follows, or null when it is not in the list (or none is). */
  trackedStatus: ServerRequestStatus | null;
  /** Whether the keychain holds a revealed, unconfirmed new key for the tracked request. */
  pendingKeyHeld: boolean;
}

/** Something that happened to the lifecycle. */
export type LifecycleEvent =
  /** The server created a regeneration request (201). */
  | { type: 'request-created' }
  /** Support issued the new key. */
  | { type: 'issued' }
  /** The new key was revealed and is now held in the keychain as the pending entry. */
  | { type: 'pending-revealed' }
  /** The server confirmed the new key (200): it is now the account's key and the old one is revoked. */
  | { type: 'confirmed' }
  /** The server's view, to reconcile with. */
  | ({ type: 'server-observed' } & ServerObservation);

/** Why a step was refused: a code for tests and callers, and a message for a person. */
export interface Refusal {
  code: 'request-open' | 'no-request' | 'not-issued' | 'already-revealed' | 'not-revealed' | 'already-confirmed';
  message: string;
}

/**
 * The answer of the machine. `finish-swap` asks the service to make the held pending key the account's key: the
 * server confirmed it, but the app had not finished replacing the old key (for example it quit in between).
 */
export type Transition = Result<{ stage: LifecycleStage; effect: 'none' | 'finish-swap' }, Refusal>;

/** The user-facing texts of the refusals (plain words, no secrets). */
export const REFUSALS = {
  requestOpen: {
    code: 'request-open',
    message:
      'A request for a new key is already open. Follow it on this screen; you can ask for another one once it is confirmed.',
  },
  noRequest: { code: 'no-request', message: 'There is no open request for a new key. Use Request a new key first.' },
  notIssued: {
    code: 'not-issued',
    message: 'The new key has not been issued yet. Support has been notified; your current key keeps working.',
  },
  alreadyRevealed: {
    code: 'already-revealed',
    message: 'The new key has already been revealed and is kept in the keychain. Confirm it next.',
  },
  notRevealed: {
    code: 'not-revealed',
    message: 'Reveal the new key first, so that the app holds it before the old key is revoked.',
  },
  alreadyConfirmed: {
    code: 'already-confirmed',
    message: 'The new key has already been confirmed; it is now your key.',
  },
} as const satisfies Record<string, Refusal>;

const to = (stage: LifecycleStage): Transition => ok({ stage, effect: 'none' });
const refuse = (refusal: Refusal): Transition => fail(refusal);

/** The next stage after `event` in `stage`, or the reason it is refused. */
export function transition(stage: LifecycleStage, event: LifecycleEvent): Transition {
  switch (event.type) {
    case 'request-created':
      return stage === 'idle' || stage === 'confirmed' ? to('pending') : refuse(REFUSALS.requestOpen);
    case 'issued':
      if (stage === 'pending') return to('issued');
      if (stage === 'idle' || stage === 'confirmed') return refuse(REFUSALS.noRequest);
      return refuse(stage === 'issued' ? REFUSALS.notRevealed : REFUSALS.alreadyRevealed);
    case 'pending-revealed':
      if (stage === 'issued') return to('revealed');
      if (stage === 'pending') return refuse(REFUSALS.notIssued);
      if (stage === 'revealed') return refuse(REFUSALS.alreadyRevealed);
      return refuse(REFUSALS.noRequest);
    case 'confirmed':
      if (stage === 'revealed') return to('confirmed');
      if (stage === 'issued') return refuse(REFUSALS.notRevealed);
      if (stage === 'pending') return refuse(REFUSALS.notIssued);
      return refuse(stage === 'confirmed' ? REFUSALS.alreadyConfirmed : REFUSALS.noRequest);
    case 'server-observed':
      return reconcile(stage, event);
  }
}

/**
 * Reconciles with the server. The newest request decides the stage; a held pending key counts only for the request
 * the stored lifecycle follows (a key kept for another request is never mistaken for this one). When the followed
 * request is confirmed while its key is still held, the swap is owed: `finish-swap`.
 */
export function reconcile(stage: LifecycleStage, seen: ServerObservation): Transition {
  const finishSwap = seen.pendingKeyHeld && seen.trackedStatus === 'confirmed';
  const effect = finishSwap ? 'finish-swap' : 'none';
  const { newest } = seen;
  if (newest === null) return ok({ stage: 'idle', effect });
  switch (newest.status) {
    case 'pending':
      return ok({ stage: 'pending', effect });
    case 'issued':
      return ok({ stage: newest.tracked && seen.pendingKeyHeld ? 'revealed' : 'issued', effect });
    case 'confirmed': {
      const ours = newest.tracked && (finishSwap || stage === 'revealed' || stage === 'confirmed');
      return ok({ stage: ours ? 'confirmed' : 'idle', effect });
    }
  }
}

/**
 * The stage the app can tell from its own storage alone (offline, or before a step): a stored `issued` with the
 * pending key already in the keychain means the reveal completed but the stage was not yet written.
 */
export function localStage(stored: LifecycleStage | null, pendingKeyHeld: boolean): LifecycleStage {
  if (stored === null) return 'idle';
  return stored === 'issued' && pendingKeyHeld ? 'revealed' : stored;
}
