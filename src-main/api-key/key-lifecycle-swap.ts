/**
 * Keychain steps of the key lifecycle, ordered so that a crash at any point leaves at least one working key:
 * a revealed key is written before it is returned (retried once), and after a confirmation the new key is written
 * as the account's key, checked against the server, and only then is the pending entry removed.
 */
import { last4 } from '../../src-shared/credentials';
import { fail, ok, type Result } from '../../src-shared/errors';
import type { Profile } from '../../src-shared/models';
import type { SecretKind } from '../accounts';
import { fetchProfile } from '../deepcurrent-api';
import { SWAP_NOT_SAVED, swapNotVerified } from './key-lifecycle-messages';
import type { ServiceContext } from '../accounts';

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

/** Writes a secret, trying twice; answers whether it was stored. Logs the failure without the secret. */
export async function writeSecretWithRetry(
  ctx: ServiceContext,
  accountId: string,
  kind: SecretKind,
  secret: string,
): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    try {
      await ctx.session.storeSecret(accountId, kind, secret);
      return true;
    } catch (err) {
      ctx.log(`[key-lifecycle] keychain write of ${kind} failed (attempt ${attempt}, ${errorName(err)})`);
    }
  }
  return false;
}

/**
 * Makes the held pending key the account's key, once the server has confirmed it:
 * 1. `api-key` ← the pending key (the old key is revoked on the server already, so nothing that works is lost);
 * 2. verify it with `GET /api/v1/users/me`;
 * 3. record the confirmed stage; 4. delete `pending-api-key`, last.
 * Idempotent: a crash between any two steps is finished by running it again. Answers the verified profile, or
 * null when no pending key was held.
 */
export async function finishSwap(
  ctx: ServiceContext,
  accountId: string,
  baseUrl: string,
  requestId: string,
): Promise<Result<Profile | null>> {
  const held = await ctx.session.secret(accountId, 'pending-api-key');
  if (!held.ok) return held;
  const newKey = held.value;
  if (newKey === null) return ok(null);

  if (!(await writeSecretWithRetry(ctx, accountId, 'api-key', newKey))) {
    return fail({ kind: 'keychain', message: SWAP_NOT_SAVED });
  }
  ctx.session.update(accountId, { hasApiKey: true, apiKeyLast4: last4(newKey) });

  const verified = await fetchProfile(ctx, baseUrl, newKey);
  if (!verified.ok) {
    ctx.log(`[key-lifecycle] the confirmed key could not be verified yet (${verified.error.kind})`);
    return fail({ ...verified.error, message: swapNotVerified(verified.error.message) });
  }
  ctx.session.update(accountId, {
    profile: verified.value,
    apiKeyLast4: last4(newKey),
    lastVerifiedAt: new Date(ctx.clock.now()).toISOString(),
    needsSignIn: false,
    lifecycle: { requestId, stage: 'confirmed', pendingLast4: null },
  });
  try {
    await ctx.session.deleteSecret(accountId, 'pending-api-key');
  } catch (err) {
    // Harmless: the entry now holds a copy of the account's key, and the next status check removes it.
    ctx.log(`[key-lifecycle] removing the pending entry failed (${errorName(err)}); it is retried on the next check`);
  }
  return ok(verified.value);
}
