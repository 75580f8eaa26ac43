/**
 * A truncated settings file (`settings.json` in the data folder, as `openSettingsFile` names it): at the next start
 * the app moves it aside with a timestamp, starts on default settings, tells the user in a notice that can be
 * dismissed — and every keychain secret of the account it held is still in the keychain (read back with keytar
 * when the test runs with an OS keychain; with secrets in memory there is nothing to outlive a restart).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, KEYCHAIN_SERVICE } from './fixtures/app';
import { DEMO, DEMO_PASSWORD, signInHeading, storedAccount } from './helpers/sign-in';
import { heldSecret } from '../helpers/held-secret';

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('@github/keytar')) as unknown as { default?: Keytar } & Keytar;
  return mod.default ?? mod;
}

test('a truncated settings file is moved aside with a timestamp, the app starts on defaults, says so, and keeps the keychain secrets', async ({
  app,
  page,
}) => {
  // Setup: a signed-in account (its token in the keychain) and a non-default setting.
  const signedIn = await app.call('signInWithPassword', { email: DEMO.ada, password: DEMO_PASSWORD, environment: { kind: 'local' } });
  expect(signedIn.ok).toBe(true);
  expect((await app.call('updateSettings', { theme: 'dark', requestTimeoutSeconds: 42 })).ok).toBe(true);
  const account = await storedAccount(app, DEMO.ada);
  const token = await heldSecret(app.web.services, account.id, 'token');
  expect(token).toMatch(/^eyJ/);
  const keytar = app.keychain === 'os' ? await loadKeytar() : null;
  if (keytar) expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${account.id}:token`)).toBe(token);

  // The file is cut in the middle, as an interrupted write would leave it.
  const settingsPath = join(app.dataDir, 'settings.json');
  const whole = await readFile(settingsPath, 'utf8');
  expect(whole).toContain(DEMO.ada);
  const truncated = whole.slice(0, Math.floor(whole.length / 2));
  await writeFile(settingsPath, truncated);
  const before = Date.now();

  await app.restart();
  const notice = page.getByRole('status').filter({ hasText: /^Your settings file was damaged and has been moved aside to / });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('DeepCurrent Desktop started with default settings; credentials in the system keychain were kept.');

  // Moved aside, with a timestamp in its name, holding exactly what was damaged.
  const names = await readdir(app.dataDir);
  const aside = names.filter((n) => /^settings\.damaged-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/.test(n));
  expect(aside, names.join(', ')).toHaveLength(1);
  const stamp = aside[0].slice('settings.damaged-'.length, -'.json'.length);
  const when = Date.parse(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));
  expect(when).toBeGreaterThanOrEqual(before - 1_000);
  expect(when).toBeLessThanOrEqual(Date.now() + 1_000);
  expect(await readFile(join(app.dataDir, aside[0]), 'utf8')).toBe(truncated);
  await expect(notice).toContainText(join(app.dataDir, aside[0]));

  // Defaults: no account, the sign-in screen, the theme following the OS, the default timeout.
  await expect(signInHeading(page)).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  const state = await app.call<{ accounts: unknown[]; settings: { theme: string; requestTimeoutSeconds: number } }>('getState');
  expect(state.ok && state.value.accounts).toEqual([]);
  expect(state.ok && state.value.settings).toMatchObject({ theme: 'system', requestTimeoutSeconds: 30 });

  // The notice can be dismissed.
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  // The keychain still holds the account's secret: the damaged file took nothing with it.
  if (keytar) {
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${account.id}:token`)).toBe(token);
    // The account is no longer listed, so the fixture's sign-out cannot reach this entry: remove it here.
    await keytar.deletePassword(KEYCHAIN_SERVICE, `${account.id}:token`);
  } else {
    test.info().annotations.push({ type: 'note', description: 'No OS keychain in this run: the keychain check needs the real-keychain run.' });
  }
});
