/**
 * The notice that support has issued the new key, against the emulator's `--auto-issue-after` (its clock moved by
 * the test, nothing waits): the status check that sees the request turn Issued notifies once, through the notifier
 * port (a recording stand-in for Electron's Notification), with the screen a click opens; no later check, no reveal
 * and no restart notifies again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY_ANYWHERE, JWT_ANYWHERE } from '../../src-shared/credentials';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { startLifecycle, type LifecycleFixture } from '../helpers/service-context';
import { value } from '../helpers/result';

const AUTO_ISSUE_SECONDS = 30;

describe('the notice when the new key is issued', () => {
  let f: LifecycleFixture;
  afterEach(async () => {
    await f.close();
  });

  const status = async () => value(await f.handlers.getApiKeyStatus({ accountId: f.account.id }));

  it('fires once, when a status check sees the open request turn Issued, and opens the API key screen of that account', async () => {
    f = await startLifecycle(new MemorySecretStore(), { autoIssueAfterSeconds: AUTO_ISSUE_SECONDS });
    value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'lost', note: '' }));
    expect(await status()).toMatchObject({ stage: 'pending', newlyIssued: false });
    f.advanceServer((AUTO_ISSUE_SECONDS - 1) * 1000);
    expect(await status()).toMatchObject({ stage: 'pending', newlyIssued: false });
    expect(f.notifier.shown).toEqual([]);

    f.advanceServer(2000);
    const issued = await status();
    expect(issued).toMatchObject({ stage: 'issued', newlyIssued: true });
    expect(f.notifier.shown).toHaveLength(1);
    const [notice] = f.notifier.shown;
    expect(notice!.opens).toEqual({ screen: 'api-key', accountId: f.account.id });
    expect(notice!.title).toBe('Your new API key is ready');
    expect(notice!.body).toContain(f.account.email);
    expect(`${notice!.title} ${notice!.body}`).not.toMatch(new RegExp(`${API_KEY_ANYWHERE.source}|${JWT_ANYWHERE.source}`));

    // Later checks, the reveal and a restart see no new turn.
    expect(await status()).toMatchObject({ stage: 'issued', newlyIssued: false });
    f.restart();
    expect(await status()).toMatchObject({ stage: 'issued', newlyIssued: false });
    value(await f.handlers.revealApiKey({ accountId: f.account.id }));
    expect(await status()).toMatchObject({ stage: 'revealed', newlyIssued: false });
    expect(f.notifier.shown).toHaveLength(1);
  });

  it('notifies after a restart when the request was Pending at quit and is Issued at the next check', async () => {
    f = await startLifecycle(new MemorySecretStore(), { autoIssueAfterSeconds: AUTO_ISSUE_SECONDS });
    value(await f.handlers.requestNewKey({ accountId: f.account.id, reason: 'compromised', note: '' }));
    expect(await status()).toMatchObject({ stage: 'pending' });
    f.restart();
    f.advanceServer((AUTO_ISSUE_SECONDS + 1) * 1000);
    expect(await status()).toMatchObject({ stage: 'issued', newlyIssued: true });
    expect(f.notifier.shown).toHaveLength(1);
  });

  it('does not notify for a request first seen already Issued, nor while nothing changes', async () => {
    f = await startLifecycle(new MemorySecretStore(), { autoIssueAfterSeconds: 0 });
    // Opened and issued before this app ever looked: nothing turned while the app watched.
    const created = await fetch(`${f.emu.url}/api/v1/users/me/api-key/regeneration-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'other', note: '' }),
    });
    expect(created.status).toBe(201);
    expect(await status()).toMatchObject({ stage: 'issued', newlyIssued: false });
    expect(await status()).toMatchObject({ stage: 'issued', newlyIssued: false });
    expect(f.notifier.shown).toEqual([]);
  });
});
