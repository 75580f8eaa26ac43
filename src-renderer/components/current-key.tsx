/**
 * The account's current API key, in the words every screen uses: `dc_…last4`, and whether this app holds it ("This
 * app holds your key" / "This app does not hold your key; copy it from where you saved it"). The Account screen
 * (from `AccountSummary.currentKey`) and the API key screen (from its status) both show it with this one component,
 * from the facts main stores after each check.
 */
import type { CurrentKey } from '../../src-shared/models';
import type { Fact } from './facts';
import { maskedKey } from '../format';

/** Whether this app holds the key, in plain words. */
export function keyHoldingText(key: CurrentKey): string {
  if (key.held) return 'This app holds your key';
  if (key.revealed === false) return 'This app does not hold your key yet; reveal it once to keep it here';
  if (key.revealed === true) return 'This app does not hold your key; copy it from where you saved it';
  return 'This app does not hold your key';
}

/** The `API key` fact: the masked key with the holding line under it, or `missing` when no key is known. */
export function currentKeyFact(key: CurrentKey, missing: string): Fact {
  if (key.last4 === null) return ['API key', missing];
  return [
    'API key',
    <>
      <span className="mono">{maskedKey(key.last4)}</span>{' '}
      <span className="fact-note">{keyHoldingText(key)}</span>
    </>,
  ];
}
