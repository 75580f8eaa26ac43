/**
 * A curl command pasted into the tester: how to tell one from a path, and what main answers when it reads one
 * (`importCurl`). The request is relative to the active environment, like a composed one, and never carries a
 * credential: an `Authorization` header, `-u`, a cookie or a secret-named header in the command is recognised and
 * left out, and `credentialLeftOut` says so, for the tester to offer the account's own credential instead.
 */
import type { ComposedRequest } from './tester';

/** Whether a text typed or pasted into the URL or Path field is a curl command rather than a path. */
export function looksLikeCurl(text: string): boolean {
  return /^\s*(?:\$\s+)?curl(?:\.exe)?\s+\S/i.test(text);
}

/** Main's reading of a curl command. */
export interface CurlImport {
  request: Omit<ComposedRequest, 'auth'>;
  /** What the app did not take from the command, or changed, in words (one line each). */
  notes: string[];
  /** True when the command carried a credential that was left out (the tester then uses the account's own). */
  credentialLeftOut: boolean;
}
