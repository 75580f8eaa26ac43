/**
 * The demo hint of the sign-in form (issue part 7, item 7), against the real main process: with the Local emulator
 * chosen, the emulator's demo accounts (sent by main, never imported by the renderer) each with Fill in, which fills
 * the email and the password; nothing of the kind on Production, on a custom URL, or where main does not own the
 * Local emulator.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { demoSignIns } from '../../emulator/embedded';
import { Backend, useEmulator } from './real-backend';
import { button, byLabel, choose, click, pageText, queryButton, renderApp, tab, waitFor } from './helpers';

const emulator = useEmulator();

const withDemo = () => new Backend(emulator.current, { localEmulator: { demoSignIns: demoSignIns(), reset: async () => {} } });
const hint = () => document.querySelector('section.demo-sign-ins');

describe('the demo hint on the sign-in form', () => {
  it('lists the Local emulator’s demo accounts with their password, a Fill in for each', async () => {
    await renderApp(withDemo());
    expect(byLabel<HTMLSelectElement>('Environment').selectedOptions[0]!.textContent).toBe('Local emulator');
    const rows = Array.from(hint()!.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));
    expect(rows).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, DEMO_PASSWORD, 'Fill in']));
    for (const a of DEMO_ACCOUNTS) expect(queryButton(`Fill in ${a.email}`)).not.toBeNull();
  });

  it('fills in both fields, and signing in with them works', async () => {
    const main = withDemo();
    await renderApp(main);
    await click(button('Fill in free@deepcurrent.test'));
    expect(byLabel<HTMLInputElement>('Email').value).toBe('free@deepcurrent.test');
    expect(byLabel<HTMLInputElement>('Password').value).toBe(DEMO_PASSWORD);
    expect(main.count('signInWithPassword')).toBe(0); // filling in is not signing in
    await click(button('Sign in'));
    await waitFor(() => pageText().includes('Signed in with: session token'));
    expect(main.lastRequest('signInWithPassword')).toMatchObject({ email: 'free@deepcurrent.test', environment: { kind: 'local' } });
  });

  it('goes to the email-and-password tab when Fill in is pressed on the API key tab', async () => {
    await renderApp(withDemo());
    await click(tab('API key'));
    await click(button('Fill in ada@deepcurrent.test'));
    expect(tab('Email and password').getAttribute('aria-selected')).toBe('true');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    expect(byLabel<HTMLInputElement>('Password').value).toBe(DEMO_PASSWORD);
  });

  it('shows nothing of the kind on Production or a custom URL', async () => {
    await renderApp(withDemo());
    const environment = byLabel<HTMLSelectElement>('Environment');
    await choose(environment, 'Production');
    expect(hint()).toBeNull();
    expect(pageText()).not.toContain(DEMO_PASSWORD);
    await choose(environment, 'Custom URL…');
    expect(hint()).toBeNull();
    await choose(environment, 'Local emulator');
    expect(hint()).not.toBeNull();
  });

  it('shows nothing where main does not own the Local emulator (no demo sign-ins sent)', async () => {
    await renderApp(new Backend(emulator.current));
    expect(byLabel<HTMLSelectElement>('Environment').selectedOptions[0]!.textContent).toBe('Local emulator');
    expect(hint()).toBeNull();
    expect(pageText()).not.toContain(DEMO_PASSWORD);
  });
});
