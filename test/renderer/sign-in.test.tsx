import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { FakeDeepCurrent } from './fake-api';
import { advance, button, byLabel, choose, click, hasText, pageText, queryButton, renderApp, submit, tab, type, waitFor } from './helpers';

async function signInWithPassword(email: string, password: string) {
  await type(byLabel('Email'), email);
  await type(byLabel('Password'), password);
  await click(button('Sign in'));
}

describe('sign-in screen', () => {
  it('shows the sign-in form with the default environment preselected when no account is stored', async () => {
    await renderApp(new FakeDeepCurrent());
    expect(hasText('Sign in to DeepCurrent')).toBe(true);
    const env = byLabel<HTMLSelectElement>('Environment');
    expect(env.selectedOptions[0].textContent).toBe('Local emulator');
    expect(Array.from(env.options).map((o) => o.textContent)).toEqual(['Local emulator', 'Production', 'Custom URL…']);
    expect(byLabel<HTMLInputElement>('Email').type).toBe('email');
    expect(byLabel<HTMLInputElement>('Password').type).toBe('password');
  });

  it('rejects a badly formatted API key beside the field without calling the main process', async () => {
    const fake = new FakeDeepCurrent();
    await renderApp(fake);
    await click(tab('API key'));
    const field = byLabel<HTMLInputElement>('API key');
    await type(field, 'sk_live_not_a_deepcurrent_key');
    await click(button('Sign in'));
    expect(fake.count('signInWithApiKey')).toBe(0);
    expect(pageText()).toContain('DeepCurrent API keys start with "dc_".');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toContain('start with "dc_"');
    expect(document.activeElement).toBe(field);
    await type(field, 'dc_short');
    await click(button('Sign in'));
    expect(fake.count('signInWithApiKey')).toBe(0);
    expect(pageText()).toContain('too short');
  });

  it('signs in with a valid key and forgets the key', async () => {
    const fake = new FakeDeepCurrent();
    const key = fake.users.get('ada@deepcurrent.test')!.apiKey;
    await renderApp(fake);
    await click(tab('API key'));
    await type(byLabel('API key'), key);
    await click(button('Sign in'));
    await waitFor(() => hasText('Account'));
    expect(fake.count('signInWithApiKey')).toBe(1);
    expect(pageText()).toContain('Signed in with: API key');
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(key);
  });

  it('tells a wrong password in an alert, keeps the email and clears the password', async () => {
    const fake = new FakeDeepCurrent();
    await renderApp(fake);
    await signInWithPassword('ada@deepcurrent.test', 'wrong-password');
    const alert = document.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Incorrect email or password.');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    expect(byLabel<HTMLInputElement>('Password').value).toBe('');
    expect(JSON.stringify(useAppStore.getState())).not.toContain('wrong-password');
    expect(button('Sign in').disabled).toBe(false);
  });

  it('signs in with email and password, then holds no password anywhere in the renderer', async () => {
    const fake = new FakeDeepCurrent();
    await renderApp(fake);
    await signInWithPassword('ada@deepcurrent.test', 'deepcurrent-demo');
    await waitFor(() => pageText().includes('Signed in with: session token'));
    expect(document.body.innerHTML).not.toContain('deepcurrent-demo');
    expect(JSON.stringify(useAppStore.getState())).not.toContain('deepcurrent-demo');
    expect(document.querySelector('nav[aria-label="Main"] [aria-current="page"]')?.textContent).toBe('Account');
  });

  it('disables the button and says "Signing in…" while the call is in flight', async () => {
    const fake = new FakeDeepCurrent();
    let release: () => void = () => {};
    const real = fake.api.signInWithPassword;
    fake.overrides.signInWithPassword = async (req) => {
      await new Promise<void>((resolve) => (release = resolve));
      fake.overrides.signInWithPassword = undefined;
      return real(req);
    };
    await renderApp(fake);
    await type(byLabel('Email'), 'ada@deepcurrent.test');
    await type(byLabel('Password'), 'deepcurrent-demo');
    await submit(byLabel('Email'));
    const busy = queryButton('Signing in…');
    expect(busy?.disabled).toBe(true);
    release();
    await waitFor(() => pageText().includes('Signed in with: session token'));
  });

  it('counts a 429 down each second and re-enables Sign in at zero', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const fake = new FakeDeepCurrent();
    fake.overrides.signInWithPassword = () => ({
      ok: false,
      error: { kind: 'rate-limited', message: 'Too many failed sign-in attempts.', status: 429, retryAfterSeconds: 5 },
    });
    await renderApp(fake);
    await signInWithPassword('ada@deepcurrent.test', 'x');
    expect(pageText()).toContain('Too many failed sign-in attempts.');
    expect(pageText()).toContain('Try again in 5 s');
    expect(button('Sign in').disabled).toBe(true);
    await advance(1000, vi);
    expect(pageText()).toContain('Try again in 4 s');
    await advance(3000, vi);
    expect(pageText()).toContain('Try again in 1 s');
    expect(button('Sign in').disabled).toBe(true);
    await advance(1000, vi);
    expect(pageText()).not.toContain('Try again in');
    expect(button('Sign in').disabled).toBe(false);
  });

  it('checks a custom base URL before any call', async () => {
    const fake = new FakeDeepCurrent();
    await renderApp(fake);
    await choose(byLabel<HTMLSelectElement>('Environment'), 'Custom URL…');
    await type(byLabel('Base URL'), 'http://example.com');
    await signInWithPassword('ada@deepcurrent.test', 'deepcurrent-demo');
    expect(fake.count('signInWithPassword')).toBe(0);
    expect(pageText()).toContain('Plain http:// is allowed only for this computer');
    await type(byLabel('Base URL'), 'https://api.example.com/');
    await click(button('Sign in'));
    expect(fake.calls.find((c) => c.name === 'signInWithPassword')?.request).toMatchObject({
      environment: { kind: 'custom', baseUrl: 'https://api.example.com' },
    });
  });
});
