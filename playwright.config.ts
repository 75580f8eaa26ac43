/**
 * End-to-end tests in a real Chromium, through the start:web bridge (`test/e2e/fixtures/app.ts` starts the app
 * in the test process, one fresh instance per test). The global setup builds the app once when the build is
 * missing or older than its sources. Playwright cannot download browsers here: the system Chromium is used
 * (`/usr/bin/chromium`, or `$CHROMIUM_PATH`). The Electron smoke test launches the built app itself and skips,
 * saying so, where no Electron binary is installed.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './test/e2e/fixtures/browsers';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './test/e2e/fixtures/global-setup.ts',
  workers: Number(process.env.E2E_WORKERS) || 2,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: CHROMIUM_ARGS,
    },
  },
});
