/**
 * The one place where main → renderer events enter the window (mounted once, by the app shell): each event goes to
 * a store action. A payload that is not what the contract says is ignored.
 */
import { useEffect } from 'react';
import { subscribe } from '../api';
import { useAppStore } from '../store';

/** Subscribes to every main → renderer event for the life of the app shell. */
export function useMainEvents(): void {
  const openScreenFor = useAppStore((s) => s.openScreenFor);
  useEffect(
    () =>
      subscribe('openScreen', (payload) => {
        if (!payload || payload.screen !== 'api-key' || typeof payload.accountId !== 'string') return;
        void openScreenFor(payload.accountId, payload.screen);
      }),
    [openScreenFor],
  );
}
