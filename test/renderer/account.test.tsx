import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startEmulator } from '../../emulator/server';
import { useAppStore } from '../../src-renderer/store';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { Backend, EmulatorHandle, useEmulator } from './real-backend';
import { advance, button, byLabel, choose, click, goTo, hasText, pageText, queryButton, renderApp, waitFor } from './helpers';

const emulator = useEmulator();
const backend = () => new Backend(emulator.current);
const heading = () => document.querySelector('main h1')?.textContent;

describe('account screen', () => {
  it('shows who is signed in, how, the held key as dc_…last4 and when it was last verified', async () => {
    const main = backend();
    const account = await main.signIn('ada@deepcurrent.test', 'api-key');
    await renderApp(main);
    expect(heading()).toBe('Account');
    await waitFor(() => main.count('refreshProfile') === 1 && pageText().includes('Last verified'));
    const text = pageText();
    expect(text).toContain('Email: ada@deepcurrent.test');
    expect(text).toContain('Full name: Ada Lovelace');
    expect(text).toContain('Plan: Pro');
    expect(text).toContain('Role: Member');
    expect(hasText('Signed in with: API key')).toBe(true);
    expect(hasText(`API key: dc_…${account.apiKeyLast4}`)).toBe(true);
    expect(text).toMatch(/Last verified \S/);
    expect(main.count('refreshProfile')).toBe(1);
  });

  it('says when the app holds no API key', async () => {
    const main = backend();
    await main.signIn('ada@deepcurrent.test', 'token');
    await renderApp(main);
    expect(hasText('Signed in with: session token')).toBe(true);
    expect(hasText('API key: No API key held by this app')).toBe(true);
  });

  it('counts the session down live and asks for the password again when it runs out', async () => {
    // The emulator, the main process and the window share this clock: the token is 30 s old when the app opens.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: Math.floor(Date.now() / 1000) * 1000 });
    const main = backend();
    await main.signIn('ada@deepcurrent.test', 'token');
    vi.setSystemTime(Date.now() + 30_000);
    await renderApp(main);
    expect(hasText('Session: Expires in 29 min')).toBe(true);
    await advance(60_000, vi);
    expect(hasText('Session: Expires in 28 min')).toBe(true);
    await advance(28 * 60_000, vi, 60_000);
    expect(hasText('Session: Expires in 30 s')).toBe(true);
    expect(queryButton('Sign in again')).toBeNull();
    await advance(30_000, vi);
    expect(hasText('Session: Session expired')).toBe(true);
    expect(pageText()).toContain('Sign in again with your password');
    await click(button('Sign in again'));
    expect(heading()).toBe('Sign in to DeepCurrent');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    expect(document.activeElement).toBe(document.querySelector('main h1'));
  });

  it('leads a 401 to the sign-in prompt once, never in a loop', async () => {
    // The session token was issued by an emulator that has since restarted: the running one answers 401.
    const before = new EmulatorHandle(await startEmulator({ port: 0, quiet: true, scryptCost: 1024 }));
    onTestFinished(() => before.running.close());
    const kv = new MemoryKv();
    const secrets = new MemorySecretStore();
    await new Backend(before, { kv, secrets }).signIn('ada@deepcurrent.test', 'token');
    const main = new Backend(emulator.current, { kv, secrets });
    await renderApp(main);
    await waitFor(() => heading() === 'Sign in to DeepCurrent');
    expect(pageText()).toContain('Your sign-in is no longer valid (missing, invalid, expired or revoked credential). Please sign in again.');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    await main.settle();
    const stateCalls = main.count('getState');
    // Back to the account: it shows the prompt and does not call (or bounce) again.
    await click(button('Cancel'));
    expect(heading()).toBe('Account');
    expect(pageText()).toContain('Session expired');
    await click(button('Refresh'));
    await main.settle();
    expect(heading()).toBe('Account');
    expect(main.count('getState')).toBe(stateCalls);
    expect(main.count('refreshProfile')).toBeLessThanOrEqual(2);
  });

  it('stays signed in when the server refuses the account (inactive) and shows its message', async () => {
    const main = backend();
    await main.signIn('free@deepcurrent.test', 'token');
    emulator.current.running.setUserActive('free@deepcurrent.test', false);
    onTestFinished(() => emulator.current.running.setUserActive('free@deepcurrent.test', true));
    await renderApp(main);
    await waitFor(() => pageText().includes('This account is inactive. Contact DeepCurrent support.'));
    expect(heading()).toBe('Account');
    expect(useAppStore.getState().screen).toBe('account');
    expect(main.count('signOut')).toBe(0);
    expect(document.querySelector('nav[aria-label="Main"]')).not.toBeNull();
  });

  it('keeps everything visible when offline and says from when the details are', async () => {
    const main = backend();
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await emulator.current.fault({ mode: 'refuse', path: '/api/v1/users/me' });
    await renderApp(main);
    await waitFor(() => pageText().includes('Offline — showing saved details from'));
    expect(pageText()).toContain('Full name: Ada Lovelace');
  });

  it('switches accounts with the Account select and signs out moving focus to the heading', async () => {
    const main = backend();
    const url = emulator.current.url;
    await main.signIn('free@deepcurrent.test', 'api-key');
    const ada = await main.signIn('ada@deepcurrent.test', 'api-key', { kind: 'custom', baseUrl: url });
    await renderApp(main);
    const select = byLabel<HTMLSelectElement>('Account');
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      'free@deepcurrent.test — Local emulator',
      `ada@deepcurrent.test — ${ada.environmentLabel}`,
    ]);
    expect(ada.environmentLabel).toContain(url.replace(/^http:\/\//, ''));
    expect(select.value).toBe(ada.id);
    await choose(select, 'free@deepcurrent.test — Local emulator');
    await waitFor(() => pageText().includes('Email: free@deepcurrent.test'));
    await click(button('Sign out'));
    await waitFor(() => pageText().includes('Email: ada@deepcurrent.test'));
    expect(document.activeElement).toBe(document.querySelector('main h1'));
    await click(button('Sign out'));
    await waitFor(() => heading() === 'Sign in to DeepCurrent');
    expect(document.querySelector('nav[aria-label="Main"]')).toBeNull();
  });

  it('offers Add account, which opens the sign-in screen with a way back', async () => {
    const main = backend();
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await renderApp(main);
    await click(button('Add account'));
    expect(heading()).toBe('Sign in to DeepCurrent');
    await click(button('Cancel'));
    expect(heading()).toBe('Account');
  });

  it('warns for as long as there is no keychain and lets notices be dismissed', async () => {
    const main = new Backend(emulator.current, {
      secrets: new MemorySecretStore({ persistent: false }),
      secretStorageMessage: 'The Secret Service is not running.',
      notices: ['Your settings file was damaged; it has been moved aside.'],
    });
    await renderApp(main);
    expect(pageText()).toContain('No system keychain available: secrets are kept for this session only.');
    expect(pageText()).toContain('The Secret Service is not running.');
    await click(button('Dismiss'));
    expect(pageText()).not.toContain('settings file was damaged');
    expect(pageText()).toContain('No system keychain available');
  });

  it('marks the current screen in the navigation', async () => {
    const main = backend();
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await renderApp(main);
    await goTo('Settings');
    const current = document.querySelectorAll('nav[aria-label="Main"] [aria-current="page"]');
    expect(Array.from(current).map((e) => e.textContent)).toEqual(['Settings']);
  });
});
