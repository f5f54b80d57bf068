// Live sync: the same user on two devices sees each other's edits without reloading; within
// one device only one tab replicates (leader election) and every tab sees every change.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { TripFormPage, TripPage } from './pages/index.js';
import { logIn, openDevice } from './trip-session.js';

/** Counts the live streams (SSE) a page opens: only the replicating tab has any. */
function countStreams(page: Page): () => number {
  let streams = 0;
  page.on('request', (request) => {
    if (/\/api\/sync\/(?:\w+\/)?stream/.test(request.url())) streams += 1;
  });
  return () => streams;
}

test('an edit on one device shows on the other without a reload, both ways; one tab replicates for all', async ({
  page,
  context,
  browser,
  stack,
  signUp,
}) => {
  const account = await signUp('Live Park');
  const leaderStreams = countStreams(page);
  const a = await logIn(page, account);
  await page.goto('/trips/new');
  const tripId = await new TripFormPage(page).createTrip({
    title: 'Gyeongju history',
    region: 'Gyeongbuk',
    startDate: '2027-09-01',
    endDate: '2027-09-02',
  });
  await a.shell.expectSyncState('synced');
  expect(leaderStreams()).toBeGreaterThan(0);

  const b = await openDevice(browser, stack.baseURL, account);
  // A second tab of device A: it follows the first tab's replication.
  const tab2 = await context.newPage();
  const followerStreams = countStreams(tab2);
  try {
    await b.trip.goto(tripId, 'Gyeongju history');
    await a.trip.goto(tripId, 'Gyeongju history');
    const a2 = { trip: new TripPage(tab2) };
    await a2.trip.goto(tripId, 'Gyeongju history');

    // A → B
    await a.trip.addStop({ day: 1, name: 'Bulguksa temple', startTime: '09:30', cost: '6000' });
    await b.trip.expectStops(1, ['Bulguksa temple']);
    await expect(b.trip.stat('cost')).toContainText('6,000');

    // B → A (both tabs)
    await b.trip.addStop({ day: 2, name: 'Cheomseongdae', startTime: '19:00' });
    await b.trip.editStop('Bulguksa temple', { note: 'Arrive early' });
    await a.trip.expectStops(2, ['Cheomseongdae']);
    await expect(a.trip.stop('Bulguksa temple')).toContainText('Arrive early');
    await a2.trip.expectStops(2, ['Cheomseongdae']);
    await expect(a2.trip.stop('Bulguksa temple')).toContainText('Arrive early');

    // An edit in the follower tab goes out through the leader and reaches B.
    await a2.trip.deleteButton('Cheomseongdae').click();
    await b.trip.expectStops(2, []);
    await expect(b.trip.stat('stops')).toHaveText('1');

    expect(followerStreams()).toBe(0);
  } finally {
    await tab2.close();
    await b.context.close();
  }
});
