/**
 * The renderer suite's setup: tell React it runs under `act`, and after each test unmount the app, reset the
 * store, stop the test's main-process services and put real timers back.
 */
import { afterEach, vi } from 'vitest';
import { cleanup } from './helpers';
import { disposeBackends, settleBackends } from './real-backend';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(async () => {
  await settleBackends();
  await cleanup();
  await disposeBackends();
  vi.useRealTimers();
});
