/**
 * Settings › Demo data (issue part 7, item 6), against the real main process and a fresh emulator per test: the
 * action exists only where main holds the Local emulator; it asks first in the app's dialog (Cancel focused, Escape
 * and Cancel change nothing), and after a confirmed reset the Local account needs a sign-in, saying why.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_DATA_RESET_REASON } from '../../src-main/accounts';
import type { LocalEmulatorControls } from '../../src-main/platform/ports';
import { useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import { button, click, goTo, pageText, press, queryButton, renderApp, waitFor } from './helpers';

const emulator = useEmulator({}, 'test');

const controls = (): LocalEmulatorControls => ({ demoSignIns: [], reset: () => emulator.current.running.reset() });
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

async function settingsWith(options: ConstructorParameters<typeof Backend>[1], environment?: 'custom'): Promise<Backend> {
  const main = new Backend(emulator.current, options);
  await main.signIn('ada@deepcurrent.test', 'token', environment ? { kind: 'custom', baseUrl: emulator.current.url } : { kind: 'local' });
  await renderApp(main);
  await goTo('Settings');
  return main;
}

describe('Settings › Reset demo data', () => {
  it('is not there without a Local environment (a packaged build)', async () => {
    await settingsWith({ localEmulatorUrl: null }, 'custom');
    expect(useAppStore.getState().app?.environments.map((e) => e.environment.kind)).toEqual(['production']);
    expect(queryButton('Reset demo data')).toBeNull();
    expect(pageText()).not.toContain('Demo data');
  });

  it('is not there when main cannot reset the Local emulator (one it does not own)', async () => {
    await settingsWith({});
    expect(useAppStore.getState().app?.environments.map((e) => e.environment.kind)).toContain('local');
    expect(queryButton('Reset demo data')).toBeNull();
  });

  it('asks first: Cancel is focused, and Escape or Cancel change nothing', async () => {
    const main = await settingsWith({ localEmulator: controls() });
    const open = button('Reset demo data');
    open.focus(); // as a real click does
    await click(open);
    expect(dialog()?.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(button('Cancel', dialog()!));
    await press('Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(open);
    await click(open);
    await click(button('Cancel', dialog()!));
    expect(dialog()).toBeNull();
    expect(main.count('resetDemoData')).toBe(0);
  });

  it('keeps the focus inside the dialog', async () => {
    await settingsWith({ localEmulator: controls() });
    await click(button('Reset demo data'));
    const box = dialog()!;
    const [cancel, confirm] = [button('Cancel', box), button('Reset demo data', box)];
    await press('Tab', {}, confirm);
    expect(document.activeElement).toBe(cancel);
    await press('Tab', { shiftKey: true }, cancel);
    expect(document.activeElement).toBe(confirm);
  });

  it('resets after the confirmation; the Local account then needs a sign-in, saying why', async () => {
    const main = await settingsWith({ localEmulator: controls() });
    await click(button('Reset demo data'));
    await click(button('Reset demo data', dialog()!));
    expect(main.count('resetDemoData')).toBe(1);
    await waitFor(() => pageText().includes('The demo data was reset. Local accounts need to sign in again.'));
    const account = useAppStore.getState().app!.accounts[0]!;
    expect(account).toMatchObject({ needsSignIn: true, signInReason: DEMO_DATA_RESET_REASON });
    await goTo('Account');
    expect(pageText()).toContain(DEMO_DATA_RESET_REASON);
  });
});
