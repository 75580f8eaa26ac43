/**
 * A settings file edited while the app was stopped, pointing the signed-in account at another server (a loopback
 * port where the test's trap server listens, as someone with write access to the user's files could): after the
 * restart the app sends nothing there — not at start-up, not on the Account screen, the API key screen or a tester
 * Send — and the Account screen says a sign-in is needed, in the words main gives for it. The integration version,
 * with more kinds of tampering: test/integration/origin-binding.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/app';
import { DEMO, accountHeading, nav, signInWithPassword, storedAccount } from './helpers/sign-in';
import { revealInApp } from './helpers/reveal-in-app';
import { CHANNELS, type ApiName } from '../../src-shared/ipc-channels';
import type { Result } from '../../src-shared/errors';

/** The Result main answers to the page's next call of `name` through the bridge (start waiting before the action). */
function nextAnswer(page: Page, name: ApiName): Promise<Result<unknown>> {
  const path = `/__ipc/${encodeURIComponent(CHANNELS[name])}`;
  return page.waitForResponse((response) => new URL(response.url()).pathname === path).then((response) => response.json() as Promise<Result<unknown>>);
}

test('an account pointed at another server while the app was stopped sends nothing there and asks for a sign-in, saying why', async ({
  app,
  page,
}) => {
  // The trap: every connection and every request that reaches it is recorded (and answered like the server would).
  const connections: string[] = [];
  const requests: string[] = [];
  const trap = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} (authorization: ${req.headers.authorization ? 'yes' : 'no'})`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: 'u_0001', email: DEMO.ada, full_name: 'Ada Lovelace', is_active: true }));
  });
  trap.on('connection', (socket) => connections.push(`from port ${socket.remotePort}`));
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  const nothingReachedTheTrap = (when: string) => expect([...connections, ...requests], `reached the trap ${when}`).toEqual([]);

  try {
    // Signed in with the password on the Local emulator, the key revealed: the app holds a token and a key.
    await signInWithPassword(page, DEMO.ada);
    await revealInApp(page);
    expect(await storedAccount(app, DEMO.ada)).toMatchObject({ hasToken: true, hasApiKey: true, needsSignIn: false });

    await app.restart({
      whileStopped: async () => {
        const settingsPath = join(app.dataDir, 'settings.json');
        const stored = JSON.parse(await readFile(settingsPath, 'utf8')) as { accounts: Array<{ email: string; environment: unknown }> };
        expect(stored.accounts).toHaveLength(1);
        expect(stored.accounts[0]).toMatchObject({ email: DEMO.ada, environment: { kind: 'local' } });
        stored.accounts[0]!.environment = { kind: 'custom', baseUrl: trapUrl };
        await writeFile(settingsPath, JSON.stringify(stored, null, 2));
      },
    });

    nothingReachedTheTrap('during start-up');

    // Main's verdict, and the Account screen saying it.
    const account = await storedAccount(app, DEMO.ada);
    expect(account.environment).toEqual({ kind: 'custom', baseUrl: trapUrl });
    expect(account.needsSignIn).toBe(true);
    const reason = account.signInReason!;
    expect(reason).toBe(
      `The server address stored for this account (${trapUrl}) is not the one it signed in to, so the app did not send its credentials there. Sign in again.`,
    );
    const refused = { ok: false, error: { kind: 'not-signed-in', message: reason } };
    await expect(accountHeading(page)).toBeVisible();
    const alert = page.getByRole('alert').filter({ hasText: 'Sign-in needed' });
    await expect(alert).toContainText(reason);
    await expect(alert.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    const refreshed = nextAnswer(page, 'refreshProfile');
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    expect(await refreshed).toEqual(refused);
    await expect(alert).toContainText(reason);

    nothingReachedTheTrap('on the Account screen');

    // The API key screen: the key's status is not fetched from there; it says why.
    const keyStatus = nextAnswer(page, 'getApiKeyStatus');
    await nav(page, 'API key').click();
    await expect(page.getByRole('heading', { name: 'API key', exact: true })).toBeVisible();
    expect(await keyStatus).toEqual(refused);
    await expect(page.getByRole('alert').filter({ hasText: reason })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your current key' })).toHaveCount(0);
    nothingReachedTheTrap('on the API key screen');

    // A tester Send with the account's credential is refused before anything leaves.
    await nav(page, 'Request tester').click();
    await expect(page.getByRole('heading', { name: 'Request tester', exact: true })).toBeVisible();
    await page.getByLabel('Method', { exact: true }).selectOption('GET');
    await page.getByLabel('Path', { exact: true }).fill('/api/v1/users/me');
    const sent = nextAnswer(page, 'sendRequest');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    expect(await sent).toEqual(refused);
    await expect(page.getByRole('alert').filter({ hasText: reason })).toBeVisible();
    await expect(page.locator('.response-panel .status-code')).toHaveCount(0);

    // Every call above has answered (each waits for its server), so anything sent would have arrived by now.
    nothingReachedTheTrap('on a tester Send');
    expect(app.pageErrors).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => {
      trap.closeAllConnections();
      trap.close(() => resolve());
    });
  }
});
