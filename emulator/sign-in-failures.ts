/**
 * The contract's sign-in lockout: 5 failed sign-ins for one email within 60 s lock that email for 60 s from its
 * last failure (the right password included); other emails are not affected.
 */
import { normalizeEmail } from './email';

/** Failed sign-ins for one email within this window lock it. */
export const LOCKOUT_WINDOW_MS = 60_000;
/** How many failures within the window lock an email. */
export const LOCKOUT_THRESHOLD = 5;

/** Failed sign-ins per email, on an injectable clock. */
export class SignInFailures {
  private readonly byEmail = new Map<string, { times: number[]; lockedUntil: number }>();
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Seconds until this email may try to sign in again (1–60), or 0 when it is not locked. */
  lockedForSeconds(email: string): number {
    const entry = this.byEmail.get(normalizeEmail(email));
    const left = entry ? entry.lockedUntil - this.now() : 0;
    return left > 0 ? Math.min(60, Math.max(1, Math.ceil(left / 1000))) : 0;
  }

  /** Records a failed sign-in; the 5th failure within 60 s locks the email for 60 s from now. */
  record(email: string): void {
    const key = normalizeEmail(email);
    const now = this.now();
    const entry = this.byEmail.get(key) ?? { times: [], lockedUntil: 0 };
    entry.times = entry.times.filter((t) => now - t < LOCKOUT_WINDOW_MS);
    entry.times.push(now);
    if (entry.times.length >= LOCKOUT_THRESHOLD) entry.lockedUntil = now + LOCKOUT_WINDOW_MS;
    this.byEmail.set(key, entry);
  }

  /** Forgets the failures of an email after a successful sign-in. */
  clear(email: string): void {
    this.byEmail.delete(normalizeEmail(email));
  }
}
