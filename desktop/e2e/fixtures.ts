import { randomBytes } from 'node:crypto';
import { test as base, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { stackInfo, type StackInfo } from './stack.js';

export interface Account {
  email: string;
  password: string;
  displayName: string;
  user: { id: string; email: string; displayName: string };
  accessToken: string;
  refreshToken: string;
}

/** A fresh account's credentials (unique per call; password meets the sign-up rules). */
export function newCredentials(displayName = 'E2E Traveller') {
  const id = randomBytes(5).toString('hex');
  return { email: `e2e-${id}@example.com`, password: `pass-${id}-9`, displayName };
}

type Fixtures = {
  /** The shared stack started by the global setup. */
  stack: StackInfo;
  /** Talks to the first sync-server instance directly, bypassing Nginx (for test setup). */
  server: APIRequestContext;
  /** Signs up an account through the server API (not the UI). */
  signUp: (displayName?: string) => Promise<Account>;
};

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use) => {
    await use(stackInfo());
  },
  server: async ({ stack }, use) => {
    const context = await playwrightRequest.newContext({ baseURL: stack.instanceUrls[0] });
    await use(context);
    await context.dispose();
  },
  signUp: async ({ server }, use) => {
    await use(async (displayName) => {
      const credentials = newCredentials(displayName);
      const res = await server.post('/api/auth/signup', { data: credentials });
      expect(res.status(), await res.text()).toBe(201);
      return { ...credentials, ...((await res.json()) as Omit<Account, keyof typeof credentials>) };
    });
  },
});

/** items[index], failing the test when it is not there (instead of a non-null assertion). */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${items.length}`);
  return item;
}

export { expect };
