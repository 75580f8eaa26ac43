import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { alreadyRevealed, REQUEST_ALREADY_OPEN, REQUEST_OPEN_BELOW, REVEAL_NEEDS_PASSWORD } from '../../src-main/api-key/key-lifecycle-messages';
import { Backend, useEmulator } from './real-backend';
import { advance, button, byLabel, click, goTo, hasText, pageText, press, queryButton, renderApp, type, waitFor } from './helpers';

/** A fresh emulator per test: a key is revealed once, and these tests reveal, request and confirm keys. */
const emulator = useEmulator({}, 'test');
const ADA = 'ada@deepcurrent.test';
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"], [role="alertdialog"]');
const alertText = () => document.querySelector('[role="alert"]')?.textContent ?? '';
/** The screen's main button (at most one, main decides which). */
const primaryButtons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('main .btn-primary')).map((b) => b.textContent);

async function signedIn(kind: 'token' | 'api-key' = 'token') {
  const main = new Backend(emulator.current);
  const account = await main.signIn(ADA, kind);
  return { main, account };
}

async function openApiKeyScreen(main: Backend) {
  await renderApp(main);
  await goTo('API key');
  await waitFor(() => pageText().includes('API key: dc_…'));
}

/** A key the app holds in its keychain (the in-memory one), by kind. */
function heldKey(main: Backend, accountId: string, kind: 'api-key' | 'pending-api-key'): string {
  const key = main.secrets.snapshot()[`${accountId}:${kind}`];
  if (!key) throw new Error(`the keychain holds no ${kind}`);
  return key;
}

/** Lets the main process's answers land (real HTTP) while fake timers hold the window's clock. */
const settle = (main: Backend) => act(() => main.settle());

/** Opens a request through the form and waits for its Pending status. */
async function requestThroughForm(reason: 'Lost' | 'Compromised' | 'Other' = 'Lost') {
  await click(button('Request a new key'));
  await click(byLabel(reason));
  await click(button('Submit request'));
  await waitFor(() => pageText().includes('Status: Pending'));
}

describe('API key screen', () => {
  it('shows the key as dc_…last4, its date and whether the app holds it, with Reveal as the one main action', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    expect(pageText()).toContain(`API key: dc_…${account.profile!.apiKey!.last4} This app does not hold your key yet; reveal it once to keep it here`);
    expect(pageText()).toMatch(/Created: \S/);
    expect(pageText()).not.toMatch(/Held by this app|Revealed:/);
    expect(primaryButtons()).toEqual(['Reveal API key']);
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

  it('offers an API-key sign-in no Reveal: it holds the key, so Copy is the main action', async () => {
    const { main } = await signedIn('api-key');
    await openApiKeyScreen(main);
    expect(queryButton('Reveal API key')).toBeNull();
    expect(primaryButtons()).toEqual(['Copy API key']);
    expect(pageText()).toContain('This app holds your key');
    expect(pageText()).not.toContain('Revealing a key needs');
  });

  it('sends a key-only account to the password sign-in when its new key is issued, instead of a Reveal that would fail', async () => {
    const { main } = await signedIn('api-key');
    await emulator.current.openRequest(ADA);
    await emulator.current.issueOpenRequest(ADA);
    await openApiKeyScreen(main);
    await waitFor(() => pageText().includes('Status: Issued'));
    expect(queryButton('Reveal new key')).toBeNull();
    expect(queryButton('Reveal API key')).toBeNull();
    expect(pageText()).toContain(REVEAL_NEEDS_PASSWORD);
    expect(primaryButtons()).toEqual(['Sign in with email and password']);
    await click(button('Sign in with email and password'));
    expect(document.querySelector('main h1')?.textContent).toBe('Sign in to DeepCurrent');
    expect(byLabel<HTMLInputElement>('Email').value).toBe(ADA);
    expect(byLabel<HTMLInputElement>('Password').value).toBe('');
  });

  it('reveals the key once in a modal dialog, forgets it on Close, and offers no Reveal after it', async () => {
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
    await waitFor(() => pageText().includes('This app holds your key'));
    // After the one-time reveal: no Reveal at all (enabled or not); Copy is the main action and has the focus.
    expect(queryButton('Reveal API key')).toBeNull();
    expect(primaryButtons()).toEqual(['Copy API key']);
    expect(document.activeElement).toBe(button('Copy API key'));
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
    await waitFor(() => queryButton('Copy API key'));
    expect(queryButton('Reveal API key')).toBeNull();
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
    expect(box.textContent).not.toContain('.).');
    await advance(2000, vi);
    expect(box.textContent).toContain('Copied. The clipboard will be cleared in 10 s');
    await advance(10_000, vi);
    expect(box.textContent).toContain('The clipboard has been cleared.');
  });

  it("shows main's own message for a 409 on reveal, and then no Reveal", async () => {
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    await emulator.current.apiKeyOf(ADA); // revealed elsewhere meanwhile: DeepCurrent shows a key once
    await click(button('Reveal API key'));
    await waitFor(() => alertText());
    expect(alertText()).toBe(alreadyRevealed(false, false));
    expect(main.count('revealApiKey')).toBe(1);
    expect(dialog()).toBeNull();
    await waitFor(() => queryButton('Reveal API key') === null);
    expect(primaryButtons()).toEqual(['Request a new key']);
    expect(pageText()).toContain('This app does not hold your key; copy it from where you saved it');
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

  it('offers no Request a new key while a request is open, shows the request and says why', async () => {
    const { main } = await signedIn();
    await emulator.current.openRequest(ADA); // from another device
    await openApiKeyScreen(main);
    await waitFor(() => pageText().includes('Status: Pending'));
    expect(queryButton('Request a new key')).toBeNull();
    expect(pageText()).toContain(REQUEST_OPEN_BELOW);
    expect(primaryButtons()).toEqual(['Refresh']);
  });

  it("shows main's message when a request was opened elsewhere while the form was open, and then the request", async () => {
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Request a new key'));
    await click(byLabel('Compromised'));
    await emulator.current.openRequest(ADA); // from another device, meanwhile
    await click(button('Submit request'));
    await waitFor(() => pageText().includes('Status: Pending'));
    expect(alertText()).toBe(REQUEST_ALREADY_OPEN);
    expect(queryButton('Submit request')).toBeNull();
    expect(queryButton('Request a new key')).toBeNull();
  });

  it('follows a request from Pending through Issued and the new key reveal to Confirmed, one main action at each step', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await requestThroughForm('Compromised');
    expect(document.querySelector('.steps [aria-current="step"]')?.textContent).toBe('Pending');
    expect(primaryButtons()).toEqual(['Refresh']);

    await emulator.current.issueOpenRequest(ADA);
    await click(button('Refresh'));
    await waitFor(() => pageText().includes('Status: Issued'));
    // One Reveal while the new key is issued: the new key's.
    expect(primaryButtons()).toEqual(['Reveal new key']);
    expect(queryButton('Reveal API key')).toBeNull();
    await click(button('Reveal new key'));
    const box = await waitFor(dialog);
    const newKey = heldKey(main, account.id, 'pending-api-key');
    expect(byLabel<HTMLInputElement>('API key', box).value).toBe(newKey);
    await click(button('Close', box));
    expect(document.body.innerHTML).not.toContain(newKey);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(newKey);

    await waitFor(() => queryButton('Confirm new key'));
    expect(pageText()).toContain('Status: Issued (new key revealed)');
    expect(primaryButtons()).toEqual(['Confirm new key']);
    await click(button('Confirm new key'));
    const ask = await waitFor(dialog);
    expect(ask.getAttribute('role')).toBe('alertdialog');
    await click(button('Confirm new key', ask));
    await waitFor(() => pageText().includes('Status: Confirmed'));
    expect(pageText()).toContain('The old key has been revoked.');
    expect(pageText()).toContain(`API key: dc_…${newKey.slice(-4)} This app holds your key`);
  });

  it('asks before Confirm new key, says the old key stops working at once, and Cancel changes nothing', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await click(button('Reveal API key'));
    await click(button('Close', (await waitFor(dialog))!));
    await requestThroughForm();
    await emulator.current.issueOpenRequest(ADA);
    await click(button('Refresh'));
    await click(await waitFor(() => queryButton('Reveal new key')));
    await click(button('Close', (await waitFor(dialog))!));
    const keysBefore = main.secrets.snapshot();

    await click(await waitFor(() => queryButton('Confirm new key')));
    const ask = await waitFor(dialog);
    expect(document.getElementById(ask.getAttribute('aria-labelledby')!)?.textContent).toBe('Confirm the new key?');
    expect(document.getElementById(ask.getAttribute('aria-describedby')!)?.textContent).toContain(
      'stops working at once, everywhere it is used',
    );
    expect(document.activeElement).toBe(button('Cancel', ask));
    await click(button('Cancel', ask));
    expect(dialog()).toBeNull();
    await click(button('Confirm new key'));
    await press('Escape', {}, await waitFor(dialog));
    expect(dialog()).toBeNull();

    expect(main.count('confirmNewKey')).toBe(0);
    expect(main.secrets.snapshot()).toEqual(keysBefore);
    expect(Object.keys(keysBefore).sort()).toEqual([`${account.id}:api-key`, `${account.id}:pending-api-key`, `${account.id}:token`]);
    expect(pageText()).toContain('Status: Issued (new key revealed)');
  });

  it('keeps both keys and says so when confirming fails', async () => {
    const { main, account } = await signedIn();
    await openApiKeyScreen(main);
    await requestThroughForm('Other');
    await emulator.current.issueOpenRequest(ADA);
    await click(button('Refresh'));
    await click(await waitFor(() => queryButton('Reveal new key')));
    await click(button('Close', (await waitFor(dialog))!));
    const confirm = await waitFor(() => queryButton('Confirm new key'));
    const requestId = useAppStore.getState().apiKey.status!.request!.id;
    await emulator.current.fault({ mode: 'http-503', path: `/api/v1/users/me/api-key/regeneration-requests/${requestId}/confirm` });
    await click(confirm);
    await click(button('Confirm new key', (await waitFor(dialog))!));
    await waitFor(() => alertText());
    expect(alertText()).toContain('Both your current key and the new key are kept');
    expect(queryButton('Confirm new key')).not.toBeNull();
    expect(Object.keys(main.secrets.snapshot()).sort()).toEqual([`${account.id}:pending-api-key`, `${account.id}:token`]);
  });

  it('follows an open request from any screen with backoff, and stops on other screens once it is issued', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await emulator.current.openRequest(ADA, 'lost');
    const { main } = await signedIn();
    await openApiKeyScreen(main);
    await settle(main);
    await goTo('Settings');
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
    expect(useAppStore.getState().apiKey.status?.stage).toBe('issued');
    const after = main.count('getApiKeyStatus');
    await advance(120_000, vi, 10_000);
    expect(main.count('getApiKeyStatus')).toBe(after);
  });
});
