/**
 * The React app taking over the prerendered sign-in form (see `sign-in-shell.tsx` and `boot.js`): what was
 * typed or chosen in it, which field had the focus (and where the caret was), and a submit asked for before the
 * app loaded all carry over to the live form, so nothing a fast user did is lost.
 */
import { flushSync } from 'react-dom';

/** The attribute that marks the prerendered form's wrapper (its value is the shell key of `boot-hint.ts`). */
export const SHELL_ATTRIBUTE = 'data-boot-shell';

/** The form fields that carry over, by their `name`. */
const FIELDS = ['email', 'password', 'environment'] as const;
type FieldName = (typeof FIELDS)[number];

/** What the prerendered form held when the app took over. */
export interface ShellInput {
  values: Record<FieldName, string>;
  /**
   * Where the focus was, as a selector that finds the same control in the live form: a field by its name, a tab
   * by its (stable) id, or the Sign in button; null when the focus was elsewhere.
   */
  focus: string | null;
  /** The caret or selection in that field, where the field has one (an email field does not). */
  selection: { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;
  /** Sign in was pressed before the app loaded. */
  submitRequested: boolean;
}

let carried: ShellInput | null = null;

/** The input the live sign-in form starts from while the app takes the prerendered form over; otherwise null. */
export function shellInput(): ShellInput | null {
  return carried;
}

/** The prerendered form, when `boot.js` showed it. */
export function visibleShell(container: HTMLElement): HTMLElement | null {
  const shell = container.querySelector<HTMLElement>(`[${SHELL_ATTRIBUTE}]`);
  return shell && !shell.hidden ? shell : null;
}

function control(scope: ParentNode, name: FieldName): HTMLInputElement | HTMLSelectElement | null {
  return scope.querySelector<HTMLInputElement | HTMLSelectElement>(`form [name="${name}"]`);
}

/** A selector for the focused control of the prerendered form (ids made by `useId` differ between the two). */
function focusSelector(shell: HTMLElement): string | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !shell.contains(active)) return null;
  const name = active.getAttribute('name');
  if (name && (FIELDS as readonly string[]).includes(name)) return `form [name="${name}"]`;
  if (/^sign-in-tab-[a-z-]+$/.test(active.id)) return `#${active.id}`;
  if (active instanceof HTMLButtonElement && active.type === 'submit') return 'form button[type="submit"]';
  return null;
}

/** Reads the prerendered form. */
export function readShell(shell: HTMLElement): ShellInput {
  const values = { email: '', password: '', environment: '' };
  let selection: ShellInput['selection'] = null;
  for (const name of FIELDS) {
    const element = control(shell, name);
    if (!element) continue;
    values[name] = element.value;
    if (element === document.activeElement && element instanceof HTMLInputElement) {
      if (element.selectionStart !== null && element.selectionEnd !== null) {
        selection = { start: element.selectionStart, end: element.selectionEnd, direction: element.selectionDirection ?? 'none' };
      }
    }
  }
  return { values, focus: focusSelector(shell), selection, submitRequested: shell.hasAttribute('data-submit-requested') };
}

/**
 * Renders the app over the prerendered form, synchronously, so that keys pressed meanwhile reach the live field:
 * `input` (from {@link readShell}, or null when the first screen is not the plain sign-in form) is what the live
 * form starts from; the focus and caret are put back and a held submit is replayed.
 */
export function takeOver(container: HTMLElement, input: ShellInput | null, render: () => void): void {
  carried = input;
  try {
    flushSync(render);
  } finally {
    carried = null;
  }
  if (!input) return;
  if (input.focus) {
    const element = container.querySelector<HTMLElement>(input.focus);
    element?.focus();
    if (element instanceof HTMLInputElement && input.selection) {
      try {
        element.setSelectionRange(input.selection.start, input.selection.end, input.selection.direction);
      } catch {
        // A field type without a selection API: the caret stays where focus put it.
      }
    }
  }
  if (input.submitRequested) container.querySelector('form')?.requestSubmit();
}
