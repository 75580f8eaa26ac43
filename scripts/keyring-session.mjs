/**
 * A real keychain for `npm test` and `npm run bench` on Linux: unless a session was already made for us, the
 * caller restarts itself inside a private D-Bus session with an unlocked gnome-keyring and a fresh HOME, so it uses
 * the real Secret Service and never touches the developer's own keyring. Without `dbus-run-session` /
 * `gnome-keyring-daemon` it runs as it is (the caller says what that means for it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set in the environment of the restarted process. */
export const KEYRING_SESSION_ENV = 'DEEPCURRENT_KEYRING_SESSION';

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** A word for `sh -c`, quoted so that nothing in it is expanded. */
const quote = (word) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * On Linux, reruns `node <execArgv> <script> <args>` inside a private keyring session and exits with its code.
 * Returns false (does nothing) elsewhere or when the tools are missing, true inside such a session.
 */
export function reexecInKeyringSession(script, args, options = {}) {
  if (process.env[KEYRING_SESSION_ENV]) return true;
  if (process.platform !== 'linux') return false;
  if (!hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) return false;
  const label = options.label ?? 'session';
  const home = mkdtempSync(join(tmpdir(), `dc-${label}-home-`));
  const node = [process.execPath, ...process.execArgv, script, ...args].map(quote).join(' ');
  const inner = `printf ${quote(`deepcurrent-${label}`)} | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec ${node}`;
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    stdio: 'inherit',
    cwd: options.cwd,
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
