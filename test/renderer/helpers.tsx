/**
 * Small DOM helpers for the renderer tests, on `react-dom/client` and React's `act` (no testing-library): mount
 * the app against a `window.deepcurrent` (the real main process, `real-backend.ts`), find controls the way a user names them (label text, button text),
 * and type, click, choose and press keys with the events React listens to.
 */
import { EditorView } from '@codemirror/view';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from '../../src-renderer/app';
import { ErrorBoundary } from '../../src-renderer/components/error-boundary';
import { resetAppStore, useAppStore } from '../../src-renderer/store';
import type { DeepCurrentApi } from '../../src-shared/ipc-contract';

const realSetTimeout = globalThis.setTimeout;
const mounted: { root: Root; container: HTMLElement }[] = [];

/** Lets promises and React work settle (several rounds, for chained awaits). */
export async function flush(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

/** Retries `check` until it returns something truthy (real time, so it works under fake timers too). */
export async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 3000): Promise<T> {
  let waited = 0;
  for (;;) {
    const value = check();
    if (value) return value;
    if (waited > timeoutMs) throw new Error('waitFor: condition not met');
    await act(async () => {
      await new Promise((resolve) => realSetTimeout(resolve, 10));
    });
    waited += 10;
  }
}

/** Mounts the whole app against a backend's `window.deepcurrent` and waits for the first state. */
export async function renderApp(backend: { api: DeepCurrentApi }): Promise<HTMLElement> {
  window.deepcurrent = backend.api;
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted.push({ root, container });
  // As main.tsx: the state is asked for first, then the app is mounted.
  await act(() => useAppStore.getState().loadApp());
  await act(async () => {
    root.render(
      <ErrorBoundary>
        <App />
      </ErrorBoundary>,
    );
  });
  await waitFor(() => useAppStore.getState().app);
  await flush();
  return container;
}

/** Unmounts everything and resets the store (called after each test by setup.ts). */
export async function cleanup(): Promise<void> {
  for (const { root, container } of mounted.splice(0)) {
    await act(async () => root.unmount());
    container.remove();
  }
  document.body.innerHTML = '';
  delete document.documentElement.dataset.theme;
  delete window.deepcurrent;
  resetAppStore();
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The control labelled exactly `label` (by `<label>`, `aria-label` or `aria-labelledby`), or null. */
export function queryByLabel(label: string, root: ParentNode = document.body): HTMLElement | null {
  for (const el of Array.from(root.querySelectorAll<HTMLLabelElement>('label'))) {
    if (norm(el.textContent) !== label) continue;
    if (el.htmlFor) {
      const target = document.getElementById(el.htmlFor);
      if (target) return target;
    }
    const inner = el.querySelector<HTMLElement>('input, select, textarea');
    if (inner) return inner;
  }
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[aria-label]'))) {
    if (norm(el.getAttribute('aria-label')) === label) return el;
  }
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[aria-labelledby]'))) {
    const text = (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((id) => norm(document.getElementById(id)?.textContent))
      .join(' ');
    if (norm(text) === label) return el;
  }
  return null;
}

/** Like `queryByLabel`, but throws when there is none. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(label: string, root?: ParentNode): T {
  const el = queryByLabel(label, root);
  if (!el) throw new Error(`No control labelled "${label}"`);
  return el as T;
}

/** The button whose accessible name (aria-label, else text) is exactly `name`, or null. */
export function queryButton(name: string, root: ParentNode = document.body): HTMLButtonElement | null {
  return (
    Array.from(root.querySelectorAll('button')).find((b) => norm(b.getAttribute('aria-label') ?? b.textContent) === name) ?? null
  );
}

/** Like `queryButton`, but throws when there is none. */
export function button(name: string, root?: ParentNode): HTMLButtonElement {
  const b = queryButton(name, root);
  if (!b) throw new Error(`No button "${name}"`);
  return b;
}

/** The page's visible text, whitespace collapsed. */
export function pageText(): string {
  return norm(document.body.textContent);
}

/** True when some element's whole text is exactly `text`. */
export function hasText(text: string, root: ParentNode = document.body): boolean {
  return Array.from(root.querySelectorAll<HTMLElement>('*')).some((el) => norm(el.textContent) === text);
}

/** Clicks, then lets the resulting work settle. */
export async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
  await flush();
}

/** Sets an input's or text area's value the way typing does, so React sees the change. */
export async function type(el: HTMLElement, value: string): Promise<void> {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Chooses an option of a select by its value or its text. */
export async function choose(select: HTMLSelectElement, valueOrText: string): Promise<void> {
  const option = Array.from(select.options).find((o) => o.value === valueOrText || norm(o.textContent) === valueOrText);
  if (!option) throw new Error(`No option "${valueOrText}"`);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, option.value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

/** Submits the form an element belongs to (as pressing Enter in it would). */
export async function submit(el: HTMLElement): Promise<void> {
  const form = el.closest('form');
  if (!form) throw new Error('not in a form');
  await act(async () => {
    form.requestSubmit();
  });
  await flush();
}

/** Dispatches a keydown on an element (or the focused element). */
export async function press(key: string, init: KeyboardEventInit = {}, target?: Element | null): Promise<void> {
  const el = target ?? document.activeElement ?? document.body;
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
  await flush();
}

/** Advances fake timers by `ms` in steps (a second by default), letting React render after each step. */
export async function advance(ms: number, vi: { advanceTimersByTime(ms: number): unknown }, step = 1000): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    await act(async () => {
      vi.advanceTimersByTime(Math.min(step, left));
    });
  }
  await flush();
}

/** Navigates with the main navigation and waits for the screen's heading. */
export async function goTo(name: 'Account' | 'API key' | 'Request tester' | 'Settings'): Promise<void> {
  const nav = document.querySelector('nav[aria-label="Main"]');
  if (!nav) throw new Error('no main navigation');
  await click(button(name, nav));
  await waitFor(() => Array.from(document.querySelectorAll('h1')).find((h) => norm(h.textContent) === name));
  await flush();
}

/** The tab named exactly `name`. */
export function tab(name: string): HTMLButtonElement {
  const found = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]')).find((t) => norm(t.textContent) === name);
  if (!found) throw new Error(`No tab "${name}"`);
  return found;
}

/** The code editor (CodeMirror) whose text is labelled `label`, once it has loaded. */
export async function editor(label: string): Promise<EditorView> {
  const content = await waitFor(() => queryByLabel(label));
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error(`"${label}" is not a code editor`);
  return view;
}

/** Replaces the text of a code editor as typing would (through CodeMirror's own update, so listeners see it). */
export async function typeInEditor(label: string, text: string): Promise<void> {
  const view = await editor(label);
  await act(async () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' });
  });
  await flush();
}

/** The whole text of a code editor (the DOM holds only the lines in view). */
export async function editorText(label: string): Promise<string> {
  return (await editor(label)).state.doc.toString();
}

/** A tab of a tab list, by the list's name and the start of the tab's name (`Body` finds `Body (JSON)`). */
export function tabIn(list: string, name: string): HTMLButtonElement {
  const tablist = document.querySelector(`[role="tablist"][aria-label="${list}"]`);
  const found = Array.from(tablist?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? []).find((t) => {
    const named = t.cloneNode(true) as HTMLElement;
    for (const hidden of Array.from(named.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
    const text = norm(named.textContent);
    return text === name || text.startsWith(`${name} (`);
  });
  if (!found) throw new Error(`No tab "${name}" in "${list}"`);
  return found;
}

/** Opens a part of the request (`Query`, `Headers`, `Body`, `Authorization`, `Copy as`). */
export async function requestPart(name: string): Promise<void> {
  await click(tabIn('Request parts', name));
}

/** The text of the code editor labelled `label` right now, or null when there is none (yet). */
export function editorTextNow(label: string): string | null {
  const content = queryByLabel(label);
  return content ? (EditorView.findFromDOM(content)?.state.doc.toString() ?? null) : null;
}
