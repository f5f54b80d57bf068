// Browser e2e against the real stack (Nginx + built sync server + MariaDB), started by
// e2e/global-setup.ts. Run from the repo root: npx playwright test -c desktop/playwright.config.ts
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.js';
import { STACK_ENV } from './e2e/stack.js';

// Set by the global setup before the workers load this file.
const baseURL = process.env[STACK_ENV]
  ? (JSON.parse(process.env[STACK_ENV]) as { baseURL: string }).baseURL
  : undefined;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Needs the Electron binary: run by playwright.electron.config.ts (npm run test:electron).
  testIgnore: '**/electron*.spec.ts',
  outputDir: '../test-results/e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  forbidOnly: true,
  // A failure is a failure: no retries that would hide flakiness.
  retries: 0,
  // Two cores shared by the browser, Nginx, the server and MariaDB.
  workers: 2,
  // Generous: the machine is shared (2 cores); a stuck step still fails well before the CI job does.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['html', { outputFolder: '../test-results/e2e-report', open: 'never' }]]
    : 'list',
  use: {
    baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
    // DOM snapshots and network on failure; the screencast frames would double each test's time here.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
});
