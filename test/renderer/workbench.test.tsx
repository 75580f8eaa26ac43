/**
 * The request workbench's store logic, through the real main process (`real-backend.ts`): tabs with their own
 * drafts and responses (new, close, next, by the keyboard), tabs that belong to an account (another account never
 * sees them, never sends them) and come back after a restart without what looked secret, an answer that goes to the
 * tab that sent it, the picker that follows the draft, a sign-in endpoint sent without a credential with its form,
 * and the divider moved by the keyboard and kept.
 */
import { describe, expect, it } from 'vitest';
import { activeAccount, useAppStore } from '../../src-renderer/store';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { Backend, useEmulator } from './real-backend';
import { button, byLabel, choose, cleanup, click, goTo, hasText, pageText, press, queryButton, renderApp, requestPart, tabIn, type, waitFor } from './helpers';

const emulator = useEmulator();

async function openTester(main: Backend) {
  await renderApp(main);
  await goTo('Request tester');
  await waitFor(() => byLabel<HTMLSelectElement>('Endpoint').options.length > 1);
}

/** The open tabs' names, in order, the active one marked with `*`. */
function tabNames(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="Open requests"] [role="tab"]')).map(
    (t) => `${t.getAttribute('aria-selected') === 'true' ? '*' : ''}${(t.textContent ?? '').replace('×', '').trim()}`,
  );
}

const path = () => byLabel<HTMLInputElement>('Path');
const lastSend = (main: Backend) => main.lastRequest('sendRequest');

describe('tabs', () => {
  it('opens, switches and closes tabs by the keyboard, each with its own draft and response', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    expect(tabNames()).toEqual(['*GET/api/v1/users/me']);
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));

    await press('t', { ctrlKey: true }, document.body);
    expect(tabNames()).toEqual(['GET/api/v1/users/me', '*GETNew request']);
    expect(path().value).toBe('');
    expect(document.activeElement).toBe(path());
    expect(hasText('200 OK')).toBe(false);
    await type(path(), '/api/v1/items');
    await press('Tab', { ctrlKey: true }, document.body);
    expect(tabNames()).toEqual(['*GET/api/v1/users/me', 'GET/api/v1/items']);
    expect(path().value).toBe('/api/v1/users/me');
    expect(hasText('200 OK')).toBe(true);

    // The tab list: arrow keys move and select, Delete closes.
    const first = tabIn('Open requests', 'GET/api/v1/users/me');
    await press('ArrowRight', {}, first);
    expect(tabNames()).toEqual(['GET/api/v1/users/me', '*GET/api/v1/items']);
    await press('w', { metaKey: true }, document.body);
    expect(tabNames()).toEqual(['*GET/api/v1/users/me']);
    await press('Delete', {}, tabIn('Open requests', 'GET/api/v1/users/me'));
    expect(tabNames()).toEqual(['*GETNew request']);
  });

  it('gives an answer to the tab that sent it, even when another tab is active', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    const held = main.holdNext('sendRequest');
    await click(button('Send'));
    await waitFor(() => queryButton('Cancel'));
    await click(button('New tab'));
    await type(path(), '/api/v1/items');
    held.release();
    await waitFor(() => useAppStore.getState().workbench.tabs[0]!.content.response !== null);
    expect(useAppStore.getState().tester.response).toBeNull();
    expect(pageText()).not.toContain('200 OK');
    await click(tabIn('Open requests', 'GET/api/v1/users/me'));
    expect(hasText('200 OK')).toBe(true);
  });
});

describe('tabs belong to their account', () => {
  it('never shows or sends a draft under another account, and gives it back to its own', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('free@deepcurrent.test', 'api-key');
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));
    await click(button('New tab'));
    await type(path(), '/api/v1/items');
    await requestPart('Query');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'who');
    await type(byLabel('Query parameter 1 value'), 'ada');
    const adaId = activeAccount(useAppStore.getState())!.id;

    await goTo('Account');
    await choose(byLabel<HTMLSelectElement>('Account'), 'free@deepcurrent.test — Local emulator');
    await waitFor(() => activeAccount(useAppStore.getState())?.email === 'free@deepcurrent.test');
    await goTo('Request tester');
    await waitFor(() => tabNames().length === 1);
    expect(path().value).toBe('/api/v1/users/me');
    expect(pageText()).toContain('No query parameters.');
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));
    const sent = lastSend(main)!;
    expect(sent.draftAccountId).toBe(activeAccount(useAppStore.getState())!.id);
    expect(sent.request.query).toEqual([]);

    await goTo('Account');
    await choose(byLabel<HTMLSelectElement>('Account'), 'ada@deepcurrent.test — Local emulator');
    await goTo('Request tester');
    // The URL shows the query it sends (the Query table and the URL stay in sync).
    await waitFor(() => path().value === '/api/v1/items?who=ada');
    await requestPart('Query');
    expect(byLabel<HTMLInputElement>('Query parameter 1 value').value).toBe('ada');
    // Its other tab still has the response it got before the switch (kept in memory, not only the drafts on disk).
    await click(tabIn('Open requests', 'GET/api/v1/users/me'));
    expect(hasText('200 OK')).toBe(true);
    await click(tabIn('Open requests', 'GET/api/v1/items'));
    await click(button('Send'));
    await waitFor(() => main.count('sendRequest') === 3);
    expect(lastSend(main)).toMatchObject({ draftAccountId: adaId, request: { path: '/api/v1/items', query: [{ name: 'who', value: 'ada' }] } });
  });
});

describe('tabs of an account that signs out', () => {
  it('leave the window with it', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('free@deepcurrent.test', 'api-key');
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    await type(path(), '/api/v1/items?secret-ish=1');
    const adaId = activeAccount(useAppStore.getState())!.id;
    await goTo('Account');
    await click(button('Sign out'));
    await click(button('Sign out', document.querySelector<HTMLElement>('[role="alertdialog"]')!));
    await waitFor(() => activeAccount(useAppStore.getState())?.email === 'free@deepcurrent.test');
    expect(Object.keys(useAppStore.getState().workbench.stash)).not.toContain(adaId);
    expect(JSON.stringify(useAppStore.getState().workbench)).not.toContain('secret-ish');
  });
});

describe('tabs across a restart', () => {
  it('come back with their drafts, the active tab and the divider, a secret value replaced and said so', async () => {
    const kv = new MemoryKv();
    const secrets = new MemorySecretStore();
    const apiKey = `dc_${'Qx7'.repeat(12)}`;
    const first = new Backend(emulator.current, { kv, secrets });
    await first.signIn('ada@deepcurrent.test', 'token');
    await openTester(first);
    await type(path(), '/api/v1/items');
    await click(button('New tab'));
    await type(path(), '/api/v1/usage');
    await requestPart('Headers');
    await click(button('Add header'));
    await type(byLabel('Header 1 name'), 'X-Api-Key');
    await type(byLabel('Header 1 value'), apiKey);
    const divider = document.querySelector<HTMLElement>('[role="separator"]')!;
    await press('ArrowLeft', {}, divider);
    expect(divider.getAttribute('aria-valuenow')).toBe('45');
    await goTo('Account'); // leaving the screen sends what is pending
    await first.settle();
    await waitFor(() => pageText().includes('Account'));
    expect(kv.toJSON()).not.toContain(apiKey);
    await cleanup();
    await first.dispose();

    // The app starts again over the same settings and keychain.
    const second = new Backend(emulator.current, { kv, secrets });
    await openTester(second);
    expect(tabNames()).toEqual(['GET/api/v1/items', '*GET/api/v1/usage']);
    await requestPart('Headers');
    expect(byLabel<HTMLInputElement>('Header 1 value').value).toBe('REDACTED');
    expect(pageText()).toContain('Not kept across restarts, because it looks like a secret: header X-Api-Key.');
    expect(document.querySelector('[role="separator"]')!.getAttribute('aria-valuenow')).toBe('45');
    expect(second.count('loadTabs')).toBe(1);
  });

  it('says what was not kept as soon as a secret is typed, in the tab', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    await requestPart('Query');
    await click(button('Add query parameter'));
    await type(byLabel('Query parameter 1 name'), 'access_token');
    await type(byLabel('Query parameter 1 value'), 'hunter2-hunter2');
    await useAppStore.getState().saveTabs();
    // The URL carries the query too (it follows the Query table), so both are named.
    await waitFor(() => pageText().includes('looks like a secret: path, query parameter access_token'));
  });
});

describe('the endpoint picker and the fixes', () => {
  it('follows the draft edited by hand, and clears when the draft is no endpoint', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    const picker = () => byLabel<HTMLSelectElement>('Endpoint');
    expect(picker().value).toBe('GET /api/v1/users/me');
    await choose(picker(), 'GET /api/v1/users/me — Read the current user');
    await type(path(), '/api/v1/items/it_123?x=1');
    expect(picker().value).toBe('GET /api/v1/items/{id}');
    await choose(byLabel<HTMLSelectElement>('Method'), 'DELETE');
    expect(picker().value).toBe('DELETE /api/v1/items/{id}');
    await type(path(), 'curl https://example.com');
    expect(picker().value).toBe('');
  });

  it('sends the sign-in endpoint without a credential, with its form, and puts the credential back for the next', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'token');
    await openTester(main);
    await choose(byLabel<HTMLSelectElement>('Endpoint'), 'POST /api/v1/login/access-token — Sign in (OAuth2 password grant)');
    expect(hasText('Acting as ada@deepcurrent.test without credentials')).toBe(true);
    expect(byLabel<HTMLInputElement>('Form').checked).toBe(true);
    expect(['Form field 1 name', 'Form field 2 name', 'Form field 3 name'].map((l) => byLabel<HTMLInputElement>(l).value)).toEqual([
      'username',
      'password',
      'grant_type',
    ]);
    expect(byLabel<HTMLInputElement>('Form field 2 value').value).toBe('');
    expect(byLabel<HTMLInputElement>('Form field 3 value').value).toBe('password');
    await choose(byLabel<HTMLSelectElement>('Endpoint'), 'GET /api/v1/users/me — Read the current user');
    expect(pageText()).toContain('Acting as ada@deepcurrent.test with session token');
  });

  it('moves the divider with the keyboard within its range', async () => {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await openTester(main);
    const divider = document.querySelector<HTMLElement>('[role="separator"]')!;
    expect(divider.getAttribute('aria-valuenow')).toBe('50');
    await press('ArrowRight', {}, divider);
    expect(divider.getAttribute('aria-valuenow')).toBe('55');
    await press('End', {}, divider);
    expect(divider.getAttribute('aria-valuenow')).toBe('80');
    await press('ArrowRight', {}, divider);
    expect(divider.getAttribute('aria-valuenow')).toBe('80');
    await press('Home', {}, divider);
    expect(divider.getAttribute('aria-valuenow')).toBe('20');
  });
});
