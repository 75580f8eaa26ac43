import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../src-main/platform/memory-secret-store';
import { NO_KEYCHAIN_MESSAGE, openSecretStore } from '../../src-main/platform/secret-store-factory';
import { isAvailable, realKeychain } from '../helpers/keychain';

const keychain = await realKeychain();

describe('choosing where secrets live', () => {
  it('uses memory for this session only, and says so, when the keychain is disabled', async () => {
    const opened = await openSecretStore('DeepCurrent Desktop (test)', { disabled: true });
    expect(opened.store).toBeInstanceOf(MemorySecretStore);
    expect(opened.store.persistent).toBe(false);
    expect(opened.message).toBe(NO_KEYCHAIN_MESSAGE);
  });

  it('falls back to memory when no Secret Service runs on D-Bus (a real process without one)', () => {
    const script = `
      import { openSecretStore } from './src-main/platform/secret-store-factory.ts';
      const o = await openSecretStore('DeepCurrent Desktop (test no dbus)');
      await o.store.set('acc:api-key', 'dc_${'x'.repeat(40)}');
      console.log(JSON.stringify({ persistent: o.store.persistent, message: o.message, back: await o.store.get('acc:api-key') }));`;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/dbus-socket', DISPLAY: '' };
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ persistent: false, message: NO_KEYCHAIN_MESSAGE, back: 'dc_' + 'x'.repeat(40) });
  });

  it.skipIf(!isAvailable(keychain))('uses the OS keychain when it answers', async () => {
    const k = keychain as Exclude<typeof keychain, { unavailable: string }>;
    const opened = await openSecretStore(k.service);
    expect(opened.store.persistent).toBe(true);
    expect(opened.message).toBeNull();
    await opened.store.set('probe:token', 'eyJ.test.value');
    expect(await k.read('probe:token')).toBe('eyJ.test.value');
    expect(await opened.store.delete('probe:token')).toBe(true);
    expect(await k.read('probe:token')).toBeNull();
  });
});
