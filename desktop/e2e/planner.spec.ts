// The planner in the browser, through Nginx, against the real server and MariaDB: sign up,
// plan a trip with stops on several days, reorder by keyboard drag-and-drop, reload.
import { expect, newCredentials, test } from './fixtures.js';
import { AppShell, SignUpPage, TripFormPage, TripPage, TripsListPage } from './pages/index.js';

test('sign up, plan a 3-day trip with 6 stops, reorder by keyboard within and across days, reload keeps it all', async ({
  page,
}) => {
  const account = newCredentials('Planner Kim');
  const shell = new AppShell(page);
  const list = new TripsListPage(page);
  const form = new TripFormPage(page);
  const trip = new TripPage(page);

  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.fill(account);
  await expect(signUp.emailAvailable).toBeVisible();
  await signUp.submit.click();
  await shell.expectLoggedIn(account.displayName);

  await shell.navLink('trips').click();
  await expect(list.heading).toBeVisible();
  await list.newTripLink.click();

  // The form refuses an end before the start, then accepts the fixed dates.
  await form.fill({
    title: 'Jeju in spring',
    region: 'Jeju',
    startDate: '2027-04-10',
    endDate: '2027-04-08',
  });
  await form.create.click();
  await expect(form.error('endBeforeStart')).toBeVisible();
  await expect(page).toHaveURL(/\/trips\/new$/);
  const tripId = await form.createTrip({ endDate: '2027-04-12', budget: '300000' });
  await expect(trip.heading('Jeju in spring')).toBeVisible();
  await expect(trip.stat('days')).toHaveText('3');

  await trip.addStop({
    day: 1,
    name: 'Seongsan Ilchulbong',
    category: 'sightseeing',
    startTime: '09:00',
    duration: '90',
    cost: '5000',
  });
  await trip.addStop({
    day: 1,
    name: 'Gogi-guksu lunch',
    category: 'food',
    startTime: '12:30',
    cost: '12000',
  });
  await trip.addStop({ day: 1, name: 'Udo ferry', category: 'transport', startTime: '15:00', cost: '10500' });
  await trip.addStop({
    day: 2,
    name: 'Hallasan hike',
    category: 'activity',
    startTime: '07:00',
    duration: '360',
  });
  await trip.addStop({ day: 2, name: 'Dongmun market', category: 'shopping', note: 'Buy tangerines' });
  await trip.addStop({ day: 3, name: 'Airport', category: 'transport', startTime: '18:00' });

  await trip.expectStops(1, ['Seongsan Ilchulbong', 'Gogi-guksu lunch', 'Udo ferry']);
  await trip.expectStops(2, ['Hallasan hike', 'Dongmun market']);
  await trip.expectStops(3, ['Airport']);
  await expect(trip.stat('stops')).toHaveText('6');
  await expect(trip.stat('places')).toHaveText('6');
  await expect(trip.stat('cost')).toContainText('27,500');
  // The budget follows the costs: 27,500 of 300,000 is 9 %.
  await expect(trip.budgetMeter).toHaveAttribute('aria-valuenow', '9');

  // Keyboard drag-and-drop: lunch moves below the ferry (same day) ...
  await trip.keyboardMove('Gogi-guksu lunch', ['ArrowDown']);
  await trip.expectStops(1, ['Seongsan Ilchulbong', 'Udo ferry', 'Gogi-guksu lunch']);
  // ... and the market moves from day 2 to day 3.
  await trip.keyboardMove('Dongmun market', ['ArrowRight']);
  await expect.poll(async () => (await trip.stopNames(3)).sort()).toEqual(['Airport', 'Dongmun market']);
  await trip.expectStops(2, ['Hallasan hike']);
  const day3 = await trip.stopNames(3);

  // Delete with undo brings the stop back; a second delete sticks.
  await trip.deleteButton('Udo ferry').click();
  await expect(trip.stop('Udo ferry')).toHaveCount(0);
  await expect(trip.undoButton).toBeFocused();
  await page.keyboard.press('Enter');
  await trip.expectStops(1, ['Seongsan Ilchulbong', 'Udo ferry', 'Gogi-guksu lunch']);
  // The focus returns to the restored stop.
  await expect(trip.stop('Udo ferry').getByRole('button', { name: 'Udo ferry', exact: true })).toBeFocused();

  // An edit: the cost changes and the total follows.
  await trip.editStop('Udo ferry', { cost: '20000', note: 'Round trip' });
  await expect(trip.stat('cost')).toContainText('37,000');

  await page.screenshot({ path: test.info().outputPath('trip-en.png'), fullPage: true });

  await page.reload();
  await expect(trip.heading('Jeju in spring')).toBeVisible();
  await trip.expectStops(1, ['Seongsan Ilchulbong', 'Udo ferry', 'Gogi-guksu lunch']);
  await trip.expectStops(2, ['Hallasan hike']);
  await trip.expectStops(3, day3);
  await expect(trip.stat('cost')).toContainText('37,000');
  await expect(trip.stop('Udo ferry')).toContainText('Round trip');

  // Everything reached the server: the synced state shows, and the list card carries the trip.
  await shell.expectSyncState('synced');
  await list.goto();
  await expect(list.card('Jeju in spring')).toBeVisible();
  await expect(list.card('Jeju in spring')).toContainText('37,000');
  await page.screenshot({ path: test.info().outputPath('trips-en.png'), fullPage: true });

  // The same screens in Korean.
  await shell.switchLanguage('ko');
  const listKo = new TripsListPage(page, 'ko');
  await expect(listKo.heading).toBeVisible();
  await expect(listKo.card('Jeju in spring')).toContainText('3일');
  await page.screenshot({ path: test.info().outputPath('trips-ko.png'), fullPage: true });
  await listKo.card('Jeju in spring').click();
  const tripKo = new TripPage(page, 'ko');
  await expect(tripKo.heading('Jeju in spring')).toBeVisible();
  await tripKo.expectStops(1, ['Seongsan Ilchulbong', 'Udo ferry', 'Gogi-guksu lunch']);
  await expect(tripKo.addToDayButton(2)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('trip-ko.png'), fullPage: true });
  await tripKo.addToDayButton(2).click();
  await expect(tripKo.dialog.getByRole('heading', { name: tripKo.t.trips.stop.addTitle })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('stop-dialog-ko.png') });
  expect(tripId).toMatch(/^[A-Za-z0-9_-]+$/);
});
