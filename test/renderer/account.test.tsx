import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { FakeDeepCurrent } from './fake-api';
import { advance, button, byLabel, choose, click, goTo, hasText, pageText, queryButton, renderApp, waitFor } from './helpers';

const heading = () => document.querySelector('main h1')?.textContent;

describe('account screen', () => {
  it('shows who is signed in, how, the held key as dc_…last4 and when it was last verified', async () => {
    const fake = new FakeDeepCurrent();
    const account = fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await renderApp(fake);
    expect(heading()).toBe('Account');
    const text = pageText();
    expect(text).toContain('Email: ada@deepcurrent.test');
    expect(text).toContain('Full name: Ada Lovelace');
    expect(text).toContain('Plan: Pro');
    expect(text).toContain('Role: Member');
    expect(hasText('Signed in with: API key')).toBe(true);
    expect(hasText(`API key: dc_…${account.apiKeyLast4}`)).toBe(true);
    expect(text).toMatch(/Last verified \S/);
    expect(fake.count('refreshProfile')).toBe(1);
  });

  it('says when the app holds no API key', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await renderApp(fake);
    expect(hasText('Signed in with: session token')).toBe(true);
    expect(hasText('API key: No API key held by this app')).toBe(true);
  });

  it('counts the session down live and asks for the password again when it runs out', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const fake = new FakeDeepCurrent();
    fake.tokenTtlMs = 29 * 60_000 + 30_000;
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await renderApp(fake);
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
    const fake = new FakeDeepCurrent();
    const account = fake.seedAccount('ada@deepcurrent.test', 'token');
    fake.overrides.refreshProfile = () => {
      account.needsSignIn = true;
      return { ok: false, error: { kind: 'unauthorized', message: 'Your session has expired. Please sign in with your password again.', status: 401 } };
    };
    await renderApp(fake);
    await waitFor(() => heading() === 'Sign in to DeepCurrent');
    expect(pageText()).toContain('Your session has expired. Please sign in with your password again.');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    const stateCalls = fake.count('getState');
    // Back to the account: it shows the prompt and does not call (or bounce) again.
    await click(button('Cancel'));
    expect(heading()).toBe('Account');
    expect(pageText()).toContain('Session expired');
    await click(button('Refresh'));
    await new Promise((r) => setTimeout(r, 50));
    expect(heading()).toBe('Account');
    expect(fake.count('getState')).toBe(stateCalls);
    expect(fake.count('refreshProfile')).toBeLessThanOrEqual(2);
  });

  it('stays signed in on a 403 and shows its message', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('free@deepcurrent.test', 'token');
    fake.overrides.refreshProfile = () => ({ ok: false, error: { kind: 'forbidden', message: 'This feature requires a paid plan.', status: 403 } });
    await renderApp(fake);
    await waitFor(() => pageText().includes('This feature requires a paid plan.'));
    expect(heading()).toBe('Account');
    expect(useAppStore.getState().screen).toBe('account');
    expect(fake.count('signOut')).toBe(0);
    expect(document.querySelector('nav[aria-label="Main"]')).not.toBeNull();
  });

  it('keeps everything visible when offline and says from when the details are', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    fake.offline = true;
    await renderApp(fake);
    await waitFor(() => pageText().includes('Offline — showing saved details from'));
    expect(pageText()).toContain('Full name: Ada Lovelace');
  });

  it('switches accounts with the Account select and signs out moving focus to the heading', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('free@deepcurrent.test', 'api-key');
    const ada = fake.seedAccount('ada@deepcurrent.test', 'api-key', { kind: 'production' });
    await renderApp(fake);
    const select = byLabel<HTMLSelectElement>('Account');
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual([
      'free@deepcurrent.test — Local emulator',
      'ada@deepcurrent.test — Production',
    ]);
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
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await renderApp(fake);
    await click(button('Add account'));
    expect(heading()).toBe('Sign in to DeepCurrent');
    await click(button('Cancel'));
    expect(heading()).toBe('Account');
  });

  it('warns for as long as there is no keychain and lets notices be dismissed', async () => {
    const fake = new FakeDeepCurrent();
    fake.secretStorage = { persistent: false, message: 'The Secret Service is not running.' };
    fake.notices = ['Your settings file was damaged; it has been moved aside.'];
    await renderApp(fake);
    expect(pageText()).toContain('No system keychain available: secrets are kept for this session only.');
    expect(pageText()).toContain('The Secret Service is not running.');
    await click(button('Dismiss'));
    expect(pageText()).not.toContain('settings file was damaged');
    expect(pageText()).toContain('No system keychain available');
  });

  it('marks the current screen in the navigation', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await renderApp(fake);
    await goTo('Settings');
    const current = document.querySelectorAll('nav[aria-label="Main"] [aria-current="page"]');
    expect(Array.from(current).map((e) => e.textContent)).toEqual(['Settings']);
  });
});
