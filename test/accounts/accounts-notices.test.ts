import { describe, expect, it } from 'vitest';
import { createAccountHandlers } from '../../src-main/accounts/accounts-service';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { makeAppContext } from '../helpers/app-context';

describe('start-up notices', () => {
  it('come with every app state, so a reload or a sign-in does not lose one the user has not dismissed', async () => {
    const app = await makeAppContext(new MemorySecretStore(), null);
    const notice = 'Your settings file was damaged and has been moved aside to /x.';
    const handlers = createAccountHandlers(app.ctx, { notices: [notice], secretStorageMessage: null });
    for (let i = 0; i < 3; i += 1) {
      const state = await handlers.getState({});
      expect(state.ok && state.value.notices).toEqual([notice]);
    }
    app.cleanup();
  });
});
