/**
 * The app's quit path takes a copied key back: `AppServices.dispose()` (what the Electron shell and the start:web
 * bridge call on quit) clears the clipboard while it still holds the key, and leaves alone whatever the user has
 * copied since. Through the real router, services and emulator; only the clipboard and the stores are in memory.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { DEMO_PASSWORD } from '../../emulator/demo-accounts';
import { createAppServices, type AppServices } from '../../src-main/app';
import type { RevealedKey } from '../../src-shared/models';
import { FakeClipboard } from '../helpers/fake-clipboard';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { value } from '../helpers/result';

describe('quitting the app', () => {
  let emu: RunningEmulator;
  let clipboard: FakeClipboard;
  let services: AppServices;
  let key: string;

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
    clipboard = new FakeClipboard();
    services = createAppServices({
      secretStore: new MemorySecretStore(),
      kv: new MemoryKv(),
      clipboard,
      localEmulatorUrl: emu.url,
    });
    const call = services.router.call;
    value(await call('signInWithPassword', { email: 'ada@deepcurrent.test', password: DEMO_PASSWORD, environment: { kind: 'local' } }));
    const accountId = services.context.session.activeId()!;
    key = (value(await call('revealApiKey', { accountId })) as RevealedKey).apiKey;
    value(await call('copyApiKey', { accountId, role: 'current' }));
    expect(clipboard.text).toBe(key);
  });

  afterEach(async () => {
    await services.dispose(); // a second dispose is harmless
    await emu.close();
  });

  it('clears the clipboard at once when it still holds the copied key', async () => {
    await services.dispose();
    expect(clipboard.text).toBe('');
  });

  it('leaves what the user copied after the key alone', async () => {
    clipboard.userCopies('my shopping list');
    await services.dispose();
    expect(clipboard.text).toBe('my shopping list');
  });
});
