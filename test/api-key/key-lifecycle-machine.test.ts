import { describe, expect, it } from 'vitest';
import type { LifecycleStage } from '../../src-shared/models';
import {
  REFUSALS,
  localStage,
  reconcile,
  transition,
  type LifecycleEvent,
  type ServerObservation,
  type Transition,
} from '../../src-main/api-key/key-lifecycle-machine';

const STAGES: LifecycleStage[] = ['idle', 'pending', 'issued', 'revealed', 'confirmed'];

function moved(result: Transition): LifecycleStage {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value.stage;
}

function refusedWith(result: Transition): string {
  if (result.ok) throw new Error(`moved to ${result.value.stage}`);
  return result.error.code;
}

describe('the key lifecycle machine: steps the user takes', () => {
  const cases: Array<[LifecycleStage, LifecycleEvent['type'], LifecycleStage | { refused: string }]> = [
    // request-created: a new request only when none is open
    ['idle', 'request-created', 'pending'],
    ['confirmed', 'request-created', 'pending'],
    ['pending', 'request-created', { refused: 'request-open' }],
    ['issued', 'request-created', { refused: 'request-open' }],
    ['revealed', 'request-created', { refused: 'request-open' }],
    // issued: support issues a pending request
    ['pending', 'issued', 'issued'],
    ['idle', 'issued', { refused: 'no-request' }],
    ['confirmed', 'issued', { refused: 'no-request' }],
    ['issued', 'issued', { refused: 'not-revealed' }],
    ['revealed', 'issued', { refused: 'already-revealed' }],
    // pending-revealed: only an issued key can be revealed
    ['issued', 'pending-revealed', 'revealed'],
    ['pending', 'pending-revealed', { refused: 'not-issued' }],
    ['revealed', 'pending-revealed', { refused: 'already-revealed' }],
    ['idle', 'pending-revealed', { refused: 'no-request' }],
    ['confirmed', 'pending-revealed', { refused: 'no-request' }],
    // confirmed: only a revealed (held) key can be confirmed
    ['revealed', 'confirmed', 'confirmed'],
    ['issued', 'confirmed', { refused: 'not-revealed' }],
    ['pending', 'confirmed', { refused: 'not-issued' }],
    ['confirmed', 'confirmed', { refused: 'already-confirmed' }],
    ['idle', 'confirmed', { refused: 'no-request' }],
  ];

  it('covers every stage for every step', () => {
    for (const type of ['request-created', 'issued', 'pending-revealed', 'confirmed'] as const) {
      const covered = cases.filter(([, t]) => t === type).map(([stage]) => stage);
      expect(new Set(covered)).toEqual(new Set(STAGES));
    }
  });

  it.each(cases)('in %s, %s → %j', (stage, type, expected) => {
    const result = transition(stage, { type } as LifecycleEvent);
    if (typeof expected === 'string') {
      expect(moved(result)).toBe(expected);
      expect(result.ok && result.value.effect).toBe('none');
    } else {
      expect(refusedWith(result)).toBe(expected.refused);
    }
  });

  it('explains every refusal in plain words without jargon', () => {
    for (const refusal of Object.values(REFUSALS)) {
      expect(refusal.message).toMatch(/^[A-Z].*\.$/);
      expect(refusal.message).not.toMatch(/409|undefined|null|dc_/);
    }
    expect(REFUSALS.requestOpen.message).toContain('already open');
    expect(REFUSALS.notRevealed.message).toContain('Reveal the new key first');
  });
});

describe('the key lifecycle machine: reconciling with the server', () => {
  const seen = (over: Partial<ServerObservation>): ServerObservation => ({
    newest: null,
    trackedStatus: null,
    pendingKeyHeld: false,
    ...over,
  });
  const observe = (stage: LifecycleStage, over: Partial<ServerObservation>) =>
    transition(stage, { type: 'server-observed', ...seen(over) });

  it('is never refused, whatever the stored stage', () => {
    for (const stage of STAGES) {
      for (const status of [null, 'pending', 'issued', 'confirmed'] as const) {
        const newest = status && { status, tracked: true };
        expect(observe(stage, { newest, trackedStatus: status }).ok).toBe(true);
      }
    }
  });

  it('goes idle when the account has no request at all', () => {
    for (const stage of STAGES) expect(moved(observe(stage, {}))).toBe('idle');
  });

  it('follows a pending request', () => {
    expect(moved(observe('idle', { newest: { status: 'pending', tracked: false } }))).toBe('pending');
    expect(moved(observe('revealed', { newest: { status: 'pending', tracked: true }, trackedStatus: 'pending' }))).toBe('pending');
  });

  it('says issued when the server issued the key and the app does not hold it yet', () => {
    expect(moved(observe('pending', { newest: { status: 'issued', tracked: true }, trackedStatus: 'issued' }))).toBe('issued');
  });

  it('says revealed when the issued key is already held in the keychain for that request', () => {
    const result = observe('issued', { newest: { status: 'issued', tracked: true }, trackedStatus: 'issued', pendingKeyHeld: true });
    expect(moved(result)).toBe('revealed');
    expect(result.ok && result.value.effect).toBe('none');
  });

  it('does not count a held key that belongs to another request', () => {
    const result = observe('idle', { newest: { status: 'issued', tracked: false }, trackedStatus: null, pendingKeyHeld: true });
    expect(moved(result)).toBe('issued');
  });

  it('asks to finish the swap when the server confirmed while the new key is still pending in the keychain', () => {
    const result = observe('revealed', { newest: { status: 'confirmed', tracked: true }, trackedStatus: 'confirmed', pendingKeyHeld: true });
    expect(result).toEqual({ ok: true, value: { stage: 'confirmed', effect: 'finish-swap' } });
  });

  it('finishes an owed swap even when a newer request has been opened since', () => {
    const result = observe('revealed', { newest: { status: 'pending', tracked: false }, trackedStatus: 'confirmed', pendingKeyHeld: true });
    expect(result).toEqual({ ok: true, value: { stage: 'pending', effect: 'finish-swap' } });
  });

  it('stays confirmed after the swap, until a new request starts', () => {
    expect(moved(observe('confirmed', { newest: { status: 'confirmed', tracked: true }, trackedStatus: 'confirmed' }))).toBe('confirmed');
  });

  it('treats a confirmed request the app did not follow as history (idle)', () => {
    expect(moved(observe('idle', { newest: { status: 'confirmed', tracked: false } }))).toBe('idle');
    expect(moved(observe('issued', { newest: { status: 'confirmed', tracked: true }, trackedStatus: 'confirmed' }))).toBe('idle');
  });

  it('never asks for a swap without a held key', () => {
    for (const stage of STAGES) {
      const result = reconcile(stage, seen({ newest: { status: 'confirmed', tracked: true }, trackedStatus: 'confirmed' }));
      expect(result.ok && result.value.effect).toBe('none');
    }
  });
});

describe('the stage the app can tell offline', () => {
  it('is idle without a stored lifecycle', () => {
    expect(localStage(null, false)).toBe('idle');
    expect(localStage(null, true)).toBe('idle');
  });

  it('is the stored stage', () => {
    for (const stage of ['pending', 'issued', 'revealed', 'confirmed'] as const) expect(localStage(stage, false)).toBe(stage);
  });

  it('is revealed when a stored issued stage already has its key in the keychain (crash after the keychain write)', () => {
    expect(localStage('issued', true)).toBe('revealed');
  });
});
