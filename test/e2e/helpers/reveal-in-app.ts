/**
 * The API key screen as a user drives it: open it, reveal the key once in its dialog, close the dialog. For specs
 * that need an account holding its key through the UI (rather than the `revealKeyFor` shortcut, which reveals it
 * at the emulator and leaves the app without it).
 */
import { expect, type Page } from '@playwright/test';
import { fact, nav } from './sign-in';

/** Opens the API key screen and waits for the key's status (its `API key: dc_…` line). */
export async function openApiKeyScreen(page: Page): Promise<void> {
  await nav(page, 'API key').click();
  await expect(page.getByRole('heading', { name: 'API key', exact: true })).toBeVisible();
  await expect(fact(page, 'API key', /dc_….{4}( .*)?/)).toBeVisible();
}

/** Reveals the active account's key on the API key screen, closes the dialog, and answers the key's last four. */
export async function revealInApp(page: Page): Promise<string> {
  await openApiKeyScreen(page);
  await page.getByRole('button', { name: 'Reveal API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your API key' });
  const field = dialog.getByRole('textbox', { name: 'API key' });
  await expect(field).toHaveValue(/^dc_[A-Za-z0-9_-]{32,}$/);
  const last4 = (await field.inputValue()).slice(-4);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('This app holds your key')).toBeVisible();
  return last4;
}
