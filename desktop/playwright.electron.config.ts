// The desktop app's end-to-end test (Playwright `_electron`), separate from the browser e2e
// (playwright.config.ts) because it needs the Electron binary, which only some machines have.
// Run from the repo root: npm run test:electron (after npm run build and build:desktop-app).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  testMatch: 'electron*.spec.ts',
  globalSetup: './e2e/electron-setup.ts',
  outputDir: '../test-results/electron',
  forbidOnly: true,
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [['list'], ['html', { outputFolder: '../test-results/electron-report', open: 'never' }]]
    : 'list',
  use: {
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
  },
});
