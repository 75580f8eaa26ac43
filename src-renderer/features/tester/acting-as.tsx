/**
 * The "acting as" line: which account and which credential a request will carry — the key as `dc_…last4`, the
 * session token with its time left, or none.
 */
import type { AccountSummary } from '../../../src-shared/models';
import type { TesterAuth } from '../../../src-shared/tester';
import { useSecondsLeft } from '../../components/use-seconds-left';
import { formatTimeLeft, maskedKey } from '../../format';

/** The line's text for an account and a credential choice, given the token's seconds left. */
function actingAsText(account: AccountSummary, auth: TesterAuth, tokenSecondsLeft: number): string {
  const who = `Acting as ${account.email}`;
  switch (auth) {
    case 'api-key':
      return account.hasApiKey && account.apiKeyLast4
        ? `${who} with API key ${maskedKey(account.apiKeyLast4)}`
        : `${who} with API key (this app holds none for this account)`;
    case 'token':
      if (!account.hasToken) return `${who} with session token (none held: sign in with your password)`;
      if (account.tokenExpiresAt === null) return `${who} with session token`;
      return tokenSecondsLeft > 0
        ? `${who} with session token (expires in ${formatTimeLeft(tokenSecondsLeft)})`
        : `${who} with session token (expired)`;
    case 'none':
      return `${who} without credentials`;
  }
}

/** The live line. */
export function ActingAs({ account, auth }: { account: AccountSummary; auth: TesterAuth }) {
  const seconds = useSecondsLeft(auth === 'token' && account.hasToken ? account.tokenExpiresAt : null);
  return <p className="acting-as">{actingAsText(account, auth, seconds)}</p>;
}
