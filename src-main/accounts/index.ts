/**
 * Accounts, public entry: the account session (the only owner of credentials), the context every feature gets,
 * the sign-in, switch and sign-out handlers, and Reset demo data (development builds).
 */
export { AccountSession, KEYCHAIN_FAILED, SIGN_IN_AGAIN } from './account-session';
export { accountIdFor, environmentIdentity, tokenExpiry, userIdOf } from './account-identity';
export type { Attempt, BoundCredential, CredentialPolicy } from './account-session';
export { AccountStore, type StoredAccount, type StoredLifecycle } from './account-store';
export { CredentialVault, type SecretKind } from './credential-vault';
export { readSettings, type ServiceContext } from './service-context';
export { createAccountHandlers } from './accounts-service';
export { createDemoDataHandlers, DEMO_DATA_RESET_REASON, NO_DEMO_DATA } from './demo-data-service';
