// "Draft my days" without AI (issue 16), on the shared stack, whose server has no OPENAI_API_KEY:
// the button still works and says the draft is a catalog suggestion; the dialog proposes real
// catalog places of the trip's region and the chosen kinds, grouped by day; closing it writes
// nothing; "Another suggestion" asks for another variant; accepting adds the stops to the trip.
// Then the same dialog in Korean at 360 px: no serious axe violation, nothing wider than the screen.
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page, Request } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { AiDraftDialog, AppShell, TripFormPage, TripPage, type Language } from './pages/index.js';
import { logIn } from './trip-session.js';

type Event = { type: string; source?: string; draft?: { stops: DraftStop[] } };
type DraftStop = { day: number; place: { attractionId: string; name: string; contentTypeId: number } };

const isDraftRequest = (r: Request) => r.url().endsWith('/api/ai/itinerary-drafts') && r.method() === 'POST';

/**
 * The draft the server gives for the request the dialog sent, asked again through the API
 * (a catalog draft is the same for the same request; the browser's stream is not kept).
 */
async function draftEvents(server: APIRequestContext, token: string, request: Request): Promise<Event[]> {
  const res = await server.post('/api/ai/itinerary-drafts', {
    data: request.postDataJSON() as object,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  return (await res.text())
    .split('\n\n')
    .filter((block) => block.trim())
    .map(
      (block) =>
        JSON.parse(
          block
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        ) as Event,
    );
}

function finalStops(events: Event[]): DraftStop[] {
  expect(events[0]).toMatchObject({ type: 'start', source: 'catalog' });
  const done = events.at(-1);
  expect(done?.type).toBe('done');
  return done!.draft!.stops;
}

/** Busan's catalog places: id → content type. */
async function busanPlaces(server: APIRequestContext): Promise<Map<string, number>> {
  const res = await server.get('/api/attractions?sido=6&pageSize=100');
  expect(res.status()).toBe(200);
  const items = ((await res.json()) as { items: { id: string; contentTypeId: number }[] }).items;
  return new Map(items.map((item) => [item.id, item.contentTypeId]));
}

async function busanTrip(page: Page, language: Language = 'en'): Promise<TripPage> {
  const title = `Busan from the catalog ${randomBytes(3).toString('hex')}`;
  await page.goto('/trips/new');
  await new TripFormPage(page, language).createTrip({
    title,
    region: language === 'ko' ? '부산' : 'Busan',
    startDate: '2027-07-01',
    endDate: '2027-07-02',
  });
  const trip = new TripPage(page, language);
  await expect(trip.heading(title)).toBeVisible();
  return trip;
}

const byDay = (stops: DraftStop[]) =>
  [0, 1].map((day) => stops.filter((s) => s.day === day).map((s) => s.place.name));

test('with AI off, the draft suggests catalog places by day; closing writes nothing, accepting adds them', async ({
  page,
  signUp,
  server,
}) => {
  const account = await signUp('Catalog Traveller');
  await logIn(page, account);
  const trip = await busanTrip(page);
  const draft = new AiDraftDialog(page, 'en', 'catalog');
  await expect(draft.openButton).toBeEnabled();
  await expect(page.getByText(draft.t.draft.catalogHint)).toBeVisible();
  const busan = await busanPlaces(server);

  // A first suggestion, without shopping; then closed: nothing is written.
  await draft.open();
  await draft.kind('Shopping').uncheck();
  const [first] = await Promise.all([page.waitForRequest(isDraftRequest), draft.draft({ days: '2' })]);
  const firstStops = finalStops(await draftEvents(server, account.accessToken, first));
  await expect(draft.status).toContainText(`Draft ready. Stops: ${firstStops.length}`);
  await expect(draft.dialog.getByText(draft.t.draft.fromCatalog, { exact: true })).toBeVisible();
  expect(first.postDataJSON()).toMatchObject({ days: 2, region: { sidoCode: 6 }, variant: 0 });
  expect(first.postDataJSON().types).not.toContain(38);
  // Real Busan places, none of them shops, none twice, on both days, as the dialog shows them.
  const ids = firstStops.map((s) => s.place.attractionId);
  for (const id of ids) expect(busan.has(id), `${id} is a Busan catalog place`).toBe(true);
  for (const id of ids) expect(busan.get(id)).not.toBe(38);
  expect(new Set(ids).size).toBe(ids.length);
  const firstDays = byDay(firstStops);
  expect(firstDays.every((day) => day.length > 0)).toBe(true);
  await expect.poll(() => draft.proposedDays()).toEqual(firstDays);
  // Travel between stops is shown with the draft.
  await expect(draft.dialog.locator('.ai-draft-travel').first()).toBeVisible();
  await draft.dialog.locator('.ai-draft-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('draft-catalog-en-desktop.png') });
  await draft.closeButton.click();
  await expect(draft.dialog).toBeHidden();
  await page.reload();
  await expect(draft.openButton).toBeEnabled();
  await trip.expectStops(1, []);
  await trip.expectStops(2, []);

  // The same request gives the same suggestion; "Another suggestion" asks for another variant.
  await draft.open();
  await draft.kind('Shopping').uncheck();
  const [again] = await Promise.all([page.waitForRequest(isDraftRequest), draft.draft({ days: '2' })]);
  expect(again.postDataJSON()).toEqual(first.postDataJSON());
  await expect(draft.status).toContainText('Draft ready');
  await expect.poll(() => draft.proposedDays()).toEqual(firstDays);
  const [another] = await Promise.all([page.waitForRequest(isDraftRequest), draft.anotherButton.click()]);
  expect(another.postDataJSON()).toMatchObject({ variant: 1 });
  const anotherStops = finalStops(await draftEvents(server, account.accessToken, another));
  for (const stop of anotherStops) expect(busan.has(stop.place.attractionId)).toBe(true);
  const anotherDays = byDay(anotherStops);
  await expect.poll(() => draft.proposedDays()).toEqual(anotherDays);

  // Accept them all: they become the trip's stops, day by day, in the proposed order.
  await draft.addSelected(anotherStops.length);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Stops added from the catalog suggestion: ${anotherStops.length}` }),
  ).toBeVisible();
  await trip.expectStops(1, anotherDays[0]!);
  await trip.expectStops(2, anotherDays[1]!);
});

test('the catalog suggestion in Korean at 360 px: fits the screen, no serious axe violation', async ({
  page,
  signUp,
}) => {
  await logIn(page, await signUp('Catalog 360'));
  await new AppShell(page).switchLanguage('ko');
  await page.setViewportSize({ width: 360, height: 740 });
  await busanTrip(page, 'ko');
  const draft = new AiDraftDialog(page, 'ko', 'catalog');
  await expect(page.getByText(draft.t.draft.catalogHint)).toBeVisible();
  await draft.open();
  await draft.draft({ days: '2' });
  await expect(draft.status).toContainText('초안이 완성됐어요');
  await expect(draft.dialog.getByText(draft.t.draft.fromCatalog, { exact: true })).toBeVisible();
  await expect(draft.anotherButton).toBeVisible();
  // Nothing sideways: the dialog and the page fit 360 px.
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    dialog: document.querySelector('dialog[open]')!.scrollWidth,
    dialogBox: document.querySelector('dialog[open]')!.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(360);
  expect(widths.dialog).toBeLessThanOrEqual(widths.dialogBox);
  await page.screenshot({ path: test.info().outputPath('draft-catalog-ko-360-form.png') });
  await draft.dialog.locator('.ai-draft-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('draft-catalog-ko-360-days.png') });
  const results = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode()
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
