// Playwright settings for the e2e suite: Debian's Chromium (never a downloaded browser), one worker
// (the specs share one `gilscope ui` host, and only one run records at a time), artifacts under e2e/artifacts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.ts';
import { STORAGE_STATE_FILE } from './support/e2e-env.ts';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: './artifacts/test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    // The host's session cookie (the printed URL works once; see global-setup.ts).
    storageState: STORAGE_STATE_FILE,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
