/**
 * The account switcher: a select labelled `Account` listing every stored account as `email — environment`.
 * Choosing one switches to it at once.
 */
import type { AccountSummary } from '../../../src-shared/models';
import { Field } from '../../components/field';

export interface AccountSwitcherProps {
  accounts: AccountSummary[];
  activeId: string;
  onSwitch: (accountId: string) => void;
}

/** The label of an account in the switcher. */
function accountLabel(account: AccountSummary): string {
  return `${account.email} — ${account.environmentLabel}`;
}

/** A select of the stored accounts. */
export function AccountSwitcher({ accounts, activeId, onSwitch }: AccountSwitcherProps) {
  return (
    <Field label="Account" hint={accounts.length > 1 ? `${accounts.length} accounts on this computer.` : 'Only one account so far.'}>
      {(control) => (
        <select
          {...control}
          value={activeId}
          onChange={(e) => {
            if (e.target.value !== activeId) onSwitch(e.target.value);
          }}
        >
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {accountLabel(a)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
