/**
 * The request workbench's parts, as the e2e specs reach them: the request's parts are tabs of the request pane
 * (`Query`, `Headers`, `Body`, `Authorization`, `Copy as`), the response's views tabs of its pane.
 */
import type { Page } from '@playwright/test';

/** Opens a part of the request (its tab's name starts with `name`: `Body` finds `Body (JSON)`). */
export async function openRequestPart(page: Page, name: 'Query' | 'Headers' | 'Body' | 'Authorization' | 'Copy as'): Promise<void> {
  await page
    .getByRole('tablist', { name: 'Request parts' })
    .getByRole('tab', { name: new RegExp(`^${name}( \\(|$)`) })
    .click();
}

/** Opens a view of the response. */
export async function openResponseView(page: Page, name: 'Body' | 'Headers' | 'Request as sent'): Promise<void> {
  await page
    .getByRole('tablist', { name: 'Response views' })
    .getByRole('tab', { name: new RegExp(`^${name}( \\(|$)`) })
    .click();
}

/** Chooses the credential under Authorization (`api-key`, `token`, `none`, or an option's label). */
export async function chooseAuth(page: Page, auth: string | { label: string }): Promise<void> {
  await openRequestPart(page, 'Authorization');
  await page.getByLabel('Auth', { exact: true }).selectOption(auth);
}
