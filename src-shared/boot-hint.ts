/**
 * The boot hint: what the main process (or the start:web server) tells the page before any of its JavaScript runs,
 * so that the first paint is already right.
 *
 * - `signin=<shell key>`: nobody is signed in and nothing needs saying, so the first screen will be the plain
 *   sign-in form. The production build carries that form prerendered (hidden) in `index.html`, keyed by the
 *   environments it was rendered with; `boot.js` shows it only when the keys match, and the React app takes it over
 *   (keeping what was typed) as soon as it has loaded. Any other state shows nothing until React renders.
 * - `theme=light|dark`: the Theme setting when it overrides the OS, applied before the first paint.
 *
 * Electron passes it as the query of the `file:` URL; start:web writes it into `<html data-boot="…">` each time it
 * serves `index.html`. It never holds anything private (no email, no account, no URL of a custom environment).
 */
import { environmentLabel, type Environment } from './environments';
import { DEFAULT_SETTINGS, type AppState, type EnvironmentOption } from './models';

/** The query parameter (and `data-boot` key) that names the prerendered sign-in form to show. */
export const SIGN_IN_HINT = 'signin';

/** The attribute of `<html>` that start:web fills with the hint. */
export const BOOT_HINT_ATTRIBUTE = 'data-boot';

/**
 * Names a list of environment options as the sign-in form shows them: their kinds in order, the default one
 * starred, e.g. `*local,production`. The prerendered form is shown only for the same key.
 */
export function signInShellKey(environments: readonly EnvironmentOption[]): string {
  return environments.map((e) => `${e.isDefault ? '*' : ''}${e.environment.kind}`).join(',');
}

/** True when the first screen for this state is the sign-in form exactly as prerendered: no account, no banner. */
export function startsWithPlainSignIn(state: AppState): boolean {
  return state.accounts.length === 0 && state.secretStorage.persistent && state.notices.length === 0;
}

/** The hint for a state, as a query string without `?` (empty when there is nothing to say). */
export function bootHint(state: AppState): string {
  const params = new URLSearchParams();
  if (startsWithPlainSignIn(state)) params.set(SIGN_IN_HINT, signInShellKey(state.environments));
  if (state.settings.theme !== 'system') params.set('theme', state.settings.theme);
  return params.toString();
}

/**
 * The environments the sign-in form offers (the local emulator only in development builds, and then as the
 * default), without their base URLs: the main process lists them from here, and the build prerenders the form
 * with them, so the two cannot drift apart.
 */
export function firstRunEnvironments(includeLocal: boolean): EnvironmentOption[] {
  const list: EnvironmentOption[] = [];
  const option = (environment: Environment, isDefault: boolean): EnvironmentOption => ({
    environment,
    label: environmentLabel(environment),
    baseUrl: '',
    isDefault,
  });
  if (includeLocal) list.push(option({ kind: 'local' }, true));
  list.push(option({ kind: 'production' }, !includeLocal));
  return list;
}

/** A first run's state: no account, the keychain available, nothing to say. */
export function firstRunState(includeLocal: boolean): AppState {
  return {
    accounts: [],
    activeAccountId: null,
    environments: firstRunEnvironments(includeLocal),
    settings: { ...DEFAULT_SETTINGS },
    secretStorage: { persistent: true, message: null },
    notices: [],
    logsFolder: null,
    canResetDemoData: false,
    systemNotifications: false,
  };
}
