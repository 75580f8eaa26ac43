import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../src-renderer/store';
import { FakeDeepCurrent } from './fake-api';
import { advance, button, byLabel, click, goTo, hasText, pageText, press, queryButton, renderApp, type, waitFor } from './helpers';

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');

async function openApiKeyScreen(fake: FakeDeepCurrent) {
  await renderApp(fake);
  await goTo('API key');
  await waitFor(() => pageText().includes('Revealed:'));
}

describe('API key screen', () => {
  it('shows the key as dc_…last4, its date, whether it was revealed and whether the app holds it', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    const user = fake.users.get('ada@deepcurrent.test')!;
    await openApiKeyScreen(fake);
    expect(hasText(`Current key: dc_…${user.apiKey.slice(-4)}`)).toBe(true);
    expect(pageText()).toMatch(/Created: \S/);
    expect(hasText('Revealed: no')).toBe(true);
    expect(hasText('Held by this app: no')).toBe(true);
    expect(queryButton('Reveal API key')).not.toBeNull();
    expect(queryButton('Request a new key')).not.toBeNull();
  });

  it('says when it shows saved details because the server cannot be reached', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openApiKeyScreen(fake);
    expect(pageText()).not.toContain('Offline');
    fake.keyStatusOfflineSince = '2026-11-27T10:00:00Z';
    await goTo('Account');
    await goTo('API key');
    await waitFor(() => pageText().includes('Offline — showing saved details from'));
    expect(document.querySelector('[role="status"]')?.textContent).toMatch(/^Offline — showing saved details from /);
  });

  it('tells a key-only account that revealing needs a password session and offers that sign-in', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'api-key');
    await openApiKeyScreen(fake);
    expect(pageText()).toContain('Revealing a key needs a session signed in with email and password.');
    await click(button('Sign in with email and password'));
    expect(document.querySelector('main h1')?.textContent).toBe('Sign in to DeepCurrent');
    expect(byLabel<HTMLInputElement>('Email').value).toBe('ada@deepcurrent.test');
    expect(byLabel<HTMLInputElement>('Password').value).toBe('');
  });

  it('reveals the key once in a modal dialog and forgets it when the dialog closes', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    const key = fake.users.get('ada@deepcurrent.test')!.apiKey;
    await openApiKeyScreen(fake);
    const reveal = button('Reveal API key');
    reveal.focus();
    await click(reveal);
    const box = await waitFor(dialog);
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
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    const key = fake.users.get('ada@deepcurrent.test')!.apiKey;
    await openApiKeyScreen(fake);
    await click(button('Reveal API key'));
    await waitFor(dialog);
    await press('Escape');
    expect(dialog()).toBeNull();
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(key);
  });

  it('copies through the main process and counts down to the clipboard being cleared', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const fake = new FakeDeepCurrent();
    fake.settings.clipboardClearSeconds = 12;
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openApiKeyScreen(fake);
    await click(button('Reveal API key'));
    const box = await waitFor(dialog);
    await click(button('Copy', box));
    expect(fake.calls.find((c) => c.name === 'copyApiKey')?.request).toEqual({ accountId: fake.active!.id, role: 'current' });
    expect(box.textContent).toContain('Copied. The clipboard will be cleared in 12 s');
    await advance(2000, vi);
    expect(box.textContent).toContain('Copied. The clipboard will be cleared in 10 s');
    await advance(10_000, vi);
    expect(box.textContent).toContain('The clipboard has been cleared.');
  });

  it('explains a 409 on reveal with a pointer to Request a new key', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    fake.users.get('ada@deepcurrent.test')!.revealed = true;
    await openApiKeyScreen(fake);
    await click(button('Reveal API key'));
    await waitFor(() => pageText().includes('This key has already been revealed. If you no longer have it, use Request a new key.'));
    expect(dialog()).toBeNull();
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('already been revealed');
  });

  it('validates the request form and counts the note up to 500 characters', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openApiKeyScreen(fake);
    await click(button('Request a new key'));
    expect(hasText('0/500')).toBe(true);
    await click(button('Submit request'));
    expect(pageText()).toContain('Choose a reason.');
    expect(fake.count('requestNewKey')).toBe(0);
    await click(byLabel('Lost'));
    const note = byLabel<HTMLTextAreaElement>('Note');
    await type(note, 'x'.repeat(501));
    expect(hasText('501/500')).toBe(true);
    await click(button('Submit request'));
    expect(pageText()).toContain('The note can have at most 500 characters');
    expect(fake.count('requestNewKey')).toBe(0);
    await type(note, 'Laptop stolen');
    expect(hasText('13/500')).toBe(true);
    await click(button('Submit request'));
    expect(fake.calls.find((c) => c.name === 'requestNewKey')?.request).toEqual({ accountId: fake.active!.id, reason: 'lost', note: 'Laptop stolen' });
    await waitFor(() => pageText().includes('Status: Pending'));
    expect(pageText()).toContain('Support has been notified');
  });

  it('explains a 409 when a request is already open', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openApiKeyScreen(fake);
    await click(button('Request a new key'));
    await click(byLabel('Compromised'));
    fake.overrides.requestNewKey = () => ({ ok: false, error: { kind: 'conflict', message: 'A request for a new key is already open.', status: 409 } });
    await click(button('Submit request'));
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('A request for a new key is already open.');
  });

  it('follows a request from Pending through Issued and the new key reveal to Confirmed', async () => {
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openApiKeyScreen(fake);
    await click(button('Request a new key'));
    await click(byLabel('Compromised'));
    await click(button('Submit request'));
    await waitFor(() => pageText().includes('Status: Pending'));
    expect(document.querySelector('.steps [aria-current="step"]')?.textContent).toBe('Pending');

    fake.issue('ada@deepcurrent.test');
    await click(button('Refresh'));
    await waitFor(() => pageText().includes('Status: Issued'));
    const newKey = fake.users.get('ada@deepcurrent.test')!.pendingKey!;
    await click(button('Reveal new key'));
    const box = await waitFor(dialog);
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
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    await openApiKeyScreen(fake);
    await click(button('Request a new key'));
    await click(byLabel('Other'));
    await click(button('Submit request'));
    fake.issue('ada@deepcurrent.test');
    await click(button('Refresh'));
    await waitFor(() => queryButton('Reveal new key'));
    await click(button('Reveal new key'));
    await click(button('Close', (await waitFor(dialog))!));
    fake.overrides.confirmNewKey = () => ({
      ok: false,
      error: { kind: 'network', message: 'Both your current key and the new key are kept, and your current key keeps working. Try again.' },
    });
    await click(await waitFor(() => queryButton('Confirm new key')));
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Both your current key and the new key are kept');
    expect(queryButton('Confirm new key')).not.toBeNull();
  });

  it('polls with backoff while a request is open and stops when the screen is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const fake = new FakeDeepCurrent();
    fake.seedAccount('ada@deepcurrent.test', 'token');
    const user = fake.users.get('ada@deepcurrent.test')!;
    user.request = { id: 'rr_1', status: 'pending', reason: 'lost', note: '', createdAt: '2026-01-01T00:00:00Z', issuedAt: null, confirmedAt: null };
    await openApiKeyScreen(fake);
    const base = fake.count('getApiKeyStatus');
    await advance(2000, vi);
    expect(fake.count('getApiKeyStatus')).toBe(base + 1);
    await advance(3000, vi);
    expect(fake.count('getApiKeyStatus')).toBe(base + 1);
    await advance(1000, vi);
    expect(fake.count('getApiKeyStatus')).toBe(base + 2);
    fake.issue('ada@deepcurrent.test');
    await advance(8000, vi);
    expect(pageText()).toContain('Status: Issued');
    await goTo('Account');
    const after = fake.count('getApiKeyStatus');
    await advance(120_000, vi, 10_000);
    expect(fake.count('getApiKeyStatus')).toBe(after);
  });
});
