import { defineConfig } from 'vitest/config';

/**
 * The unit tests that guard the security-relevant pure modules, for the mutation run (`npm run mutate`,
 * stryker.config.json): environment binding of secrets, secret patterns and redaction, the tester's pin rule.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'test/accounts/account-session.test.ts',
      'test/accounts/account-identity.test.ts',
      'test/shared/secret-patterns.test.ts',
      'test/shared/redaction.test.ts',
      'test/shared/environments.test.ts',
      'test/tester/tester-request.test.ts',
    ],
  },
});
