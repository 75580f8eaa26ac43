/**
 * Without an OS keychain the app still works, says plainly that secrets last for this session only, keeps them in
 * memory, and never writes them to disk. First with the fixture's `noKeychain` flag (sign in, reveal, restart:
 * the secrets are gone, and no file under the data folder ever held one); then as a real `start:web` process with
 * no Secret Service on D-Bus at all — the automatic fallback, not the flag.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures/app';
import { DEMO, nav, DEMO_PASSWORD, expectAccountScreen, fact, signInHeading, signInWithPassword, storedAccount } from './helpers/sign-in';
import { heldSecret } from '../helpers/held-secret';
import { NO_KEYCHAIN_MESSAGE } from '../../src-main/platform/secret-store-factory';

/** The banner: main's own words, once (no second line that says the same). */
const BANNER = NO_KEYCHAIN_MESSAGE;
/** Anything shaped like a DeepCurrent API key or a JWT. */
const SECRET_SHAPES = [/dc_[A-Za-z0-9_-]{32,}/, /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/];

/** Every file under a folder (recursively), with its content. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: (await readFile(path)).toString('latin1') });
  }
  return out;
}

/** Asserts that no file under `dir` holds any of `secrets`, nor anything shaped like a key or a JWT. */
async function expectNoSecretOnDisk(dir: string, secrets: string[]): Promise<number> {
  const files = await filesUnder(dir);
  for (const { path, text } of files) {
    for (const secret of secrets) expect(text.includes(secret), `${path} holds a secret`).toBe(false);
    for (const shape of SECRET_SHAPES) expect(text, `${path} holds something shaped like a secret`).not.toMatch(shape);
  }
  return files.length;
}

test.describe('with the keychain turned off', () => {
  test.use({ appOptions: { offline: false, noKeychain: true, enableFaults: false, openPage: true } });

  test('the banner shows, sign-in works, and after a restart the secrets are gone and were never on disk', async ({ app, page }) => {
    expect(app.keychain).toBe('memory');
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();
    await signInWithPassword(page, DEMO.ada);
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();

    // Reveal the key too, so both kinds of secret are held (in memory).
    await nav(page, 'API key').click();
    await page.getByRole('button', { name: 'Reveal API key' }).click();
    const key = await page.getByRole('dialog').getByRole('textbox', { name: 'API key' }).inputValue();
    await page.keyboard.press('Escape');
    await expect(page.getByText('This app holds your key')).toBeVisible();
    const account = await storedAccount(app, DEMO.ada);
    const services = app.web.services;
    const token = await heldSecret(services, account.id, 'token');
    expect(token).toMatch(/^eyJ/);
    expect(await heldSecret(services, account.id, 'api-key')).toBe(key);

    const secrets = [key, token!, DEMO_PASSWORD];
    expect(await expectNoSecretOnDisk(app.dataDir, secrets)).toBeGreaterThan(0);

    await app.restart();
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();
    // The account's details survive (they are not secret); its credentials do not, and the account says so at
    // once: no key held, the session over, a sign-in asked for with the email filled in.
    expect(await heldSecret(app.web.services, account.id, 'token')).toBeNull();
    expect(await heldSecret(app.web.services, account.id, 'api-key')).toBeNull();
    await expect(page.getByRole('alert').filter({ hasText: 'Session expired' })).toBeVisible();
    await expect(fact(page, 'API key', `dc_…${key.slice(-4)} This app does not hold your key; copy it from where you saved it`)).toBeVisible();
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(signInHeading(page)).toBeVisible();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO.ada);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectAccountScreen(page, DEMO.ada);
    await expect(fact(page, 'Session', /Expires in \d+ min/)).toBeVisible();
    const fresh = await heldSecret(app.web.services, account.id, 'token');
    expect(fresh).toMatch(/^eyJ/);
    secrets.push(fresh!);

    await expectNoSecretOnDisk(app.dataDir, secrets);
    // The web preview's default settings folder in HOME is not used by the tests; if it exists, it holds none either.
    await expectNoSecretOnDisk(join(homedir(), '.config', 'deepcurrent-desktop-web'), secrets);
  });
});

/** Starts `start:web` as its own process and resolves with the URL it prints. */
function startWebProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'web/start-web.ts', '--port', '0', '--data-dir', dataDir, '--no-emulator'], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start:web printed no URL in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = output.match(/at (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/);
      if (found) {
        clearTimeout(timer);
        resolve({ child, url: found[1], output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:web exited (${code}) before printing its URL:\n${output}`));
    });
  });
}

test('a real start:web process with no Secret Service falls back to memory by itself, says so, and writes no secret', async ({
  app,
  page,
}) => {
  test.setTimeout(60_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'dc-e2e-nokeychain-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/dbus-socket' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.DEEPCURRENT_KEYRING_SESSION;
  const web = await startWebProcess(dataDir, env);
  try {
    await page.goto(web.url);
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();
    await expect(page.locator('.banner-warning')).toHaveText(BANNER);

    // Signing in works in memory: against the test's emulator, as a custom environment (the process has none).
    await page.getByLabel('Environment').selectOption({ label: 'Custom URL…' });
    await page.getByLabel('Base URL').fill(app.emulator!.url);
    await signInWithPassword(page, DEMO.free);
    await expect(fact(page, 'Signed in with', 'session token')).toBeVisible();
    await expect(page.getByText(BANNER, { exact: true })).toBeVisible();

    expect(await expectNoSecretOnDisk(dataDir, [DEMO_PASSWORD])).toBeGreaterThan(0);
    expect(web.output()).not.toMatch(SECRET_SHAPES[0]);
    expect(web.output()).not.toMatch(SECRET_SHAPES[1]);
  } finally {
    const exited = new Promise<void>((resolve) => web.child.once('exit', () => resolve()));
    web.child.kill('SIGTERM');
    await exited;
  }
  await expectNoSecretOnDisk(dataDir, [DEMO_PASSWORD]);
  await rm(dataDir, { recursive: true, force: true });
});
