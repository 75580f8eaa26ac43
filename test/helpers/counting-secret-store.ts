/** A SecretStore that counts its reads: how often the app really asks the keychain (tests and the bench). */
import type { SecretStore } from '../../src-main/platform/ports';

export class CountingSecretStore implements SecretStore {
  reads = 0;
  constructor(private readonly inner: SecretStore) {}
  get persistent() {
    return this.inner.persistent;
  }
  get(account: string) {
    this.reads += 1;
    return this.inner.get(account);
  }
  set(account: string, secret: string) {
    return this.inner.set(account, secret);
  }
  delete(account: string) {
    return this.inner.delete(account);
  }
}
