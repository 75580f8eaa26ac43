/**
 * The keyboard of a tab list (WAI-ARIA tabs, automatic activation): the arrow keys move to the previous or next tab
 * and select it, Home and End to the first and last. Used by the workbench's tab bar and its sub-tabs.
 */
import type { KeyboardEvent } from 'react';

/**
 * Handles a key on the tab `current` of `ids`: selects the tab it leads to and focuses it (by its element id,
 * `idOf(tab)`). Answers whether the key was one of the list's.
 */
export function moveInTabList(event: KeyboardEvent, ids: readonly string[], current: string, select: (id: string) => void, idOf: (id: string) => string): boolean {
  const index = ids.indexOf(current);
  if (index < 0 || ids.length === 0) return false;
  let next: number;
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      next = (index + 1) % ids.length;
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
      next = (index + ids.length - 1) % ids.length;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = ids.length - 1;
      break;
    default:
      return false;
  }
  event.preventDefault();
  const target = ids[next]!;
  select(target);
  // The tab's element is re-rendered as selected; focus it once it is there.
  queueMicrotask(() => document.getElementById(idOf(target))?.focus());
  return true;
}
