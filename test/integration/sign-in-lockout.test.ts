/**
 * A locked sign-in over real HTTP through the real accounts handlers: the wait the app shows is the server's
 * `Retry-After`, whatever number it is, not a fixed minute. The emulator's clock stands still and is moved by hand,
 * so the remaining lock is a known odd number of seconds; the keychain is not the subject here, so secrets stay in
 * memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS } from '../../emulator/sign-in-failures';
import { createAccountHandlers } from '../../src-main/accounts/accounts-service';
import { makeTestContext } from '../helpers/service-context';
import { value } from '../helpers/result';

const local = { kind: 'local' } as const;

describe('a locked sign-in', () => {
  let emu: RunningEmulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('tells the user exactly the Retry-After the server sent (17 s), not a fixed minute', async () => {
    let serverNow = Date.now();
    emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024, now: () => serverNow });
    const t = makeTestContext({ emulatorUrl: emu.url });
    const handlers = createAccountHandlers(t.ctx, { notices: [], secretStorageMessage: null });
    const email = 'support@deepcurrent.test';
    for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) {
      const wrong = await handlers.signInWithPassword({ email, password: 'nope', environment: local });
      expect(wrong).toMatchObject({ ok: false, error: { kind: 'bad-credentials' } });
    }
    // The lock runs for LOCKOUT_WINDOW_MS from the last failure.
    serverNow += LOCKOUT_WINDOW_MS - 23_000;
    const locked = await handlers.signInWithPassword({ email, password: DEMO_PASSWORD, environment: local });
    expect(locked).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', status: 429, retryAfterSeconds: 23, message: 'Too many attempts. The server has paused them for a while; wait before trying again.' },
    });
    serverNow += 6_000;
    const still = await handlers.signInWithPassword({ email, password: DEMO_PASSWORD, environment: local });
    expect(still).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterSeconds: 17, message: 'Too many attempts. The server has paused them for a while; wait before trying again.' },
    });
    expect(value(await handlers.getState({})).accounts).toHaveLength(0);
  });
});
