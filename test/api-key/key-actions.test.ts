/**
 * The API key screen's actions as main derives them from the lifecycle: one primary action per state, never an
 * action that is known to fail, and a reason for each one that is held back.
 */
import { describe, expect, it } from 'vitest';
import { keyActions, type ActionFacts } from '../../src-main/api-key/key-actions';
import {
  CONFIRM_NEEDS_PASSWORD,
  NEEDS_SERVER,
  PENDING_KEY_MISSING,
  REQUEST_OPEN_BELOW,
  REVEAL_NEEDS_PASSWORD,
  revealUsedUp,
} from '../../src-main/api-key/key-lifecycle-messages';
import type { KeyAction, LifecycleStage } from '../../src-shared/models';

const BASE: ActionFacts = {
  keyManagementOffered: true,
  offline: false,
  stage: 'idle',
  revealed: false,
  heldByApp: false,
  canReveal: true,
  requestShown: false,
  pendingKeyHeld: false,
};

const facts = (patch: Partial<ActionFacts>): ActionFacts => ({ ...BASE, ...patch });
/** The ids of the available actions, the primary one marked with `*`. */
const offered = (actions: KeyAction[]) => actions.filter((a) => a.available).map((a) => `${a.primary ? '*' : ''}${a.id}`);
const held = (actions: KeyAction[]) => actions.filter((a) => !a.available).map((a) => [a.id, a.reason]);

describe('the API key screen actions', () => {
  it('offers Reveal first for a key never shown, then Request a new key', () => {
    const actions = keyActions(BASE);
    expect(offered(actions)).toEqual(['*reveal', 'request-new']);
    expect(held(actions)).toEqual([]);
  });

  it('offers no Reveal once the key was revealed and this app holds it: Copy is the main action', () => {
    const actions = keyActions(facts({ revealed: true, heldByApp: true }));
    expect(offered(actions)).toEqual(['*copy', 'request-new']);
    expect(actions.map((a) => a.id)).not.toContain('reveal');
  });

  it('says why there is no Reveal when the key was shown elsewhere, and makes Request a new key the main action', () => {
    const actions = keyActions(facts({ revealed: true }));
    expect(offered(actions)).toEqual(['*request-new']);
    expect(held(actions)).toEqual([['reveal', revealUsedUp(false)]]);
  });

  it('offers an API-key sign-in no Reveal: the key it signed in with is copied, not revealed', () => {
    const actions = keyActions(facts({ revealed: true, heldByApp: true, canReveal: false }));
    expect(offered(actions)).toEqual(['*copy', 'request-new']);
    expect(actions.some((a) => a.id === 'reveal')).toBe(false);
  });

  it('sends a session without a password to the password sign-in instead of a Reveal that would fail', () => {
    const actions = keyActions(facts({ canReveal: false }));
    expect(offered(actions)).toEqual(['*sign-in-with-password', 'request-new']);
    expect(held(actions)).toEqual([['reveal', REVEAL_NEEDS_PASSWORD]]);
  });

  it('offers no Request a new key while one is open: Refresh is the main action while it is pending', () => {
    const actions = keyActions(facts({ stage: 'pending', requestShown: true, revealed: true, heldByApp: true }));
    expect(offered(actions)).toEqual(['copy', '*refresh']);
    expect(held(actions)).toEqual([['request-new', REQUEST_OPEN_BELOW]]);
    expect(actions.find((a) => a.id === 'refresh')?.place).toBe('request');
  });

  it('offers one Reveal when the new key is issued: Reveal new key, with the request', () => {
    const actions = keyActions(facts({ stage: 'issued', requestShown: true, revealed: false }));
    expect(offered(actions)).toEqual(['*reveal-new', 'refresh']);
    expect(actions.filter((a) => a.id === 'reveal' || a.id === 'reveal-new')).toHaveLength(1);
    expect(held(actions)).toEqual([['request-new', REQUEST_OPEN_BELOW]]);
  });

  it('asks for a password sign-in when the issued key cannot be revealed with this session', () => {
    const actions = keyActions(facts({ stage: 'issued', requestShown: true, revealed: true, heldByApp: true, canReveal: false }));
    expect(offered(actions)).toEqual(['copy', '*sign-in-with-password', 'refresh']);
    expect(held(actions)).toContainEqual(['reveal-new', REVEAL_NEEDS_PASSWORD]);
    expect(actions.find((a) => a.id === 'sign-in-with-password')?.place).toBe('request');
  });

  it('makes Confirm new key the main action once the new key is revealed and held', () => {
    const actions = keyActions(facts({ stage: 'revealed', requestShown: true, revealed: true, heldByApp: true, pendingKeyHeld: true }));
    expect(offered(actions)).toEqual(['copy', '*confirm-new', 'copy-new', 'refresh']);
  });

  it('holds Confirm back when the new key is not in the keychain, or the session has no password', () => {
    const missing = keyActions(facts({ stage: 'revealed', requestShown: true, revealed: true, heldByApp: true }));
    expect(held(missing)).toContainEqual(['confirm-new', PENDING_KEY_MISSING]);
    expect(offered(missing)).not.toContain('copy-new');
    const noPassword = keyActions(facts({ stage: 'revealed', requestShown: true, revealed: true, pendingKeyHeld: true, canReveal: false }));
    expect(held(noPassword)).toContainEqual(['confirm-new', CONFIRM_NEEDS_PASSWORD]);
    expect(offered(noPassword)).toEqual(['*sign-in-with-password', 'copy-new', 'refresh']);
  });

  it('offers Copy and Refresh offline, and says the rest needs the server', () => {
    const actions = keyActions(facts({ offline: true, heldByApp: true, revealed: null }));
    expect(offered(actions)).toEqual(['*copy', 'refresh']);
    expect(held(actions)).toEqual([
      ['reveal', NEEDS_SERVER],
      ['request-new', NEEDS_SERVER],
    ]);
  });

  it('offers nothing but a new check on a server without key management', () => {
    expect(keyActions(facts({ keyManagementOffered: false }))).toEqual([{ id: 'refresh', place: 'key', available: true, primary: true }]);
  });

  it('in every state: one primary action, available; a reason for each one held back; never two Reveals', () => {
    const stages: LifecycleStage[] = ['idle', 'pending', 'issued', 'revealed', 'confirmed'];
    const bools = [false, true];
    let states = 0;
    for (const stage of stages)
      for (const revealed of [null, false, true])
        for (const offline of bools)
          for (const heldByApp of bools)
            for (const canReveal of bools)
              for (const requestShown of bools)
                for (const pendingKeyHeld of bools) {
                  const state = facts({ stage, revealed, offline, heldByApp, canReveal, requestShown, pendingKeyHeld });
                  const actions = keyActions(state);
                  const label = JSON.stringify(state);
                  const primaries = actions.filter((a) => a.primary);
                  expect(primaries, label).toHaveLength(1);
                  expect(primaries[0]!.available, label).toBe(true);
                  for (const a of actions) expect(a.available || (a.reason ?? '').length > 0, label).toBe(true);
                  const reveals = actions.filter((a) => a.available && (a.id === 'reveal' || a.id === 'reveal-new'));
                  expect(reveals.length, label).toBeLessThanOrEqual(1);
                  if (stage !== 'idle' && stage !== 'confirmed') {
                    expect(actions.some((a) => a.id === 'request-new' && a.available), label).toBe(false);
                  }
                  if (!canReveal) {
                    expect(actions.some((a) => a.available && ['reveal', 'reveal-new', 'confirm-new'].includes(a.id)), label).toBe(false);
                  }
                  states += 1;
                }
    expect(states).toBe(5 * 3 * 2 ** 5);
  });
});
