// Item 4 of the planner proof: the owner (A) and an editor (B) both edit the same stop while
// offline, each on their own device, through Nginx against the real server and MariaDB.
// Different fields (A the time, B the note) are both kept; the same field (both rename the
// stop) is decided by the server, the losing side sees its lost name in the conflict notice,
// restores it, and both devices then show the restored name.
import { expect, test } from './fixtures.js';
import { ConflictNotice } from './pages/conflict-notice.js';
import { addEditor, createTripOnServer, logIn, openDevice } from './trip-session.js';

test('both offline edit the same stop: different fields merge, the overwritten name is shown and restored', async ({
  page,
  context,
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(180_000);
  const minji = await signUp('Minji');
  const jun = await signUp('Jun');
  const title = 'Busan in May';
  const tripId = await createTripOnServer(server, minji, title, {
    destination: { regionCode: '6', text: 'Busan' },
    endDate: '2027-05-02',
    plannedBudget: null,
  });
  await addEditor(server, minji, jun, tripId);

  // A (Minji, owner) adds a stop online; B (Jun, editor) sees it on his device.
  const a = await logIn(page, minji);
  await a.trip.goto(tripId, title);
  await a.trip.addStop({ day: 1, name: 'Gamcheon village', startTime: '10:00', note: '' });
  await a.shell.expectSyncState('synced');
  const b = await openDevice(browser, stack.baseURL, jun);
  try {
    await b.trip.goto(tripId, title);
    await expect(b.trip.stop('Gamcheon village')).toBeVisible();
    await b.shell.expectSyncState('synced');

    // Both lose the network. A changes the time and the name, B the note and the name.
    await context.setOffline(true);
    await b.context.setOffline(true);
    await a.shell.expectSyncState('offline');
    await b.shell.expectSyncState('offline');
    await a.trip.editStop('Gamcheon village', { startTime: '11:30', name: 'Gamcheon culture village' });
    await b.trip.editStop('Gamcheon village', {
      note: 'Bring cash for the murals map',
      name: 'Gamcheon murals',
    });
    await expect(a.trip.stop('Gamcheon culture village')).toContainText('11:30');
    await expect(b.trip.stop('Gamcheon murals')).toContainText('Bring cash for the murals map');

    // A's edit reaches the server first; B's name, arriving later, loses the same-field conflict.
    await context.setOffline(false);
    await a.shell.expectSyncState('synced');
    await b.context.setOffline(false);
    await b.shell.expectSyncState('synced');

    // Converged: one stop with A's name, A's time and B's note, on both devices.
    for (const device of [a, b]) {
      await device.trip.expectStops(1, ['Gamcheon culture village']);
      const stop = device.trip.stop('Gamcheon culture village');
      await expect(stop.locator('.stop-time')).toContainText('11:30');
      await expect(stop.locator('.stop-note')).toHaveText('Bring cash for the murals map');
    }

    // B sees what he lost; A sees whose name hers replaced. Neither is told about the time or the note.
    const conflictB = new ConflictNotice(b.page);
    await expect(conflictB.notices).toHaveCount(1);
    await expect(conflictB.yours('place', conflictB.quoted('Gamcheon murals'))).toBeVisible();
    await expect(conflictB.restoreButton('startTime')).toHaveCount(0);
    await expect(conflictB.restoreButton('note')).toHaveCount(0);
    const conflictA = new ConflictNotice(page);
    await expect(conflictA.theirs('Jun', 'place', conflictA.quoted('Gamcheon murals'))).toBeVisible();
    await b.page.screenshot({ path: test.info().outputPath('stop-conflict-en.png'), fullPage: true });

    // B restores his name: written back, it reaches A; the time and note stay merged; the notes go away.
    await conflictB.restoreButton('place').click();
    for (const device of [a, b]) {
      await device.trip.expectStops(1, ['Gamcheon murals']);
      const stop = device.trip.stop('Gamcheon murals');
      await expect(stop.locator('.stop-time')).toContainText('11:30');
      await expect(stop.locator('.stop-note')).toHaveText('Bring cash for the murals map');
    }
    await expect(conflictA.notices).toHaveCount(0);
    await expect(conflictB.notices).toHaveCount(0);
    await b.shell.expectSyncState('synced');

    // It is the server's state too: a reload of A (fresh from IndexedDB + sync) still shows it.
    await page.reload();
    await a.trip.expectStops(1, ['Gamcheon murals']);
    await expect(a.trip.stop('Gamcheon murals').locator('.stop-time')).toContainText('11:30');
  } finally {
    await b.context.close();
  }
});
