// The desktop app in local-only mode end to end (Playwright `_electron`): no account and no
// server; the traveller plans a trip right away, the header says "Local only", and pages that
// need a server explain that instead. Skips, like electron.spec.ts, where no Electron binary is
// installed.
import { expect, test } from './fixtures.js';
import { electronBinary, launchApp, newProfile, removeProfile, SKIP_REASON } from './electron-app.js';
import { AppShell, TripFormPage, TripPage, TripsListPage } from './pages/index.js';

test.describe('desktop app, local only', () => {
  test.skip(electronBinary() === null, SKIP_REASON);

  test('plans a trip without an account and never calls a server', async () => {
    const profile = newProfile(null);
    const app = await launchApp(profile);
    try {
      const window = await app.firstWindow();
      const requests: string[] = [];
      window.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request.url());
      });
      const shell = new AppShell(window, 'en');
      const t = shell.t.localMode;
      await expect(shell.header.getByRole('button', { name: t.pillLabel })).toContainText(t.pill);
      await shell.expectLoggedIn(t.profileName);

      await shell.navLink('trips').click();
      const list = new TripsListPage(window, 'en');
      await expect(list.heading).toBeVisible();
      await list.newTripLink.click();
      const tripId = await new TripFormPage(window, 'en').createTrip({
        title: 'Jeju on this computer',
        startDate: '2026-05-01',
        endDate: '2026-05-03',
      });
      expect(tripId).not.toBe('');
      const trip = new TripPage(window, 'en');
      await expect(trip.heading('Jeju on this computer')).toBeVisible();
      await trip.addStop({ name: 'Seongsan Ilchulbong', day: 1 });

      // The board needs a server: it says so instead of loading posts.
      await shell.header
        .getByRole('navigation', { name: shell.t.nav.primary })
        .getByRole('link', { name: shell.t.board.nav })
        .click();
      await expect(window.getByRole('heading', { name: t.needsServerTitle })).toBeVisible();
      expect(requests).toEqual([]);
    } finally {
      await app.close();
      removeProfile(profile);
    }
  });
});
