// Issue 16, "A Map view of the trip": numbered markers in each day's colour with the day's
// route, a day filter, the list beside the map selecting both ways, "Not on the map" with its
// "Add a place", live updates, the view working offline after a reload, and screenshots in
// Korean and English, desktop and 360 px, light and dark.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { AppShell } from './pages/index.js';
import { addStopAt, fillCoordinates, TripMapView } from './pages/trip-map.js';
import { createTripOnServer, logIn, waitForServiceWorker } from './trip-session.js';

/** Where the screenshots go (outside the repository): HAMGAJA_SCREENSHOTS, else the test's output. */
function screenshotPath(name: string): string {
  const dir = process.env.HAMGAJA_SCREENSHOTS;
  return dir ? `${dir}/${name}.png` : test.info().outputPath(`${name}.png`);
}

/** Every marker lies inside the map's box: the map was fitted to them. */
async function expectAllInside(markers: Locator, map: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const box = await map.boundingBox();
      const boxes = await markers.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }),
      );
      return (
        box !== null &&
        boxes.length > 0 &&
        boxes.every((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height)
      );
    })
    .toBe(true);
}

/** Waits until Leaflet's animations are over (no zoom or pan in flight). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('.leaflet-zoom-anim, .leaflet-pan-anim')).toHaveCount(0);
  await page.waitForTimeout(300);
}

test('the Map view: numbered markers and routes per day, day filter, selection both ways, "Not on the map", offline', async ({
  page,
  context,
  server,
  signUp,
}) => {
  test.setTimeout(180_000);
  const owner = await signUp('Map Kim');
  const title = 'Seoul on foot';
  const tripId = await createTripOnServer(server, owner, title, {
    destination: { regionCode: '1', text: 'Seoul' },
    startDate: '2027-05-01',
    endDate: '2027-05-02',
  });
  const { trip, shell } = await logIn(page, owner);
  await waitForServiceWorker(page);
  await trip.goto(tripId, title);

  // Day 1: three places; day 2: a place, the hotel (no coordinates), another place.
  await addStopAt(trip, { day: 1, name: 'Gyeongbokgung', startTime: '09:00', at: [37.5796, 126.977] });
  await addStopAt(trip, {
    day: 1,
    name: 'Bukchon Hanok Village',
    startTime: '11:00',
    at: [37.5826, 126.9836],
  });
  await addStopAt(trip, { day: 1, name: 'N Seoul Tower', startTime: '16:00', at: [37.5512, 126.9882] });
  await addStopAt(trip, { day: 2, name: 'Gwangjang Market', startTime: '10:00', at: [37.57, 126.9996] });
  await addStopAt(trip, { day: 2, name: 'Hotel check-out', startTime: '12:00' });
  await addStopAt(trip, { day: 2, name: 'Lotte World Tower', startTime: '15:00', at: [37.5126, 127.1025] });
  await trip.expectStops(2, ['Gwangjang Market', 'Hotel check-out', 'Lotte World Tower']);

  const map = new TripMapView(page);
  await map.open();

  // One numbered marker per stop with coordinates, numbered within its day in visiting order;
  // the hotel (stop 2 of day 2) has none, so day 2 shows 1 and 3.
  await expect(map.markers()).toHaveCount(5);
  await expect.poll(() => map.markerNumbers(1)).toEqual(['1', '2', '3']);
  await expect.poll(() => map.markerNumbers(2)).toEqual(['1', '3']);
  await expect(map.marker(1, 2, 'Bukchon Hanok Village')).toBeVisible();
  // One route line per day, in the day's colour (day 1 and day 2 differ).
  await expect(map.routes()).toHaveCount(2);
  await expect(map.routes(1)).toHaveCount(1);
  await expect(map.routes(2)).toHaveCount(1);
  const strokes = await map.routes().evaluateAll((paths) => paths.map((p) => getComputedStyle(p).stroke));
  expect(new Set(strokes).size, strokes.join(' / ')).toBe(2);
  // Day 1's route goes through its three places in order (Leaflet draws "M x y L x y L x y").
  await expect(map.routes(1)).toHaveAttribute('d', /^M[\d. -]+L[\d. -]+L[\d. -]+$/);
  await expectAllInside(map.markers(), map.map);

  // The list beside the map: the visible stops by day with their numbers.
  await expect
    .poll(() => map.listedStops(1))
    .toEqual(['1 Gyeongbokgung', '2 Bukchon Hanok Village', '3 N Seoul Tower']);
  await expect.poll(() => map.listedStops(2)).toEqual(['1 Gwangjang Market', '3 Lotte World Tower']);

  // The day filter limits markers, routes and the list, and fits the map to that day.
  await map.showDay(2);
  await expect(map.markers()).toHaveCount(2);
  await expect(map.markers(1)).toHaveCount(0);
  await expect(map.routes()).toHaveCount(1);
  await expect(map.routes(2)).toHaveCount(1);
  await expect(map.listDay(1)).toHaveCount(0);
  await expect(map.listDay(2)).toBeVisible();
  await settled(page);
  await expectAllInside(map.markers(), map.map);
  await map.showDay('all');
  await expect(map.markers()).toHaveCount(5);
  await expect(map.routes()).toHaveCount(2);
  await settled(page);

  // A stop chosen in the list is selected on the map (its popup opens); a marker chosen on the
  // map is selected (and shown) in the list. One selection at a time.
  await map.listItem('Bukchon Hanok Village').click();
  await expect(map.listItem('Bukchon Hanok Village')).toHaveAttribute('aria-current', 'true');
  const bukchon = map.marker(1, 2, 'Bukchon Hanok Village');
  await expect(bukchon).toHaveClass(/is-selected/);
  await expect(bukchon).toHaveAttribute('aria-current', 'true');
  await expect(map.map.locator('.trip-map-marker.is-selected')).toHaveCount(1);
  await expect(map.popup).toContainText('Bukchon Hanok Village');
  await expect(map.popup).toContainText('Day 1, stop 2 · 11:00');

  await settled(page);
  const lotte = map.marker(2, 3, 'Lotte World Tower');
  await lotte.click();
  await expect(map.listItem('Lotte World Tower')).toHaveAttribute('aria-current', 'true');
  await expect(map.listItem('Lotte World Tower')).toBeInViewport();
  await expect(map.listItem('Bukchon Hanok Village')).not.toHaveAttribute('aria-current', 'true');
  await expect(lotte).toHaveClass(/is-selected/);
  await expect(bukchon).not.toHaveClass(/is-selected/);
  await expect(map.popup).toContainText('Lotte World Tower');

  // "Not on the map": the hotel, with "Add a place", which opens the stop's edit dialog.
  await expect(map.notOnMap).toContainText('Hotel check-out');
  await expect(map.notOnMap).toContainText('Day 2, stop 2');
  await map.addPlaceButton('Hotel check-out').click();
  await expect(trip.dialog).toBeVisible();
  await expect(trip.dialog.getByRole('heading', { name: trip.t.trips.stop.editTitle })).toBeVisible();
  await expect(trip.dialog.getByLabel(trip.t.trips.stop.name, { exact: true })).toHaveValue(
    'Hotel check-out',
  );
  await fillCoordinates(trip, [37.5651, 126.9895]);
  await trip.dialog.getByRole('button', { name: trip.t.trips.stop.save, exact: true }).click();
  await expect(trip.dialog).toBeHidden();
  // Live: the map and the list follow the database at once.
  await expect(map.markers()).toHaveCount(6);
  await expect.poll(() => map.markerNumbers(2)).toEqual(['1', '2', '3']);
  await expect(map.notOnMap).toHaveCount(0);
  await expect(map.marker(2, 2, 'Hotel check-out')).toBeVisible();

  // Back to a stop without a place, for the screenshots below.
  await addStopAt(trip, { day: 2, name: 'Airport bus', startTime: '18:00' });
  await expect(map.notOnMap).toContainText('Airport bus');
  await expect(map.markers()).toHaveCount(6);
  await shell.expectSyncState('synced');

  // Offline: a reload (service worker + IndexedDB) opens the remembered Map view with the
  // bundled basemap, its markers and routes.
  await context.setOffline(true);
  await page.reload();
  await expect(trip.heading(title)).toBeVisible();
  await map.expectReady();
  await expect(map.viewButton).toHaveAttribute('aria-pressed', 'true');
  await expect(map.outline.first()).toBeAttached();
  await expect(map.markers()).toHaveCount(6);
  await expect(map.routes()).toHaveCount(2);
  await expect.poll(() => map.markerNumbers(1)).toEqual(['1', '2', '3']);
  await expect(map.notOnMap).toContainText('Airport bus');
  await map.listItem('N Seoul Tower').click();
  await expect(map.marker(1, 3, 'N Seoul Tower')).toHaveClass(/is-selected/);
  await settled(page);
  await page.screenshot({ path: screenshotPath('map-offline-en-desktop') });
  await context.setOffline(false);
});

test('screenshots of the Map view: ko and en, desktop and 360 px, light and dark', async ({
  page,
  server,
  signUp,
}) => {
  test.setTimeout(180_000);
  const owner = await signUp('Map Screens');
  const title = 'Busan in three days';
  const tripId = await createTripOnServer(server, owner, title, {
    destination: { regionCode: '6', text: 'Busan' },
    startDate: '2027-06-04',
    endDate: '2027-06-06',
  });
  const { trip } = await logIn(page, owner);
  await trip.goto(tripId, title);
  const stops: [number, string, string, [number, number] | undefined][] = [
    [1, 'Haeundae Beach', '10:00', [35.1587, 129.1604]],
    [1, 'Dongbaekseom Island', '13:00', [35.1532, 129.1522]],
    [1, 'The Bay 101', '19:00', [35.1565, 129.1522]],
    [2, 'Gamcheon Culture Village', '10:00', [35.0975, 129.0106]],
    [2, 'Jagalchi Market', '12:30', [35.0966, 129.0306]],
    [2, 'BIFF Square', '15:00', [35.0988, 129.0282]],
    [2, 'Guesthouse', '21:00', undefined],
    [3, 'Taejongdae', '09:30', [35.0532, 129.0871]],
    [3, 'Busan Station', '14:00', [35.1151, 129.0414]],
  ];
  for (const [day, name, startTime, at] of stops) await addStopAt(trip, { day, name, startTime, at });
  await trip.expectStops(3, ['Taejongdae', 'Busan Station']);

  const shell = new AppShell(page);
  for (const language of ['en', 'ko'] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    if (language === 'ko') await shell.switchLanguage('ko');
    const map = new TripMapView(page, language);
    if ((await map.viewButton.getAttribute('aria-pressed')) !== 'true') await map.open();
    await expect(map.markers()).toHaveCount(8);
    await expect(map.notOnMap).toContainText('Guesthouse');
    await map.listItem('Jagalchi Market').click();
    await expect(map.popup).toContainText('Jagalchi Market');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const [size, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['360', { width: 360, height: 780 }],
      ] as const) {
        await page.setViewportSize(viewport);
        await settled(page);
        await expect(map.markers()).toHaveCount(8);
        if (size === '360') {
          // The list is below the map on phones.
          const mapBox = await map.map.boundingBox();
          const listBox = await map.list.boundingBox();
          expect(mapBox && listBox && listBox.y >= mapBox.y + mapBox.height).toBe(true);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        }
        // The schedule's toolbar just under the sticky header, then the whole page (the list at 360 px).
        await page
          .locator('.schedule')
          .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 72));
        await settled(page);
        await page.screenshot({ path: screenshotPath(`map-${language}-${size}-${theme}`) });
        if (size === '360')
          await page.screenshot({
            path: screenshotPath(`map-${language}-${size}-${theme}-full`),
            fullPage: true,
          });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
});
