/**
 * A real keychain for the benchmark on Linux, the way `npm test` gets one: unless a session was already made for
 * us, the benchmark restarts itself inside a private D-Bus session with an unlocked gnome-keyring and a fresh HOME,
 * so it measures the real Secret Service and never touches the developer's own keyring. Without
 * `dbus-run-session`/`gnome-keyring-daemon` (or with `--no-keyring-session`) it runs as it is, and the secret
 * store falls back to memory when no keychain answers; the report says which was used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set in the environment of the restarted benchmark. */
export const KEYRING_SESSION_ENV = 'DEEPCURRENT_KEYRING_SESSION';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * On Linux, reruns `node <execArgv> <script> <args>` inside a private keyring session and exits with its code.
 * Returns (does nothing) elsewhere, inside such a session, or when the tools are missing.
 */
export function reexecInKeyringSession(script: string, args: string[]): void {
  if (process.platform !== 'linux' || process.env[KEYRING_SESSION_ENV]) return;
  if (!hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) return;
  const home = mkdtempSync(join(tmpdir(), 'dc-bench-home-'));
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const node = [process.execPath, ...process.execArgv, script, ...args].map(quote).join(' ');
  const inner = `printf 'deepcurrent-bench' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec ${node}`;
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: join(home, '.local/share'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_RUNTIME_DIR: home,
      [KEYRING_SESSION_ENV]: '1',
    },
  });
  rmSync(home, { recursive: true, force: true });
  process.exit(run.status ?? 1);
}
