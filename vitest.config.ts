import { defineConfig } from 'vitest/config';

const integration = ['sync-server/**/*.int.test.ts'];
/** The natively run deployment topologies (Nginx + N instances + MariaDB + Redis): run once. */
const scale = ['deploy/**/*.int.test.ts'];

/** unit: pure code; sqlite and mariadb: the same integration suites against each database. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'sync-server/src/**/*.test.ts',
            'desktop/src/**/*.test.{ts,tsx}',
            'nginx/**/*.test.{ts,mjs}',
            'deploy/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: [...integration, ...scale, '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'scale',
          include: scale,
          testTimeout: 60_000,
          hookTimeout: 180_000,
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
