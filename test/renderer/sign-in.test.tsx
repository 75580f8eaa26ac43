import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import { advance, button, byLabel, choose, click, hasText, pageText, queryButton, renderApp, submit, tab, type, waitFor } from './helpers';

const emulator = useEmulator();
const backend = () => new Backend(emulator.current);

async function signInWithPassword(email: string, password: string) {
  await type(byLabel('Email'), email);
  await type(byLabel('Password'), password);
  await click(button('Sign in'));
}

describe('sign-in screen', () => {
  it('shows the sign-in form with the default environment preselected when no account is stored', async () => {
    await renderApp(backend());
    expect(hasText('Sign in to DeepCurrent')).toBe(true);
    const env = byLabel<HTMLSelectElement>('Environment');
    expect(env.selectedOptions[0].textContent).toBe('Local emulator');
    expect(Array.from(env.options).map((o) => o.textContent)).toEqual(['Local emulator', 'Production', 'Custom URL…']);
    expect(byLabel<HTMLInputElement>('Email').type).toBe('email');
    expect(byLabel<HTMLInputElement>('Password').type).toBe('password');
  });

  it('rejects a badly formatted API key beside the field without calling the main process', async () => {
    const main = backend();
    await renderApp(main);
    await click(tab('API key'));
    const field = byLabel<HTMLInputElement>('API key');
    await type(field, 'sk_live_not_a_deepcurrent_key');
    await click(button('Sign in'));
    expect(main.count('signInWithApiKey')).toBe(0);
    expect(pageText()).toContain('DeepCurrent API keys start with "dc_".');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toContain('start with "dc_"');
    expect(document.activeElement).toBe(field);
    await type(field, 'dc_short');
    await click(button('Sign in'));
    expect(main.count('signInWithApiKey')).toBe(0);
    expect(pageText()).toContain('too short');
  });

  it('signs in with a valid key and forgets the key', async () => {
    const main = backend();
    const key = await emulator.current.apiKeyOf('ada@deepcurrent.test');
    await renderApp(main);
    await click(tab('API key'));
    await type(byLabel('API key'), key);
    await click(button('Sign in'));
    await waitFor(() => pageText().includes('Signed in with: API key'));
    expect(main.count('signInWithApiKey')).toBe(1);
    expect(hasText('Account')).toBe(true);
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(key);
  });

  it('tells a wrong password in an alert, keeps the email and clears the password', async () => {
    await renderApp(backend());
    await signInWithPassword('ada@deepcurrent.test', 'wrong-password');
    const alert = await waitFor(() => (document.querySelector('[role="alert"]')?.textContent ? document.querySelector('[role="alert"]') : null));
    expect(alert.textContent).toContain('Wrong email or password.');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    expect(byLabel<HTMLInputElement>('Password').value).toBe('');
    expect(JSON.stringify(useAppStore.getState())).not.toContain('wrong-password');
    expect(button('Sign in').disabled).toBe(false);
  });

  it('signs in with email and password, then holds no password anywhere in the renderer', async () => {
    await renderApp(backend());
    await signInWithPassword('ada@deepcurrent.test', 'deepcurrent-demo');
    await waitFor(() => pageText().includes('Signed in with: session token'));
    expect(document.body.innerHTML).not.toContain('deepcurrent-demo');
    expect(JSON.stringify(useAppStore.getState())).not.toContain('deepcurrent-demo');
    expect(document.querySelector('nav[aria-label="Main"] [aria-current="page"]')?.textContent).toBe('Account');
  });

  it('disables the button and says "Signing in…" while the call is in flight', async () => {
    const main = backend();
    await renderApp(main);
    const held = main.holdNext('signInWithPassword');
    await type(byLabel('Email'), 'ada@deepcurrent.test');
    await type(byLabel('Password'), 'deepcurrent-demo');
    await submit(byLabel('Email'));
    const busy = queryButton('Signing in…');
    expect(busy?.disabled).toBe(true);
    held.release();
    await waitFor(() => pageText().includes('Signed in with: session token'));
  });

  it('counts a 429 down each second and re-enables Sign in at zero', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    // Five wrong passwords within a minute lock the email on the server for 60 s.
    const email = 'locked-out@deepcurrent.test';
    await renderApp(backend());
    for (let i = 0; i < 5; i += 1) {
      await signInWithPassword(email, 'wrong');
      await waitFor(() => pageText().includes('Wrong email or password.'));
    }
    await signInWithPassword(email, 'wrong');
    const countdown = () => document.querySelector('.countdown')?.textContent ?? '';
    await waitFor(() => countdown() === 'Try again in 60 s');
    expect(pageText()).toContain('Too many attempts.');
    // One countdown: main's message says no number of its own.
    expect(document.querySelector('[role="alert"]')?.textContent).not.toMatch(/\d/);
    expect(button('Sign in').disabled).toBe(true);
    await advance(1000, vi);
    expect(countdown()).toBe('Try again in 59 s');
    await advance(58_000, vi);
    expect(countdown()).toBe('Try again in 1 s');
    expect(button('Sign in').disabled).toBe(true);
    await advance(1000, vi);
    expect(document.querySelector('.countdown')).toBeNull();
    expect(button('Sign in').disabled).toBe(false);
  });

  it('clears the lockout alert and its countdown as soon as the email is another one, and shows them again for the locked one', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const email = 'locked-too@deepcurrent.test';
    await renderApp(backend());
    for (let i = 0; i < 6; i += 1) {
      await signInWithPassword(email, 'wrong');
      await waitFor(() => queryButton('Sign in'));
    }
    await waitFor(() => document.querySelector('.countdown'));
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Too many attempts.');

    await type(byLabel('Email'), 'someone-else@deepcurrent.test');
    expect(document.querySelector('.countdown')).toBeNull();
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('');
    expect(button('Sign in').disabled).toBe(false);

    await type(byLabel('Email'), email);
    await advance(2000, vi);
    expect(document.querySelector('.countdown')?.textContent).toMatch(/^Try again in 5[0-9] s$/);
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Too many attempts.');
    expect(button('Sign in').disabled).toBe(true);
  });

  it('checks a custom base URL before any call', async () => {
    const main = backend();
    await renderApp(main);
    await choose(byLabel<HTMLSelectElement>('Environment'), 'Custom URL…');
    await type(byLabel('Base URL'), 'http://example.com');
    await signInWithPassword('ada@deepcurrent.test', 'deepcurrent-demo');
    expect(main.count('signInWithPassword')).toBe(0);
    expect(pageText()).toContain('Plain http:// is allowed only for this computer');
    await type(byLabel('Base URL'), `${emulator.current.url}/`);
    await type(byLabel('Password'), 'deepcurrent-demo');
    await click(button('Sign in'));
    expect(main.lastRequest('signInWithPassword')).toMatchObject({
      environment: { kind: 'custom', baseUrl: emulator.current.url },
    });
    await waitFor(() => pageText().includes('Signed in with: session token'));
  });

  it('takes a base URL typed with /api/v1 without it, says so under the field, and signs in there', async () => {
    const main = backend();
    await renderApp(main);
    await choose(byLabel<HTMLSelectElement>('Environment'), 'Custom URL…');
    const field = byLabel<HTMLInputElement>('Base URL');
    const hint = () => document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(hint()).toBe('https:// anywhere; http:// only for this computer.');
    await type(field, `${emulator.current.url}/api/v1/`);
    expect(hint()).toBe(`Using ${emulator.current.url} — the app adds /api/v1 itself.`);
    await signInWithPassword('ada@deepcurrent.test', 'deepcurrent-demo');
    expect(main.lastRequest('signInWithPassword')).toMatchObject({ environment: { kind: 'custom', baseUrl: emulator.current.url } });
    await waitFor(() => pageText().includes('Signed in with: session token'));
  });
});
