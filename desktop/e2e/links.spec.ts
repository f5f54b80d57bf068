// Links people receive point to the address they use the app at, not to a configured default:
// a stack of its own with PUBLIC_URL unset (so the server's default applies) and a local SMTP
// inbox. Invite links are built by the page from its own origin; a password reset link from the
// origin the request names, which the server checks against its allow-list (PUBLIC_URL, the
// CORS origins, its own address), so nobody can make it mail links to another site.
import { request as playwrightRequest, type APIRequestContext, type Browser } from '@playwright/test';
import { expect, newCredentials, test, type Account } from './fixtures.js';
import { AppShell, LoginPage, messages, TripPage } from './pages/index.js';
import { ShareDialog } from './pages/share-dialog.js';
import { startStack, type Stack } from './stack.js';
import { createTripOnServer } from './trip-session.js';
import { startInbox, type Inbox } from '../../sync-server/test/inbox.js';

const en = messages.en;

/** Where the screenshots go (outside the repository); unset: the test's output. */
function screenshotPath(name: string): string {
  const dir = process.env.HAMGAJA_SCREENSHOTS;
  return dir ? `${dir}/${name}.png` : test.info().outputPath(`${name}.png`);
}

let inbox: Inbox;
let stack: Stack;
let api: APIRequestContext;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  inbox = await startInbox();
  stack = await startStack({
    instances: 1,
    database: 'sqlite',
    // PUBLIC_URL unset: the server's own default applies (the instance runs on its own PORT).
    env: { PUBLIC_URL: '', SMTP_URL: inbox.url, LOG_LEVEL: 'error' },
  });
  api = await playwrightRequest.newContext({ baseURL: stack.instances[0]!.url });
});

test.afterAll(async () => {
  await api?.dispose();
  await stack?.stop();
  await inbox?.close();
});

async function signUpOnStack(name: string): Promise<Account> {
  const credentials = newCredentials(name);
  const res = await api.post('/api/auth/signup', { data: credentials });
  expect(res.status(), await res.text()).toBe(201);
  return { ...credentials, ...((await res.json()) as Omit<Account, keyof typeof credentials>) };
}

async function openApp(browser: Browser, language: 'en' | 'ko' = 'en') {
  const context = await browser.newContext({
    baseURL: stack.baseURL,
    locale: language === 'ko' ? 'ko-KR' : 'en-US',
    timezoneId: 'Asia/Seoul',
  });
  return { context, page: await context.newPage() };
}

test('an invite link points to the address the owner uses the app at', async ({ browser }) => {
  const owner = await signUpOnStack('Link Owner');
  const title = 'Andong hanok stay';
  const tripId = await createTripOnServer(api, owner, title);
  const { context, page } = await openApp(browser);
  try {
    await page.goto('/login');
    await new LoginPage(page).logIn(owner);
    await new AppShell(page).expectLoggedIn(owner.displayName);
    const trip = new TripPage(page);
    await trip.goto(tripId, title);
    const share = new ShareDialog(page);
    await share.open();
    const link = await share.createInvite('viewer');
    expect(link).toMatch(new RegExp(`^${stack.baseURL}/invite/[\\w-]+$`));
    await page.screenshot({ path: screenshotPath('invite-link-en') });
    await share.close();

    // The link works: it opens the invite in the app.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(stack.baseURL);
  } finally {
    await context.close();
  }
});

test('a password reset link points to the address the request came from', async ({ browser }) => {
  const account = await signUpOnStack('Forgetful Oh');
  const { context, page } = await openApp(browser);
  try {
    await page.goto('/forgot-password');
    await page.getByRole('textbox', { name: en.auth.forgot.email, exact: true }).fill(account.email);
    await page.getByRole('main').getByRole('button', { name: en.auth.forgot.submit, exact: true }).click();
    await expect(page.getByText(en.auth.forgot.sentTitle)).toBeVisible();
    await page.screenshot({ path: screenshotPath('reset-requested-en') });
    const mail = await inbox.mailTo(account.email);
    const match = /(https?:\/\/[^\s/]+)\/reset-password\?token=([\w%-]+)/.exec(mail.text ?? '');
    expect(match, mail.text).toBeTruthy();
    expect(match![1]).toBe(stack.baseURL);
    expect(mail.html).toContain(`${stack.baseURL}/reset-password?token=`);

    // The link opens the reset page of this app.
    await page.goto(`${match![1]}/reset-password?token=${match![2]}`);
    await expect(page.getByRole('heading', { name: en.auth.reset.title })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the server refuses to mail a reset link to an origin it does not serve', async () => {
  const account = await signUpOnStack('Targeted Kang');
  const before = inbox.mails.length;
  const res = await api.post('/api/auth/password-reset/request', {
    data: { email: account.email, origin: 'https://evil.example' },
  });
  expect(res.status()).toBe(400);
  expect(res.headers()['content-type']).toMatch(/^application\/problem\+json/);
  expect(await res.json()).toMatchObject({ status: 400, code: 'origin_not_allowed' });
  // Not an origin at all: refused the same way.
  const odd = await api.post('/api/auth/password-reset/request', {
    data: { email: account.email, origin: 'javascript:alert(1)' },
  });
  expect(odd.status()).toBe(400);
  // The server's own address is fine (someone using it directly, e.g. PORT=18537 without Nginx).
  const own = await api.post('/api/auth/password-reset/request', {
    data: { email: account.email, origin: stack.instances[0]!.url },
  });
  expect(own.status(), await own.text()).toBe(202);
  const mail = await inbox.mailTo(account.email);
  expect(mail.text).toContain(`${stack.instances[0]!.url}/reset-password?token=`);
  expect(inbox.mails.slice(before).every((m) => !(m.text ?? '').includes('evil.example'))).toBe(true);
  // Without an origin (an older client) the link uses PUBLIC_URL's default: the server's own address and port.
  const other = await signUpOnStack('Old Client Jo');
  const plain = await api.post('/api/auth/password-reset/request', { data: { email: other.email } });
  expect(plain.status()).toBe(202);
  const port = new URL(stack.instances[0]!.url).port;
  expect((await inbox.mailTo(other.email)).text).toContain(`http://localhost:${port}/reset-password?token=`);
});
