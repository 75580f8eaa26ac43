/**
 * The entry of the emulator that development builds embed (built to `out/main/local-emulator.js`, loaded by
 * `src-main/index.ts` only when the app is not packaged): a DeepCurrent emulator on a free loopback port whose state
 * (users, keys, regeneration requests, items, signing secret) persists in a file of the app's data folder, so
 * accounts made on the Local environment keep working after a restart.
 */
import { DEMO_ACCOUNTS } from './demo-accounts';
import { startEmulator } from './server';

/** The demo accounts as the sign-in form's hint offers them: the published email and password of each. */
export function demoSignIns(): { email: string; password: string }[] {
  return DEMO_ACCOUNTS.map(({ email, password }) => ({ email, password }));
}

/** Starts the Local environment's emulator (the shape of `LocalEmulator` in src-main/platform/ports.ts). */
export async function startLocalEmulator(options: { stateFile: string; log: (message: string) => void }) {
  const emulator = await startEmulator({ port: 0, quiet: true, stateFile: options.stateFile, log: options.log });
  options.log(`DeepCurrent emulator listening on ${emulator.url}`);
  return { url: emulator.url, demoSignIns: demoSignIns(), reset: () => emulator.reset(), close: () => emulator.close() };
}
