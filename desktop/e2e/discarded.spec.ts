// Every refusal converges, and the traveller is told what was lost: an editor renames a shared trip
// and one of its checklist items while offline, the owner deletes the trip meanwhile; back online
// the trip disappears from the editor's device and the app lists both edits as not saved, with
// their text to copy. Through Nginx against the real server and MariaDB.
import { expect, test } from './fixtures.js';
import { DiscardedChanges } from './pages/discarded-changes.js';
import { ChecklistPanel } from './pages/checklist-panel.js';
import { TripFormPage, TripsListPage } from './pages/index.js';
import { addEditor, createTripOnServer, logIn } from './trip-session.js';

test('the owner deletes a shared trip while an editor edits it offline: the editor is told which edits were not saved', async ({
  page,
  context,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  const minji = await signUp('Minji');
  const jun = await signUp('Jun');
  const title = 'Busan weekend';
  const tripId = await createTripOnServer(server, minji, title);
  await addEditor(server, minji, jun, tripId);

  // Jun (editor) has the trip on his device, in step with the server.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const jun1 = await logIn(page, jun);
  await jun1.trip.goto(tripId, title);
  const checklist = new ChecklistPanel(page);
  await checklist.open();
  await checklist.add('Sunscreen');
  await jun1.shell.expectSyncState('synced');

  // Offline, he renames the checklist item and the trip.
  await context.setOffline(true);
  await jun1.shell.expectSyncState('offline');
  await checklist.rename('Sunscreen', 'Sunscreen SPF50, two tubes');
  const renamed = 'Busan weekend — with the Gamcheon walk';
  await jun1.trip.editLink.click();
  const form = new TripFormPage(page);
  await form.fill({ title: renamed });
  await form.save.click();
  await expect(jun1.trip.heading(renamed)).toBeVisible();

  // Meanwhile Minji (owner) deletes the trip on the server.
  const pull = await server.get('/api/sync/trips/pull?limit=100', {
    headers: { authorization: `Bearer ${minji.accessToken}`, 'x-hamgaja-schema-version': '0' },
  });
  expect(pull.status(), await pull.text()).toBe(200);
  const master = ((await pull.json()) as { documents: { id: string }[] }).documents.find(
    (doc) => doc.id === tripId,
  );
  expect(master).toBeTruthy();
  const deleted = await server.post('/api/sync/trips/push', {
    headers: { authorization: `Bearer ${minji.accessToken}`, 'x-hamgaja-schema-version': '0' },
    data: [{ newDocumentState: { ...master, _deleted: true }, assumedMasterState: master }],
  });
  expect(deleted.status(), await deleted.text()).toBe(200);
  expect(await deleted.json()).toEqual([]);

  // Back online: the trip disappears from Jun's device, and the page says his rename was not saved.
  await context.setOffline(false);
  const discarded = new DiscardedChanges(page);
  await expect(page.getByRole('heading', { level: 1, name: jun1.shell.t.trips.notFoundTitle })).toBeVisible({
    timeout: 30_000,
  });
  const notice = discarded.tripNotice;
  const entry = discarded.entry(notice, 'trips', renamed);
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(discarded.reason('tripDeleted'));
  const item = discarded.entry(notice, 'checklistItems', 'Sunscreen SPF50, two tubes');
  await expect(item).toContainText(discarded.reason('inDeletedTrip'));
  await expect.poll(() => jun1.shell.notSavedCount()).toBe(2);
  await jun1.shell.expectSyncState('synced');
  await page.screenshot({ path: test.info().outputPath('trip-deleted-not-saved-en.png'), fullPage: true });

  // The trips list no longer has it.
  const list = new TripsListPage(page);
  await list.goto();
  await expect(list.card(title)).toHaveCount(0);
  await expect(list.card(renamed)).toHaveCount(0);

  // The sync details open the list; Copy text gives the rename's text.
  await jun1.shell.syncStatus.click();
  await discarded.notSavedLine(2).click();
  await expect(discarded.dialog).toBeVisible();
  await expect(discarded.dialog.getByRole('listitem')).toHaveCount(2);
  const listed = discarded.entry(discarded.dialog, 'trips', renamed);
  await expect(listed).toContainText(discarded.reason('tripDeleted'));
  await discarded.copyButton(discarded.dialog, 'trips', renamed).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`Title: ${renamed}`);

  // Kept across a reload, until dismissed.
  await page.reload();
  await expect.poll(() => jun1.shell.notSavedCount()).toBe(2);
  await jun1.shell.syncStatus.click();
  await discarded.notSavedLine(2).click();
  await discarded.dismissButton(discarded.dialog, 'trips', renamed).click();
  await discarded.dismissButton(discarded.dialog, 'checklistItems', 'Sunscreen SPF50, two tubes').click();
  await expect(discarded.dialog.getByText(discarded.t.discarded.empty)).toBeVisible();
  await discarded.dialog.getByRole('button', { name: discarded.t.common.close }).last().click();
  await expect.poll(() => jun1.shell.notSavedCount()).toBe(0);
});
