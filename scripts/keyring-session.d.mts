/** Types of scripts/keyring-session.mjs (the private D-Bus + gnome-keyring session of `npm test` and the bench). */

/** Set in the environment of the restarted process. */
export declare const KEYRING_SESSION_ENV: 'DEEPCURRENT_KEYRING_SESSION';

/**
 * On Linux, reruns `node <execArgv> <script> <args>` inside a private keyring session and exits with its code.
 * Returns false (does nothing) elsewhere or when the tools are missing, true inside such a session.
 */
export declare function reexecInKeyringSession(script: string, args: string[], options?: { label?: string; cwd?: string }): boolean;
