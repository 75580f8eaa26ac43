/**
 * How the emulator compares email addresses.
 */

/** An email as the server compares it: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
