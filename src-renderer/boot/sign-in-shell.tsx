/**
 * Build time only (the `deepcurrent:sign-in-shell` plugin in `electron.vite.config.ts` runs it in Node): renders
 * the app as a first run shows it — no account, the keychain available, no notice — with the same components,
 * to static HTML. The production `index.html` carries it hidden inside `#root`; `boot.js` shows it when the boot
 * hint names the same environments, so the sign-in form is on screen and takes input before React has loaded, and
 * `handoff.ts` carries what was typed into the live form.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { firstRunState, signInShellKey } from '../../src-shared/boot-hint';
import { App } from '../app';
import { resetAppStore, useAppStore } from '../store';
import { SHELL_ATTRIBUTE } from './handoff';

/** The hidden wrapper with the first run's app inside, ready to go into `#root`. */
export function renderSignInShell(includeLocal: boolean): string {
  const state = firstRunState(includeLocal);
  // A server render reads zustand's server snapshot, which is the store's initial state object: this module runs
  // in a throwaway module graph at build time, so that object is set to the first run's state for the render, and
  // put back after.
  const initial = useAppStore.getInitialState();
  const saved = { app: initial.app, screen: initial.screen };
  Object.assign(initial, { app: state, screen: 'sign-in' });
  resetAppStore();
  try {
    const markup = renderToStaticMarkup(<App />);
    return `<div ${SHELL_ATTRIBUTE}="${signInShellKey(state.environments)}" hidden>${markup}</div>`;
  } finally {
    Object.assign(initial, saved);
    resetAppStore();
  }
}
