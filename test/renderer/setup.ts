/**
 * The renderer suite's setup: tell React it runs under `act`, and after each test unmount the app, reset the
 * store and put real timers back.
 */
import { afterEach, vi } from 'vitest';
import { cleanup } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(async () => {
  await cleanup();
  vi.useRealTimers();
});
