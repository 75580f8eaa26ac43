/**
 * API keys: `dc_` + 40 base64url characters. The server keeps only a sha256 fingerprint and the last four characters.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A credential shaped like an API key: `dc_` and at least 32 characters of `[A-Za-z0-9_-]`. */
export const API_KEY_PATTERN = /^dc_[A-Za-z0-9_-]{32,}$/;

/** A new API key: `dc_` + 40 base64url characters from 30 random bytes. */
export function generateApiKey(): string {
  return `dc_${randomBytes(30).toString('base64url')}`;
}

/** The server-side fingerprint of an API key (sha256, hex); the plaintext itself is never kept once revealed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
