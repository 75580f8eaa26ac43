/**
 * The accounts every emulator instance starts with. All share the password {@link DEMO_PASSWORD}; each starts with
 * one API key that has not been revealed yet.
 */

/** A seeded account, as printed by the CLI and handed to tests. */
export interface DemoAccount {
  email: string;
  password: string;
  plan: 'free' | 'pro';
  role: 'member' | 'support';
  fullName: string;
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'deepcurrent-demo';

/** The three active demo accounts (a paid member, a free member, a support agent). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze([
  { email: 'ada@deepcurrent.test', password: DEMO_PASSWORD, plan: 'pro', role: 'member', fullName: 'Ada Lovelace' },
  { email: 'free@deepcurrent.test', password: DEMO_PASSWORD, plan: 'free', role: 'member', fullName: 'Grace Hopper' },
  {
    email: 'support@deepcurrent.test',
    password: DEMO_PASSWORD,
    plan: 'pro',
    role: 'support',
    fullName: 'Sam Support',
  },
]);

/**
 * A fourth seeded account that is marked inactive: signing in with the right password answers
 * `400 {"detail": "Inactive user"}`. (Any account can also be toggled with `RunningEmulator.setUserActive`.)
 */
export const INACTIVE_DEMO_ACCOUNT: DemoAccount = Object.freeze({
  email: 'inactive@deepcurrent.test',
  password: DEMO_PASSWORD,
  plan: 'free',
  role: 'member',
  fullName: 'Ina Active',
});
