/**
 * Tells the user when support has issued the new key: a status check that sees the followed request turn from
 * Pending to Issued notifies once, through the notifier port (a system notification in the Electron app; a click
 * on it opens the API key screen of that account). The stored lifecycle records the Issued stage in the same
 * check, so the same request never notifies twice, whoever checks next (the window's polling, a refresh, a restart).
 */
import type { StoredAccount, StoredLifecycle } from '../accounts';
import type { ServiceContext } from '../accounts';

/** The notice's words (no secret: the email and the environment's name only). */
export function issuedNotice(account: Pick<StoredAccount, 'email'>): { title: string; body: string } {
  return {
    title: 'Your new API key is ready',
    body: `Support has issued the new key for ${account.email}. Open DeepCurrent to reveal it, then confirm it. Your current key keeps working until then.`,
  };
}

/**
 * Notifies when the lifecycle moved from Pending to Issued for the same request in this check; answers whether it
 * did (the status then says `newlyIssued`, and the window marks the API key screen).
 */
export function noticeIfIssued(
  ctx: ServiceContext,
  account: StoredAccount,
  before: StoredLifecycle | null,
  after: StoredLifecycle | null,
): boolean {
  const turned = before?.stage === 'pending' && after?.stage === 'issued' && after.requestId === before.requestId;
  if (!turned) return false;
  ctx.log('[key-lifecycle] the new key was issued; the user is notified');
  try {
    ctx.notifier.show({ ...issuedNotice(account), opens: { screen: 'api-key', accountId: account.id } });
  } catch {
    ctx.log('[key-lifecycle] the notification could not be shown');
  }
  return true;
}
