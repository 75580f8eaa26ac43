import { describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../../src-renderer/components/error-boundary';
import type { DeepCurrentApi } from '../../src-shared/ipc-contract';
import { Backend, useEmulator } from './real-backend';
import { button, byLabel, choose, click, goTo, pageText, renderApp, type, waitFor } from './helpers';

const emulator = useEmulator();

async function signedIn(): Promise<Backend> {
  const main = new Backend(emulator.current);
  await main.signIn('ada@deepcurrent.test', 'api-key');
  return main;
}

describe('settings screen', () => {
  it('refuses out-of-range values with a clear message and loses nothing typed', async () => {
    const main = await signedIn();
    await renderApp(main);
    await goTo('Settings');
    const clipboard = byLabel<HTMLInputElement>('Clear clipboard after (seconds)');
    const timeout = byLabel<HTMLInputElement>('Request timeout (seconds)');
    expect(clipboard.value).toBe('30');
    await type(clipboard, '5');
    await type(timeout, '45');
    await click(button('Save settings'));
    expect(main.count('updateSettings')).toBe(0);
    expect(pageText()).toContain('Choose between 10 and 600 seconds.');
    expect(clipboard.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(clipboard);
    expect(clipboard.value).toBe('5');
    expect(timeout.value).toBe('45');
  });

  it('saves valid values and applies the theme to the page', async () => {
    const main = await signedIn();
    await renderApp(main);
    await goTo('Settings');
    await type(byLabel('Clear clipboard after (seconds)'), '90');
    await type(byLabel('Request timeout (seconds)'), '300');
    await choose(byLabel<HTMLSelectElement>('Theme'), 'Dark');
    await click(button('Save settings'));
    expect(main.lastRequest('updateSettings')).toEqual({
      clipboardClearSeconds: 90,
      requestTimeoutSeconds: 300,
      theme: 'dark',
    });
    await waitFor(() => pageText().includes('Settings saved.'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(JSON.parse(main.kv.toJSON()).settings).toEqual({ clipboardClearSeconds: 90, requestTimeoutSeconds: 300, theme: 'dark' });
    await choose(byLabel<HTMLSelectElement>('Theme'), 'System');
    await click(button('Save settings'));
    await waitFor(() => document.documentElement.dataset.theme === undefined);
  });

  it('shows the main process’s message when saving fails, keeping the form', async () => {
    const main = await signedIn();
    await renderApp(main);
    await goTo('Settings');
    await type(byLabel('Request timeout (seconds)'), '60');
    main.kv.crashOnNextWrite();
    await click(button('Save settings'));
    await waitFor(() => document.querySelector('[role="alert"]')?.textContent);
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Something went wrong in DeepCurrent Desktop. Please try again.');
    expect(byLabel<HTMLInputElement>('Request timeout (seconds)').value).toBe('60');
  });
});

describe('error boundary', () => {
  it('shows one calm sentence instead of a stack trace', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new Error('secret internals at render.ts:12');
    }
    const container = document.createElement('div');
    document.body.appendChild(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <ErrorBoundary>
          <Broken />
        </ErrorBoundary>,
      );
    });
    expect(container.textContent).toBe('Something went wrong. Reload the window.');
    expect(container.innerHTML).not.toContain('render.ts');
    await act(async () => root.unmount());
    quiet.mockRestore();
  });
});

describe('a broken bridge', () => {
  it('answers with a plain error instead of throwing', async () => {
    // Not the main process failing (its router never throws): the bridge object itself is broken.
    const container = document.createElement('div');
    document.body.appendChild(container);
    window.deepcurrent = {
      getState: () => {
        throw new Error('ipc exploded');
      },
    } as unknown as DeepCurrentApi;
    const { App } = await import('../../src-renderer/app');
    const { useAppStore } = await import('../../src-renderer/store');
    const root = createRoot(container);
    await act(() => useAppStore.getState().loadApp()); // as main.tsx does before mounting
    await act(async () => root.render(<App />));
    await waitFor(() => container.textContent?.includes('could not reach its main process'));
    expect(container.textContent).not.toContain('ipc exploded');
    await act(async () => root.unmount());
  });
});
