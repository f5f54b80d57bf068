import { defineConfig } from 'vitest/config';

const integration = ['sync-server/**/*.int.test.ts'];

/** unit: pure code; sqlite and mariadb: the same integration suites against each database. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'sync-server/src/**/*.test.ts', 'desktop/src/**/*.test.{ts,tsx}', 'nginx/**/*.test.{ts,mjs}', 'deploy/**/*.test.ts'],
          exclude: [...integration, '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'sqlite',
          include: integration,
          env: { TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'mariadb',
          include: integration,
          env: { TEST_DB: 'mariadb' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
