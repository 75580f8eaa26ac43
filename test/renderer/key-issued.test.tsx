/**
 * When support issues the new key while the user is on another screen: the app keeps checking the open request,
 * main notifies once, the API key navigation item shows a dot until the user opens that screen, the page shows its
 * own notice where main shows no system notification (start:web), and a click on the system notification opens
 * the API key screen of its account. The polling runs on fake timers; the main process and the emulator are real.
 */
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import { advance, button, byLabel, choose, click, goTo, pageText, queryButton, renderApp, waitFor } from './helpers';

const emulator = useEmulator({}, 'test');
const ADA = 'ada@deepcurrent.test';
const FREE = 'free@deepcurrent.test';
const navItem = (name: string) => button(name, document.querySelector('nav[aria-label="Main"]')!);
const hasDot = () => navItem('API key').querySelector('.nav-dot') !== null;
const heading = () => document.querySelector('main h1')?.textContent;
const settle = (main: Backend) => act(() => main.settle());

/** Ada, signed in with her password, with a request for a new key opened through the app and left Pending. */
async function withPendingRequest(main: Backend) {
  await main.signIn(ADA, 'token');
  await renderApp(main);
  await goTo('API key');
  await waitFor(() => queryButton('Request a new key'));
  await click(button('Request a new key'));
  await click(byLabel('Lost'));
  await click(button('Submit request'));
  await waitFor(() => pageText().includes('Status: Pending'));
}

/** Lets the watch of the open request check again (2 s, then 4 s…), with the main process's answers landing. */
async function nextChecks(main: Backend, ms = 6000) {
  await advance(ms, vi);
  await settle(main);
  await advance(0, vi);
}

describe('when the new key is issued', () => {
  it('marks the API key item with a dot and shows the page’s own notice until the screen is opened', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const main = new Backend(emulator.current);
    await withPendingRequest(main);
    await goTo('Settings');
    await nextChecks(main);
    expect(hasDot()).toBe(false);
    expect(main.notifier.shown).toHaveLength(0);

    await emulator.current.issueOpenRequest(ADA);
    await nextChecks(main, 10_000);

    await waitFor(() => hasDot());
    expect(main.notifier.shown).toHaveLength(1);
    expect(navItem('API key').getAttribute('aria-describedby')).toBe('nav-key-news');
    expect(document.getElementById('nav-key-news')?.textContent).toBe('Your new key has been issued');
    expect(pageText()).toContain('Your new API key is ready');
    expect(heading()).toBe('Settings');

    // Other screens keep the dot; opening the screen (here from the notice) clears both.
    await goTo('Account');
    expect(hasDot()).toBe(true);
    await click(button('Open the API key screen'));
    expect(heading()).toBe('API key');
    expect(hasDot()).toBe(false);
    expect(pageText()).not.toContain('Your new API key is ready');
    await waitFor(() => queryButton('Reveal new key'));
    await goTo('Settings');
    expect(hasDot()).toBe(false);
    expect(main.notifier.shown).toHaveLength(1);
  });

  it('with system notifications: no notice in the page, and a click on the notification opens the API key screen of its account', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const main = new Backend(emulator.current, { systemNotifications: true });
    await main.signIn(FREE, 'token');
    await withPendingRequest(main);
    expect(main.listenerCount('openScreen')).toBe(1);
    await goTo('Request tester');
    await emulator.current.issueOpenRequest(ADA);
    await nextChecks(main, 10_000);
    await waitFor(() => hasDot());
    expect(main.notifier.shown).toHaveLength(1);
    expect(pageText()).not.toContain('Your new API key is ready');

    // The user moved to another account meanwhile; the notification still opens Ada's API key screen.
    await goTo('Account');
    await choose(byLabel<HTMLSelectElement>('Account'), `${FREE} — Local emulator`);
    await waitFor(() => pageText().includes(`Email: ${FREE}`));
    const adaId = main.notifier.shown[0]!.opens.accountId;
    main.clickNotice(0);
    await waitFor(() => heading() === 'API key' && useAppStore.getState().app?.activeAccountId === adaId);
    await waitFor(() => queryButton('Reveal new key'));
    expect(hasDot()).toBe(false);
  });
});
