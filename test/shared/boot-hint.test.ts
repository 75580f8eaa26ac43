/**
 * Issue 6, the boot hint: what the main process tells the page before its JavaScript runs. The prerendered
 * sign-in form is shown only for a first run exactly as it was rendered (no account, a keychain, no notice, the
 * same environments), and the hint never carries anything private. The build-time form and the running services
 * must agree on the environments, or the form would never show: that agreement is checked here against the real
 * services, with and without the local emulator.
 */
import { describe, expect, it } from 'vitest';
import { bootHint, firstRunEnvironments, firstRunState, signInShellKey, startsWithPlainSignIn } from '../../src-shared/boot-hint';
import { DEFAULT_SETTINGS, type AppState } from '../../src-shared/models';
import { createAppServices } from '../../src-main/app';
import { MemoryClipboard } from '../../src-main/platform/memory-clipboard';
import { MemoryKv } from '../helpers/memory-kv';
import { MemorySecretStore } from '../helpers/memory-secret-store';

function services(localEmulatorUrl: string | null, persistent = true) {
  return createAppServices({
    secretStore: new MemorySecretStore({ persistent }),
    kv: new MemoryKv(),
    clipboard: new MemoryClipboard(),
    localEmulatorUrl,
    log: () => {},
  });
}

const state = (patch: Partial<AppState> = {}): AppState => ({ ...firstRunState(false), ...patch });

describe('the shell key', () => {
  it('names the environments in order with the default starred', () => {
    expect(signInShellKey(firstRunEnvironments(true))).toBe('*local,production');
    expect(signInShellKey(firstRunEnvironments(false))).toBe('*production');
  });

  it.each([
    ['a development build (with the local emulator)', 'http://127.0.0.1:8787', true],
    ['a packaged build (no emulator)', null, false],
  ])('is the same for the prerendered form and the running services of %s', async (_label, url, includeLocal) => {
    const app = services(url);
    const live = await app.router.call('getState', {});
    if (!live.ok) throw new Error(live.error.message);
    expect(signInShellKey((live.value as AppState).environments)).toBe(signInShellKey(firstRunEnvironments(includeLocal)));
    expect(await app.bootHint()).toBe(`signin=${encodeURIComponent(signInShellKey(firstRunEnvironments(includeLocal)))}`);
    await app.dispose();
  });
});

describe('the hint', () => {
  it('names the form for a first run with a keychain and nothing to say', () => {
    expect(startsWithPlainSignIn(state())).toBe(true);
    expect(new URLSearchParams(bootHint(state())).get('signin')).toBe('*production');
  });

  it.each([
    ['an account exists', { accounts: [{ id: 'a1' } as never] }],
    ['no keychain (a banner shows above the form)', { secretStorage: { persistent: false, message: 'No keychain.' } }],
    ['a notice waits', { notices: ['The settings file was damaged and has been moved aside.'] }],
  ])('names no form when %s', (_label, patch) => {
    expect(startsWithPlainSignIn(state(patch))).toBe(false);
    expect(new URLSearchParams(bootHint(state(patch))).has('signin')).toBe(false);
  });

  it('carries a Theme other than System, and nothing else', () => {
    const signedIn = state({ accounts: [{ id: 'a1', email: 'ada@deepcurrent.test' } as never], settings: { ...DEFAULT_SETTINGS, theme: 'dark' } });
    expect(bootHint(signedIn)).toBe('theme=dark');
    expect(bootHint(state({ accounts: [{ id: 'a1' } as never] }))).toBe('');
  });

  it('is empty for the running services once the keychain is missing', async () => {
    const app = services(null, false);
    expect(await app.bootHint()).toBe('');
    await app.dispose();
  });
});
