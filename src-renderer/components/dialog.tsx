/**
 * A modal dialog: `role="dialog"` (or `alertdialog` for a confirmation), `aria-modal`, labelled by its title and
 * described by `describedBy` when given, focus moved in on open (to `initialFocus`: the safe choice of a
 * confirmation) and trapped inside (the app's only intended keyboard trap), Escape closes (cancels), focus returns
 * to where it was. The rest of the app is made `inert` while it is open.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  /** Called on Escape (and by the dialog's own buttons): closing a confirmation cancels it. */
  onClose: () => void;
  /** The element to focus on open; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** `alertdialog` for a confirmation of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  /** The id of the element that says what the dialog is about. */
  describedBy?: string;
  children: ReactNode;
}

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
}

/** Renders into `document.body`, above the app shell (`[data-app-shell]`), which becomes inert. */
export function Dialog({ title, onClose, initialFocus, role = 'dialog', describedBy, children }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const shell = document.querySelector<HTMLElement>('[data-app-shell]');
    shell?.setAttribute('inert', '');
    const dialog = ref.current;
    const target = initialFocus?.current ?? (dialog ? focusables(dialog)[0] : null) ?? dialog;
    target?.focus();
    return () => {
      shell?.removeAttribute('inert');
      if (previous && previous.isConnected) previous.focus();
    };
    // Runs once per opening; `initialFocus` is a ref.
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    const inside = active instanceof Node && ref.current.contains(active);
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        className="dialog"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
