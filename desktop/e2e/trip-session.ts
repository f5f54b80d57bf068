// Opening the app as a user in a browser context of its own (a second device), for the
// planner's multi-device specs.
import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
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

/** Trip fields a spec may set; the rest take the defaults below. */
export interface TripSetup {
  destination?: { regionCode: string; text: string };
  startDate?: string;
  endDate?: string;
  plannedBudget?: number | null;
}

/** Creates a trip for `owner` the way a device does: by pushing it through replication. */
export async function createTripOnServer(
  server: APIRequestContext,
  owner: Account,
  title: string,
  setup: TripSetup = {},
): Promise<string> {
  const id = `e2e-${Math.random().toString(36).slice(2, 10)}`;
  const res = await server.post('/api/sync/trips/push', {
    headers: { authorization: `Bearer ${owner.accessToken}`, 'x-hamgaja-schema-version': '0' },
    data: [
      {
        newDocumentState: {
          id,
          title,
          description: '',
          destination: setup.destination ?? { regionCode: '6', text: 'Haeundae' },
          startDate: setup.startDate ?? '2027-05-01',
          endDate: setup.endDate ?? '2027-05-03',
          timeZone: 'Asia/Seoul',
          currency: 'KRW',
          plannedBudget: setup.plannedBudget === undefined ? 300_000 : setup.plannedBudget,
          coverImage: null,
          notes: '',
          ownerId: owner.user.id,
          _deleted: false,
        },
      },
    ],
  });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toEqual([]);
  return id;
}

/** Makes `member` an editor of the trip: an invite the owner creates and the member accepts. */
export async function addEditor(
  server: APIRequestContext,
  owner: Account,
  member: Account,
  tripId: string,
): Promise<void> {
  const invite = await server.post(`/api/trips/${tripId}/invites`, {
    headers: { authorization: `Bearer ${owner.accessToken}` },
    data: { role: 'editor' },
  });
  expect(invite.status(), await invite.text()).toBe(201);
  const { code } = (await invite.json()) as { code: string };
  const accept = await server.post(`/api/invites/${code}/accept`, {
    headers: { authorization: `Bearer ${member.accessToken}` },
  });
  expect(accept.status(), await accept.text()).toBe(200);
}

/** The catalog id of the attraction titled `title` (exactly), found through the public search. */
export async function attractionId(server: APIRequestContext, title: string): Promise<string> {
  const res = await server.get(`/api/attractions?q=${encodeURIComponent(title)}&pageSize=5`);
  expect(res.status(), await res.text()).toBe(200);
  const items = ((await res.json()) as { items: { id: string; title: string }[] }).items;
  const found = items.find((item) => item.title === title);
  expect(found, `${title} in the catalog`).toBeTruthy();
  return found!.id;
}
