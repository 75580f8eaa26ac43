/**
 * Credential formats from the DeepCurrent API contract. Pure functions, usable in every process; they never log
 * or return the credential itself.
 */

/** Matches an API key (`dc_` followed by at least 32 characters of `[A-Za-z0-9_-]`) anywhere in a text (for redaction). */
export const API_KEY_ANYWHERE = /dc_[A-Za-z0-9_-]{32,}/g;

/** Matches a JWT (three base64url parts, the first starting with `eyJ`) anywhere in a text (for redaction). */
export const JWT_ANYWHERE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Explains why a string is not an API key, or returns null when it is one. */
export function apiKeyFormatProblem(value: string): string | null {
  const v = value.trim();
  if (v.length === 0) return 'Enter your API key.';
  if (!v.startsWith('dc_')) return 'DeepCurrent API keys start with "dc_".';
  if (!/^dc_[A-Za-z0-9_-]*$/.test(v)) return 'An API key contains only letters, digits, "-" and "_" after "dc_".';
  if (v.length < 35) return 'This API key is too short: it should have at least 32 characters after "dc_".';
  return null;
}

/** The last four characters, the only part of a key the UI shows after the reveal. */
export function last4(value: string): string {
  return value.slice(-4);
}

/** Replaces every API key and JWT in a text by a placeholder. */
export function redactSecrets(text: string): string {
  // Every API key contains `dc_` and every JWT `eyJ`; most texts contain neither, so skip the patterns for them.
  if (!text.includes('dc_') && !text.includes('eyJ')) return text;
  return text.replace(API_KEY_ANYWHERE, 'dc_…REDACTED').replace(JWT_ANYWHERE, 'REDACTED_JWT');
}
