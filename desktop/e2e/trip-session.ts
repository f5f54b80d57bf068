// Opening the app as a user in a browser context of its own (a second device), for the
// planner's multi-device specs.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Account } from './fixtures.js';
import { AppShell, LoginPage, TripPage } from './pages/index.js';

export interface Device {
  context: BrowserContext;
  page: Page;
  shell: AppShell;
  trip: TripPage;
}

/** A new browser context (its own storage: another device) logged in as `account`. */
export async function openDevice(browser: Browser, baseURL: string, account: Account): Promise<Device> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Seoul' });
  const page = await context.newPage();
  const device = await logIn(page, account);
  return { context, ...device };
}

/** Logs `page` in as `account` through the login form. */
export async function logIn(page: Page, account: Account): Promise<Omit<Device, 'context'>> {
  const shell = new AppShell(page);
  const login = new LoginPage(page);
  await login.goto();
  await login.logIn({ email: account.email, password: account.password });
  await shell.expectLoggedIn(account.displayName);
  return { page, shell, trip: new TripPage(page) };
}

/** Waits until the page is controlled by the service worker that precached the app shell. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first worker claims the open page (clientsClaim).
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}
