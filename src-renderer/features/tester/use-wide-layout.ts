/**
 * Whether the window is wide enough for the request and the response side by side (else they are stacked): the
 * same breakpoint as `workbench.css`. Where the page cannot tell (no `matchMedia`), side by side.
 */
import { useEffect, useState } from 'react';

/** The narrowest window width, in CSS pixels, that shows the panes side by side. */
export const WIDE_LAYOUT_QUERY = '(min-width: 1000px)';

function matches(): boolean {
  return typeof window.matchMedia !== 'function' || window.matchMedia(WIDE_LAYOUT_QUERY).matches;
}

/** True while the panes are side by side. */
export function useWideLayout(): boolean {
  const [wide, setWide] = useState(matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(WIDE_LAYOUT_QUERY);
    const onChange = () => setWide(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return wide;
}
