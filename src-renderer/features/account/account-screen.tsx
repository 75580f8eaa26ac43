/**
 * The account screen (the default when signed in): who is signed in, how, for how long, the account's API key and
 * whether this app holds it (the same line as the API key screen's), when the details were last verified (and an
 * offline note when they could not be), the account switcher, `Add account` and `Sign out`, which asks first. A
 * session that runs out, or a 401, leads to a prompt to sign in again.
 */
import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/models';
import { activeAccount, useAppStore } from '../../store';
import { keyOnly, signInAgainPrefill } from '../../store/sign-in-slice';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { Facts, type Fact } from '../../components/facts';
import { focusScreenHeading, ScreenHeading } from '../../components/screen-heading';
import { useSecondsLeft } from '../../components/use-seconds-left';
import { currentKeyFact } from '../../components/current-key';
import { formatDateTime, formatTimeLeft, NOT_PROVIDED } from '../../format';
import { OfflineNotice } from '../../components/offline-notice';
import { AccountSwitcher } from './account-switcher';
import { SignOutDialog } from './sign-out-dialog';

const NO_ACCOUNTS: AccountSummary[] = [];
const PLAN: Record<string, string> = { free: 'Free', pro: 'Pro' };
const ROLE: Record<string, string> = { member: 'Member', support: 'Support' };
/** A profile field as shown: its known name, a value the app does not know as given, or that it was not sent. */
function shown(value: string | null, names: Record<string, string> = {}): string {
  if (value === null || value === '') return NOT_PROVIDED;
  return Object.hasOwn(names, value) ? names[value]! : value;
}

function facts(account: AccountSummary, secondsLeft: number): Fact[] {
  const profile = account.profile;
  const unknown = 'Not known yet';
  const items: Fact[] = [
    ['Email', account.email],
    ['Full name', profile ? shown(profile.fullName) : unknown],
    ['Plan', profile ? shown(profile.plan, PLAN) : unknown],
    ['Role', profile ? shown(profile.role, ROLE) : unknown],
    ['Environment', account.environmentLabel],
    ['Signed in with', account.signedInWith === 'api-key' ? 'API key' : 'session token'],
  ];
  if (account.hasToken && account.tokenExpiresAt !== null) {
    items.push(['Session', secondsLeft > 0 ? `Expires in ${formatTimeLeft(secondsLeft)}` : 'Session expired']);
  }
  items.push(currentKeyFact(account.currentKey, profile ? NOT_PROVIDED : unknown));
  return items;
}

/** The active account's screen. */
export function AccountScreen() {
  const account = useAppStore(activeAccount);
  const accounts = useAppStore((s) => s.app?.accounts ?? NO_ACCOUNTS);
  const profileCheck = useAppStore((s) => s.profileCheck);
  const accountError = useAppStore((s) => s.accountError);
  const refreshProfile = useAppStore((s) => s.refreshProfile);
  const switchAccount = useAppStore((s) => s.switchAccount);
  const signOut = useAppStore((s) => s.signOut);
  const openSignIn = useAppStore((s) => s.openSignIn);
  const secondsLeft = useSecondsLeft(account?.hasToken ? account.tokenExpiresAt : null);
  const [askingSignOut, setAskingSignOut] = useState(false);

  const accountId = account?.id ?? null;
  const needsSignIn = account?.needsSignIn ?? false;
  const checkedThisAccount = profileCheck?.accountId === accountId;
  useEffect(() => {
    if (accountId && !needsSignIn && !checkedThisAccount) void refreshProfile();
  }, [accountId, needsSignIn, checkedThisAccount, refreshProfile]);

  if (!account) return null;
  const check = checkedThisAccount ? profileCheck : null;
  const tokenExpired = account.hasToken && account.tokenExpiresAt !== null && secondsLeft === 0;
  const sessionOver = account.needsSignIn || (tokenExpired && !account.hasApiKey);
  const withKey = keyOnly(account);
  const signInAgain = () => openSignIn(signInAgainPrefill(account));

  return (
    <div className="screen">
      <ScreenHeading id="account-heading">Account</ScreenHeading>

      {sessionOver ? (
        <div className="alert alert-warning" role="alert">
          <p className="alert-title">{withKey || account.signInReason ? 'Sign-in needed' : 'Session expired'}</p>
          <p>
            {account.signInReason ??
              (withKey
                ? 'DeepCurrent no longer accepts the API key this app holds for this account. Sign in again.'
                : 'Sign in again with your password to keep using this account.')}
          </p>
          <Button variant="primary" onClick={signInAgain}>
            Sign in again
          </Button>
        </div>
      ) : tokenExpired ? (
        <div className="alert alert-info" role="status">
          <p>Session expired. The app now uses this account’s API key; sign in with your password again to reveal or confirm keys.</p>
          <Button onClick={signInAgain}>Sign in again</Button>
        </div>
      ) : null}

      {check?.state === 'offline' ? <OfflineNotice since={account.lastVerifiedAt} /> : null}
      {check?.state === 'failed' && check.error && check.error.kind !== 'unauthorized' ? <ErrorMessage error={check.error} /> : null}

      <div className="card">
        <Facts items={facts(account, secondsLeft)} />
        <p className="muted">
          {account.lastVerifiedAt ? `Last verified ${formatDateTime(account.lastVerifiedAt)}` : 'Not verified yet'}
          {check?.state === 'checking' ? ' · Checking…' : ''}
        </p>
        <div className="actions">
          <Button onClick={() => void refreshProfile()}>
            Refresh
          </Button>
          <Button onClick={() => openSignIn()}>Add account</Button>
          <Button variant="danger" onClick={() => setAskingSignOut(true)}>
            Sign out
          </Button>
        </div>
        {accountError ? <ErrorMessage error={accountError} /> : null}
      </div>

      <div className="card">
        <h2>Accounts</h2>
        <AccountSwitcher accounts={accounts} activeId={account.id} onSwitch={(id) => void switchAccount(id)} />
      </div>
      {askingSignOut ? (
        <SignOutDialog
          account={account}
          onCancel={() => setAskingSignOut(false)}
          onConfirm={() => {
            setAskingSignOut(false);
            void signOut(account.id).then(focusScreenHeading);
          }}
        />
      ) : null}
    </div>
  );
}
