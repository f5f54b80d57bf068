// The live calendar feed, through Nginx against the real server and MariaDB: the owner makes a
// subscription link in the share dialog, a calendar app (here: a plain HTTP client) fetches it from
// the page's origin and finds the stops, polls it conditionally, and the link ends when rotated
// or turned off. Screenshots of the section in English and Korean, at 1280 and 360 px.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, type Account } from './fixtures.js';
import { AppShell, LoginPage, TripPage } from './pages/index.js';
import { messages } from './pages/messages.js';
import { ShareDialog } from './pages/share-dialog.js';
import { createTripOnServer } from './trip-session.js';

const SHOTS = '/tmp/pw-B-shots';

/** Pushes stops as a device would (stops schema version 1). */
async function pushStops(
  server: APIRequestContext,
  owner: Account,
  tripId: string,
  stops: { id: string; day: number; orderKey: string; startTime: string | null; name: string }[],
) {
  const res = await server.post('/api/sync/stops/push', {
    headers: { authorization: `Bearer ${owner.accessToken}`, 'x-hamgaja-schema-version': '1' },
    data: stops.map((stop) => ({
      newDocumentState: {
        id: stop.id,
        tripId,
        day: stop.day,
        orderKey: stop.orderKey,
        startTime: stop.startTime,
        durationMinutes: 90,
        place: { name: stop.name, lat: 35.1587, lng: 129.1604, address: 'Haeundae-gu, Busan' },
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

/** Screenshots of the calendar section at 1280 and 360 px wide. */
async function shoot(page: Page, share: ShareDialog, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await share.calendar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the owner makes a calendar link; it serves the stops through Nginx, and ends when rotated or turned off', async ({
  page,
  context,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  const owner = await signUp('Minji');
  const tripId = await createTripOnServer(server, owner, 'Busan by the sea');
  await pushStops(server, owner, tripId, [
    { id: `${tripId}-beach`, day: 0, orderKey: 'a0', startTime: '10:00', name: 'Haeundae Beach' },
    { id: `${tripId}-market`, day: 1, orderKey: 'a0', startTime: null, name: 'Jagalchi Market' },
  ]);

  await page.setViewportSize({ width: 1280, height: 900 });
  const login = new LoginPage(page);
  await login.goto(`/trips/${tripId}`);
  await login.logIn(owner);
  const shell = new AppShell(page);
  await shell.expectLoggedIn('Minji');
  await expect(new TripPage(page).heading('Busan by the sea')).toBeVisible();

  const share = new ShareDialog(page);
  await share.open();
  await expect(share.calendar).toBeVisible();
  const url = await share.createCalendarLink();
  // At the page's own origin (Nginx), in the app's language; the webcal:// form beside it.
  expect(url.startsWith(`${stack.baseURL}/api/calendar/`)).toBe(true);
  expect(url.endsWith('?lang=en')).toBe(true);
  await expect(share.webcalLink).toHaveValue(url.replace(/^https?:/, 'webcal:'));
  await expect(
    share.calendar.getByRole('link', { name: messages.en.sharing.calendar.openInApp }),
  ).toHaveAttribute('href', url.replace(/^https?:/, 'webcal:'));
  await shoot(page, share, 'calendar-feed-en');

  // A calendar app fetches it: no sign-in, through Nginx.
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(feed.headers()['cache-control']).toBe('private, max-age=300');
  const ics = await feed.text();
  expect(ics).toContain('SUMMARY:Haeundae Beach');
  expect(ics).toContain('SUMMARY:Jagalchi Market');
  expect(ics).toContain(`UID:stop-${tripId}-beach@hamgaja`);
  // 10:00 in Seoul on the first day (2027-05-01) is 01:00 UTC.
  expect(ics).toContain('DTSTART:20270501T010000Z');
  const etag = feed.headers()['etag'];
  expect(etag).toMatch(/^"[\w-]{43}"$/);

  // Polled again: unchanged, 304; after a new stop, the new calendar.
  expect((await page.request.get(url, { headers: { 'if-none-match': etag! } })).status()).toBe(304);
  await pushStops(server, owner, tripId, [
    { id: `${tripId}-tower`, day: 2, orderKey: 'a0', startTime: '19:30', name: 'Busan Tower' },
  ]);
  const changed = await page.request.get(url, { headers: { 'if-none-match': etag! } });
  expect(changed.status()).toBe(200);
  expect(await changed.text()).toContain('SUMMARY:Busan Tower');

  // In Korean: a new link (the old one ends at once), then the screenshots.
  await share.close();
  await shell.switchLanguage('ko');
  const shareKo = new ShareDialog(page, 'ko');
  await shareKo.open();
  await expect(shareKo.calendar).toContainText(messages.ko.sharing.calendar.rotate);
  await shoot(page, shareKo, 'calendar-feed-ko-active');
  const rotated = await shareKo.rotateCalendarLink();
  expect(rotated.endsWith('?lang=ko')).toBe(true);
  await shoot(page, shareKo, 'calendar-feed-ko');
  const gone = await page.request.get(url);
  expect(gone.status()).toBe(404);
  expect((await gone.json()).code).toBe('calendar_feed_not_found');
  const korean = await page.request.get(rotated);
  expect(korean.status()).toBe(200);
  expect(await korean.text()).toContain('CATEGORIES:관광');

  // Turned off: the link answers 404.
  await shareKo.revokeCalendarLink();
  await shoot(page, shareKo, 'calendar-feed-ko-off');
  expect((await page.request.get(rotated)).status()).toBe(404);
  await expect(
    shareKo.calendar.getByRole('button', { name: messages.ko.sharing.calendar.create, exact: true }),
  ).toBeVisible();

  // Offline: the section says why nothing can be done.
  await shareKo.close();
  await context.setOffline(true);
  await shareKo.open();
  await expect(shareKo.calendar).toContainText(messages.ko.sharing.calendar.offline);
  await expect(shareKo.calendar.getByRole('button')).toHaveCount(0);
  await shoot(page, shareKo, 'calendar-feed-ko-offline');
  await context.setOffline(false);
});
