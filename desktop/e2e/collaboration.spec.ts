// Travelling together, in two browsers (separate contexts = separate devices and accounts), through
// Nginx against the real server and MariaDB: an invite link, joining, live edits both ways, a
// checklist and a shared expense with its settle-up, a viewer without edit controls, and a member
// removed whose device drops the trip.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test, type Account } from './fixtures.js';
import { ChecklistPanel } from './pages/checklist-panel.js';
import { ConflictNotice } from './pages/conflict-notice.js';
import { ExpensesPanel } from './pages/expenses-panel.js';
import { AppShell, LoginPage, TripPage, TripsListPage } from './pages/index.js';
import { InvitePage } from './pages/invite-page.js';
import { messages } from './pages/messages.js';
import { ShareDialog } from './pages/share-dialog.js';
import { addEditor, createTripOnServer as createTrip } from './trip-session.js';

const en = messages.en;

/** A second device: its own browser context with the same settings as the test's page. */
async function newDevice(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Seoul' });
  return { context, page: await context.newPage() };
}

async function logIn(page: Page, account: Account, next: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto(next);
  await login.logIn(account);
  await new AppShell(page).expectLoggedIn(account.displayName);
}

test('owner invites a co-traveller as editor; edits, checklist and a split expense show live on both devices', async ({
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
  const title = 'Busan weekend';
  const tripId = await createTrip(server, minji, title);

  // Minji (device A) opens her trip and creates an editor invite link.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await logIn(page, minji, `/trips/${tripId}`);
  const tripA = new TripPage(page);
  await expect(tripA.heading(title)).toBeVisible();
  const shareA = new ShareDialog(page);
  await shareA.open();
  await expect(shareA.member('Minji')).toContainText(en.sharing.roles.owner);
  const link = await shareA.createInvite('editor');
  expect(link.startsWith(stack.baseURL)).toBe(true);
  await shareA.copyButton.click();
  await expect(shareA.dialog.getByRole('status')).toHaveText(en.sharing.invite.copied);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(shareA.activeInvites).toHaveCount(1);
  await expect(shareA.activeInvites.first()).toContainText(en.sharing.roles.editor);
  await page.screenshot({ path: test.info().outputPath('share-dialog-en.png') });
  await shareA.close();

  // Jun (device B) opens the link logged out: log in, come back to the invite, join.
  const b = await newDevice(browser, stack.baseURL);
  try {
    await b.page.goto(link);
    const loginB = new LoginPage(b.page);
    await expect(loginB.heading).toBeVisible();
    await loginB.logIn(jun);
    const invite = new InvitePage(b.page);
    await expect(invite.heading).toBeVisible();
    await expect(invite.lead('Minji', title)).toBeVisible();
    await expect(invite.role('editor')).toBeVisible();
    await b.page.screenshot({ path: test.info().outputPath('invite-en.png') });
    await invite.acceptButton.click();
    const tripB = new TripPage(b.page);
    await expect(tripB.heading(title)).toBeVisible();
    await expect(b.page).toHaveURL(new RegExp(`/trips/${tripId}$`));
    await expect(b.page.getByText(en.trips.detail.viewerNotice)).toHaveCount(0);

    // Both see the trip in their lists.
    const listB = new TripsListPage(b.page);
    await listB.goto();
    await expect(listB.card(title)).toBeVisible();
    await listB.card(title).click();
    await expect(tripB.heading(title)).toBeVisible();

    // The invite was used once; the owner revokes it.
    await shareA.open();
    await expect(shareA.member('Jun')).toBeVisible();
    await expect(shareA.roleSelect('Jun')).toHaveValue('editor');
    await expect(shareA.activeInvites.first()).toContainText(
      en.sharing.invite.uses_one.replace('{{count}}', '1'),
    );
    await shareA.activeInvites.first().getByRole('button', { name: en.sharing.invite.revoke }).click();
    await expect(shareA.dialog.getByText(en.sharing.invite.none)).toBeVisible();
    await shareA.close();

    // Checklist: an edit on either device appears live on the other.
    const checklistA = new ChecklistPanel(page);
    const checklistB = new ChecklistPanel(b.page);
    await checklistA.open();
    await checklistB.open();
    await checklistA.add('Passport');
    await expect(checklistB.checkbox('Passport')).toBeVisible();
    await checklistB.add('Sunscreen');
    await expect(checklistA.checkbox('Sunscreen')).toBeVisible();
    await checklistB.checkbox('Passport').check();
    await expect(checklistA.checkbox('Passport')).toBeChecked();
    await checklistA.moveUpButton('Sunscreen').click();
    await checklistB.expectTexts(['Sunscreen', 'Passport']);
    await checklistB.rename('Sunscreen', 'Sunscreen SPF50');
    await checklistA.expectTexts(['Sunscreen SPF50', 'Passport']);
    await checklistA.deleteButton('Passport').click();
    await checklistB.expectTexts(['Sunscreen SPF50']);

    // Expenses: Minji paid dinner for both; the settle-up says Jun owes her half, on both devices.
    const expensesA = new ExpensesPanel(page);
    const expensesB = new ExpensesPanel(b.page);
    await expensesA.open();
    await expensesB.open();
    await expensesA.add({
      amount: '90,000',
      paidBy: 'Minji (you)',
      split: { 'Minji (you)': true, Jun: true },
      category: 'food',
      note: 'Grilled eel dinner',
    });
    await expect(expensesA.expense('Grilled eel dinner')).toContainText('₩90,000');
    await expect(expensesB.expense('Grilled eel dinner')).toContainText('paid by Minji · split 2 ways');
    await expect(expensesA.transfers.locator('.visually-hidden')).toHaveText([
      'Jun pays Minji (you) ₩45,000',
    ]);
    await expect(expensesB.transfers.locator('.visually-hidden')).toHaveText([
      'Jun (you) pays Minji ₩45,000',
    ]);
    // Jun pays the taxi for both: the balance shrinks to one transfer of 45,000 − 10,000.
    await expensesB.add({
      amount: '20000',
      split: { Minji: true, 'Jun (you)': true },
      category: 'transport',
      note: 'Taxi',
    });
    await expect(expensesA.transfers.locator('.visually-hidden')).toHaveText([
      'Jun pays Minji (you) ₩35,000',
    ]);
    await expect(expensesA.budget).toContainText('₩300,000');
    await expect(expensesA.budget).toContainText('₩110,000');
    await expect(expensesA.budget).toContainText('₩190,000 of the budget left after what was spent.');
    await page.screenshot({ path: test.info().outputPath('expenses-en.png'), fullPage: true });

    // The same screens in Korean.
    const shellA = new AppShell(page);
    await shellA.switchLanguage('ko');
    const ko = messages.ko;
    await expect(page.getByRole('heading', { level: 2, name: ko.expenses.title, exact: true })).toBeVisible();
    await expect(new ExpensesPanel(page, 'ko').transfers.locator('.visually-hidden')).toHaveText([
      ko.expenses.settle.transfer
        .replace('{{from}}', 'Jun')
        .replace('{{to}}', ko.expenses.you.replace('{{name}}', 'Minji'))
        .replace('{{amount}}', '₩35,000'),
    ]);
    await page.screenshot({ path: test.info().outputPath('expenses-ko.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.screenshot({ path: test.info().outputPath('expenses-ko-phone.png'), fullPage: true });
    const shareKo = new ShareDialog(page, 'ko');
    await shareKo.open();
    await expect(shareKo.member('Jun')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('share-dialog-ko.png') });
    await shareKo.close();

    // Jun cannot invite or change roles; he leaves the trip and it leaves his device.
    const shareB = new ShareDialog(b.page);
    await shareB.open();
    await expect(shareB.member('Minji')).toBeVisible();
    await expect(shareB.createLinkButton).toHaveCount(0);
    await expect(shareB.roleSelect('Minji')).toHaveCount(0);
    await shareB.leaveButton.click();
    await shareB.dialog.getByRole('button', { name: en.sharing.leave.action, exact: true }).click();
    await expect(b.page).toHaveURL(/\/trips$/);
    await expect(new TripsListPage(b.page).heading).toBeVisible();
    await expect(new TripsListPage(b.page).card(title)).toHaveCount(0);
    await b.page.goto(`/trips/${tripId}`);
    await expect(b.page.getByRole('heading', { level: 1, name: en.trips.notFoundTitle })).toBeVisible();
    await shareKo.open();
    await expect(shareKo.members).toHaveCount(1);
  } finally {
    await b.context.close();
  }
});

test('a viewer sees the trip without edit controls; a removed member loses the trip', async ({
  page,
  browser,
  stack,
  server,
  signUp,
}) => {
  test.setTimeout(180_000);
  const minji = await signUp('Minji');
  const sora = await signUp('Sora');
  const title = 'Gyeongju temples';
  const tripId = await createTrip(server, minji, title, {
    destination: { regionCode: '35', text: 'Gyeongju' },
  });

  await logIn(page, minji, `/trips/${tripId}`);
  const tripA = new TripPage(page);
  await expect(tripA.heading(title)).toBeVisible();
  const checklistA = new ChecklistPanel(page);
  await checklistA.open();
  await checklistA.add('Comfortable shoes');
  const shareA = new ShareDialog(page);
  await shareA.open();
  const link = await shareA.createInvite('viewer');
  await shareA.close();

  const b = await newDevice(browser, stack.baseURL);
  try {
    await logIn(b.page, sora, new URL(link).pathname);
    const invite = new InvitePage(b.page);
    await expect(invite.role('viewer')).toBeVisible();
    await invite.acceptButton.click();
    const tripB = new TripPage(b.page);
    await expect(tripB.heading(title)).toBeVisible();

    // Read-only: a notice, no edit link, no checklist or expense controls.
    await expect(b.page.getByText(en.trips.detail.viewerNotice)).toBeVisible();
    await expect(tripB.editLink).toHaveCount(0);
    const checklistB = new ChecklistPanel(b.page);
    await checklistB.open();
    await expect(checklistB.checkbox('Comfortable shoes')).toBeDisabled();
    await expect(checklistB.newItem).toHaveCount(0);
    await expect(checklistB.deleteButton('Comfortable shoes')).toHaveCount(0);
    const expensesB = new ExpensesPanel(b.page);
    await expensesB.open();
    await expect(expensesB.addButton).toHaveCount(0);
    await expect(b.page.getByText(en.expenses.emptyReadOnly).first()).toBeVisible();

    // The owner makes her an editor: after a reload she can add to the checklist, and Minji sees it.
    await shareA.open();
    await shareA.changeRole('Sora', 'editor');
    await shareA.close();
    await b.page.reload();
    await checklistB.open();
    await checklistB.add('Temple stay booking');
    await expect(checklistA.checkbox('Temple stay booking')).toBeVisible();

    // Removed: the trip disappears from Sora's list without her doing anything.
    const listB = new TripsListPage(b.page);
    await listB.goto();
    await expect(listB.card(title)).toBeVisible();
    await shareA.open();
    await shareA.removeMember('Sora');
    await expect(shareA.members).toHaveCount(1);
    await shareA.close();
    await expect(listB.card(title)).toHaveCount(0);
    await b.page.goto(`/trips/${tripId}`);
    await expect(b.page.getByRole('heading', { level: 1, name: en.trips.notFoundTitle })).toBeVisible();
  } finally {
    await b.context.close();
  }
});

test('both offline rename the same checklist item: the overwritten name is shown and can be restored', async ({
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
  const title = 'Jeonju food trip';
  const tripId = await createTrip(server, minji, title, {
    destination: { regionCode: '37', text: 'Jeonju hanok village' },
  });
  await addEditor(server, minji, jun, tripId);

  await logIn(page, minji, `/trips/${tripId}?tab=checklist`);
  const checklistA = new ChecklistPanel(page);
  await expect(checklistA.heading).toBeVisible();
  await checklistA.add('Charger');
  const shellA = new AppShell(page);
  await shellA.expectSyncState('synced');

  const b = await newDevice(browser, stack.baseURL);
  try {
    await logIn(b.page, jun, `/trips/${tripId}?tab=checklist`);
    const checklistB = new ChecklistPanel(b.page);
    await expect(checklistB.checkbox('Charger')).toBeVisible();
    const shellB = new AppShell(b.page);
    await shellB.expectSyncState('synced');

    // Both lose the network and rename the same item differently.
    await context.setOffline(true);
    await b.context.setOffline(true);
    await shellA.expectSyncState('offline');
    await shellB.expectSyncState('offline');
    await checklistA.rename('Charger', 'USB-C charger');
    await checklistB.rename('Charger', 'Phone charger');

    // Minji's edit reaches the server first; Jun's, arriving later, loses the same-field conflict.
    await context.setOffline(false);
    await shellA.expectSyncState('synced');
    await b.context.setOffline(false);
    await checklistB.expectTexts(['USB-C charger']);
    await checklistA.expectTexts(['USB-C charger']);
    const conflictB = new ConflictNotice(b.page);
    await expect(conflictB.yours('text', conflictB.quoted('Phone charger'))).toBeVisible();
    // Minji sees whose value was replaced.
    const conflictA = new ConflictNotice(page);
    await expect(conflictA.theirs('Jun', 'text', conflictA.quoted('Phone charger'))).toBeVisible();
    await b.page.screenshot({ path: test.info().outputPath('conflict-en.png'), fullPage: true });

    // Jun restores his name: it is written back and reaches Minji; the notes go away.
    await conflictB.restoreButton('text').click();
    await checklistB.expectTexts(['Phone charger']);
    await checklistA.expectTexts(['Phone charger']);
    await expect(conflictA.notices).toHaveCount(0);
    await expect(conflictB.notices).toHaveCount(0);
  } finally {
    await b.context.close();
  }
});
