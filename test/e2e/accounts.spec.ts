/**
 * Issue 2, accounts through start:web in a real Chromium: a rejected credential (401) leads to one sign-in prompt
 * with the email kept, a 403 leaves the user signed in, switching between two accounts, signing out (secrets gone
 * from the keychain, the cached profile gone from the settings file), and an offline start from stored details.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, KEYCHAIN_SERVICE, type E2EApp } from './fixtures/app';
import { loadKeytar } from '../../src-main/platform/keytar-secret-store';
import {
  DEMO,
  DEMO_PASSWORD,
  appState,
  countIpcCalls,
  expectAccountScreen,
  fact,
  revealKeyFor,
  signInHeading,
  signInWithApiKey,
  signInWithPassword,
  storedAccount,
} from './helpers/sign-in';
import { heldSecret } from '../helpers/held-secret';

const REJECTED = 'Your sign-in is no longer valid (missing, invalid, expired or revoked credential). Please sign in again.';

/** Every file under the app's settings folder, as text. */
async function settingsText(app: E2EApp): Promise<string> {
  const files = (await readdir(app.dataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const texts = await Promise.all(files.map((f) => readFile(join(f.parentPath, f.name), 'utf8')));
  return texts.join('\n');
}

/** The keychain entry names of one account under the e2e service (OS keychain only). */
async function keychainEntries(accountId: string): Promise<string[]> {
  const keytar = await loadKeytar();
  const all = await keytar.findCredentials(KEYCHAIN_SERVICE);
  return all.map((c) => c.account).filter((name) => name.startsWith(`${accountId}:`));
}

/** A session token from the emulator over HTTP (setup only). */
async function emulatorToken(app: E2EApp, email: string): Promise<string> {
  const res = await fetch(`${app.emulator!.url}/api/v1/login/access-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password: DEMO_PASSWORD }).toString(),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** POSTs to the emulator with a bearer credential and answers the JSON (setup only). */
async function emulatorPost(app: E2EApp, path: string, credential: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(`${app.emulator!.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, `POST ${path}`).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

/** Replaces a user's key through a confirmed regeneration, outside the app: the old key is revoked at once. */
async function revokeKeyByRegeneration(app: E2EApp, email: string): Promise<void> {
  const user = await emulatorToken(app, email);
  const request = await emulatorPost(app, '/api/v1/users/me/api-key/regeneration-requests', user, { reason: 'lost', note: '' });
  const support = await emulatorToken(app, DEMO.support);
  await emulatorPost(app, `/api/v1/support/regeneration-requests/${request.id}/issue`, support);
  await emulatorPost(app, '/api/v1/users/me/api-key/reveal', user);
  await emulatorPost(app, `/api/v1/users/me/api-key/regeneration-requests/${request.id}/confirm`, user);
}

/** Clicks `Refresh` on the account screen. */
function refresh(page: Page) {
  return page.getByRole('button', { name: 'Refresh', exact: true }).click();
}

test('a session token the server rejects (401) leads to one sign-in prompt with the email filled in', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  const account = await storedAccount(app, DEMO.ada);
  const services = app.web.services;
  const token = (await heldSecret(services, account.id, 'token'))!;
  // Same claims (a live `exp`), broken signature: the app cannot tell, the emulator rejects it.
  const [header, payload] = token.split('.');
  await services.context.session.storeSecret(account.id, 'token', `${header}.${payload}.${'A'.repeat(43)}`);

  const refreshes = countIpcCalls(page, 'refreshProfile');
  await refresh(page);

  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: REJECTED })).toBeVisible();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByRole('tab', { name: 'Email and password' })).toHaveAttribute('aria-selected', 'true');

  // Stored: the rejected token is dropped and the account waits for a new sign-in.
  await expect.poll(async () => (await storedAccount(app, DEMO.ada)).needsSignIn).toBe(true);
  expect(await storedAccount(app, DEMO.ada)).toMatchObject({ hasToken: false, tokenExpiresAt: null });
  expect(await heldSecret(services, account.id, 'token')).toBeNull();

  // No loop: back on the account screen nothing asks again; it offers `Sign in again` instead.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expectAccountScreen(page, DEMO.ada);
  await expect(page.getByRole('alert').filter({ hasText: 'Session expired' })).toBeVisible();
  await page.waitForTimeout(1_000);
  expect(refreshes.count).toBe(1);
  await expect(signInHeading(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, DEMO.ada);
  await expect(fact(page, 'Session', /Expires in \d+ min/)).toBeVisible();
  expect(await storedAccount(app, DEMO.ada)).toMatchObject({ needsSignIn: false, hasToken: true });
});

test('a key revoked by a confirmed regeneration (401) leads to one prompt to sign in again', async ({ app, page }) => {
  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithApiKey(page, key);
  await revokeKeyByRegeneration(app, DEMO.ada);

  const refreshes = countIpcCalls(page, 'refreshProfile');
  await refresh(page);
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: REJECTED })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'API key' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(async () => (await storedAccount(app, DEMO.ada)).needsSignIn).toBe(true);

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expectAccountScreen(page, DEMO.ada);
  await expect(page.getByRole('alert').filter({ hasText: 'no longer accepts the API key' })).toBeVisible();
  await page.waitForTimeout(1_000);
  expect(refreshes.count).toBe(1);
  await expect(signInHeading(page)).toHaveCount(0);
});

test('a 403 in the request tester explains the plan and leaves the user signed in', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.free);
  const nav = page.locator('nav[aria-label="Main"]');
  await nav.getByRole('button', { name: 'Request tester' }).click();
  await page.getByLabel('Method').selectOption('GET');
  await page.getByLabel('Path').fill('/api/v1/usage');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  await expect(page.getByText(/^403\b/).first()).toBeVisible();
  await expect(page.getByText(/Credentials are valid but your account does not have access/)).toBeVisible();
  await expect(signInHeading(page)).toHaveCount(0);

  await nav.getByRole('button', { name: 'Account' }).click();
  await expectAccountScreen(page, DEMO.free);
  await expect(fact(page, 'Plan', 'Free')).toBeVisible();
  await expect(fact(page, 'Signed in with', 'session token')).toBeVisible();
  await expect(fact(page, 'Session', /Expires in \d+ min/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);

  const account = await storedAccount(app, DEMO.free);
  expect(account).toMatchObject({ needsSignIn: false, hasToken: true });
  expect(await heldSecret(app.web.services, account.id, 'token')).toMatch(/^eyJ/);
});

test('two accounts: the Account select switches between them and the screen follows', async ({ app, page }) => {
  await signInWithPassword(page, DEMO.ada);
  await signInWithPassword(page, DEMO.free);
  await expect(fact(page, 'Full name', 'Grace Hopper')).toBeVisible();

  const select = page.getByLabel('Account', { exact: true });
  await expect(select.locator('option')).toHaveText([`${DEMO.ada} — Local emulator`, `${DEMO.free} — Local emulator`]);
  await expect(select.locator('option:checked')).toHaveText(`${DEMO.free} — Local emulator`);

  await select.selectOption({ label: `${DEMO.ada} — Local emulator` });
  await expectAccountScreen(page, DEMO.ada);
  await expect(fact(page, 'Full name', 'Ada Lovelace')).toBeVisible();
  await expect(fact(page, 'Plan', 'Pro')).toBeVisible();
  await expect(page.locator('.app-header')).toContainText(`${DEMO.ada} · Local emulator`);
  expect((await appState(app)).activeAccountId).toBe((await storedAccount(app, DEMO.ada)).id);

  await select.selectOption({ label: `${DEMO.free} — Local emulator` });
  await expectAccountScreen(page, DEMO.free);
  await expect(fact(page, 'Plan', 'Free')).toBeVisible();
  expect((await appState(app)).activeAccountId).toBe((await storedAccount(app, DEMO.free)).id);

  // The choice survives a restart (with a keychain the account is usable at once; without one it asks to sign in).
  await app.restart();
  await expect(page.locator('.app-header')).toContainText(`${DEMO.free} · Local emulator`);
  expect((await appState(app)).activeAccountId).toBe((await storedAccount(app, DEMO.free)).id);
  if (app.keychain === 'os') await expectAccountScreen(page, DEMO.free);
});

test('signing out removes the account, its keychain entries and its cached profile; the other account stays', async ({
  app,
  page,
}) => {
  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithApiKey(page, key);
  await signInWithPassword(page, DEMO.ada); // the same account now holds a key and a session token
  await signInWithPassword(page, DEMO.free);
  const ada = await storedAccount(app, DEMO.ada);
  const free = await storedAccount(app, DEMO.free);
  expect(ada).toMatchObject({ hasApiKey: true, hasToken: true });
  // Under the test command's keyring session the real keychain must be in use, not the memory fallback.
  if (process.env.DEEPCURRENT_KEYRING_SESSION === '1') expect(app.keychain).toBe('os');
  if (app.keychain === 'os') {
    expect((await keychainEntries(ada.id)).sort()).toEqual([`${ada.id}:api-key`, `${ada.id}:token`]);
  }
  expect(await settingsText(app)).toContain('Ada Lovelace');

  await page.getByLabel('Account', { exact: true }).selectOption({ label: `${DEMO.ada} — Local emulator` });
  await expectAccountScreen(page, DEMO.ada);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('alertdialog', { name: `Sign out of ${DEMO.ada}?` }).getByRole('button', { name: 'Sign out' }).click();

  // The other account takes over the screen, and a notice says so.
  await expectAccountScreen(page, DEMO.free);
  await expect(page.getByRole('status').filter({ hasText: `Signed out of ${DEMO.ada} (Local emulator). The active account is now ${DEMO.free} (Local emulator).` })).toBeVisible();
  await expect(page.getByLabel('Account', { exact: true }).locator('option')).toHaveText([`${DEMO.free} — Local emulator`]);
  const state = await appState(app);
  expect(state.accounts.map((a) => a.email)).toEqual([DEMO.free]);
  expect(state.activeAccountId).toBe(free.id);
  const services = app.web.services;
  expect(await heldSecret(services, ada.id, 'api-key')).toBeNull();
  expect(await heldSecret(services, ada.id, 'token')).toBeNull();
  if (app.keychain === 'os') {
    expect(await keychainEntries(ada.id)).toEqual([]);
    expect(await keychainEntries(free.id)).toEqual([`${free.id}:token`]);
  }
  const settings = await settingsText(app);
  expect(settings).not.toContain(DEMO.ada);
  expect(settings).not.toContain('Ada Lovelace');
  expect(settings).toContain(DEMO.free);

  // Signing out the last account leads to the sign-in screen.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.locator('nav[aria-label="Main"]')).toHaveCount(0);
  expect((await appState(app)).accounts).toEqual([]);
  if (app.keychain === 'os') expect(await keychainEntries(free.id)).toEqual([]);
  expect(await settingsText(app)).not.toContain(DEMO.free);
});

test('offline start: the stored account, its last4 and last verified time show without a network; Refresh loses nothing', async ({
  app,
  page,
}) => {
  const key = await revealKeyFor(app, DEMO.ada);
  await signInWithApiKey(page, key);
  const lastVerified = await page.getByText(/^Last verified /).textContent();
  const before = await storedAccount(app, DEMO.ada);

  await app.restart({ emulator: 'stopped' });

  if (app.keychain !== 'os') {
    // Without a keychain the key lived in memory only and is gone after the restart, as the banner says: the
    // account keeps its saved details but no longer claims a key, and asks for a new sign-in.
    await expect(page.getByText('No system keychain is available', { exact: false })).toBeVisible();
    await expect(fact(page, 'Full name', 'Ada Lovelace')).toBeVisible();
    await expect(fact(page, 'API key', `dc_…${key.slice(-4)} This app does not hold your key; copy it from where you saved it`)).toBeVisible();
    expect(await storedAccount(app, DEMO.ada)).toMatchObject({ id: before.id, hasApiKey: false, needsSignIn: true, profile: before.profile });
    return;
  }
  await expectAccountScreen(page, DEMO.ada);
  await expect(fact(page, 'API key', `dc_…${key.slice(-4)}`)).toBeVisible();
  await expect(fact(page, 'Full name', 'Ada Lovelace')).toBeVisible();
  await expect(page.getByText(/^Last verified /)).toHaveText(lastVerified!);

  const refreshes = countIpcCalls(page, 'refreshProfile');
  await refresh(page);
  await expect.poll(() => refreshes.count).toBe(1);
  // The key survived the restart in the keychain; the call fails for want of a network, which the user is told.
  const savedFrom = lastVerified!.replace(/^Last verified /, '');
  await expect(page.getByRole('status').filter({ hasText: `Offline — showing saved details from ${savedFrom}` })).toBeVisible();
  expect(await heldSecret(app.web.services, before.id, 'api-key')).toBe(key);
  await expectAccountScreen(page, DEMO.ada);
  await expect(fact(page, 'API key', `dc_…${key.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(/^Last verified /)).toHaveText(lastVerified!);
  const after = await storedAccount(app, DEMO.ada);
  expect(after).toMatchObject({
    id: before.id,
    apiKeyLast4: key.slice(-4),
    hasApiKey: true,
    lastVerifiedAt: before.lastVerifiedAt,
    profile: before.profile,
    needsSignIn: false,
  });
});
