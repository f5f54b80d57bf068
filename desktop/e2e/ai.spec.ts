// The AI trip assistant in the browser against its own stack (Nginx + built server + MariaDB)
// whose OpenAI-compatible endpoint is a local fake server (the real streaming protocol) that
// this spec scripts: an attraction tip with "another tip", a streamed draft whose kept stops
// land in the trip, a cancelled draft, and the buttons' reasons when offline or AI is off
// (where the draft button offers a catalog suggestion: draft-catalog.spec.ts).
import { randomBytes } from 'node:crypto';
import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { FakeOpenAI } from '../../sync-server/src/ai/fake-openai.js';
import { expect, newCredentials, test, type Account } from './fixtures.js';
import { AiDraftDialog, AiTipPanel, AttractionDetailPage, TripFormPage, TripPage } from './pages/index.js';
import { startStack, WEB_ROOT, type Stack } from './stack.js';
import { logIn } from './trip-session.js';

type Place = { id: string; title: string };

let fake: FakeOpenAI;
let stack: Stack;
/** Busan places the server offers the model (the first by name of each type, as the server picks them). */
let offered: Place[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  fake = await new FakeOpenAI().start();
  stack = await startStack({
    instances: 1,
    webRoot: WEB_ROOT,
    env: {
      OPENAI_API_KEY: 'sk-e2e-fake',
      OPENAI_BASE_URL: fake.url,
      OPENAI_MODEL: 'fake-e2e',
      // A stalled stream must end only by the client's cancel.
      AI_TIMEOUT_MS: '120000',
      AI_MAX_RETRIES: '0',
      AI_RATE_LIMIT: '1000',
    },
  });
  const api = await playwrightRequest.newContext({ baseURL: stack.instances[0]!.url });
  const res = await api.get('/api/attractions?sido=6&type=12&sort=name&pageSize=10');
  expect(res.status()).toBe(200);
  offered = ((await res.json()) as { items: Place[] }).items.slice(0, 3);
  expect(offered.length).toBe(3);
  await api.dispose();
});

test.afterAll(async () => {
  await stack?.stop();
  await fake?.stop();
});

test.beforeEach(() => fake.reset());

async function signUpOnStack(): Promise<Account> {
  const api = await playwrightRequest.newContext({ baseURL: stack.instances[0]!.url });
  const credentials = newCredentials('AI Traveller');
  const res = await api.post('/api/auth/signup', { data: credentials });
  expect(res.status(), await res.text()).toBe(201);
  const account = { ...credentials, ...((await res.json()) as Omit<Account, keyof typeof credentials>) };
  await api.dispose();
  return account;
}

async function openApp(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: stack.baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
  });
  const page = await context.newPage();
  await logIn(page, await signUpOnStack());
  return { context, page };
}

async function busanTrip(page: Page): Promise<{ title: string; trip: TripPage }> {
  const title = `Busan with AI ${randomBytes(3).toString('hex')}`;
  await page.goto('/trips/new');
  await new TripFormPage(page).createTrip({
    title,
    region: 'Busan',
    startDate: '2027-07-01',
    endDate: '2027-07-02',
  });
  const trip = new TripPage(page);
  await expect(trip.heading(title)).toBeVisible();
  return { title, trip };
}

const draftAnswer = (stops: object[]) =>
  JSON.stringify({ title: 'Busan days', summary: 'Sea and markets', stops });

test('an attraction tip, then another one, in the reader’s language', async ({ browser }) => {
  const { context, page } = await openApp(browser);
  const place = offered[0]!;
  fake.reply(
    { kind: 'answer', content: 'Arrive before 9 am to have the view to yourself.' },
    { kind: 'answer', content: 'Walk the coastal path at sunset for the best photos.' },
  );
  await page.goto(`/attractions/${place.id}`);
  await expect(new AttractionDetailPage(page).heading(place.title)).toBeVisible();
  const tip = new AiTipPanel(page);
  await tip.getButton.click();
  await expect(tip.panel).toContainText('Arrive before 9 am to have the view to yourself.');
  await tip.anotherButton.click();
  await expect(tip.panel).toContainText('Walk the coastal path at sunset for the best photos.');
  expect(fake.requests).toHaveLength(2);
  // The model was asked in English, for this place.
  expect(JSON.stringify(fake.requests[0]!.body.messages)).toContain(place.title);
  await context.close();
});

test('draft my days: stops stream in, an invented place is dropped, kept stops join the trip', async ({
  browser,
}) => {
  const { context, page } = await openApp(browser);
  const { trip } = await busanTrip(page);
  const [first, second, third] = offered as [Place, Place, Place];
  fake.reply({
    kind: 'answer',
    chunks: 16,
    content: draftAnswer([
      { day: 1, placeId: first.id, startTime: '09:30', durationMinutes: 90, note: 'Go early' },
      { day: 1, placeId: '999999999', startTime: '11:30', durationMinutes: 60, note: 'Invented' },
      { day: 1, placeId: second.id, startTime: '13:00', durationMinutes: 60, note: 'After lunch' },
      { day: 2, placeId: third.id, startTime: '10:00', durationMinutes: 120, note: 'Slow morning' },
    ]),
  });
  const draft = new AiDraftDialog(page);
  await draft.open();
  await draft.draft({ days: '2', interests: 'beaches, markets', pace: 'relaxed', budget: '200000' });
  await expect(draft.stops).toHaveCount(3);
  await expect(draft.status).toContainText('Draft ready. Stops: 3');
  await expect(draft.status).toContainText('Left out, not in our catalog: 1');
  await expect(draft.dialog).not.toContainText('Invented');
  // The request carried the form: Busan, two days, the interests and the budget.
  const sent = JSON.stringify(fake.requests[0]!.body.messages);
  expect(sent).toContain('beaches');
  expect(sent).toContain(first.title);

  // Keep two of three.
  await draft.stop(second.title).uncheck();
  await draft.addSelected(2);
  await expect(
    page.getByRole('status').filter({ hasText: 'Stops added from the AI draft: 2' }),
  ).toBeVisible();
  await trip.expectStops(1, [first.title]);
  await trip.expectStops(2, [third.title]);
  await context.close();
});

test('a draft can be stopped while it streams; the server stops the model too', async ({ browser }) => {
  const { context, page } = await openApp(browser);
  await busanTrip(page);
  fake.reply({ kind: 'stall', pieces: ['{"title":"Busan","summary":"x","stops":[{"day":1,'] });
  const draft = new AiDraftDialog(page);
  await draft.open();
  await draft.draft({ days: '1' });
  await expect(draft.cancelButton).toBeVisible();
  await expect.poll(() => fake.requests.length).toBe(1);
  await draft.cancelButton.click();
  await expect(draft.status).toContainText('Stopped.');
  // The browser's abort reached the model call: the fake saw its client hang up.
  expect(await fake.requests[0]!.ended).toBe(true);
  await context.close();
});

test('offline, the AI buttons are disabled and say why', async ({ browser }) => {
  const { context, page } = await openApp(browser);
  await busanTrip(page);
  const draft = new AiDraftDialog(page);
  await expect(draft.openButton).toBeEnabled();
  await context.setOffline(true);
  await expect(draft.openButton).toBeDisabled();
  await expect(page.getByText(draft.t.offline)).toBeVisible();
  await context.setOffline(false);
  await expect(draft.openButton).toBeEnabled();
  await context.close();
});

test('without a key on the server, drafts are not off: the button offers a catalog suggestion', async ({
  page,
  signUp,
}) => {
  // The shared stack runs without OPENAI_API_KEY (draft-catalog.spec.ts drafts there).
  await logIn(page, await signUp('No AI'));
  await busanTrip(page);
  const draft = new AiDraftDialog(page, 'en', 'catalog');
  await expect(draft.openButton).toBeEnabled();
  await expect(page.getByText(draft.t.draft.catalogHint)).toBeVisible();
  await expect(page.getByText(draft.t.disabled)).toBeHidden();
});
