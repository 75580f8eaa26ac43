/**
 * Shared end-to-end steps for signing in through the real UI, and setup shortcuts that talk to the emulator
 * directly. Import from specs:
 *
 *   import { signInWithPassword, signInWithApiKey, revealKeyFor, expectAccountScreen } from './helpers/sign-in';
 *
 * The signatures of the four main helpers are stable; other spec writers rely on them.
 */
import { expect, type Page } from '@playwright/test';
import type { E2EApp } from '../fixtures/app';
import { CHANNELS, type ApiName } from '../../../src-shared/ipc-channels';
import type { AccountSummary, AppState } from '../../../src-shared/models';
import { DEMO_PASSWORD } from '../../../emulator/demo-accounts';

/** The password of every demo account of the emulator. */
export { DEMO_PASSWORD };

/** The demo accounts of the emulator. */
export const DEMO = {
  ada: 'ada@deepcurrent.test',
  free: 'free@deepcurrent.test',
  support: 'support@deepcurrent.test',
} as const;

/** The sign-in screen's heading. */
export function signInHeading(page: Page) {
  return page.getByRole('heading', { name: 'Sign in to DeepCurrent' });
}

/** A button of the main navigation, by its exact name (`Account`, `API key`, `Request tester`, `Settings`). */
export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
}

/** The account screen's heading. */
export function accountHeading(page: Page) {
  return page.getByRole('heading', { name: 'Account', exact: true });
}

/** One `Label: value` line of the account screen (a `.fact` row), matched exactly. */
export function fact(page: Page, label: string, value: string | RegExp) {
  const text = typeof value === 'string' ? `${label}: ${value}` : new RegExp(`^${label}: ${value.source}$`);
  return page.locator('.fact').filter({ hasText: text });
}

/** Opens the sign-in form when the page shows the account screen (`Add account`); no-op on the sign-in screen. */
async function ensureSignInForm(page: Page): Promise<void> {
  const heading = signInHeading(page);
  const add = page.getByRole('button', { name: 'Add account' });
  await expect(heading.or(add).first()).toBeVisible();
  if (!(await heading.isVisible())) await add.click();
  await expect(heading).toBeVisible();
}

/**
 * Signs in through the UI with email and password (default: the demo password) on the default environment
 * (the Local emulator) and waits for the account screen of that email. From the account screen, it goes through
 * `Add account` first.
 */
export async function signInWithPassword(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await ensureSignInForm(page);
  await page.getByRole('tab', { name: 'Email and password' }).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectAccountScreen(page, email);
}

/** Signs in through the UI with an API key on the default environment and waits for the account screen. */
export async function signInWithApiKey(page: Page, key: string): Promise<void> {
  await ensureSignInForm(page);
  await page.getByRole('tab', { name: 'API key' }).click();
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(accountHeading(page)).toBeVisible();
  await expect(fact(page, 'Signed in with', 'API key')).toBeVisible();
}

/**
 * Setup shortcut: reveals the demo account's API key straight from the emulator over HTTP (password grant, then
 * `POST /users/me/api-key/reveal`), without touching the app. A key can be revealed once per emulator.
 */
export async function revealKeyFor(app: E2EApp, email: string, password: string = DEMO_PASSWORD): Promise<string> {
  const base = app.emulator?.url;
  if (!base) throw new Error('revealKeyFor needs the emulator (not available in an offline test).');
  const login = await fetch(`${base}/api/v1/login/access-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password }).toString(),
  });
  if (!login.ok) throw new Error(`revealKeyFor: sign-in for ${email} answered ${login.status}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const reveal = await fetch(`${base}/api/v1/users/me/api-key/reveal`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!reveal.ok) throw new Error(`revealKeyFor: reveal for ${email} answered ${reveal.status}`);
  const { api_key: key } = (await reveal.json()) as { api_key: string };
  return key;
}

/** Asserts the account screen shows the given account as the active one (its `Email:` line). */
export async function expectAccountScreen(page: Page, email: string): Promise<void> {
  await expect(accountHeading(page)).toBeVisible();
  await expect(fact(page, 'Email', email)).toBeVisible();
}

/** The app state as the main process holds it (setup and stored-outcome checks). */
export async function appState(app: E2EApp): Promise<AppState> {
  const state = await app.call<AppState>('getState');
  if (!state.ok) throw new Error(`getState failed: ${state.error.message}`);
  return state.value;
}

/** The stored account with that email (throws when there is none). */
export async function storedAccount(app: E2EApp, email: string): Promise<AccountSummary> {
  const account = (await appState(app)).accounts.find((a) => a.email === email);
  if (!account) throw new Error(`No stored account for ${email}`);
  return account;
}

/** Counts the page's calls of one API function through the bridge (`/__ipc/<channel>`), from now on. */
export function countIpcCalls(page: Page, name: ApiName): { readonly count: number } {
  const path = `/__ipc/${encodeURIComponent(CHANNELS[name])}`;
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === path) counter.count += 1;
  });
  return counter;
}
