// Travel documents that are there offline: a PDF added with no network is kept on the device
// (across a reload), uploads when the network returns, reaches a co-traveller's device (the
// metadata first: "on Jun's device, not uploaded yet"; then the file), opens there offline, and
// leaves the device of a member who is removed from the trip.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { expect, test, type Account } from './fixtures.js';
import { messages, type Language } from './pages/index.js';
import { addEditor, createTripOnServer, logIn, openDevice, waitForServiceWorker } from './trip-session.js';

const SHOTS = '/tmp/pw-E-shots';

/** A real one-page PDF, made here. */
function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6', margin: 24 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text('BOARDING PASS');
    doc.moveDown().fontSize(12).text(text);
    doc.end();
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Today + `days` as YYYY-MM-DD (Seoul), so the trip is "starting within 14 days". */
function dayFromNow(days: number): string {
  return new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const t = messages.en.documents;

/** The documents tab of a trip. */
async function openDocuments(page: Page, tripId: string) {
  await page.goto(`/trips/${tripId}?tab=documents`);
  await expect(page.getByRole('heading', { name: t.title, level: 2 })).toBeVisible();
}

const item = (page: Page, name: string) => page.locator('.document-item', { hasText: name });

/** How many files this user's device keeps (the IndexedDB store of document files). */
function filesOnDevice(page: Page, userId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const name = `hamgaja-user-${id}-files`;
    const known = await indexedDB.databases();
    if (!known.some((db) => db.name === name)) return 0;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const count = db.transaction('files').objectStore('files').count();
        count.onsuccess = () => {
          resolve(count.result);
          db.close();
        };
        count.onerror = () => reject(count.error);
      };
    });
  }, userId);
}

test('documents: added offline, uploaded when back, received by a co-traveller, opened offline, gone when removed', async ({
  page,
  context,
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  const jun: Account = await signUp('Jun Park');
  const mina: Account = await signUp('Mina Lee');
  const tripId = await createTripOnServer(server, jun, 'Jeju in June', {
    startDate: dayFromNow(3),
    endDate: dayFromNow(5),
  });
  await addEditor(server, jun, mina, tripId);
  const pdf = await makePdf('ICN - CJU  KE1234  seat 14A');
  const hash = sha256(pdf);

  const a = await logIn(page, jun);
  await waitForServiceWorker(page);
  await openDocuments(page, tripId);
  await a.shell.expectSyncState('synced');

  // Offline: the file is stored on the device at once and waits for the network.
  await context.setOffline(true);
  await a.shell.expectSyncState('offline');
  await page.locator('.documents-header input[type=file]').setInputFiles({
    name: 'boarding-pass.pdf',
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await expect(item(page, 'boarding-pass.pdf')).toContainText(t.status.waiting);

  // A reload with no network: still there, still waiting.
  await page.reload();
  await expect(item(page, 'boarding-pass.pdf')).toContainText(t.status.waiting);
  await expect(page.getByTestId('documents-space')).not.toContainText(/^0 B/);

  // Back online, with the upload held: the metadata syncs first, and the co-traveller sees whose
  // device has the file.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/trips/${tripId}/files/**`, async (route: Route) => {
    if (route.request().method() === 'PUT') await held;
    await route.continue();
  });
  await context.setOffline(false);
  await expect.poll(() => a.shell.syncState(), { timeout: 30_000 }).toBe(a.shell.t.sync.synced);

  const b = await openDevice(browser, stack.baseURL, mina);
  try {
    await openDocuments(b.page, tripId);
    await expect(item(b.page, 'boarding-pass.pdf')).toContainText(
      t.status.notUploaded.replace('{{name}}', 'Jun Park'),
    );

    // The upload goes through; the co-traveller's device downloads the file (the trip starts soon).
    release();
    await expect(item(page, 'boarding-pass.pdf')).toContainText(t.status.onDevice, { timeout: 30_000 });
    const onServer = await server.get(`/api/trips/${tripId}/files/${hash}`, {
      headers: { authorization: `Bearer ${jun.accessToken}` },
    });
    expect(onServer.status()).toBe(200);
    expect(Buffer.from(await onServer.body()).equals(pdf)).toBe(true);
    await expect(item(b.page, 'boarding-pass.pdf')).toContainText(t.status.onDevice, { timeout: 30_000 });
    expect(await filesOnDevice(b.page, mina.user.id)).toBe(1);

    // That device goes offline and opens the PDF in the app.
    await b.context.setOffline(true);
    await b.page.reload();
    await item(b.page, 'boarding-pass.pdf')
      .getByRole('button', { name: t.openNamed.replace('{{name}}', 'boarding-pass.pdf') })
      .click();
    const viewer = b.page.getByRole('dialog', { name: 'boarding-pass.pdf' });
    await expect(
      viewer.getByRole('img', { name: t.viewer.page.replace('{{page}}', '1').replace('{{count}}', '1') }),
    ).toBeVisible();
    await viewer.getByRole('button', { name: t.viewer.zoomIn }).click();
    await expect(viewer).toContainText('125%');
    await viewer.getByRole('button', { name: t.viewer.close }).click();
    await b.context.setOffline(false);

    // Removed from the trip: the device drops the trip's documents and their files.
    const removed = await server.delete(`/api/trips/${tripId}/members/${mina.user.id}`, {
      headers: { authorization: `Bearer ${jun.accessToken}` },
    });
    expect(removed.status()).toBe(204);
    await b.page.goto('/trips');
    await expect.poll(() => filesOnDevice(b.page, mina.user.id), { timeout: 30_000 }).toBe(0);
    const refused = await server.get(`/api/trips/${tripId}/files/${hash}`, {
      headers: { authorization: `Bearer ${mina.accessToken}` },
    });
    expect(refused.status()).toBe(404);
  } finally {
    await b.context.close();
  }
});

test('documents: the list, the viewer and the boarding pass in Korean and English (360 px; the list at 1280 px too)', async ({
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const jun = await signUp('Jun Park');
  const tripId = await createTripOnServer(server, jun, 'Jeju in June', {
    startDate: dayFromNow(2),
    endDate: dayFromNow(4),
  });
  const auth = { authorization: `Bearer ${jun.accessToken}` };
  const reservationId = `r-${Math.random().toString(36).slice(2, 10)}`;
  const start = dayFromNow(2);
  const pushed = await server.post('/api/sync/reservations/push', {
    headers: { ...auth, 'x-hamgaja-schema-version': '0' },
    data: [
      {
        newDocumentState: {
          id: reservationId,
          tripId,
          type: 'flight',
          title: 'Korean Air KE1234',
          provider: 'Korean Air',
          confirmationCode: 'K7X2QP',
          start: { date: start, time: '10:30', timeZone: 'Asia/Seoul' },
          end: { date: start, time: '11:40', timeZone: 'Asia/Seoul' },
          from: { name: 'ICN' },
          to: { name: 'CJU' },
          seats: '14A',
          cost: null,
          expenseId: null,
          note: '',
          _deleted: false,
        },
      },
    ],
  });
  expect(pushed.status(), await pushed.text()).toBe(200);
  const pdf = await makePdf('KE1234  ICN 10:30 - CJU 11:40  K7X2QP');
  const documentPush = await server.post('/api/sync/documents/push', {
    headers: { ...auth, 'x-hamgaja-schema-version': '0' },
    data: [
      {
        newDocumentState: {
          id: `d-${Math.random().toString(36).slice(2, 10)}`,
          tripId,
          reservationId,
          name: 'KE1234 e-ticket.pdf',
          mimeType: 'application/pdf',
          size: pdf.length,
          sha256: sha256(pdf),
          addedBy: jun.user.id,
          _deleted: false,
        },
      },
    ],
  });
  expect(documentPush.status(), await documentPush.text()).toBe(200);
  const upload = await server.put(`/api/trips/${tripId}/files/${sha256(pdf)}`, {
    headers: { ...auth, 'content-type': 'application/pdf' },
    data: pdf,
  });
  expect(upload.status(), await upload.text()).toBe(201);

  const context = await browser.newContext({
    baseURL: stack.baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  const page = await context.newPage();
  try {
    const device = await logIn(page, jun);
    for (const language of ['en', 'ko'] as Language[]) {
      // The language menu is in the wide header; the phone-sized shots come after.
      await page.setViewportSize({ width: 1280, height: 800 });
      await device.shell.switchLanguage(language);
      const m = messages[language].documents;
      await page.goto(`/trips/${tripId}?tab=documents`);
      const row = item(page, 'KE1234 e-ticket.pdf');
      await expect(row).toContainText(m.status.onDevice, { timeout: 30_000 });
      await page.screenshot({ path: `${SHOTS}/documents-${language}-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({ path: `${SHOTS}/documents-${language}-360.png`, fullPage: true });

      await row.getByRole('button', { name: m.openNamed.replace('{{name}}', 'KE1234 e-ticket.pdf') }).click();
      const viewer = page.getByRole('dialog', { name: 'KE1234 e-ticket.pdf' });
      await expect(viewer.locator('canvas.document-page')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/viewer-${language}-360.png` });
      await viewer.getByRole('button', { name: m.viewer.close }).click();

      await row.getByRole('button', { name: m.boardingPass }).click();
      const pass = page.getByRole('dialog', { name: m.pass.title });
      await expect(pass.getByTestId('boarding-pass-code')).toHaveText('K7X2QP');
      await expect(pass.locator('canvas.document-page')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/boarding-pass-${language}-360.png` });
      await pass.getByRole('button', { name: m.viewer.close }).click();
    }
  } finally {
    await context.close();
  }
});
