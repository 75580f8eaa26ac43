/**
 * Issue 6, renderer start: the sign-in form the production build prerenders (`src-renderer/boot/sign-in-shell.tsx`)
 * is the app's own first-run screen, hidden until the boot hint matches its key, with named empty fields.
 */
import { describe, expect, it } from 'vitest';
import { renderSignInShell } from '../../src-renderer/boot/sign-in-shell';
import { useAppStore } from '../../src-renderer/store';

describe('the prerendered form', () => {
  it('is the first run’s sign-in form, hidden, keyed, with named empty fields and no script of its own', () => {
    const html = renderSignInShell(false);
    expect(html).toMatch(/^<div data-boot-shell="\*production" hidden>/);
    expect(html).toContain('Sign in to DeepCurrent');
    for (const name of ['email', 'password', 'environment']) expect(html).toMatch(new RegExp(`name="${name}"`));
    expect(html).not.toMatch(/value="[^"]+"[^>]*name="(email|password)"|name="(email|password)"[^>]*value="[^"]+"/);
    expect(html).not.toMatch(/<script|Local emulator|Loading DeepCurrent/);
    expect(renderSignInShell(true)).toContain('Local emulator');
  });

  it('leaves the store as it found it', () => {
    renderSignInShell(true);
    expect(useAppStore.getState().app).toBeNull();
    expect(useAppStore.getInitialState().app).toBeNull();
  });
});
