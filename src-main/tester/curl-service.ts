/**
 * The `importCurl` handler: reads a pasted curl command against the active account's environment (see
 * `curl-request.ts`). Sends nothing and keeps nothing: the renderer fills its draft from the answer.
 */
import type { CurlImport } from '../../src-shared/curl';
import { fail, type Result } from '../../src-shared/errors';
import type { ApiHandlers, RequestOf } from '../../src-shared/ipc-contract';
import type { ServiceContext } from '../accounts';
import { curlToRequest } from './curl-request';

/** The curl import's handler. */
export type CurlHandlers = Pick<ApiHandlers, 'importCurl'>;

/** Creates the handler over the shared context (the session names the active environment). */
export function createCurlHandlers(ctx: ServiceContext): CurlHandlers {
  return {
    async importCurl({ text }: RequestOf<'importCurl'>): Promise<Result<CurlImport>> {
      const account = ctx.session.active();
      if (!account) return fail({ kind: 'not-signed-in', message: 'Sign in to an account to import a curl command for its server.' });
      const bound = ctx.session.bound(account.id);
      if (!bound.ok) return bound;
      return curlToRequest(text, bound.value.baseUrl);
    },
  };
}
