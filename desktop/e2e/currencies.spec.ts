// Expenses in any currency, in the browser against a stack of its own (Nginx + built server +
// MariaDB) whose RATES_URL is a local fake of the ECB's daily feed (a real HTTP server serving
// the ECB's XML): the device keeps the last rates it got, so offline a yen expense still gets
// its rate, and the trip's total, budget and settle-up come out in won, with the yen amount
// shown beside it. Screenshots of the dialog and the list in Korean and English, wide and narrow.
import { request as playwrightRequest, type Page } from '@playwright/test';
import { ECB_SAMPLE_RATES, FakeEcb } from '../../sync-server/src/rates/fake-ecb.js';
import { expect, newCredentials, test, type Account } from './fixtures.js';
import { AppShell, messages, type Language } from './pages/index.js';
import { ExpensesPanel } from './pages/expenses-panel.js';
import { startStack, WEB_ROOT, type Stack } from './stack.js';
import { addEditor, createTripOnServer, logIn } from './trip-session.js';

let feed: FakeEcb;
let stack: Stack;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  feed = await new FakeEcb().start();
  feed.reply = { kind: 'rates', date: '2026-12-04', rates: ECB_SAMPLE_RATES };
  stack = await startStack({ instances: 1, webRoot: WEB_ROOT, env: { RATES_URL: feed.url } });
});

test.afterAll(async () => {
  await stack?.stop();
  await feed?.stop();
});

async function signUpOnStack(displayName: string): Promise<Account> {
  const api = await playwrightRequest.newContext({ baseURL: stack.instances[0]!.url });
  const credentials = newCredentials(displayName);
  const res = await api.post('/api/auth/signup', { data: credentials });
  expect(res.status(), await res.text()).toBe(201);
  const account = { ...credentials, ...((await res.json()) as Omit<Account, keyof typeof credentials>) };
  await api.dispose();
  return account;
}

/** A KRW trip of Minji's that Jun edits too; returns its id. */
async function sharedKrwTrip(minji: Account, jun: Account, title: string): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL: stack.instances[0]!.url });
  const tripId = await createTripOnServer(api, minji, title, { plannedBudget: 300_000 });
  await addEditor(api, minji, jun, tripId);
  await api.dispose();
  return tripId;
}

/** The expenses of a trip as the server holds them (pulled as `account`). */
async function serverExpenses(account: Account): Promise<Record<string, unknown>[]> {
  const api = await playwrightRequest.newContext({ baseURL: stack.instances[0]!.url });
  try {
    const pulled = await api.get('/api/sync/expenses/pull', {
      headers: { authorization: `Bearer ${account.accessToken}`, 'x-hamgaja-schema-version': '1' },
    });
    expect(pulled.status()).toBe(200);
    return ((await pulled.json()) as { documents: Record<string, unknown>[] }).documents;
  } finally {
    await api.dispose();
  }
}

/** Waits until this device keeps exchange rates (fetched when the expenses were opened online). */
async function waitForDeviceRates(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('hamgaja.exchangeRates')))
    .toContain('"JPY":"163.45"');
}

const currencyField = (panel: ExpensesPanel) =>
  panel.dialog.getByRole('combobox', { name: panel.t.expenses.currency, exact: true });
const rateField = (panel: ExpensesPanel) =>
  panel.dialog.getByRole('textbox', { name: panel.t.expenses.rate.label.replace('{{to}}', 'KRW') });

test('offline, a yen expense gets the rate the device kept; totals, budget and settle-up are in won', async ({
  browser,
}) => {
  const minji = await signUpOnStack('Minji');
  const jun = await signUpOnStack('Jun');
  const tripId = await sharedKrwTrip(minji, jun, 'Osaka and Busan');
  const context = await browser.newContext({
    baseURL: stack.baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
  });
  const page = await context.newPage();
  try {
    const { shell, trip } = await logIn(page, minji);
    await trip.goto(tripId, 'Osaka and Busan');
    const panel = new ExpensesPanel(page);
    await panel.open();
    await waitForDeviceRates(page);
    // Online: dinner in won, paid by Minji, shared by both.
    await panel.add({ amount: '40000', note: 'Dinner in Busan' });
    await expect
      .poll(async () => (await serverExpenses(jun)).map((doc) => doc.note))
      .toEqual(['Dinner in Busan']);

    // Offline: the server (and its feed) cannot be reached.
    await context.setOffline(true);
    await shell.expectSyncState('offline');
    await panel.addButton.click();
    await expect(panel.dialog).toBeVisible();
    await currencyField(panel).selectOption('JPY');
    // 1 JPY = 1490.73 / 163.45 KRW (the ECB's euro rates, crossed), 6 significant digits.
    await expect(rateField(panel)).toHaveValue('9.1204');
    await panel.dialog.getByRole('textbox', { name: /^Amount/ }).fill('5000');
    await expect(panel.dialog).toContainText(
      '1 JPY = 9.1204 KRW (ECB, 2026-12-04) · ₩45,602 in the trip currency',
    );
    await panel.dialog.getByRole('combobox', { name: 'Paid by', exact: true }).selectOption({ label: 'Jun' });
    await panel.dialog.getByRole('textbox', { name: /^Note/ }).fill('Takoyaki in Osaka');
    await panel.dialog.getByRole('button', { name: panel.t.expenses.save, exact: true }).click();
    await expect(panel.dialog).toBeHidden();

    // The row: won first, the yen paid beside it.
    const takoyaki = panel.expense('Takoyaki in Osaka');
    await expect(takoyaki.locator('[data-converted]')).toHaveText('₩45,602');
    await expect(takoyaki.locator('[data-original]')).toHaveText('paid ¥5,000');
    // Totals and the budget in won: 40,000 + 45,602.
    await expect(page.locator('[data-total]')).toHaveText('₩85,602');
    await expect(panel.budget.locator('[data-kind="spent"] .budget-amount')).toHaveText('₩85,602');
    // Each owes half of 85,602: Minji paid 40,000 of her 42,801, so she pays Jun 2,801.
    await expect(panel.transfers.locator('.visually-hidden')).toHaveText(['Minji (you) pays Jun ₩2,801']);
    await page.screenshot({ path: test.info().outputPath('expenses-offline-en.png'), fullPage: true });

    // Back online: the expense reaches the server with the rate it was given (retries back off).
    await context.setOffline(false);
    await expect
      .poll(async () => (await serverExpenses(jun)).find((doc) => doc.note === 'Takoyaki in Osaka'), {
        timeout: 30_000,
      })
      .toMatchObject({
        amount: 5_000,
        currency: 'JPY',
        paidBy: jun.user.id,
        rate: { to: 'KRW', value: '9.1204', source: 'feed', date: '2026-12-04' },
      });
  } finally {
    await context.close();
  }
});

test('a rate typed by hand is kept; the dialog and list in Korean and English, wide and narrow', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const minji = await signUpOnStack('Minji');
  const jun = await signUpOnStack('Jun');
  const tripId = await sharedKrwTrip(minji, jun, 'Taipei food trip');
  const context = await browser.newContext({
    baseURL: stack.baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
  });
  const page = await context.newPage();
  try {
    const { trip } = await logIn(page, minji);
    await trip.goto(tripId, 'Taipei food trip');
    const panel = new ExpensesPanel(page);
    await panel.open();
    await waitForDeviceRates(page);
    await panel.add({ amount: '12000', note: 'Bus to the airport' });
    // VND is not in the feed: the dialog asks for the rate.
    await panel.addButton.click();
    await currencyField(panel).selectOption('VND');
    await expect(rateField(panel)).toHaveValue('');
    await expect(panel.dialog).toContainText('This device has no VND rate yet.');
    await panel.dialog.getByRole('textbox', { name: /^Amount/ }).fill('100000');
    await panel.dialog.getByRole('button', { name: panel.t.expenses.save, exact: true }).click();
    await expect(panel.dialog).toContainText('Enter the exchange rate to KRW.');
    await rateField(panel).fill('0.0548');
    await expect(panel.dialog).toContainText(
      '1 VND = 0.0548 KRW (entered by hand) · ₩5,480 in the trip currency',
    );
    await panel.dialog.getByRole('textbox', { name: /^Note/ }).fill('Beef noodles');
    await panel.dialog.getByRole('button', { name: panel.t.expenses.save, exact: true }).click();
    await expect(panel.dialog).toBeHidden();
    await expect(panel.expense('Beef noodles').locator('[data-converted]')).toHaveText('₩5,480');
    await expect(page.locator('[data-total]')).toHaveText('₩17,480');

    // Screenshots: the list, and the dialog with a yen expense being entered.
    const shell = new AppShell(page);
    for (const language of ['ko', 'en'] as Language[]) {
      // The language menu is in the wide header.
      await page.setViewportSize({ width: 1280, height: 900 });
      if (shell.language !== language) await shell.switchLanguage(language);
      const localized = new ExpensesPanel(page, language);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
        await page.screenshot({
          path: test.info().outputPath(`list-${language}-${width}.png`),
          fullPage: true,
        });
        await localized.addButton.click();
        await expect(localized.dialog).toBeVisible();
        await currencyField(localized).selectOption('JPY');
        await localized.dialog
          .getByRole('textbox', { name: new RegExp(`^${messages[language].expenses.amount}`) })
          .fill('1500');
        await expect(rateField(localized)).toHaveValue('9.1204');
        await page.screenshot({ path: test.info().outputPath(`dialog-${language}-${width}.png`) });
        await localized.dialog
          .getByRole('button', { name: messages[language].common.cancel, exact: true })
          .click();
        await expect(localized.dialog).toBeHidden();
      }
    }
  } finally {
    await context.close();
  }
});
