/**
 * Calls `refresh` by itself while `active`: after 2 s, then 4, 8, 16… up to 60 s between calls. A user action
 * (changing `resetKey`) starts again from 2 s; becoming inactive or unmounting stops it. Used to follow an open
 * request for a new key (`use-open-request-watch.ts`).
 */
import { useEffect } from 'react';

/** First and longest wait between two checks, in ms. */
const POLL_FIRST_MS = 2_000;
const POLL_MAX_MS = 60_000;

/** Polls `refresh` with exponential backoff while `active`. */
export function useStatusPolling(active: boolean, refresh: () => Promise<void>, resetKey: number): void {
  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let delay = POLL_FIRST_MS;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      await refresh();
      if (stopped) return;
      delay = Math.min(delay * 2, POLL_MAX_MS);
      timer = setTimeout(() => void tick(), delay);
    };
    timer = setTimeout(() => void tick(), delay);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, refresh, resetKey]);
}
