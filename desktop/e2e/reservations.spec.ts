// Reservations in a shared trip, in real Chromium through Nginx against the real server and
// MariaDB: the owner adds a flight (day 1, 10:30, ICN → CJU, with its expense) and a two-night
// stay; both show in the schedule on their days; the co-traveller (editor) receives them live and
// edits one back; a viewer reads them without edit controls. Screenshots of the schedule with a
// flight and a stay in ko and en, at 1280 and 360 px, go to /tmp/pw-D-shots.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, type Account } from './fixtures.js';
import { AppShell } from './pages/index.js';
import { messages, type Language } from './pages/messages.js';
import { ReservationsPanel } from './pages/reservations-panel.js';
import { addEditor, createTripOnServer, logIn, openDevice } from './trip-session.js';

const en = messages.en;
const SHOTS = '/tmp/pw-D-shots';

async function addViewer(server: APIRequestContext, owner: Account, member: Account, tripId: string) {
  const invite = await server.post(`/api/trips/${tripId}/invites`, {
    headers: { authorization: `Bearer ${owner.accessToken}` },
    data: { role: 'viewer' },
  });
  expect(invite.status(), await invite.text()).toBe(201);
  const { code } = (await invite.json()) as { code: string };
  const accept = await server.post(`/api/invites/${code}/accept`, {
    headers: { authorization: `Bearer ${member.accessToken}` },
  });
  expect(accept.status(), await accept.text()).toBe(200);
}

/** WCAG 2.0/2.1 A and AA and best practice, as the a11y spec checks (axe in the page itself). */
async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .setLegacyMode()
    .analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    what,
  ).toEqual([]);
}

async function scheduleShots(page: Page, language: Language, tripId: string): Promise<void> {
  const shell = new AppShell(page);
  if (shell.language !== language) await shell.switchLanguage(language);
  const panel = new ReservationsPanel(page, language);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
    await page.goto(`/trips/${tripId}`);
    await expect(panel.dayList(1)).toBeVisible();
    await panel.dayList(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/schedule-${language}-${width}.png`, fullPage: true });
    await expectAccessible(page, `schedule ${language} ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('owner adds a flight and a two-night stay; the schedule places them; the editor gets them live; a viewer only reads', async ({
  page,
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(240_000);
  const minji = await signUp('Minji');
  const jun = await signUp('Jun');
  const ara = await signUp('Ara');
  const title = 'Jeju in May';
  const tripId = await createTripOnServer(server, minji, title, {
    destination: { regionCode: '39', text: 'Jeju' },
    startDate: '2027-05-01',
    endDate: '2027-05-04',
  });
  await addEditor(server, minji, jun, tripId);
  await addViewer(server, minji, ara, tripId);

  // Jun's device shows the schedule while Minji adds the reservations.
  const junDevice = await openDevice(browser, stack.baseURL, jun);
  try {
    await junDevice.page.goto(`/trips/${tripId}`);
    await expect(junDevice.trip.heading(title)).toBeVisible();
    const junPanel = new ReservationsPanel(junDevice.page);

    const { trip } = await logIn(page, minji);
    await page.goto(`/trips/${tripId}`);
    await expect(trip.heading(title)).toBeVisible();
    const panel = new ReservationsPanel(page);
    await panel.open();
    await expect(page.getByText(en.reservations.empty)).toBeVisible();

    await panel.add({
      type: 'flight',
      title: 'Jeju Air 7C101',
      provider: 'Jeju Air',
      code: 'K7X2QP',
      start: { date: '2027-05-01', time: '10:30' },
      end: { date: '2027-05-01', time: '11:40' },
      from: 'ICN',
      to: 'CJU',
      seats: '14A',
      cost: '89000',
    });
    const flight = panel.card('Jeju Air 7C101');
    await expect(flight).toContainText('K7X2QP');
    await expect(flight).toContainText('ICN → CJU');
    await expect(flight).toContainText('1 h 10 min');
    await expect(flight).toContainText(en.reservations.expenseLinked);

    await panel.add({
      type: 'stay',
      title: 'The Shilla Jeju',
      start: { date: '2027-05-01', time: '15:00' },
      end: { date: '2027-05-03', time: '11:00' },
      from: 'Jungmun, Seogwipo',
      seats: 'Room 1203',
    });
    await expect(panel.card('The Shilla Jeju')).toContainText(
      en.reservations.nights.replace('{{count}}', '2'),
    );
    // The check-in's own labels: a stay has no destination field.
    await panel.editButton('The Shilla Jeju').click();
    await expect(panel.dialog.getByRole('group', { name: en.reservations.labels.stay.start })).toBeVisible();
    await expect(panel.dialog.getByRole('textbox', { name: /^To/ })).toHaveCount(0);
    await panel.dialog.getByRole('button', { name: messages.en.common.cancel, exact: true }).click();

    // The expense was recorded with the flight.
    await page.getByRole('tab', { name: en.trips.detail.tabs.expenses, exact: true }).click();
    await expect(page.getByText('Jeju Air 7C101').first()).toBeVisible();

    // The schedule: the flight on day 1 at 10:30, the stay's nights on days 1 and 2, check-out on day 3.
    await page.getByRole('tab', { name: en.trips.detail.tabs.schedule, exact: true }).click();
    const day1 = panel.dayList(1);
    await expect(day1.getByRole('listitem').first()).toContainText('10:30–11:40');
    await expect(day1.getByRole('listitem').first()).toContainText('Jeju Air 7C101');
    await expect(day1.getByRole('listitem').first()).toContainText('ICN → CJU');
    await expect(day1).toContainText(`15:00 · ${en.reservations.labels.stay.start}`);
    await expect(panel.night(1, 1, 2, 'The Shilla Jeju')).toBeVisible();
    await expect(panel.night(2, 2, 2, 'The Shilla Jeju')).toBeVisible();
    await expect(panel.dayList(3)).toContainText(`11:00 · ${en.reservations.labels.stay.end}`);
    await expect(panel.dayList(4)).toHaveCount(0);

    // Jun's open page received both, live.
    await expect(junPanel.dayList(1)).toContainText('Jeju Air 7C101');
    await expect(junPanel.night(2, 2, 2, 'The Shilla Jeju')).toBeVisible();
    // The editor changes the seat; the owner's card follows.
    await junPanel.open();
    await junPanel.editButton('Jeju Air 7C101').click();
    await junPanel.dialog.getByRole('textbox', { name: /^Seat/ }).fill('15C');
    await junPanel.dialog.getByRole('button', { name: en.reservations.save, exact: true }).click();
    await expect(junPanel.dialog).toBeHidden();
    await panel.open();
    await expect(panel.card('Jeju Air 7C101')).toContainText('15C');

    // Ara, a viewer, reads them without edit controls.
    const araDevice = await openDevice(browser, stack.baseURL, ara);
    try {
      await araDevice.page.goto(`/trips/${tripId}`);
      const araPanel = new ReservationsPanel(araDevice.page);
      await expect(araDevice.page.getByText(en.trips.detail.viewerNotice)).toBeVisible();
      await expect(araPanel.night(1, 1, 2, 'The Shilla Jeju')).toBeVisible();
      await araPanel.open();
      await expect(araPanel.card('Jeju Air 7C101')).toContainText('K7X2QP');
      await expect(araPanel.card('The Shilla Jeju')).toBeVisible();
      await expect(araPanel.addButton).toHaveCount(0);
      await expect(araPanel.editButton('Jeju Air 7C101')).toHaveCount(0);
      await expect(araPanel.deleteButton('Jeju Air 7C101')).toHaveCount(0);
    } finally {
      await araDevice.context.close();
    }

    // Minji deletes the stay; it leaves Jun's schedule too.
    await panel.deleteButton('The Shilla Jeju').click();
    await panel
      .card('The Shilla Jeju')
      .getByRole('button', { name: en.reservations.delete, exact: true })
      .click();
    await expect(panel.card('The Shilla Jeju')).toHaveCount(0);
    await junDevice.page.getByRole('tab', { name: en.trips.detail.tabs.schedule, exact: true }).click();
    await expect(junPanel.dayList(1)).toContainText('Jeju Air 7C101');
    await expect(junPanel.night(1, 1, 2, 'The Shilla Jeju')).toHaveCount(0);
  } finally {
    await junDevice.context.close();
  }
});

test('screenshots: the schedule with a flight and a stay, ko and en, 1280 and 360 px', async ({
  page,
  server,
  signUp,
}) => {
  test.setTimeout(120_000);
  const minji = await signUp('Minji');
  const tripId = await createTripOnServer(server, minji, 'Jeju in May', {
    destination: { regionCode: '39', text: 'Jeju' },
    startDate: '2027-05-01',
    endDate: '2027-05-03',
  });
  const push = (docs: Record<string, unknown>[]) =>
    server.post('/api/sync/reservations/push', {
      headers: { authorization: `Bearer ${minji.accessToken}`, 'x-hamgaja-schema-version': '0' },
      data: docs.map((doc) => ({ newDocumentState: { tripId, _deleted: false, ...doc } })),
    });
  const common = { provider: '', seats: '', cost: null, expenseId: null, note: '' };
  const res = await push([
    {
      ...common,
      id: 'shot-flight',
      type: 'flight',
      title: 'Jeju Air 7C101',
      confirmationCode: 'K7X2QP',
      start: { date: '2027-05-01', time: '10:30', timeZone: 'Asia/Seoul' },
      end: { date: '2027-05-01', time: '11:40', timeZone: 'Asia/Seoul' },
      from: { name: 'ICN' },
      to: { name: 'CJU' },
    },
    {
      ...common,
      id: 'shot-stay',
      type: 'stay',
      title: 'The Shilla Jeju',
      confirmationCode: '',
      start: { date: '2027-05-01', time: '15:00', timeZone: 'Asia/Seoul' },
      end: { date: '2027-05-03', time: '11:00', timeZone: 'Asia/Seoul' },
      from: { name: 'Jungmun, Seogwipo' },
      to: null,
    },
  ]);
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toEqual([]);

  await logIn(page, minji);
  await scheduleShots(page, 'en', tripId);
  // The timeline view shows them too.
  await page.getByRole('button', { name: messages.en.trips.schedule.viewTimeline }).click();
  await expect(new ReservationsPanel(page).night(2, 2, 2, 'The Shilla Jeju')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/timeline-en-1280.png`, fullPage: true });
  await page.getByRole('button', { name: messages.en.trips.schedule.viewColumns }).click();
  await scheduleShots(page, 'ko', tripId);
  const ko = new ReservationsPanel(page, 'ko');
  await expect(ko.night(1, 1, 2, 'The Shilla Jeju')).toBeVisible();
  await ko.open();
  await page.screenshot({ path: `${SHOTS}/reservations-ko-1280.png`, fullPage: true });
  await expectAccessible(page, 'reservations ko 1280');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: `${SHOTS}/reservations-ko-360.png`, fullPage: true });
  await ko.editButton('Jeju Air 7C101').click();
  await page.screenshot({ path: `${SHOTS}/dialog-ko-360.png` });
  await expectAccessible(page, 'reservation dialog ko 360');
});
