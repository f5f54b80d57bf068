// The accessibility gate: axe-core on every main screen, in Korean and English, light and dark
// (the system's colour scheme, which the app follows until the user picks one) and at desktop
// (1280×800) and phone (360×740) widths. No violation of impact "serious" or "critical" may
// remain. Each screen's data is set up once; the 8 combinations are then switched in place.
// Nothing is excluded: the maps (Leaflet with the bundled outline of Korea) are checked too.
// With HAMGAJA_SCREENSHOTS=<dir>, every combination is also captured there.
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, type Account } from './fixtures.js';
import { ChecklistPanel } from './pages/checklist-panel.js';
import { ExpensesPanel } from './pages/expenses-panel.js';
import { ShareDialog } from './pages/share-dialog.js';
import {
  AppShell,
  AttractionDetailPage,
  BoardListPage,
  CatalogSearchPage,
  LoginPage,
  messages,
  PostViewPage,
  ShareTripDialog,
  type Language,
  type StopFields,
} from './pages/index.js';
import { addEditor, attractionId, createTripOnServer, logIn } from './trip-session.js';

const LANGUAGES = ['ko', 'en'] as const satisfies readonly Language[];
const THEMES = ['light', 'dark'] as const;
const SIZES = {
  '1280': { width: 1280, height: 800 },
  '360': { width: 360, height: 740 },
} as const;
const DESKTOP = SIZES['1280'];

// No service worker: a page's code then comes from the network (the error screen needs that),
// and the tests run side by side on the two workers.
test.use({ serviceWorkers: 'block', viewport: DESKTOP });
// Each screen is checked 8 times; on the shared 2-core machine a test takes a minute or two.
test.describe.configure({ mode: 'parallel', timeout: 240_000 });

/** WCAG 2.0 and 2.1, A and AA, plus best practice; the accessible name must contain the visible label. */
function axe(page: Page): AxeBuilder {
  return (
    new AxeBuilder({ page })
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      // axe.run in the page itself: the app has no cross-origin frames, and the default opens a
      // blank page per run to merge frame results (over twice the time for the same result).
      .setLegacyMode()
  );
}

interface Screen {
  name: string;
  /** Waits until the screen shows its content in `language` (after a switch of language, theme or size). */
  ready: (language: Language) => Promise<void>;
  /** A modal dialog hides the header's language switch: it is opened after each switch and closed before the next. */
  dialog?: { open: (language: Language) => Promise<void>; close: () => Promise<void> };
}

interface Finding {
  impact: string;
  rule: string;
  help: string;
  helpUrl: string;
  target: string;
  html: string;
  /** What failed, with the combinations where it did. */
  details: Map<string, string[]>;
}

function report(screen: string, findings: Finding[]): string {
  const lines = [`${screen}: ${findings.length} serious/critical axe violation(s)`];
  for (const f of findings) {
    lines.push(`  [${f.impact}] ${f.rule}: ${f.help} (${f.helpUrl})`);
    lines.push(`    element ${f.target}   ${f.html}`);
    for (const [detail, combos] of f.details) lines.push(`      ${combos.join(', ')}: ${detail}`);
  }
  return lines.join('\n');
}

function screenshotPath(name: string): string | null {
  const dir = process.env.HAMGAJA_SCREENSHOTS;
  return dir ? `${dir}/${name}.png` : null;
}

/** Runs axe on `screen` in every language × theme × width; fails (softly, per screen) on serious or critical findings. */
async function audit(page: Page, shell: AppShell, screen: Screen): Promise<void> {
  await test.step(`axe: ${screen.name}`, async () => {
    const findings = new Map<string, Finding>();
    for (const language of LANGUAGES) {
      await page.setViewportSize(DESKTOP);
      await screen.dialog?.close();
      if ((await page.locator('html').getAttribute('lang')) !== language)
        await shell.switchLanguage(language);
      await screen.dialog?.open(language);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await expect(page.locator('html')).toHaveCSS('color-scheme', theme);
        for (const [width, size] of Object.entries(SIZES)) {
          const combo = `${language}·${theme}·${width}`;
          await page.setViewportSize(size);
          await screen.ready(language);
          const path = screenshotPath(`${screen.name}-${language}-${theme}-${width}`);
          // A modal's fixed backdrop does not stitch into a full-page capture: the viewport then.
          if (path) await page.screenshot({ path, fullPage: !screen.dialog });
          const { violations } = await axe(page).analyze();
          for (const v of violations) {
            if (v.impact !== 'serious' && v.impact !== 'critical') continue;
            for (const node of v.nodes) {
              const target = node.target.join(' ');
              const key = `${v.id} ${target}`;
              const finding = findings.get(key) ?? {
                impact: v.impact,
                rule: v.id,
                help: v.help,
                helpUrl: v.helpUrl,
                target,
                html: node.html.replace(/\s+/g, ' ').slice(0, 160),
                details: new Map<string, string[]>(),
              };
              const detail =
                [...node.any, ...node.all, ...node.none].map((check) => check.message).join(' / ') ||
                (node.failureSummary ?? '').replace(/\s+/g, ' ');
              finding.details.set(detail, [...(finding.details.get(detail) ?? []), combo]);
              findings.set(key, finding);
            }
          }
        }
      }
    }
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await screen.dialog?.close();
    const found = [...findings.values()];
    expect.soft(found.length, report(screen.name, found)).toBe(0);
  });
}

const auth = (account: Account) => ({ authorization: `Bearer ${account.accessToken}` });

const main = (page: Page) => page.getByRole('main');
const h1 = (page: Page) => main(page).getByRole('heading', { level: 1 });

test('public screens: home, log-in, sign-up, forgot password, not found, page error', async ({
  page,
  server,
}) => {
  const shell = new AppShell(page);
  const t = (language: Language) => messages[language];

  await page.goto('/');
  await audit(page, shell, {
    name: 'home',
    ready: async () => {
      await expect(h1(page)).toBeVisible();
    },
  });

  await page.goto('/login');
  await audit(page, shell, {
    name: 'login',
    ready: async (language) => {
      await expect(new LoginPage(page, language).heading).toBeVisible();
    },
  });

  await page.goto('/signup');
  await audit(page, shell, {
    name: 'signup',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).auth.signup.title);
    },
  });

  await page.goto('/forgot-password');
  await audit(page, shell, {
    name: 'forgot-password',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).auth.forgot.title);
    },
  });

  await page.goto('/no-such-page');
  await audit(page, shell, {
    name: 'not-found',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).notFound.title);
    },
  });

  // A page whose code cannot load shows the error screen.
  const id = await attractionId(server, '해운대해수욕장');
  await page.route(/\/assets\/AttractionPage-[\w-]+\.js$/, (route) => route.abort());
  await page.goto(`/attractions/${id}`);
  await audit(page, shell, {
    name: 'page-error',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).pageError.title);
    },
  });
});

/** An owner's trip shared with an editor, open on the owner's page; `stops` are added through the stop dialog. */
async function openSharedTrip(
  page: Page,
  server: APIRequestContext,
  signUp: (displayName?: string) => Promise<Account>,
  stops: (StopFields & { name: string })[],
) {
  const owner = await signUp('Kim Minji');
  const friend = await signUp('Park Jun');
  const title = 'Busan coast weekend';
  const tripId = await createTripOnServer(server, owner, title);
  await addEditor(server, owner, friend, tripId);
  const { shell, trip } = await logIn(page, owner);
  await trip.goto(tripId, title);
  for (const stop of stops) await trip.addStop(stop);
  const tab = (name: 'schedule' | 'checklist' | 'expenses') =>
    page.getByRole('tab', { name: messages[shell.language].trips.detail.tabs[name], exact: true });
  return { shell, trip, friend, tab };
}

test('a trip with stops: schedule in columns and as a timeline, the stop dialog', async ({
  page,
  server,
  signUp,
}) => {
  // One stop of each category: each label has its own colour.
  const { shell, trip, tab } = await openSharedTrip(page, server, signUp, [
    {
      day: 1,
      name: 'Haeundae beach walk',
      category: 'sightseeing',
      startTime: '09:30',
      duration: '90',
      cost: '0',
      note: 'Bring sunscreen',
    },
    { day: 1, name: 'Milmyeon lunch', category: 'food', startTime: '12:30', cost: '9000' },
    { day: 1, name: 'Guesthouse check-in', category: 'lodging', startTime: '15:00' },
    { day: 2, name: 'Gukje market', category: 'shopping' },
    { day: 2, name: 'Gamcheon village', category: 'activity', startTime: '10:00' },
    { day: 2, name: 'Subway to Seomyeon', category: 'transport' },
    { day: 2, name: 'Free evening', category: 'other' },
  ]);
  await shell.expectSyncState('synced');

  const schedule = async (view: 'columns' | 'timeline') => {
    await tab('schedule').click();
    await trip.viewButton(view).click();
    await expect(trip.viewButton(view)).toHaveAttribute('aria-pressed', 'true');
  };
  const stopsShown = async (language: Language) => {
    trip.language = language;
    await expect(trip.stop('Haeundae beach walk')).toBeVisible();
    await expect(trip.stop('Free evening')).toBeVisible();
  };

  await schedule('columns');
  await audit(page, shell, { name: 'trip-columns', ready: stopsShown });
  await schedule('timeline');
  await audit(page, shell, { name: 'trip-timeline', ready: stopsShown });
  await schedule('columns');

  await audit(page, shell, {
    name: 'stop-dialog',
    ready: async (language) => {
      await expect(
        trip.dialog.getByRole('button', { name: messages[language].trips.stop.save, exact: true }),
      ).toBeVisible();
    },
    dialog: {
      open: async (language) => {
        trip.language = language;
        await trip.editButton('Haeundae beach walk').click();
        await expect(trip.dialog).toBeVisible();
      },
      close: async () => {
        if (!(await trip.dialog.isVisible())) return;
        await page.keyboard.press('Escape');
        await expect(trip.dialog).toBeHidden();
      },
    },
  });
});

test('a trip with stops: checklist, expenses and budget, the sharing dialogs', async ({
  page,
  server,
  signUp,
}) => {
  const { shell, tab } = await openSharedTrip(page, server, signUp, [
    { day: 1, name: 'Haeundae beach walk', category: 'sightseeing', startTime: '09:30', cost: '5000' },
  ]);
  const checklist = new ChecklistPanel(page);
  await checklist.open();
  await checklist.add('Passport');
  await checklist.add('Beach towel');
  await checklist.checkbox('Passport').check();
  const expenses = new ExpensesPanel(page);
  await expenses.open();
  await expenses.add({ amount: '36000', category: 'food', note: 'Dinner', split: { 'Park Jun': true } });
  await expect(expenses.transfers).toHaveCount(1);
  await shell.expectSyncState('synced');

  await tab('checklist').click();
  await audit(page, shell, {
    name: 'trip-checklist',
    ready: async (language) => {
      await expect(new ChecklistPanel(page, language).heading).toBeVisible();
      await expect(checklist.checkbox('Passport')).toBeChecked();
    },
  });

  await tab('expenses').click();
  await audit(page, shell, {
    name: 'trip-expenses',
    ready: async (language) => {
      const panel = new ExpensesPanel(page, language);
      await expect(panel.budget).toBeVisible();
      await expect(panel.transfers).toHaveCount(1);
    },
  });

  await tab('schedule').click();
  // With a link just made and the active invites listed.
  const share = new ShareDialog(page, shell.language);
  await share.open();
  await share.createInvite('viewer');
  await audit(page, shell, {
    name: 'trip-share-dialog',
    ready: async (language) => {
      await expect(new ShareDialog(page, language).member('Park Jun')).toBeVisible();
    },
    dialog: {
      open: async (language) => {
        await new ShareDialog(page, language).open();
      },
      close: async () => {
        const share = new ShareDialog(page, shell.language);
        if (await share.dialog.isVisible()) await share.close();
      },
    },
  });

  await audit(page, shell, {
    name: 'trip-share-to-board-dialog',
    ready: async (language) => {
      await expect(new ShareTripDialog(page, language).dialog).toBeVisible();
    },
    dialog: {
      open: async (language) => {
        const share = new ShareTripDialog(page, language);
        await share.openButton.click();
        await expect(share.dialog).toBeVisible();
      },
      close: async () => {
        const dialog = new ShareTripDialog(page, shell.language).dialog;
        if (!(await dialog.isVisible())) return;
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();
      },
    },
  });
});

test('trips list, new trip, post editor, my page', async ({ page, server, signUp }) => {
  const account = await signUp('Lee Seoyeon');
  const tripTitle = 'Gyeongju temples';
  await createTripOnServer(server, account, tripTitle, {
    destination: { regionCode: '35', text: 'Gyeongju' },
  });
  const { shell } = await logIn(page, account);
  const t = (language: Language) => messages[language];
  // The logo and the account button are named by the words they show, then by what they do.
  const { app, header } = t('en');
  await expect(
    shell.header.getByRole('link', { name: `${app.name} ${app.nameLatin} ${app.homeLink}`, exact: true }),
  ).toBeVisible();
  await expect(
    shell.header.getByRole('button', { name: `${account.displayName} ${header.accountMenu}`, exact: true }),
  ).toBeVisible();

  await page.goto('/trips');
  await audit(page, shell, {
    name: 'trips-list',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).trips.title);
      await expect(main(page).getByRole('link').filter({ hasText: tripTitle })).toBeVisible();
    },
  });

  await page.goto('/trips/new');
  await audit(page, shell, {
    name: 'trip-new',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).trips.form.newTitle);
    },
  });

  await page.goto('/board/new');
  await audit(page, shell, {
    name: 'post-editor',
    ready: async (language) => {
      await expect(page.getByLabel(t(language).board.form.title, { exact: true })).toBeVisible();
    },
  });

  await page.goto('/me');
  await audit(page, shell, {
    name: 'my-page',
    ready: async () => {
      await expect(h1(page)).toBeVisible();
      await expect(main(page).getByText(account.email).first()).toBeVisible();
    },
  });
});

test('catalog search with results, a place, the board, a post with a comment', async ({
  page,
  server,
  signUp,
}) => {
  const account = await signUp('Lee Seoyeon');
  const commenter = await signUp('Choi Dawon');
  const postTitle = `Jeju in three days ${randomBytes(3).toString('hex')}`;
  const created = await server.post('/api/posts', {
    headers: auth(account),
    data: { title: postTitle, body: 'Three days around the island.\nTake the coastal bus.' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const postId = ((await created.json()) as { id: string }).id;
  const comment = await server.post(`/api/posts/${postId}/comments`, {
    headers: auth(commenter),
    data: { body: 'Thanks, the bus tip helped!' },
  });
  expect(comment.status(), await comment.text()).toBe(201);
  const placeId = await attractionId(server, '해운대해수욕장');
  const { shell } = await logIn(page, account);
  const t = (language: Language) => messages[language];

  const search = new CatalogSearchPage(page);
  await search.goto();
  await search.search('해수욕장');
  await expect(search.result('해운대해수욕장')).toBeVisible();
  await audit(page, shell, {
    name: 'catalog-search',
    ready: async (language) => {
      const results = new CatalogSearchPage(page, language);
      await expect(results.heading).toBeVisible();
      await expect(results.result('해운대해수욕장')).toBeVisible();
      await expect(page.locator('.catalog-map', { has: results.map })).toHaveAttribute('data-ready', 'true');
    },
  });

  await page.goto(`/attractions/${placeId}`);
  await audit(page, shell, {
    name: 'place',
    ready: async (language) => {
      const place = new AttractionDetailPage(page, language);
      await expect(place.heading('해운대해수욕장')).toBeVisible();
      await expect(place.addToTrip).toBeVisible();
      await expect(page.locator('.attraction-location .catalog-map')).toHaveAttribute('data-ready', 'true');
    },
  });

  await new BoardListPage(page).goto(`?q=${encodeURIComponent(postTitle)}`);
  await audit(page, shell, {
    name: 'board-list',
    ready: async (language) => {
      await expect(h1(page)).toHaveText(t(language).board.title);
      await expect(new BoardListPage(page, language).row(postTitle)).toBeVisible();
    },
  });

  await page.goto(`/board/${postId}`);
  await audit(page, shell, {
    name: 'post',
    ready: async (language) => {
      const post = new PostViewPage(page, language);
      await expect(post.heading(postTitle)).toBeVisible();
      await expect(post.comment('Thanks, the bus tip helped!')).toBeVisible();
      await expect(post.editLink).toBeVisible();
    },
  });
});
