import { describe, expect, it } from 'vitest';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/server';
import { ADA, api, expect401, login, start } from './helpers';

/** Runs `body` with an emulator, closing it afterwards. */
async function withEmulator<T>(opts: EmulatorOptions, body: (emu: RunningEmulator) => Promise<T>): Promise<T> {
  const emu = await start(opts);
  try {
    return await body(emu);
  } finally {
    await emu.close();
  }
}

describe('signing secret', () => {
  // The minimal flavour's ids are the same on every start, so only the secret decides whether a token is accepted.
  it('accepts a token from another start with the same secret and refuses it with another secret (minimal)', async () => {
    const token = await withEmulator({ flavour: 'minimal', signingSecret: 'secret-A' }, (emu) => login(emu.url, ADA));
    await withEmulator({ flavour: 'minimal', signingSecret: 'secret-A' }, async (emu) => {
      const me = await api(emu.url, '/api/v1/users/me', { cred: token });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(ADA);
    });
    await withEmulator({ flavour: 'minimal', signingSecret: 'secret-B' }, async (emu) => {
      const me = await api(emu.url, '/api/v1/users/me', { cred: token });
      expect(me.status).toBe(403);
      expect(me.body).toEqual({ detail: 'Could not validate credentials' });
    });
  });

  it('refuses a token signed with another secret with 401 in the deepcurrent flavour', async () => {
    const token = await withEmulator({ signingSecret: 'secret-A' }, (emu) => login(emu.url, ADA));
    await withEmulator({ signingSecret: 'secret-B' }, async (emu) => {
      expect401(await api(emu.url, '/api/v1/users/me', { cred: token }), 'Could not validate credentials');
    });
  });

  it('refuses an empty secret', async () => {
    await expect(start({ signingSecret: '' })).rejects.toThrow(/signingSecret/);
  });
});
