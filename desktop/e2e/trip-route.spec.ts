// The route in the schedule (issue 16), in real Chromium against the real stack: legs between
// stops with their mode (synced live to a co-traveller), a leg that cannot fit, stops out of time
// order and "Sort by time", "Optimise route" with its saving and Undo; then all of it offline
// after a reload, the writes reaching the server once back online.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test, type Account } from './fixtures.js';
import { TripPage } from './pages/index.js';
import { messages } from './pages/messages.js';
import { TripRoute } from './pages/trip-route.js';
import { addEditor, createTripOnServer, logIn, openDevice, waitForServiceWorker } from './trip-session.js';

const t = messages.en.trips.route;

interface StopSetup {
  name: string;
  /** 1-based. */
  day: number;
  lat: number;
  lng: number;
  startTime?: string;
  durationMinutes?: number;
}

/** Pushes the stops (in this order within each day) as a device would. */
async function pushStops(server: APIRequestContext, owner: Account, tripId: string, stops: StopSetup[]) {
  const res = await server.post('/api/sync/stops/push', {
    headers: { authorization: `Bearer ${owner.accessToken}`, 'x-hamgaja-schema-version': '1' },
    data: stops.map((stop, index) => ({
      newDocumentState: {
        id: `${tripId}-s${index}`,
        tripId,
        day: stop.day - 1,
        // Fractional-indexing keys in order: a0 < a1 < … < a9 < aA …
        orderKey: `a${'0123456789ABCDEFGHIJ'[index]}`,
        startTime: stop.startTime ?? null,
        durationMinutes: stop.durationMinutes ?? null,
        place: { name: stop.name, lat: stop.lat, lng: stop.lng },
        category: 'sightseeing',
        cost: null,
        note: '',
        travelMode: null,
        _deleted: false,
      },
    })),
  });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toEqual([]);
}

// Day 1, Seoul: a short walk, then a tight transit leg (5 min between the stops, ~21 min needed).
const day1: StopSetup[] = [
  { name: 'Gyeongbokgung', day: 1, lat: 37.5796, lng: 126.977, startTime: '09:00', durationMinutes: 90 },
  {
    name: 'Bukchon Hanok Village',
    day: 1,
    lat: 37.5826,
    lng: 126.983,
    startTime: '10:45',
    durationMinutes: 60,
  },
  { name: 'N Seoul Tower', day: 1, lat: 37.5512, lng: 126.9882, startTime: '11:50', durationMinutes: 60 },
];
// Day 2, Busan: 10:00 before 09:00, out of time order.
const day2: StopSetup[] = [
  { name: 'Jagalchi market', day: 2, lat: 35.0966, lng: 129.0306, startTime: '10:00', durationMinutes: 60 },
  { name: 'Haeundae beach', day: 2, lat: 35.1587, lng: 129.1604, startTime: '09:00', durationMinutes: 45 },
  { name: 'Gwangalli beach', day: 2, lat: 35.1532, lng: 129.1186, startTime: '13:00' },
];
// Day 3: five untimed places on a west–east line (0.01° of longitude apart), zig-zagging.
const along = (name: string, step: number): StopSetup => ({
  name,
  day: 3,
  lat: 37.57,
  lng: 126.97 + step * 0.01,
});
const day3: StopSetup[] = [
  along('Seodaemun', 0),
  along('Dongdaemun', 3),
  along('Gwanghwamun', 1),
  along('Cheongnyangni', 4),
  along('Jongno 3-ga', 2),
];
const zigzag = day3.map((stop) => stop.name);
const straight = ['Seodaemun', 'Gwanghwamun', 'Jongno 3-ga', 'Dongdaemun', 'Cheongnyangni'];

async function tripWithRoute(server: APIRequestContext, owner: Account, title: string): Promise<string> {
  const tripId = await createTripOnServer(server, owner, title, {
    startDate: '2027-05-01',
    endDate: '2027-05-03',
  });
  await pushStops(server, owner, tripId, [...day1, ...day2, ...day3]);
  return tripId;
}

/** A picture of one element from the top of the page, so the sticky header does not cover it. */
async function shoot(page: Page, element: Locator, path: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await element.boundingBox();
  if (!box) throw new Error(`nothing to photograph for ${path}`);
  await page.screenshot({ path, fullPage: true, clip: box });
}

/**
 * Logs in and waits until the first sync has settled: a full page load (goto) in the middle of
 * the first pull can leave stops without their server state on this device, so later edits of
 * them would be pushed as conflicts.
 */
async function signIn(page: Page, account: Account) {
  const device = await logIn(page, account);
  await device.shell.expectSyncState('synced');
  return device;
}

async function openTrip(page: Page, tripId: string, title: string): Promise<TripRoute> {
  const route = new TripRoute(page);
  await route.trip.goto(tripId, title);
  await route.trip.expectStops(3, zigzag);
  return route;
}

test('legs, modes, tight legs, time order and optimising a day sync live to a co-traveller', async ({
  page,
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(180_000);
  const minji = await signUp('Minji Route');
  const jun = await signUp('Jun Route');
  const title = 'Seoul and Busan by route';
  const tripId = await tripWithRoute(server, minji, title);
  await addEditor(server, minji, jun, tripId);

  await signIn(page, minji);
  const a = await openTrip(page, tripId, title);
  const b = await openDevice(browser, stack.baseURL, jun);
  try {
    await b.shell.expectSyncState('synced');
    const bRoute = await openTrip(b.page, tripId, title);

    // Legs: distance and time with the default mode (a short walk), then transit; the day's total.
    await expect(a.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 11 min');
    await expect(a.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveValue('auto');
    await expect(a.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village').locator('option:checked')).toHaveText(
      'Auto (Walk)',
    );
    await expect(a.figures('Bukchon Hanok Village', 'N Seoul Tower')).toHaveText('4.8 km · 21 min');
    await expect(a.dayTravel(1)).toContainText('Travel 32 min · 5.6 km');

    // A tight pair: 21 min by transit, 5 min between the stops.
    await expect(a.warning('Bukchon Hanok Village', 'N Seoul Tower')).toHaveText(
      '21 min by transit, but only 5 min between stops',
    );

    // Changing a leg's mode changes its time, and the co-traveller sees the new mode live.
    await a.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village').selectOption('car');
    await expect(a.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 7 min');
    await expect(bRoute.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveValue('car');
    await expect(bRoute.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 7 min');
    // By car the tight leg is still too long (it is the arriving stop's own mode that counts).
    await a.modeSelect('Bukchon Hanok Village', 'N Seoul Tower').selectOption('car');
    await expect(a.warning('Bukchon Hanok Village', 'N Seoul Tower')).toHaveText(
      /^\d+ min by car, but only 5 min between stops$/,
    );
    await expect(bRoute.modeSelect('Bukchon Hanok Village', 'N Seoul Tower')).toHaveValue('car');

    // Out of time order: the card says so; "Sort by time" fixes the day, live on the other device.
    await expect(a.outOfOrderFlag('Haeundae beach')).toBeVisible();
    await expect(a.outOfOrderFlag('Jagalchi market')).toHaveCount(0);
    await expect(bRoute.outOfOrderFlag('Haeundae beach')).toBeVisible();
    await a.sortButton(2).click();
    const sorted = ['Haeundae beach', 'Jagalchi market', 'Gwangalli beach'];
    await a.trip.expectStops(2, sorted);
    await expect(a.status(2)).toContainText(t.sorted.replace('{{day}}', '2'));
    await expect(a.outOfOrderFlag('Haeundae beach')).toHaveCount(0);
    await expect(a.sortButton(2)).toHaveCount(0);
    await bRoute.trip.expectStops(2, sorted);
    await expect(bRoute.outOfOrderFlag('Haeundae beach')).toHaveCount(0);

    // Optimise a zig-zag day (first stop kept first): a new order, the saving, live for the co-traveller.
    await a.optimise(3, { first: true, last: false });
    await a.trip.expectStops(3, straight);
    await expect(a.status(3)).toHaveText(/^Saved 5\.3 km\.\s*Undo$/);
    await expect(a.undoButton(3)).toBeFocused();
    await bRoute.trip.expectStops(3, straight);
    // One Undo: the original order again, for both.
    await a.undoButton(3).click();
    await a.trip.expectStops(3, zigzag);
    await expect(a.status(3)).toHaveText(t.undone.replace('{{day}}', '3'));
    await expect(a.undoButton(3)).toHaveCount(0);
    await bRoute.trip.expectStops(3, zigzag);

    // The pins are remembered; optimising an optimised day gains nothing.
    await a.optimiseButton(3).click();
    await expect(a.pinFirst(3)).toBeChecked();
    await expect(a.pinLast(3)).not.toBeChecked();
    await page.keyboard.press('Escape');
    await expect(a.optimisePanel(3)).toBeHidden();
    await a.optimise(3, { first: true, last: false });
    await a.trip.expectStops(3, straight);
    await a.optimise(3, { first: true, last: false });
    await expect(a.status(3)).toHaveText(t.alreadyShortest);
  } finally {
    await b.context.close();
  }
});

test('offline after a reload: legs and flags are computed, reorders write locally and sync when back online', async ({
  page,
  context,
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(180_000);
  const owner = await signUp('Offline Route');
  const title = 'Offline route';
  const tripId = await tripWithRoute(server, owner, title);
  const device = await signIn(page, owner);
  await waitForServiceWorker(page);
  await openTrip(page, tripId, title);
  await device.shell.expectSyncState('synced');

  await context.setOffline(true);
  await device.shell.expectSyncState('offline');
  await page.reload();
  const a = await openTrip(page, tripId, title);

  // Computed offline: legs, the day's total, the tight leg and the out-of-order stop.
  await expect(a.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 11 min');
  await expect(a.dayTravel(1)).toContainText('Travel 32 min · 5.6 km');
  await expect(a.warning('Bukchon Hanok Village', 'N Seoul Tower')).toHaveText(
    '21 min by transit, but only 5 min between stops',
  );
  await expect(a.outOfOrderFlag('Haeundae beach')).toBeVisible();

  // Writes offline: a mode, "Sort by time" and "Optimise route".
  await a.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village').selectOption('transit');
  await expect(a.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('840 m · 12 min');
  await a.sortButton(2).click();
  const sorted = ['Haeundae beach', 'Jagalchi market', 'Gwangalli beach'];
  await a.trip.expectStops(2, sorted);
  await a.optimise(3, { first: true, last: false });
  await a.trip.expectStops(3, straight);
  await expect(a.status(3)).toHaveText(/^Saved 5\.3 km\./);

  // Back online: another device sees all of it.
  await context.setOffline(false);
  await expect.poll(() => device.shell.syncState(), { timeout: 30_000 }).toBe(device.shell.t.sync.synced);
  const b = await openDevice(browser, stack.baseURL, owner);
  try {
    const bRoute = new TripRoute(b.page);
    await bRoute.trip.goto(tripId, title);
    await bRoute.trip.expectStops(3, straight);
    await bRoute.trip.expectStops(2, sorted);
    await expect(bRoute.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveValue('transit');
  } finally {
    await b.context.close();
  }
});

test('refinement: estimates show at once; the server footpath figure replaces them, marked; none keeps them', async ({
  page,
  server,
  signUp,
}) => {
  const owner = await signUp('Refine Route');
  const title = 'Refined route';
  const tripId = await tripWithRoute(server, owner, title);
  await signIn(page, owner);

  // The stack's server has no routing service: it says so, and the estimates stay.
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/routing/legs'));
  const route = await openTrip(page, tripId, title);
  // Only the days on screen are asked for.
  await route.trip.day(1).scrollIntoViewIfNeeded();
  const answer = await answered;
  expect(answer.request().postDataJSON()).toEqual({
    legs: [{ from: { lat: 37.5796, lng: 126.977 }, to: { lat: 37.5826, lng: 126.983 }, mode: 'walk' }],
  });
  expect(await answer.json()).toEqual({ available: false, legs: [null] });
  const walk = route.leg('Gyeongbokgung', 'Bukchon Hanok Village');
  await expect(route.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 11 min');
  await expect(walk.getByText(t.refined.walk)).toHaveCount(0);

  // A server with routing (answered here, held back until the estimate has shown).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/routing/legs', async (request) => {
    const body = request.request().postDataJSON() as { legs: { mode: string }[] };
    await held;
    await request.fulfill({
      json: {
        available: true,
        legs: body.legs.map((leg) =>
          leg.mode === 'walk' ? { distanceMetres: 1020, durationSeconds: 14 * 60, source: 'osrm' } : null,
        ),
      },
    });
  });
  await page.reload();
  await route.trip.day(1).scrollIntoViewIfNeeded();
  await expect(route.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 11 min');
  release();
  await expect(route.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('1 km · 14 min');
  await expect(walk.getByText(t.refined.walk, { exact: true })).toBeVisible();
  // The day's total counts the measured leg.
  await expect(route.dayTravel(1)).toContainText('Travel 35 min · 5.8 km');
});

test('screenshots and an axe audit of days with legs and flags: en and ko, desktop and 360 px, light and dark', async ({
  page,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  const owner = await signUp('Screens Route');
  const title = 'Route screens';
  const tripId = await tripWithRoute(server, owner, title);
  const device = await signIn(page, owner);
  const route = await openTrip(page, tripId, title);
  await route.modeSelect('Gyeongbokgung', 'Bukchon Hanok Village').selectOption('car');
  await expect(route.figures('Gyeongbokgung', 'Bukchon Hanok Village')).toHaveText('810 m · 7 min');

  for (const language of ['en', 'ko'] as const) {
    if (language === 'ko') {
      // The header's language select is on wide screens.
      await page.setViewportSize({ width: 1280, height: 900 });
      await device.shell.switchLanguage('ko');
    }
    const localRoute = new TripRoute(page, language);
    const trip = new TripPage(page, language);
    const shots: [number, number, string, 'columns' | 'timeline'][] = [
      [1280, 900, 'desktop-columns', 'columns'],
      [1280, 900, 'desktop-timeline', 'timeline'],
      [360, 780, '360', 'columns'],
    ];
    for (const [width, height, name, view] of shots) {
      await page.setViewportSize({ width, height });
      if (width > 700) await trip.viewButton(view).click();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expect(localRoute.warning('Bukchon Hanok Village', 'N Seoul Tower')).toBeVisible();
        await expect(localRoute.outOfOrderFlag('Haeundae beach')).toBeVisible();
        // Nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // No serious or critical accessibility finding in the schedule (names, contrast in both themes).
        const audit = await new AxeBuilder({ page })
          .include('section.schedule')
          .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .setLegacyMode()
          .analyze();
        const serious = audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          `${language} ${name} ${scheme}`,
        ).toEqual([]);
        const path = (part: string) =>
          test.info().outputPath(`route-${language}-${name}-${scheme}${part}.png`);
        if (width > 700) await shoot(page, page.locator('section.schedule'), path(''));
        else {
          await shoot(page, trip.day(1), path('-day1'));
          await shoot(page, trip.day(2), path('-day2'));
          await localRoute.optimiseButton(3).click();
          await expect(localRoute.pinFirst(3)).toBeVisible();
          await shoot(page, trip.day(3), path('-day3-optimise'));
          await page.keyboard.press('Escape');
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
});
