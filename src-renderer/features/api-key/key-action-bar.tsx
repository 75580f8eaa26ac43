/**
 * The buttons of the API key screen, exactly as main listed them (`ApiKeyStatus.actions`): a button for each
 * available action, the primary one styled as the main button, and under them the reason of each action main held
 * back. The screen decides nothing here: it shows what main decided and runs the action a button names.
 */
import type { Ref } from 'react';
import type { KeyAction, KeyActionId } from '../../../src-shared/models';
import { Button } from '../../components/button';

/** The button text of each action. */
export const ACTION_LABELS: Record<KeyActionId, string> = {
  reveal: 'Reveal API key',
  copy: 'Copy API key',
  'request-new': 'Request a new key',
  'sign-in-with-password': 'Sign in with email and password',
  refresh: 'Refresh',
  'reveal-new': 'Reveal new key',
  'copy-new': 'Copy new key',
  'confirm-new': 'Confirm new key',
};

export interface KeyActionBarProps {
  actions: KeyAction[];
  onAction: (id: KeyActionId) => void;
  /** The action in flight: its button says so and does not start it again. */
  busy?: KeyActionId | null;
  /** Button text that differs from {@link ACTION_LABELS} here (for example `Check again`). */
  labels?: Partial<Record<KeyActionId, string>>;
  /** Attributes of one button (the Request a new key button says whether its form is open). */
  expanded?: Partial<Record<KeyActionId, boolean>>;
  /** A ref to one button, to give the focus back to it. */
  buttonRef?: { id: KeyActionId; ref: Ref<HTMLButtonElement> };
  /** Shown beside the buttons (for example `Checking…`). */
  aside?: string | null;
}

/** The buttons and the reasons of one card. */
export function KeyActionBar({ actions, onAction, busy = null, labels = {}, expanded = {}, buttonRef, aside }: KeyActionBarProps) {
  const available = actions.filter((a) => a.available);
  const heldBack = actions.filter((a) => !a.available && a.reason);
  if (available.length === 0 && heldBack.length === 0) return null;
  return (
    <>
      {available.length > 0 || aside ? (
        <div className="actions">
          {available.map((action) => (
            <Button
              key={action.id}
              ref={buttonRef?.id === action.id ? buttonRef.ref : undefined}
              variant={action.primary ? 'primary' : 'secondary'}
              data-action={action.id}
              aria-disabled={busy === action.id ? true : undefined}
              aria-expanded={expanded[action.id]}
              onClick={() => {
                if (busy !== action.id) onAction(action.id);
              }}
            >
              {labels[action.id] ?? ACTION_LABELS[action.id]}
            </Button>
          ))}
          {aside ? <span className="muted">{aside}</span> : null}
        </div>
      ) : null}
      {heldBack.length > 0 ? (
        <ul className="action-reasons">
          {heldBack.map((action) => (
            <li key={action.id}>{action.reason}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
