// Export and import in the web app, through Nginx against the real server and MariaDB: the owner
// downloads the trip as a calendar file, a trip file and a PDF (their contents are checked with
// real parsers), a second account imports the trip file and finds the same trip, damaged and
// newer files are refused with a message, and the print view is photographed on A4 in ko and en.
import { mkdir, readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { exportWords, syncedCollections, upgradeDocument, type CollectionName } from '@hamgaja/shared';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test, type Account } from './fixtures.js';
import { AppShell, TripPage, TripsListPage, TripExport } from './pages/index.js';
import { ChecklistPanel } from './pages/checklist-panel.js';
import { messages } from './pages/messages.js';
import { createTripOnServer, logIn, openDevice, waitForServiceWorker } from './trip-session.js';

const SHOTS = '/tmp/pw-A-shots';

/** Pushes documents as a current device would: in the collection's current shape and schema version. */
async function push(
  server: APIRequestContext,
  owner: Account,
  collection: CollectionName,
  docs: Record<string, unknown>[],
) {
  const version = String(syncedCollections[collection].version);
  const res = await server.post(`/api/sync/${collection}/push`, {
    headers: { authorization: `Bearer ${owner.accessToken}`, 'x-hamgaja-schema-version': version },
    data: docs.map((doc) => ({
      newDocumentState: { ...upgradeDocument(collection, doc), _deleted: false },
    })),
  });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toEqual([]);
}

/** A three-day Busan trip with stops (Korean and Latin names), a checklist and an expense. */
async function busanTrip(server: APIRequestContext, owner: Account, title: string): Promise<string> {
  const tripId = await createTripOnServer(server, owner, title, {
    startDate: '2027-05-01',
    endDate: '2027-05-03',
    plannedBudget: 300_000,
  });
  const stop = (id: string, fields: Record<string, unknown>) => ({
    id: `${tripId}-${id}`,
    tripId,
    durationMinutes: null,
    category: 'sightseeing',
    cost: null,
    note: '',
    travelMode: null,
    ...fields,
  });
  await push(server, owner, 'stops', [
    stop('beach', {
      day: 0,
      orderKey: 'a0',
      startTime: '09:00',
      durationMinutes: 90,
      place: { name: 'Haeundae Beach', lat: 35.1587, lng: 129.1604, address: 'Haeundae-gu, Busan' },
      note: 'Sunrise walk',
    }),
    stop('lunch', {
      day: 0,
      orderKey: 'a1',
      startTime: '12:30',
      place: { name: '돼지국밥 골목', address: '부산 부산진구 서면로' },
      category: 'food',
      cost: { amount: 12_000, currency: 'KRW' },
      travelMode: 'transit',
    }),
    stop('village', {
      day: 2,
      orderKey: 'a0',
      startTime: null,
      place: { name: '감천문화마을', address: '부산 사하구 감내2로 203' },
    }),
  ]);
  await push(server, owner, 'checklistItems', [
    { id: `${tripId}-c1`, tripId, text: 'Passport', done: true, orderKey: 'a0' },
    { id: `${tripId}-c2`, tripId, text: '선크림', done: false, orderKey: 'a1' },
  ]);
  await push(server, owner, 'expenses', [
    {
      id: `${tripId}-e1`,
      tripId,
      amount: 24_000,
      currency: 'KRW',
      paidBy: owner.user.id,
      splitAmong: [owner.user.id],
      category: 'food',
      date: '2027-05-01',
      stopId: `${tripId}-lunch`,
      note: '',
    },
  ]);
  return tripId;
}

async function pdfText(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

async function openTrip(page: Page, tripId: string, title: string): Promise<TripPage> {
  const trip = new TripPage(page);
  await trip.goto(tripId, title);
  await trip.expectStops(1, ['Haeundae Beach', '돼지국밥 골목']);
  await trip.expectStops(3, ['감천문화마을']);
  return trip;
}

test('export ICS, trip file and PDF; the trip file imports into another account as the same trip', async ({
  page,
  browser,
  baseURL,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  const owner = await signUp('Export Owner');
  const title = `Busan in May ${Date.now().toString(36)}`;
  const tripId = await busanTrip(server, owner, title);
  await logIn(page, owner);
  await waitForServiceWorker(page);
  await openTrip(page, tripId, title);
  const exporter = new TripExport(page);

  // Calendar: one event for the trip and one per stop, stable UIDs, timed stops in UTC.
  const ics = await exporter.download('ics');
  expect(ics.suggestedFilename()).toBe(`${title}.ics`);
  const calendar = new ICAL.Component(ICAL.parse(await readFile(await ics.path(), 'utf8')));
  expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Seoul');
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  expect(events.map((e) => e.uid).sort()).toEqual(
    [
      `trip-${tripId}@hamgaja`,
      ...['beach', 'lunch', 'village'].map((s) => `stop-${tripId}-${s}@hamgaja`),
    ].sort(),
  );
  const beach = events.find((e) => e.uid === `stop-${tripId}-beach@hamgaja`)!;
  expect(beach.startDate.toJSDate().toISOString()).toBe('2027-05-01T00:00:00.000Z');
  expect(beach.endDate.toJSDate().toISOString()).toBe('2027-05-01T01:30:00.000Z');
  const village = events.find((e) => e.uid === `stop-${tripId}-village@hamgaja`)!;
  expect(village.startDate.isDate).toBe(true);
  expect(village.startDate.toString()).toBe('2027-05-03');

  // Trip file: the versioned envelope with every document.
  const json = await exporter.download('json');
  expect(json.suggestedFilename()).toBe(`${title}.hamgaja`);
  const tripFileText = await readFile(await json.path(), 'utf8');
  const tripFile = JSON.parse(tripFileText) as {
    format: string;
    version: number;
    trip: { id: string; title: string };
    stops: unknown[];
    checklistItems: unknown[];
    expenses: unknown[];
  };
  expect(tripFile.format).toBe('hamgaja-trip');
  expect(tripFile.trip).toMatchObject({ id: tripId, title });
  expect([tripFile.stops.length, tripFile.checklistItems.length, tripFile.expenses.length]).toEqual([
    3, 2, 1,
  ]);

  // PDF: real text, Korean and Latin, one page per day and the checklist and budget page.
  const pdf = await exporter.download('pdf');
  expect(pdf.suggestedFilename()).toBe(`${title}.pdf`);
  const pages = await pdfText(await readFile(await pdf.path()));
  expect(pages).toHaveLength(4);
  expect(pages[0]).toContain(title);
  expect(pages[0]).toContain('Day 1');
  expect(pages[0]).toContain('Haeundae Beach');
  expect(pages[0]).toContain('Haeundae-gu, Busan');
  expect(pages[0]).toContain('돼지국밥 골목');
  expect(pages[0]).toContain('Getting there: Transit');
  expect(pages[2]).toContain('감천문화마을');
  expect(pages[3]).toContain('선크림');
  expect(pages[3]).toContain('Spent: ₩24,000');
  expect(pages[3]).toContain('Budget left: ₩276,000');

  // Offline, once the PDF was made online: its code and fonts were kept on the device (the
  // service worker's font cache, which outlives the browser's HTTP cache).
  const keptFonts = await page.evaluate(async () =>
    (await (await caches.open('hamgaja-fonts')).keys()).map((request) => new URL(request.url).pathname),
  );
  expect(keptFonts.filter((path) => path.endsWith('.otf'))).toHaveLength(2);
  await page.context().setOffline(true);
  const offlinePdf = await exporter.download('pdf');
  expect((await pdfText(await readFile(await offlinePdf.path())))[0]).toContain('돼지국밥 골목');
  await page.context().setOffline(false);

  // A second account imports the trip file: a preview, then a new trip with the same plan.
  const importer = await signUp('Importer');
  const device = await openDevice(browser, baseURL!, importer);
  try {
    const list = new TripsListPage(device.page);
    await list.goto();
    const importing = new TripExport(device.page);

    // Not a trip file, a damaged one, and one from a newer app: a message each, nothing written.
    await importing.chooseFile({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"a":1}'),
    });
    await expect(importing.error).toHaveText(importing.t.invalid);
    await importing.chooseFile({
      name: 'broken.hamgaja',
      mimeType: 'application/json',
      buffer: Buffer.from(tripFileText.slice(0, tripFileText.length / 2)),
    });
    await expect(importing.error).toHaveText(importing.t.invalid);
    await importing.chooseFile({
      name: 'future.hamgaja',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...tripFile, version: tripFile.version + 1 })),
    });
    await expect(importing.error).toHaveText(importing.t.tooNew);
    await mkdir(SHOTS, { recursive: true });
    await device.page.setViewportSize({ width: 360, height: 740 });
    await device.page.screenshot({ path: `${SHOTS}/import-refused-en-360.png` });
    await expect(importing.preview).toBeHidden();
    await expect(list.cards).toHaveCount(0);

    await importing.chooseFile(await json.path());
    await expect(importing.error).toBeHidden();
    await expect(importing.preview).toBeVisible();
    await expect(importing.preview).toContainText(title);
    for (const line of [
      'Day 1 · 2 stops',
      'Day 2 · 0 stops',
      'Day 3 · 1 stop',
      '3 stops',
      '2 checklist items',
      '1 expense',
    ])
      await expect(importing.preview).toContainText(line);
    await device.page.setViewportSize({ width: 1280, height: 800 });
    await device.page.screenshot({ path: `${SHOTS}/import-preview-en-1280.png` });
    await importing.confirmButton.click();

    const copy = new TripPage(device.page);
    await expect(copy.heading(title)).toBeVisible();
    const copyId = new URL(device.page.url()).pathname.split('/').pop()!;
    expect(copyId).not.toBe(tripId);
    await copy.expectStops(1, ['Haeundae Beach', '돼지국밥 골목']);
    await copy.expectStops(2, []);
    await copy.expectStops(3, ['감천문화마을']);
    const checklist = new ChecklistPanel(device.page);
    await checklist.open();
    await checklist.expectTexts(['Passport', '선크림']);
    // It is the importer's own trip, and it reaches the server.
    await expect
      .poll(async () => {
        const pulled = await server.get('/api/sync/trips/pull', {
          headers: { authorization: `Bearer ${importer.accessToken}`, 'x-hamgaja-schema-version': '0' },
        });
        return ((await pulled.json()) as { documents: { id: string; ownerId: string }[] }).documents;
      })
      .toEqual([expect.objectContaining({ id: copyId, ownerId: importer.user.id })]);
  } finally {
    await device.context.close();
  }
});

test('print view: the itinerary on A4, in English and Korean', async ({ page, server, signUp }) => {
  const owner = await signUp('Print Owner');
  const title = `Busan print ${Date.now().toString(36)}`;
  const tripId = await busanTrip(server, owner, title);
  await logIn(page, owner);
  const shell = new AppShell(page);
  await openTrip(page, tripId, title);
  await mkdir(SHOTS, { recursive: true });

  for (const language of ['en', 'ko'] as const) {
    if (language === 'ko') {
      await page.goto(`/trips/${tripId}`);
      await shell.switchLanguage('ko');
    }
    const d = exportWords[language].document;
    const exporter = new TripExport(page, language);
    // The menu on a laptop and on a phone.
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await exporter.menuButton.click();
      await expect(exporter.item('pdf')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/export-menu-${language}-${width}.png` });
      await exporter.menuButton.click();
    }
    await exporter.openPrintView();
    const sheet = page.locator('article.print-sheet');
    await expect(sheet.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const dayLabel = (n: number) => d.day.replace('{{n}}', String(n));
    for (const n of [1, 2, 3])
      await expect(
        sheet.getByRole('heading', { level: 2, name: new RegExp(`^${dayLabel(n)} · `) }),
      ).toBeVisible();
    await expect(sheet).toContainText('Haeundae-gu, Busan');
    await expect(sheet).toContainText('부산 사하구 감내2로 203');
    await expect(sheet).toContainText(`${d.travel}: ${d.travelBy.transit}`);
    await expect(sheet).toContainText(d.noStops);
    await expect(sheet.getByRole('heading', { name: d.checklist })).toBeVisible();
    await expect(sheet).toContainText('선크림');
    await expect(sheet.getByRole('heading', { name: d.budgetSummary })).toBeVisible();
    await expect(sheet).toContainText('₩276,000');
    await expect(page.getByRole('button', { name: messages[language].tripPrint.print })).toBeVisible();

    // Screen at 1280 and 360 px, then as printed on A4 (210 mm ≈ 794 CSS px).
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/print-screen-${language}-${width}.png`, fullPage: true });
    }
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await expect(page.locator('header.header')).toBeHidden();
    await expect(page.getByRole('button', { name: messages[language].tripPrint.print })).toBeHidden();
    await page.screenshot({ path: `${SHOTS}/print-a4-${language}.png`, fullPage: true });
    await page.pdf({ path: `${SHOTS}/print-a4-${language}.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
  }

  // The import preview in Korean, on a laptop and a phone; cancelling writes nothing.
  await page.goto(`/trips/${tripId}`);
  const exporter = new TripExport(page, 'ko');
  const file = await exporter.download('json');
  const list = new TripsListPage(page, 'ko');
  await list.goto();
  await expect(list.cards).toHaveCount(1);
  await exporter.chooseFile(await file.path());
  await expect(exporter.preview).toContainText(exporter.t.tripLine.replace('{{title}}', title));
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `${SHOTS}/import-preview-ko-${width}.png` });
  }
  await exporter.preview.getByRole('button', { name: messages.ko.common.cancel, exact: true }).click();
  await expect(exporter.preview).toBeHidden();
  await expect(list.cards).toHaveCount(1);
});
