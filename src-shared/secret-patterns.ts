/**
 * What looks secret in a request the user typed: names (of headers, query rows, form fields and JSON keys) that say
 * a secret follows, and values that look like credentials whatever their name. Pure: usable in every process.
 *
 * The rules, and why (false positives only mask a value in history; a false negative writes a secret out):
 * - a name is secret when, lower-cased and with everything but letters and digits removed, it contains `pass`,
 *   `secret`, `token`, `key`, `auth`, `session`, `cookie`, `signature` or `credential` (`X-Auth-Token`,
 *   `new_password`, `apiKey`, `client-secret`, `passphrase`). Only the whole names `author`, `authors`, `keyword`
 *   and `keywords` are let through; `sort_key`, `max_tokens` or `session_count` are masked too, knowingly;
 * - a value is a credential when it holds a DeepCurrent API key (`dc_…`), a JWT, a run of at least 32 characters of
 *   the base64 / base64url alphabet that mixes upper case, lower case and digits, or a run of at least 40 hex
 *   digits that mixes digits and letters. Ordinary words (no digits, or one case), sentences (spaces break runs),
 *   UUIDs (one case, and hyphens cut their hex into groups of at most 12) and ISO dates are left alone.
 */
import { redactSecrets } from './credentials';

/** What a redacted value becomes. */
export const REDACTED = 'REDACTED';

/** The stems of secret names, compared with the name lower-cased and without separators. */
export const SECRET_NAME_STEMS = ['pass', 'secret', 'token', 'key', 'auth', 'session', 'cookie', 'signature', 'credential'] as const;

/** Whole names that contain a stem but are ordinary words. */
const ORDINARY_NAMES: ReadonlySet<string> = new Set(['author', 'authors', 'keyword', 'keywords']);

/** The shortest base64 / base64url run taken for a credential (it must also mix upper case, lower case and digits). */
export const MIN_BASE64_RUN = 32;
/** The shortest run of hex digits taken for a credential (it must also mix digits and letters). */
export const MIN_HEX_RUN = 40;

/** Compares names case- and separator-insensitively: `X-Auth-Token`, `x_auth_token` and `XAuthToken` are one. */
function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether a header, query parameter, form field or JSON key is named like a secret. */
export function isSecretName(name: string): boolean {
  const normalised = normaliseName(name);
  if (ORDINARY_NAMES.has(normalised)) return false;
  return SECRET_NAME_STEMS.some((stem) => normalised.includes(stem));
}

const BASE64_RUN = new RegExp(`[A-Za-z0-9+/_-]{${MIN_BASE64_RUN},}={0,2}`, 'g');
/** The same run where `/` separates (a path's segments are judged one by one). */
const BASE64URL_RUN = new RegExp(`[A-Za-z0-9+_-]{${MIN_BASE64_RUN},}={0,2}`, 'g');
const HEX_RUN = new RegExp(`(?<![0-9A-Za-z])[0-9A-Fa-f]{${MIN_HEX_RUN},}(?![0-9A-Za-z])`, 'g');

function mixesCases(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

function mixesHex(run: string): boolean {
  return /[0-9]/.test(run) && /[A-Fa-f]/.test(run);
}

/**
 * Replaces every credential-looking part of a text: API keys and JWTs (by their placeholders `dc_…REDACTED` and
 * `REDACTED_JWT`), long mixed base64 runs and long hex runs (by `REDACTED`). With `slashSeparates`, a `/` ends a
 * run, as between the segments of a path.
 */
export function maskCredentialRuns(text: string, options: { slashSeparates?: boolean } = {}): string {
  if (text.length < 32 && !text.includes('dc_') && !text.includes('eyJ')) return text;
  const known = redactSecrets(text);
  const base64 = options.slashSeparates ? BASE64URL_RUN : BASE64_RUN;
  return known
    .replace(base64, (run) => (mixesCases(run) ? REDACTED : run))
    .replace(HEX_RUN, (run) => (mixesHex(run) ? REDACTED : run));
}

/** Whether a value holds anything `maskCredentialRuns` would mask. */
export function looksLikeCredential(value: string): boolean {
  return maskCredentialRuns(value) !== value;
}
