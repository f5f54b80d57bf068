// The attractions catalog in the browser, through Nginx, against the real server and MariaDB
// with its dev catalog: search by a Korean keyword, open a place, add it to a trip day; then
// download a region, lose the network, and still search it and open its places.
import { expect, test } from './fixtures.js';
import { AttractionDetailPage, CatalogSearchPage, TripFormPage, TripPage } from './pages/index.js';
import { logIn, waitForServiceWorker } from './trip-session.js';

test('search 해수욕장 from a trip, open 해운대해수욕장, add it to day 2, and it is in the trip', async ({
  page,
  signUp,
}) => {
  const account = await signUp('Catalog Park');
  await logIn(page, account);
  const search = new CatalogSearchPage(page);
  const detail = new AttractionDetailPage(page);
  const trip = new TripPage(page);

  await page.goto('/trips/new');
  const tripId = await new TripFormPage(page).createTrip({
    title: 'Busan by the sea',
    region: 'Busan',
    startDate: '2027-07-01',
    endDate: '2027-07-03',
  });
  await expect(trip.heading('Busan by the sea')).toBeVisible();

  // The schedule's entry opens the catalog for this trip, in its region.
  await page.getByRole('link', { name: trip.t.trips.schedule.addFromCatalog, exact: true }).click();
  await expect(search.heading).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/search\\?trip=${tripId}&sido=6$`));
  await expect(search.tripContext).toContainText('Busan by the sea');
  await expect(search.sido).toHaveValue('6');

  // A Korean word inside compounds: every Busan beach, and nothing from elsewhere.
  await search.search('해수욕장');
  await expect(page).toHaveURL(/q=%ED%95%B4%EC%88%98%EC%9A%95%EC%9E%A5/);
  await expect(search.resultLink('해운대해수욕장')).toBeVisible();
  // The region's unfiltered list shows 해운대해수욕장 too: wait for the search's own results.
  await expect
    .poll(async () => (await search.resultTitles()).filter((title) => !title.includes('해수욕장')))
    .toEqual([]);
  const titles = await search.resultTitles();
  expect(titles).toEqual(expect.arrayContaining(['해운대해수욕장', '광안리해수욕장']));
  await expect(search.removeFilter('Busan')).toBeVisible();
  // The map draws the outline and one marker (or cluster) per place.
  await expect(search.koreaOutline.first()).toBeAttached();
  await expect(search.markersAndClusters.first()).toBeVisible();

  // A type chip narrows to restaurants (none is a beach), removing it restores the list.
  await search.typeChip('Restaurant').click();
  await expect(page.getByText(search.t.catalog.emptyTitle, { exact: true })).toBeVisible();
  await search.removeFilter('Restaurant').click();
  await expect(search.resultLink('해운대해수욕장')).toBeVisible();

  // "Search this area" around the fitted map: nearest first, as a removable chip.
  // The map fits itself to the results a moment after they show: until then the area is the
  // whole country, and a click searches that. Click again until it searches the fitted area.
  await expect(async () => {
    await search.searchArea.click();
    await expect(page).toHaveURL(/near=35\.\d+%2C129\.\d+&radiusKm=[\d.]+&sort=distance/, { timeout: 2000 });
  }).toPass();
  await expect(search.nearChip).toBeVisible();
  await expect(search.resultLink('해운대해수욕장')).toBeVisible();
  await search.nearChip.click();
  await expect(page).not.toHaveURL(/near=/);

  await search.resultLink('해운대해수욕장').click();
  await expect(detail.heading('해운대해수욕장')).toBeVisible();
  await expect(detail.fact('address')).toContainText('부산광역시 해운대구 해운대해변로 264');
  await expect(detail.source).toContainText('Hamgaja sample catalog');
  await expect(detail.map('해운대해수욕장').locator('.catalog-marker')).toHaveCount(1);

  await detail.addTo('Busan by the sea', 2);
  await expect(detail.added).toBeVisible();
  await detail.openTrip.click();
  await expect(trip.heading('Busan by the sea')).toBeVisible();
  await trip.expectStops(2, ['해운대해수욕장']);
  await trip.expectStops(1, []);
  // Sightseeing (content type 12), with the catalog's address.
  await expect(trip.stop('해운대해수욕장')).toContainText(trip.t.trips.categories.sightseeing);
});

test('download Busan, go offline, and search and details still work; removing the download ends that', async ({
  page,
  context,
}) => {
  const search = new CatalogSearchPage(page);
  const detail = new AttractionDetailPage(page);
  await search.goto('sido=6');
  await waitForServiceWorker(page);

  await expect(search.offeredSize).toBeVisible();
  await search.downloadButton('Busan').click();
  await expect(search.downloaded('Busan')).toBeVisible();
  await expect(search.downloadedItem('Busan')).toContainText(/\d+ places · [\d.,]+ (B|KB|MB)/);
  // "Update" asks the server with the kept ETag: nothing changed, nothing is downloaded again.
  await search.updateDownload('Busan').click();
  await expect(search.upToDate('Busan')).toBeVisible();

  await context.setOffline(true);
  // A reload with no network: the service worker serves the app, IndexedDB the region.
  await page.reload();
  await expect(search.heading).toBeVisible();
  await search.search('광안리');
  await expect(search.offlineNotice).toBeVisible();
  await expect(search.resultLink('광안리해수욕장')).toBeVisible();
  expect(await search.resultTitles()).toEqual(['광안리해수욕장']);
  // The basemap is bundled: outline and markers without tiles.
  await expect(search.koreaOutline.first()).toBeAttached();
  await expect(search.markersAndClusters).toHaveCount(1);

  // A word inside a compound, across the whole region.
  await search.search('해수욕');
  await expect
    .poll(() => search.resultTitles())
    .toEqual(expect.arrayContaining(['광안리해수욕장', '해운대해수욕장']));

  await search.resultLink('해운대해수욕장').click();
  await expect(detail.heading('해운대해수욕장')).toBeVisible();
  await expect(detail.offlineNotice).toBeVisible();
  await expect(detail.fact('address')).toContainText('해운대해변로 264');

  // Without the download, offline search has nothing to search.
  await page.goBack();
  await expect(search.heading).toBeVisible();
  await search.removeDownload('Busan').click();
  await expect(search.downloadedItem('Busan')).toHaveCount(0);
  await search.search('광안리해수욕장');
  await expect(search.offlineNoRegions).toBeVisible();
  await context.setOffline(false);
});
