/**
 * The workbench's tabs across restarts: `loadTabs` answers an account's tabs as kept, `saveTabs` keeps them (what may
 * be kept: see `kept-draft.ts`) and answers what was kept, so the renderer can say what was not. Tabs belong to an
 * account: only a stored account's tabs are read or written, and they go when it signs out.
 */
import { fail, ok, type AppError } from '../../src-shared/errors';
import type { ApiHandlers } from '../../src-shared/ipc-contract';
import type { ServiceContext } from '../accounts';
import { TabsStore } from './tabs-store';

/** The handlers; `forgetAccount` removes a signed-out account's tabs (app.ts calls it on sign-out). */
export type TabsHandlers = Pick<ApiHandlers, 'loadTabs' | 'saveTabs'> & { forgetAccount(accountId: string): void };

const NO_SUCH_ACCOUNT: AppError = { kind: 'not-found', message: 'That account is no longer stored, so its tabs are not kept.' };

/** Creates the tabs handlers over the shared service context. */
export function createTabsHandlers(ctx: ServiceContext): TabsHandlers {
  const store = new TabsStore(ctx.kv);
  return {
    async loadTabs({ accountId }) {
      if (!ctx.session.get(accountId)) return fail(NO_SUCH_ACCOUNT);
      return ok(store.load(accountId));
    },
    async saveTabs({ accountId, tabs, activeTabId, split }) {
      if (!ctx.session.get(accountId)) return fail(NO_SUCH_ACCOUNT);
      return ok(store.save(accountId, tabs, activeTabId, split));
    },
    forgetAccount(accountId) {
      store.removeAccount(accountId);
    },
  };
}
