/**
 * A screen's `<h1>`. After a navigation, the next screen's heading takes the focus (once), so keyboard and screen
 * reader users land at the top of what they asked for; the first screen at start-up leaves focus alone.
 */
import { useEffect, useRef, type ReactNode } from 'react';

let focusPending = false;

/** Asks the next heading that mounts to take the focus. */
export function requestHeadingFocus(): void {
  focusPending = true;
}

/** The screen's title, focusable by script only. */
export function ScreenHeading({ id, children }: { id?: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusPending) return;
    focusPending = false;
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}

/** Moves the focus to the current screen's heading (after an action that removed the focused control). */
export function focusScreenHeading(): void {
  document.querySelector<HTMLElement>('main h1')?.focus();
}
