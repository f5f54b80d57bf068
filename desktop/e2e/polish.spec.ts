// "Polish and privacy": a language switch on a place page with its map, a page that cannot
// render, the offline sync pill, the log-in page's reason, amounts and icons at 360 px, a copied
// trip's title and an over-long trip title. Links built from the user's origin: links.spec.ts.
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { ExpensesPanel } from './pages/expenses-panel.js';
import {
  AppShell,
  AttractionDetailPage,
  BoardListPage,
  CatalogSearchPage,
  LoginPage,
  messages,
  PostEditorPage,
  PostViewPage,
  TripFormPage,
  TripPage,
  TripsListPage,
} from './pages/index.js';
import { addEditor, attractionId, createTripOnServer, logIn, openDevice } from './trip-session.js';

const en = messages.en;
const ko = messages.ko;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));

/** Where the screenshots of the fixed screens go (outside the repository); unset: the test's output. */
function screenshotPath(name: string): string {
  const dir = process.env.HAMGAJA_SCREENSHOTS;
  return dir ? `${dir}/${name}.png` : test.info().outputPath(`${name}.png`);
}

/** Uncaught errors of the page (a blank app starts with one). */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  return errors;
}

/** The element's text sits on one line: its box is not taller than one line of its text. */
async function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.6;
    const range = document.createRange();
    range.selectNodeContents(el);
    // One rect per line box the text occupies.
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return Math.max(tops.size, Math.round(el.getBoundingClientRect().height / lineHeight));
  });
}

test.describe('1 · a page cannot blank the app', () => {
  test('switching the language on a place page keeps the page and its map', async ({ page, server }) => {
    const errors = collectPageErrors(page);
    const id = await attractionId(server, '해운대해수욕장');
    const shell = new AppShell(page);
    const detail = new AttractionDetailPage(page);
    await page.goto(`/attractions/${id}`);
    await expect(detail.heading('해운대해수욕장')).toBeVisible();
    const map = page.locator('.attraction-location .catalog-map');
    await expect(map).toHaveAttribute('data-ready', 'true');
    await expect(detail.map('해운대해수욕장').locator('.catalog-marker')).toHaveCount(1);

    for (const language of ['ko', 'en', 'ko'] as const) {
      await shell.switchLanguage(language);
      detail.language = language;
      await expect(detail.heading('해운대해수욕장')).toBeVisible();
      await expect(shell.header).toBeVisible();
      await expect(map).toHaveAttribute('data-ready', 'true');
      await expect(detail.map('해운대해수욕장').locator('.catalog-marker')).toHaveCount(1);
    }
    await detail.map('해운대해수욕장').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('place-after-switch-ko-desktop') });
    // A zoom in flight while the language changes.
    await detail.map('해운대해수욕장').getByRole('button', { name: 'Zoom in' }).click();
    await shell.switchLanguage('en');
    detail.language = 'en';
    await expect(detail.map('해운대해수욕장').locator('.catalog-marker')).toHaveCount(1);
    await page.screenshot({ path: screenshotPath('place-after-switch-en-desktop') });
    // A phone-sized window: the map follows its new size.
    await page.setViewportSize({ width: 360, height: 740 });
    await detail.map('해운대해수욕장').scrollIntoViewIfNeeded();
    await expect(detail.map('해운대해수욕장').locator('.catalog-marker')).toBeVisible();
    await page.screenshot({ path: screenshotPath('place-after-switch-en-360') });
    // Leaflet's own timers (the end of a zoom animation) have run by now.
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
  });

  test('a page that fails to render shows what happened, "try again" and "go home"', async ({
    browser,
    stack,
    server,
  }) => {
    const id = await attractionId(server, '해운대해수욕장');
    for (const language of ['en', 'ko'] as const) {
      // No service worker: the page's code must come from the network, where it fails.
      const context = await browser.newContext({
        baseURL: stack.baseURL,
        locale: language === 'ko' ? 'ko-KR' : 'en-US',
        timezoneId: 'Asia/Seoul',
        serviceWorkers: 'block',
      });
      try {
        const page = await context.newPage();
        const t = messages[language];
        const shell = new AppShell(page, language);
        await page.route(/\/assets\/AttractionPage-[\w-]+\.js$/, (route) => route.abort());
        await page.goto(`/attractions/${id}`);
        const main = page.getByRole('main');
        await expect(main.getByRole('heading', { level: 1, name: t.pageError.title })).toBeVisible();
        await expect(main.getByText(t.pageError.body)).toBeVisible();
        // The rest of the app still works.
        await expect(shell.header).toBeVisible();
        await expect(shell.navLink('search')).toBeVisible();
        await page.screenshot({ path: screenshotPath(`page-error-${language}`) });

        // The code is reachable again: "try again" shows the page.
        await page.unroute(/\/assets\/AttractionPage-[\w-]+\.js$/);
        await main.getByRole('button', { name: t.common.retry, exact: true }).click();
        await expect(new AttractionDetailPage(page, language).heading('해운대해수욕장')).toBeVisible();

        // "Go home" from the recovery screen.
        await page.route(/\/assets\/AttractionPage-[\w-]+\.js$/, (route) => route.abort());
        await page.goto(`/attractions/${id}`);
        await expect(main.getByRole('heading', { level: 1, name: t.pageError.title })).toBeVisible();
        await main.getByRole('link', { name: t.common.goHome, exact: true }).click();
        await expect(page).toHaveURL(`${stack.baseURL}/`);
        await expect(main.getByRole('heading', { level: 1, name: t.pageError.title })).toHaveCount(0);
        await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
      } finally {
        await context.close();
      }
    }
  });
});

test('3 · offline, the sync pill counts the waiting changes and the details stay calm', async ({
  page,
  context,
  signUp,
}) => {
  const account = await signUp('Offline Yoon');
  const { shell, trip } = await logIn(page, account);
  await page.goto('/trips/new');
  await new TripFormPage(page).createTrip({
    title: 'Jeonju food trip',
    region: 'Jeonbuk',
    startDate: '2027-04-10',
    endDate: '2027-04-11',
  });
  await shell.expectSyncState('synced');

  await context.setOffline(true);
  await shell.expectSyncState('offline');
  await trip.addStop({ day: 1, name: 'Hanok village', startTime: '10:00' });
  await trip.addStop({ day: 1, name: 'Bibimbap lunch', startTime: '12:00', category: 'food' });
  await trip.addStop({ day: 2, name: 'Nambu market', startTime: '19:00', category: 'food' });
  await expect.poll(() => shell.syncState()).toBe(fill(en.sync.offlinePending_other, { count: 3 }));
  await expect(shell.syncStatus).toContainText('Offline · 3 waiting');
  await expect(shell.syncStatus).toHaveAttribute('data-state', 'offline');

  await shell.syncStatus.click();
  const details = page.getByRole('region', { name: en.sync.detailsTitle });
  await expect(details).toBeVisible();
  const row = (label: string) => details.locator('dl > div').filter({ hasText: label });
  await expect(row(en.sync.connection).locator('dd')).toHaveText(en.sync.offline);
  await expect(row(en.sync.pendingChanges).locator('dd')).toHaveText('3');
  // A neutral note, not a red problem: being offline is normal for this app.
  await expect(details.getByText(en.sync.offlineNote)).toBeVisible();
  await expect(details.locator('.sync-problem')).toHaveCount(0);
  await expect(details.getByText(en.sync.problem, { exact: true })).toHaveCount(0);
  // Labels on one line each ("Connection" is not one letter per line).
  for (const label of [en.sync.connection, en.sync.lastSynced, en.sync.pendingChanges])
    expect(await lineCount(row(label).locator('dt')), label).toBe(1);
  await page.screenshot({ path: screenshotPath('sync-offline-en-desktop') });

  await shell.syncStatus.click();
  await shell.switchLanguage('ko');
  await expect.poll(() => shell.syncState()).toBe(fill(ko.sync.offlinePending_other, { count: 3 }));
  await expect(shell.syncStatus).toContainText('오프라인 · 3개 대기');
  await shell.syncStatus.click();
  const detailsKo = page.getByRole('region', { name: ko.sync.detailsTitle });
  await expect(detailsKo.getByText(ko.sync.offlineNote)).toBeVisible();
  await expect(detailsKo.locator('.sync-problem')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('sync-offline-ko-desktop') });

  // On a phone the pill keeps the count.
  await shell.syncStatus.click();
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(shell.syncStatus.locator('.sync-pill-count')).toBeVisible();
  await expect(shell.syncStatus.locator('.sync-pill-count')).toHaveText('3');
  await shell.syncStatus.click();
  await expect(detailsKo.getByText(ko.sync.offlineNote)).toBeVisible();
  const box = await detailsKo.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 360, JSON.stringify(box)).toBe(true);
  await page.screenshot({ path: screenshotPath('sync-offline-ko-360') });
  await shell.syncStatus.click();
});

test('4 · "Log in" from the public home page shows no "log in to see this page"', async ({ page }) => {
  const shell = new AppShell(page);
  const login = new LoginPage(page);
  await page.goto('/');
  await shell.loginLink.click();
  await expect(login.heading).toBeVisible();
  await expect(page.getByText(en.auth.loginRequired)).toHaveCount(0);
  await expect(page.getByText(en.auth.sessionEnded)).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('login-from-home-en') });

  // A protected page says why the log-in is needed.
  await page.goto('/trips');
  await expect(login.heading).toBeVisible();
  await expect(page.getByText(en.auth.loginRequired)).toBeVisible();
  await page.screenshot({ path: screenshotPath('login-protected-en') });

  await shell.switchLanguage('ko');
  await page.goto('/');
  await new AppShell(page, 'ko').loginLink.click();
  await expect(new LoginPage(page, 'ko').heading).toBeVisible();
  await expect(page.getByText(ko.auth.loginRequired)).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('login-from-home-ko') });
});

test('4 · after the session expired, the log-in page says so', async ({ page, signUp }) => {
  const account = await signUp('Expired Han');
  await logIn(page, account);
  // The refresh token is refused: the session ended.
  await page.evaluate(() => {
    const raw = localStorage.getItem('hamgaja.session');
    if (!raw) throw new Error('no session stored');
    localStorage.setItem('hamgaja.session', JSON.stringify({ endedReason: 'session_ended' }));
  });
  await page.goto('/trips');
  await expect(new LoginPage(page).heading).toBeVisible();
  await expect(page.getByText(en.auth.sessionEnded)).toBeVisible();
  await expect(page.getByText(en.auth.loginRequired)).toHaveCount(0);
});

test('5 · at 360 px the settle-up amount stays on one line and the stop card keeps its clock icon', async ({
  page,
  server,
  signUp,
}) => {
  const owner = await signUp('Kim Minji-Seo');
  const friend = await signUp('Park Jun-Young');
  const title = 'Gangneung coast';
  const tripId = await createTripOnServer(server, owner, title);
  await addEditor(server, owner, friend, tripId);
  const { trip } = await logIn(page, owner);
  await trip.goto(tripId, title);
  await trip.addStop({
    day: 1,
    name: 'Anmok coffee street',
    startTime: '10:30',
    duration: '90',
    cost: '1250000',
  });
  const expenses = new ExpensesPanel(page);
  await expenses.open();
  await expenses.add({ amount: '90000', split: { 'Park Jun-Young': true } });
  await expect(expenses.transfers).toHaveCount(1);

  for (const language of ['en', 'ko'] as const) {
    if (language === 'ko') {
      await page.setViewportSize({ width: 1280, height: 720 });
      await new AppShell(page).switchLanguage('ko');
    }
    await page.setViewportSize({ width: 360, height: 740 });
    const panel = new ExpensesPanel(page, language);
    await expect(panel.transfers).toHaveCount(1);
    const amount = panel.transfers.first().locator('.settle-amount');
    await expect(amount).toHaveText('₩45,000');
    await amount.scrollIntoViewIfNeeded();
    expect(await lineCount(amount), 'the amount on one line').toBe(1);
    const row = await panel.transfers.first().boundingBox();
    const amountBox = await amount.boundingBox();
    expect(row && amountBox && amountBox.x + amountBox.width <= row.x + row.width + 0.5).toBe(true);
    await page.screenshot({ path: screenshotPath(`settle-up-${language}-360`) });

    const tripPage = new TripPage(page, language);
    await page.getByRole('tab', { name: messages[language].trips.detail.tabs.schedule, exact: true }).click();
    const card = tripPage.stop('Anmok coffee street');
    await expect(card).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    const icon = card.locator('.stop-time svg');
    const iconBox = await icon.boundingBox();
    expect(iconBox?.width, 'the clock keeps its width').toBeCloseTo(14, 0);
    expect(iconBox?.height, 'the clock keeps its height').toBeCloseTo(14, 0);
    expect(await lineCount(card.locator('.stop-cost'))).toBe(1);
    // The cost does not run under the edit and delete buttons.
    const cost = await card.locator('.stop-cost').boundingBox();
    const actions = await card.locator('.stop-actions').boundingBox();
    const overlaps =
      cost !== null &&
      actions !== null &&
      cost.x < actions.x + actions.width &&
      actions.x < cost.x + cost.width &&
      cost.y < actions.y + actions.height &&
      actions.y < cost.y + cost.height;
    expect(overlaps, `cost ${JSON.stringify(cost)} / actions ${JSON.stringify(actions)}`).toBe(false);
    const cardBox = await card.boundingBox();
    expect(cost && cardBox && cost.x + cost.width <= cardBox.x + cardBox.width).toBe(true);
    await card.screenshot({ path: screenshotPath(`stop-card-${language}-360`) });
    await page.screenshot({ path: screenshotPath(`trip-${language}-360`) });
    await panel.open();
  }
});

test('6 · a copied trip is titled "(copy)" / "(사본)" in the copier\'s language', async ({
  browser,
  stack,
  server,
  signUp,
}) => {
  const author = await signUp('Sharing Seo');
  const copier = await signUp('Copying Choi');
  const title = `Jeju loop ${randomBytes(3).toString('hex')}`;
  const res = await server.post('/api/posts', {
    headers: { authorization: `Bearer ${author.accessToken}` },
    data: {
      title: `Plan: ${title}`,
      body: 'Three days around the island.',
      trip: {
        version: 1,
        trip: {
          title,
          description: '',
          destination: { regionCode: '39', text: 'Jeju' },
          startDate: '2027-09-01',
          endDate: '2027-09-03',
          timeZone: 'Asia/Seoul',
          currency: 'KRW',
          plannedBudget: null,
          coverImage: null,
          notes: '',
        },
        stops: [],
        checklistItems: [],
      },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const postId = ((await res.json()) as { id: string }).id;

  const device = await openDevice(browser, stack.baseURL, copier);
  try {
    const post = new PostViewPage(device.page);
    await device.page.goto(`/board/${postId}`);
    await expect(post.sharedTrip).toContainText(title);
    await post.copyTrip();
    await expect(new TripPage(device.page).heading(`${title} (copy)`)).toBeVisible();
    await device.page.screenshot({ path: screenshotPath('copied-trip-en') });

    await device.shell.switchLanguage('ko');
    await device.page.goto(`/board/${postId}`);
    await new PostViewPage(device.page, 'ko').copyTrip();
    await expect(new TripPage(device.page, 'ko').heading(`${title} (사본)`)).toBeVisible();
    await device.page.screenshot({ path: screenshotPath('copied-trip-ko') });

    // Both copies are in the list.
    await device.page.goto('/trips');
    const list = new TripsListPage(device.page, 'ko');
    await expect(list.card(`${title} (copy)`)).toBeVisible();
    await expect(list.card(`${title} (사본)`)).toBeVisible();
    // Just the two copies: no trip of the copier's bears the original title.
    await expect(list.card(title)).toHaveCount(2);
  } finally {
    await device.context.close();
  }
});

test('7 · an over-long trip title gets a message, not a silent cut; the server refuses it with a code', async ({
  page,
  server,
  signUp,
}) => {
  const account = await signUp('Long Title Lim');
  await logIn(page, account);
  await page.goto('/trips/new');
  const form = new TripFormPage(page);
  const long = `A very long trip ${'x'.repeat(240)}`;
  await form.fill({ title: long, region: 'Busan', startDate: '2027-05-01', endDate: '2027-05-02' });
  await expect(form.title).toHaveValue(long);
  await form.create.click();
  const message = fill(en.trips.form.errors.tooLong, { max: 200, length: long.length });
  await expect(page.getByText(message, { exact: true })).toBeVisible();
  await expect(form.title).toBeFocused();
  await expect(form.title).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/trips\/new$/);
  await page.screenshot({ path: screenshotPath('trip-title-too-long-en') });

  await new AppShell(page).switchLanguage('ko');
  await expect(
    page.getByText(fill(ko.trips.form.errors.tooLong, { max: 200, length: long.length }), { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('trip-title-too-long-ko') });

  // Shortened to the limit, it saves.
  const ok = long.slice(0, 200);
  const formKo = new TripFormPage(page, 'ko');
  await formKo.title.fill(ok);
  await expect(formKo.title).not.toHaveAttribute('aria-invalid', 'true');
  await formKo.create.click();
  await expect(new TripPage(page, 'ko').heading(ok)).toBeVisible();

  // Sent to the server anyway: a 400 problem with a stable code, nothing cut.
  const push = await server.post('/api/sync/trips/push', {
    headers: { authorization: `Bearer ${account.accessToken}`, 'x-hamgaja-schema-version': '0' },
    data: [
      {
        newDocumentState: {
          id: `e2e-long-${randomBytes(4).toString('hex')}`,
          title: 'y'.repeat(201),
          description: '',
          destination: {},
          startDate: '2027-05-01',
          endDate: '2027-05-02',
          timeZone: 'Asia/Seoul',
          currency: 'KRW',
          plannedBudget: null,
          coverImage: null,
          notes: '',
          ownerId: account.user.id,
          _deleted: false,
        },
      },
    ],
  });
  expect(push.status()).toBe(400);
  expect(push.headers()['content-type']).toMatch(/^application\/problem\+json/);
  expect(await push.json()).toMatchObject({ status: 400, code: 'validation_failed' });
});

test('7 · board posts, comments and search boxes keep over-long text and say how long it may be', async ({
  page,
  signUp,
}) => {
  const account = await signUp('Long Post Park');
  await logIn(page, account);
  const editor = new PostEditorPage(page);
  await page.goto('/board/new');
  const longTitle = `Busan in May ${'z'.repeat(130)}`;
  await editor.title.fill(longTitle);
  await editor.body.fill('Three days by the sea.');
  await page.getByRole('button', { name: en.board.form.publish, exact: true }).click();
  await expect(
    page.getByText(
      fill(en.board.form.tooLong, { field: en.board.form.title, max: 120, length: longTitle.length }),
      { exact: true },
    ),
  ).toBeVisible();
  await expect(editor.title).toHaveValue(longTitle);
  await expect(page).toHaveURL(/\/board\/new$/);

  await editor.title.fill(longTitle.slice(0, 120));
  await editor.publish();
  const post = new PostViewPage(page);
  const longComment = 'w'.repeat(2_010);
  await page.getByLabel(en.board.comment.label, { exact: true }).fill(longComment);
  await page.getByRole('button', { name: en.board.comment.submit, exact: true }).click();
  await expect(
    page.getByText(fill(en.board.comment.tooLong, { max: 2_000, length: 2_010 }), { exact: true }),
  ).toBeVisible();
  await expect(page.getByLabel(en.board.comment.label, { exact: true })).toHaveValue(longComment);
  await expect(post.comments).toHaveCount(0);

  const list = new BoardListPage(page);
  await list.goto();
  const longSearch = 'q'.repeat(104);
  await list.search(longSearch);
  const tooLong = fill(en.common.searchTooLong, { max: 100, length: 104 });
  await expect(page.getByText(tooLong, { exact: true })).toBeVisible();
  await expect(list.searchBox).toHaveValue(longSearch);
  await expect(list.searchBox).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/board$/);

  const catalog = new CatalogSearchPage(page);
  await catalog.goto();
  await catalog.keyword.fill(longSearch);
  await expect(page.getByText(tooLong, { exact: true })).toBeVisible();
  await catalog.keyword.press('Enter');
  await expect(page).not.toHaveURL(/q=/);
  await new AppShell(page).switchLanguage('ko');
  await expect(
    page.getByText(fill(ko.common.searchTooLong, { max: 100, length: 104 }), { exact: true }),
  ).toBeVisible();
});

/** The IndexedDB databases of the page's origin. */
async function localDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));
}

test('11 · a deleted account leaves no copy on its devices: the one it was deleted on, and one that was offline then', async ({
  page,
  browser,
  stack,
  signUp,
}) => {
  const account = await signUp('Gone Goh');
  const localCopy = `hamgaja-log-hamgaja-user-${account.user.id}`;
  const { shell } = await logIn(page, account);
  await page.goto('/trips/new');
  await new TripFormPage(page).createTrip({
    title: 'Private Gangneung trip',
    region: 'Busan',
    startDate: '2027-06-01',
    endDate: '2027-06-02',
  });
  await shell.expectSyncState('synced');

  // A laptop holding the trip, offline while the account is deleted.
  const laptop = await openDevice(browser, stack.baseURL, account);
  try {
    await laptop.page.goto('/trips');
    await expect(laptop.page.getByText('Private Gangneung trip')).toBeVisible();
    expect(await localDatabases(laptop.page)).toContain(localCopy);
    await laptop.context.setOffline(true);

    await page.goto('/me');
    await page.getByRole('button', { name: en.me.deleteAccount, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: en.me.deleteTitle });
    await expect(dialog.getByText('Private Gangneung trip')).toBeVisible();
    await dialog.getByLabel(en.me.deletePassword, { exact: true }).fill(account.password);
    await dialog.getByRole('button', { name: en.me.deleteConfirm, exact: true }).click();
    await expect(page).toHaveURL(`${stack.baseURL}/`);
    await expect(page.getByText(en.me.deleted, { exact: true })).toBeVisible();
    await expect.poll(() => localDatabases(page)).not.toContain(localCopy);

    // Offline, the laptop cannot know yet; back online it is told, and its copy goes.
    await expect(laptop.page.getByText('Private Gangneung trip')).toBeVisible();
    await laptop.context.setOffline(false);
    await expect(laptop.page.getByText(en.me.deleted, { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(laptop.page).toHaveURL(`${stack.baseURL}/`);
    await expect.poll(() => localDatabases(laptop.page)).not.toContain(localCopy);
    // Going to log in, the page says why the trips are gone.
    await laptop.page.goto('/login');
    await expect(laptop.page.getByText(en.auth.accountDeleted, { exact: true })).toBeVisible();
    await new AppShell(laptop.page).switchLanguage('ko');
    await expect(laptop.page.getByText(ko.auth.accountDeleted, { exact: true })).toBeVisible();
    await laptop.page.screenshot({ path: screenshotPath('account-deleted-login-ko') });
  } finally {
    await laptop.context.close();
  }
});
