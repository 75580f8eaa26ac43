/**
 * The screens against a server in the field (the emulator's `minimal` flavour: the FastAPI template's backend),
 * through the real main process: they show what the server sent and say what it does not send, the API key
 * screen offers no key action, and an answer that cannot be read is named.
 */
import { describe, expect, it } from 'vitest';
import { Backend, useEmulator } from './real-backend';
import { click, goTo, hasText, pageText, queryButton, renderApp, waitFor, button } from './helpers';

const emulator = useEmulator({ flavour: 'minimal' });
const ADA = 'ada@deepcurrent.test';

async function signedIn() {
  const main = new Backend(emulator.current);
  await main.signIn(ADA, 'token');
  await renderApp(main);
  await waitFor(() => main.count('refreshProfile') === 1 && pageText().includes('Last verified'));
  return main;
}

describe('a server in the field', () => {
  it('shows the email and the name it sends, and "Not provided by this server" for plan and role', async () => {
    await signedIn();
    expect(hasText(`Email: ${ADA}`)).toBe(true);
    expect(hasText('Full name: Ada Lovelace')).toBe(true);
    expect(hasText('Plan: Not provided by this server')).toBe(true);
    expect(hasText('Role: Not provided by this server')).toBe(true);
    expect(pageText()).not.toMatch(/Plan: Free|Role: Member/);
  });

  it('says on the API key screen that the server offers no key management, with no Reveal and no Request a new key', async () => {
    const main = await signedIn();
    await goTo('API key');
    await waitFor(() => pageText().includes('This server offers no API key management'));
    expect(pageText()).toContain(
      'The server answered HTTP 404 to GET /api/v1/users/me/api-key/regeneration-requests: it has no API key management.',
    );
    expect(queryButton('Reveal API key')).toBeNull();
    expect(queryButton('Request a new key')).toBeNull();
    expect(pageText()).not.toContain('Revealing a key needs');

    const before = main.count('getApiKeyStatus');
    await click(button('Check again'));
    await waitFor(() => main.count('getApiKeyStatus') === before + 1 && !pageText().includes('Checking…'));
    expect(pageText()).toContain('This server offers no API key management');
  });

  it('names the call and the missing field when the profile answer cannot be read', async () => {
    await signedIn();
    await emulator.current.fault({ mode: 'body', path: '/api/v1/users/me', body: '{"id":1}', times: 1 });
    await click(button('Refresh'));
    await waitFor(() => document.querySelector('[role="alert"]'));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe(
      "The server's answer cannot be read: GET /api/v1/users/me: the answer has no email.",
    );
  });
});
