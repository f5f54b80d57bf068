// Offline first: with the network gone, edits land locally, a reload opens the app (service
// worker) with its data, and the edits reach the server (another device) once it is back.
import { expect, test } from './fixtures.js';
import { TripFormPage, TripsListPage } from './pages/index.js';
import { logIn, openDevice, waitForServiceWorker } from './trip-session.js';

test('offline: 5 edits incl. a delete survive an offline reload and reach another device when back online', async ({
  page,
  context,
  browser,
  stack,
  signUp,
}) => {
  const account = await signUp('Offline Lee');
  const a = await logIn(page, account);
  await waitForServiceWorker(page);

  // Online: a trip with three stops, in step with the server.
  await page.goto('/trips/new');
  const tripId = await new TripFormPage(page).createTrip({
    title: 'Busan weekend',
    region: 'Busan',
    startDate: '2027-06-05',
    endDate: '2027-06-06',
  });
  await a.trip.addStop({ day: 1, name: 'Haeundae beach', startTime: '10:00' });
  await a.trip.addStop({ day: 1, name: 'Gamcheon village', startTime: '14:00' });
  await a.trip.addStop({ day: 2, name: 'Jagalchi market', startTime: '09:00', cost: '30000' });
  await a.shell.expectSyncState('synced');

  // Offline: five edits (two adds, an edit, a delete, a keyboard move).
  await context.setOffline(true);
  await a.shell.expectSyncState('offline');
  await a.trip.addStop({ day: 2, name: 'Taejongdae', startTime: '13:00' });
  await a.trip.addStop({
    day: 1,
    name: 'Milmyeon lunch',
    category: 'food',
    startTime: '12:00',
    cost: '9000',
  });
  await a.trip.editStop('Jagalchi market', { cost: '45000', note: 'Raw fish lunch' });
  await a.trip.deleteButton('Gamcheon village').click();
  await expect(a.trip.stop('Gamcheon village')).toHaveCount(0);
  await a.trip.keyboardMove('Haeundae beach', ['ArrowDown']);
  const day1 = ['Milmyeon lunch', 'Haeundae beach'];
  const day2 = ['Jagalchi market', 'Taejongdae'];
  await a.trip.expectStops(1, day1);
  await a.trip.expectStops(2, day2);

  // A reload with no network: the service worker serves the app, IndexedDB the data.
  await page.reload();
  await expect(a.trip.heading('Busan weekend')).toBeVisible();
  await a.trip.expectStops(1, day1);
  await a.trip.expectStops(2, day2);
  await expect(a.trip.stop('Jagalchi market')).toContainText('Raw fish lunch');
  // The pill counts the five changed stops still waiting (kept across the reload), and so do the details.
  await expect
    .poll(() => a.shell.syncState())
    .toBe(a.shell.t.sync.offlinePending_other.replace('{{count}}', '5'));
  await a.shell.syncStatus.click();
  const details = page.getByRole('region', { name: a.shell.t.sync.detailsTitle });
  await expect(details).toContainText(a.shell.t.sync.offlineNote);
  await expect(details.locator('div', { hasText: a.shell.t.sync.pendingChanges }).locator('dd')).toHaveText(
    '5',
  );
  await a.shell.syncStatus.click();

  // Back online: everything reaches the server, and another device sees all five edits.
  await context.setOffline(false);
  // Generous: requests that failed while offline are retried with backoff (RxDB retries at once on "online").
  await expect.poll(() => a.shell.syncState(), { timeout: 30_000 }).toBe(a.shell.t.sync.synced);
  const b = await openDevice(browser, stack.baseURL, account);
  try {
    await b.trip.goto(tripId, 'Busan weekend');
    await b.trip.expectStops(1, day1);
    await b.trip.expectStops(2, day2);
    await expect(b.trip.stop('Jagalchi market')).toContainText('Raw fish lunch');
    await expect(b.trip.stop('Jagalchi market')).toContainText('45,000');
    await expect(b.trip.stat('stops')).toHaveText('4');
  } finally {
    await b.context.close();
  }
});

test('the trips list opens offline from a cold reload, with the cards of this device', async ({
  page,
  context,
  signUp,
}) => {
  const account = await signUp('Offline Cho');
  await logIn(page, account);
  await waitForServiceWorker(page);
  await page.goto('/trips/new');
  await new TripFormPage(page).createTrip({
    title: 'Gangwon ski',
    region: 'Gangwon',
    startDate: '2027-01-10',
    endDate: '2027-01-12',
  });

  await context.setOffline(true);
  const list = new TripsListPage(page);
  await page.goto('/trips');
  await expect(list.heading).toBeVisible();
  await expect(list.card('Gangwon ski')).toBeVisible();
  await expect(list.card('Gangwon ski')).toContainText('3 days');
});
