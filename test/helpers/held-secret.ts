/** Reads a secret the running app holds for an account, through its account session (the only way in). */
import type { AppServices } from '../../src-main/app';
import type { SecretKind } from '../../src-main/accounts';

export async function heldSecret(services: AppServices, accountId: string, kind: SecretKind): Promise<string | null> {
  if (!services.context.session.get(accountId)) return null; // signed out: nothing is held for it
  const result = await services.context.session.secret(accountId, kind);
  if (!result.ok) throw new Error(`the session refused to read ${kind}: ${result.error.kind}`);
  return result.value;
}
