import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startEmulator } from '../../emulator/server';
import { useAppStore } from '../../src-renderer/store';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { Backend, EmulatorHandle, useEmulator } from './real-backend';
import { advance, button, byLabel, choose, click, goTo, hasText, pageText, press, queryButton, renderApp, waitFor } from './helpers';

const emulator = useEmulator();
const backend = () => new Backend(emulator.current);
const heading = () => document.querySelector('main h1')?.textContent;
const dialog = () => document.querySelector<HTMLElement>('[role="alertdialog"]');

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
    expect(hasText(`API key: dc_…${account.apiKeyLast4} This app holds your key`)).toBe(true);
    expect(text).toMatch(/Last verified \S/);
    expect(main.count('refreshProfile')).toBe(1);
  });

  it('says when the app does not hold the API key, in the same words as the API key screen', async () => {
    const main = backend();
    await emulator.current.apiKeyOf('ada@deepcurrent.test'); // shown once already, elsewhere
    const account = await main.signIn('ada@deepcurrent.test', 'token');
    await renderApp(main);
    expect(hasText('Signed in with: session token')).toBe(true);
    const line = `API key: dc_…${account.profile!.apiKey!.last4} This app does not hold your key; copy it from where you saved it`;
    expect(hasText(line)).toBe(true);
    await goTo('API key');
    await waitFor(() => hasText(line));
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
    await click(button('Sign out', dialog()!));
    await waitFor(() => pageText().includes('Email: ada@deepcurrent.test'));
    expect(document.activeElement).toBe(document.querySelector('main h1'));
    expect(pageText()).toContain(
      `Signed out of free@deepcurrent.test (Local emulator). The active account is now ada@deepcurrent.test (${ada.environmentLabel}).`,
    );
    await click(button('Sign out'));
    await click(button('Sign out', dialog()!));
    await waitFor(() => heading() === 'Sign in to DeepCurrent');
    expect(document.querySelector('nav[aria-label="Main"]')).toBeNull();
    expect(pageText()).toContain(`Signed out of ada@deepcurrent.test (${ada.environmentLabel}). No account is signed in on this computer now.`);
  });

  it('asks before Sign out: says what leaves this computer, offers to copy the key first, and Cancel or Escape remove nothing', async () => {
    const main = backend();
    const account = await main.signIn('ada@deepcurrent.test', 'api-key');
    await renderApp(main);
    const secretsBefore = main.secrets.snapshot();
    await click(button('Sign out'));
    const ask = dialog()!;
    expect(ask.getAttribute('role')).toBe('alertdialog');
    expect(ask.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(ask.getAttribute('aria-labelledby')!)?.textContent).toBe('Sign out of ada@deepcurrent.test?');
    const said = document.getElementById(ask.getAttribute('aria-describedby')!)?.textContent ?? '';
    expect(said).toContain(`The API key this app holds (dc_…${account.apiKeyLast4}).`);
    expect(said).toContain('Your API key is not lost on the server');
    expect(document.activeElement).toBe(button('Cancel', ask));

    await click(button('Copy API key', ask));
    await waitFor(() => ask.textContent?.includes('Copied. The clipboard will be cleared in'));
    expect(await main.clipboard.readText()).toBe(secretsBefore[`${account.id}:api-key`]);

    await click(button('Cancel', ask));
    expect(dialog()).toBeNull();
    await click(button('Sign out'));
    await press('Escape', {}, dialog()!);
    expect(dialog()).toBeNull();
    expect(main.count('signOut')).toBe(0);
    expect(main.secrets.snapshot()).toEqual(secretsBefore);
    expect(pageText()).toContain('Email: ada@deepcurrent.test');
  });

  it('names the new key not confirmed yet among what Sign out removes', async () => {
    const main = backend();
    const account = await main.signIn('ada@deepcurrent.test', 'token');
    await main.call('requestNewKey', { accountId: account.id, reason: 'lost', note: '' });
    await emulator.current.issueOpenRequest('ada@deepcurrent.test');
    const revealed = await main.call('revealApiKey', { accountId: account.id });
    expect(revealed.role).toBe('pending');
    await renderApp(main);
    await click(button('Sign out'));
    const said = document.getElementById(dialog()!.getAttribute('aria-describedby')!)?.textContent ?? '';
    expect(said).toContain(`The new key that is not confirmed yet (dc_…${revealed.last4}).`);
    expect(said).toContain('Your sign-in session.');
    expect(queryButton('Copy new key', dialog()!)).not.toBeNull();
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
    // One text for the state: main's own words.
    const banner = document.querySelector('.banner-warning')!;
    expect(banner.textContent).toBe('The Secret Service is not running.');
    await click(button('Dismiss'));
    expect(pageText()).not.toContain('settings file was damaged');
    expect(pageText()).toContain('The Secret Service is not running.');
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
