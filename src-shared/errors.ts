/**
 * Errors as data. Every failure that crosses a process boundary is an `AppError`: a `kind` the UI can switch on
 * exhaustively and a `message` written for a person. Messages never contain a secret or a stack trace.
 */
export const ERROR_KINDS = [
  /** The input failed validation before anything was sent (bad key format, bad URL, bad payload). */
  'invalid-input',
  /** 400 from the login endpoint: wrong email or password, or an inactive user. */
  'bad-credentials',
  /** 401, or a JWT whose `exp` has passed: the credential is missing, invalid, expired or revoked; sign in again. */
  'unauthorized',
  /** 403: the credential is valid but a plan or role is needed; the user stays signed in. */
  'forbidden',
  /** 404 */
  'not-found',
  /** 409: the state does not allow it (already revealed, request already open, not issued yet…). */
  'conflict',
  /** 422 from the server. */
  'unprocessable',
  /** 429, with `retryAfterSeconds`. */
  'rate-limited',
  /** 5xx from the server. */
  'server',
  /** The server answered something the app cannot read (invalid JSON, wrong shape); the message names the call and
   * the first problem. */
  'bad-response',
  /** The server does not offer this (it answered 404 or 405 to an endpoint of the contract, or never reports what the
   * feature needs): trying again will not help. */
  'unsupported',
  /** The server could not be reached (refused, DNS, reset). */
  'network',
  /** No answer within the time limit. */
  'timeout',
  /** The user cancelled the request. */
  'cancelled',
  /** The OS keychain refused or failed. */
  'keychain',
  /** A request to a different origin than the active environment, which would leak a credential. */
  'origin-refused',
  /** There is no active account, or the account lacks the credential the action needs. */
  'not-signed-in',
  /** Not possible here: a development-only action in a packaged build, or something the system would not do. */
  'unavailable',
  /** Anything else; the message is generic and the detail stays in the main process. */
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * A failure that crosses IPC. `status` and `retryAfterSeconds` are present where the server sent them. `detail` is a
 * technical detail for a support conversation (a system error code such as `ECONNREFUSED`), shown apart from the
 * message, which stays in plain words.
 */
export interface AppError {
  kind: ErrorKind;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  detail?: string;
}

/**
 * The one shape of an outcome, everywhere in the app: what every IPC call answers (never a thrown Error, the error
 * an `AppError`), and inside a process any step that can fail with its own kind of error `E`.
 */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <T = never, E = AppError>(error: E): Result<T, E> => ({ ok: false, error });
