/**
 * Settings › Reset demo data (development builds only): the embedded Local emulator starts its demo data afresh
 * (new keys, new signing secret, no requests or items), and then every Local account is marked as needing a
 * sign-in, through the account session, since none of its tokens or keys can work any more. Accounts on other
 * environments are untouched. Where there is no Local emulator to reset (packaged builds), a typed refusal.
 */
import { fail, type AppError, type Result } from '../../src-shared/errors';
import type { ApiHandlers } from '../../src-shared/ipc-contract';
import type { AppState } from '../../src-shared/models';
import type { LocalEmulatorControls } from '../platform/ports';
import type { ServiceContext } from './service-context';

/** The answer of a build without the Local emulator (every packaged build). */
export const NO_DEMO_DATA: AppError = {
  kind: 'unavailable',
  message: 'There is no demo data to reset: the Local emulator is only part of development builds.',
};

/** Why a Local account needs a sign-in after a reset (shown on its account screen and above the sign-in form). */
export const DEMO_DATA_RESET_REASON =
  'The Local emulator’s demo data was reset, so this account’s session and API key no longer work. Sign in again.';

const RESET_FAILED: AppError = {
  kind: 'internal',
  message: 'The Local emulator could not reset its demo data. Nothing was changed; try again.',
};

/** The handler of `resetDemoData`; `getState` answers the app state after the reset. */
export function createDemoDataHandlers(
  ctx: ServiceContext,
  controls: LocalEmulatorControls | null,
  getState: ApiHandlers['getState'],
): Pick<ApiHandlers, 'resetDemoData'> {
  return {
    async resetDemoData(): Promise<Result<AppState>> {
      if (!controls || ctx.session.localEmulatorUrl === null) return fail({ ...NO_DEMO_DATA });
      try {
        await controls.reset();
      } catch (err) {
        ctx.log(`[demo] the Local emulator did not reset: ${err instanceof Error ? err.message : String(err)}`);
        return fail({ ...RESET_FAILED });
      }
      const marked = await ctx.session.expireLocalAccounts(DEMO_DATA_RESET_REASON);
      ctx.log(`[demo] the Local emulator's demo data was reset; ${marked.length} Local account(s) must sign in again`);
      return getState({});
    },
  };
}
