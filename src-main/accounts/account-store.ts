/**
 * The stored accounts: non-secret metadata only (email, environment, last4, cached profile, last verified time,
 * where the key lifecycle stands). Kept in the settings store under `accounts` and `activeAccountId`.
 */
import type { Environment } from '../../src-shared/environments';
import type { CredentialKind, LifecycleStage, Profile } from '../../src-shared/models';
import type { KeyValueStore } from '../platform/ports';

/** Where a regeneration stands for an account; survives a restart so the flow resumes where it stopped. */
export interface StoredLifecycle {
  requestId: string;
  stage: Exclude<LifecycleStage, 'idle'>;
  pendingLast4: string | null;
}

export interface StoredAccount {
  id: string;
  /** The server's user id, with the base URL the identity of an account. */
  userId: string;
  email: string;
  environment: Environment;
  signedInWith: CredentialKind;
  hasApiKey: boolean;
  hasToken: boolean;
  apiKeyLast4: string | null;
  tokenExpiresAt: number | null;
  profile: Profile | null;
  lastVerifiedAt: string | null;
  needsSignIn: boolean;
  /** Why a sign-in is needed when the app itself found out (for example a stored environment that no longer
   * matches the account's secrets); null or absent otherwise. */
  signInReason?: string | null;
  lifecycle: StoredLifecycle | null;
}

export class AccountStore {
  constructor(private readonly kv: KeyValueStore) {}

  list(): StoredAccount[] {
    const value = this.kv.get('accounts');
    return Array.isArray(value) ? (value as StoredAccount[]) : [];
  }

  get(id: string): StoredAccount | null {
    return this.list().find((a) => a.id === id) ?? null;
  }

  activeId(): string | null {
    const id = this.kv.get('activeAccountId');
    return typeof id === 'string' && this.get(id) ? id : (this.list()[0]?.id ?? null);
  }

  active(): StoredAccount | null {
    const id = this.activeId();
    return id ? this.get(id) : null;
  }

  setActive(id: string | null): void {
    if (id === null) this.kv.delete('activeAccountId');
    else this.kv.set('activeAccountId', id);
  }

  /** Inserts or replaces the account with this id. */
  put(account: StoredAccount): void {
    const others = this.list().filter((a) => a.id !== account.id);
    this.kv.set('accounts', [...others, account]);
  }

  update(id: string, patch: Partial<Omit<StoredAccount, 'id'>>): StoredAccount | null {
    const current = this.get(id);
    if (!current) return null;
    const next = { ...current, ...patch };
    this.kv.set('accounts', this.list().map((a) => (a.id === id ? next : a)));
    return next;
  }

  remove(id: string): void {
    this.kv.set('accounts', this.list().filter((a) => a.id !== id));
    if (this.kv.get('activeAccountId') === id) this.setActive(this.list()[0]?.id ?? null);
  }
}
