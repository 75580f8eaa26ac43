import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import { advance, button, byLabel, click, goTo, hasText, pageText, press, queryButton, renderApp, type, waitFor } from './helpers';

/** A fresh emulator per test: a key is revealed once, and these tests reveal, request and confirm keys. */
const emulator = useEmulator({}, 'test');
const ADA = 'ada@deepcurrent.test';
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

async function signedIn(kind: 'token' | 'api-key' = 'token') {
  const main = new Backend(emulator.current);
  const account = await main.signIn(ADA, kind);
  return { main, account };
}

async function openApiKeyScreen(main: Backend) {
  await renderApp(main);
  await goTo('API key');
  await waitFor(() => pageText().includes('Revealed:'));
}

/** A key the app holds in its keychain (the in-memory one), by kind. */
function heldKey(main: Backend, accountId: string, kind: 'api-key' | 'pending-api-key'): string {
  const key = main.secrets.snapshot()[`${accountId}:${kind}`];
  if (!key) throw new Error(`the keychain holds no ${kind}`);
  return key;
}

/** Lets the main process's answers land (real HTTP) while fake timers hold the window's clock. */
const settle = (main: Backend) => act(() => main.settle());

describe('API key screen', () => {
  it('shows the key as dc_…last4, its date, whether it was revealed and whether the app holds it', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    expect(hasText(`Current key: dc_…${account.profile!.apiKey!.last4}`)).toBe(true);
    expect(pageText()).toMatch(/Created: \S/);
    expect(hasText('Revealed: no')).toBe(true);
    expect(hasText('Held by this app: no')).toBe(true);
    expect(queryButton('Reveal API key')).not.toBeNull();
    expect(queryButton('Request a new key')).not.toBeNull();
  });

  it('says when it shows saved details because the server cannot be reached', async () => {
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    expect(pageText()).not.toContain('Offline');
    await emulator.current.fault({ mode: 'refuse', path: '/api/v1/users/me' });
    await goTo('Account');
    await goTo('API key');
    await waitFor(() => pageText().includes('Offline — showing saved details from'));
    expect(document.querySelector('[role="status"]')?.textContent).toMatch(/^Offline — showing saved details from /);
  });

  it('tells a key-only account that revealing needs a password session and offers that sign-in', async () => {
    const { main } = await signedIn('api-key');
    await openApiKeyScreen(main);
    expect(pageText()).toContain('Revealing a key needs a session signed in with email and password.');
    await click(button('Sign in with email and password'));
    expect(document.querySelector('main h1')?.textContent).toBe('Sign in to DeepCurrent');
    expect(byLabel<HTMLInputElement>('Email').value).toBe(ADA);
    expect(byLabel<HTMLInputElement>('Password').value).toBe('');
  });

  it('reveals the key once in a modal dialog and forgets it when the dialog closes', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    const reveal = button('Reveal API key');
    reveal.focus();
    await click(reveal);
    const box = await waitFor(dialog);
    const key = heldKey(main, account.id, 'api-key');
    expect(box.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-labelledby')!)?.textContent).toBe('Your API key');
    const field = byLabel<HTMLInputElement>('API key', box);
    expect(field.value).toBe(key);
    expect(field.readOnly).toBe(true);
    expect(document.activeElement).toBe(field);
    expect(box.textContent).toContain('This is the only time the full key is shown. Copy it now and store it in a password manager.');
    expect(document.querySelector('[data-app-shell]')?.hasAttribute('inert')).toBe(true);

    await click(button('Close', box));
    expect(dialog()).toBeNull();
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(key);
    expect(document.querySelector('[data-app-shell]')?.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(button('Reveal API key'));
    await waitFor(() => hasText('Revealed: yes') && hasText('Held by this app: yes'));
  });

  it('closes the dialog with Escape and forgets the key', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Reveal API key'));
    await waitFor(dialog);
    const key = heldKey(main, account.id, 'api-key');
    await press('Escape');
    expect(dialog()).toBeNull();
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(key);
  });

  it('copies through the main process and counts down to the clipboard being cleared', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { main, account } = await signedIn();
    await main.call('updateSettings', { clipboardClearSeconds: 12 });
    await openApiKeyScreen(main);
    await click(button('Reveal API key'));
    const box = await waitFor(dialog);
    await click(button('Copy', box));
    expect(main.lastRequest('copyApiKey')).toEqual({ accountId: account.id, role: 'current' });
    await waitFor(() => box.textContent?.includes('Copied. The clipboard will be cleared in 12 s'));
    expect(await main.clipboard.readText()).toBe(heldKey(main, account.id, 'api-key'));
    await advance(2000, vi);
    expect(box.textContent).toContain('Copied. The clipboard will be cleared in 10 s');
    await advance(10_000, vi);
    expect(box.textContent).toContain('The clipboard has been cleared.');
  });

  it('explains a 409 on reveal with a pointer to Request a new key', async () => {
    await emulator.current.apiKeyOf(ADA); // revealed elsewhere: DeepCurrent shows a key once
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Reveal API key'));
    await waitFor(() => pageText().includes('This key has already been revealed. If you no longer have it, use Request a new key.'));
    expect(main.count('revealApiKey')).toBe(1);
    expect(dialog()).toBeNull();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('already been revealed');
  });

  it('validates the request form and counts the note up to 500 characters', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Request a new key'));
    expect(hasText('0/500')).toBe(true);
    await click(button('Submit request'));
    expect(pageText()).toContain('Choose a reason.');
    expect(main.count('requestNewKey')).toBe(0);
    await click(byLabel('Lost'));
    const note = byLabel<HTMLTextAreaElement>('Note');
    await type(note, 'x'.repeat(501));
    expect(hasText('501/500')).toBe(true);
    await click(button('Submit request'));
    expect(pageText()).toContain('The note can have at most 500 characters');
    expect(main.count('requestNewKey')).toBe(0);
    await type(note, 'Laptop stolen');
    expect(hasText('13/500')).toBe(true);
    await click(button('Submit request'));
    expect(main.lastRequest('requestNewKey')).toEqual({ accountId: account.id, reason: 'lost', note: 'Laptop stolen' });
    await waitFor(() => pageText().includes('Status: Pending'));
    expect(pageText()).toContain('Support has been notified');
  });

  it('explains a 409 when a request is already open', async () => {
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Request a new key'));
    await click(byLabel('Compromised'));
    await emulator.current.openRequest(ADA); // from another device, meanwhile
    await click(button('Submit request'));
    await waitFor(() => document.querySelector('[role="alert"]')?.textContent);
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('A request for a new key is already open.');
  });

  it('follows a request from Pending through Issued and the new key reveal to Confirmed', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Request a new key'));
    await click(byLabel('Compromised'));
    await click(button('Submit request'));
    await waitFor(() => pageText().includes('Status: Pending'));
    expect(document.querySelector('.steps [aria-current="step"]')?.textContent).toBe('Pending');

    await emulator.current.issueOpenRequest(ADA);
    await click(button('Refresh'));
    await waitFor(() => pageText().includes('Status: Issued'));
    await click(button('Reveal new key'));
    const box = await waitFor(dialog);
    const newKey = heldKey(main, account.id, 'pending-api-key');
    expect(byLabel<HTMLInputElement>('API key', box).value).toBe(newKey);
    await click(button('Close', box));
    expect(document.body.innerHTML).not.toContain(newKey);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(newKey);

    await waitFor(() => queryButton('Confirm new key'));
    expect(pageText()).toContain('Status: Issued (new key revealed)');
    await click(button('Confirm new key'));
    await waitFor(() => pageText().includes('Status: Confirmed'));
    expect(pageText()).toContain('The old key has been revoked.');
    expect(hasText(`Current key: dc_…${newKey.slice(-4)}`)).toBe(true);
  });

  it('keeps both keys and says so when confirming fails', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Request a new key'));
    await click(byLabel('Other'));
    await click(button('Submit request'));
    await waitFor(() => pageText().includes('Status: Pending'));
    await emulator.current.issueOpenRequest(ADA);
    await click(button('Refresh'));
    await waitFor(() => queryButton('Reveal new key'));
    await click(button('Reveal new key'));
    await click(button('Close', (await waitFor(dialog))!));
    const confirm = await waitFor(() => queryButton('Confirm new key'));
    const requestId = useAppStore.getState().apiKey.status!.request!.id;
    await emulator.current.fault({ mode: 'http-503', path: `/api/v1/users/me/api-key/regeneration-requests/${requestId}/confirm` });
    await click(confirm);
    await waitFor(() => document.querySelector('[role="alert"]')?.textContent);
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Both your current key and the new key are kept');
    expect(queryButton('Confirm new key')).not.toBeNull();
    expect(Object.keys(main.secrets.snapshot()).sort()).toEqual([`${account.id}:pending-api-key`, `${account.id}:token`]);
  });

  it('polls with backoff while a request is open and stops when the screen is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await emulator.current.openRequest(ADA, 'lost');
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    await settle(main);
    const base = main.count('getApiKeyStatus');
    await advance(2000, vi);
    await settle(main);
    expect(main.count('getApiKeyStatus')).toBe(base + 1);
    await advance(3000, vi);
    await settle(main);
    expect(main.count('getApiKeyStatus')).toBe(base + 1);
    await advance(1000, vi);
    await settle(main);
    expect(main.count('getApiKeyStatus')).toBe(base + 2);
    await emulator.current.issueOpenRequest(ADA);
    await advance(8000, vi);
    await settle(main);
    expect(pageText()).toContain('Status: Issued');
    await goTo('Account');
    const after = main.count('getApiKeyStatus');
    await advance(120_000, vi, 10_000);
    expect(main.count('getApiKeyStatus')).toBe(after);
  });
});
