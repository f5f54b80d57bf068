// Item 6 of the planner proof: switching Korean ↔ English changes every visible string on the
// main screens (home, trips list, trip page, stop dialog, my page). On each screen the visible
// text (text nodes and placeholders) is collected in English, the language is switched, and
// none of the English interface strings may remain; switching back, no Hangul may remain.
// Strings the user typed (trip title, stop, note, name, e-mail) are left out of both checks.
// Screenshots of each screen in both languages are saved with the test's results.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { type AppShell, TripFormPage, TripsListPage } from './pages/index.js';
import { logIn } from './trip-session.js';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
/** Written the same in both languages on purpose: the brand (with its Hangul wordmark) and each language's own name. */
const SAME_IN_BOTH = new Set(['Hamgaja', '함가자', 'English', '한국어']);

/** Every visible string on the page: text nodes of rendered elements and input placeholders. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const shown = (el: Element | null): el is Element => {
      if (!el || el.closest('option, script, style, template, noscript')) return false;
      // What people wrote (other users' posts and names on shared screens) is not interface text.
      if (el.closest('[data-user-content]')) return false;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      // Text only for screen readers (e.g. .visually-hidden, clipped to 1 px) is not visible.
      const rect = el.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text && shown(node.parentElement)) out.add(text);
    }
    for (const input of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input[placeholder], textarea[placeholder]',
    )) {
      if (shown(input) && !input.value && input.placeholder.trim()) out.add(input.placeholder.trim());
    }
    return [...out];
  });
}

/** Interface strings only: with letters, not typed by the user (nor the avatar's initial), not the same in both languages. */
function interfaceStrings(texts: string[], userData: readonly string[]): string[] {
  return texts.filter(
    (text) =>
      /\p{L}/u.test(text) &&
      !SAME_IN_BOTH.has(text) &&
      !userData.some((data) => text.includes(data) || (text.length <= 2 && data.startsWith(text))),
  );
}

/**
 * On the current screen (in English, loaded): English → Korean must replace every English
 * string, Korean → English every Korean one. Saves a screenshot in each language.
 */
async function checkScreen(
  page: Page,
  shell: AppShell,
  name: string,
  userData: readonly string[],
  ready: (language: 'en' | 'ko') => Promise<void>,
): Promise<void> {
  // A full-page capture would stitch a modal dialog's fixed backdrop badly: the viewport then.
  const fullPage = !(await page.getByRole('dialog').isVisible());
  await test.step(`${name}: English ↔ Korean`, async () => {
    await ready('en');
    const english = interfaceStrings(await visibleTexts(page), userData);
    expect(english.length, `${name}: English strings found`).toBeGreaterThan(3);
    expect(
      english.filter((text) => HANGUL.test(text)),
      `${name}: Hangul in English mode`,
    ).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`${name}-en.png`), fullPage });

    await shell.switchLanguage('ko');
    await ready('ko');
    // Every English interface string is gone (polled: lazy parts re-render after the switch).
    await expect
      .poll(
        async () => {
          const now = new Set(await visibleTexts(page));
          return english.filter((text) => now.has(text));
        },
        { message: `${name}: English strings left in Korean mode` },
      )
      .toEqual([]);
    const korean = interfaceStrings(await visibleTexts(page), userData);
    expect(
      korean.filter((text) => HANGUL.test(text)).length,
      `${name}: Korean strings found`,
    ).toBeGreaterThan(3);
    await page.screenshot({ path: test.info().outputPath(`${name}-ko.png`), fullPage });

    await shell.switchLanguage('en');
    await ready('en');
    await expect
      .poll(
        async () => interfaceStrings(await visibleTexts(page), userData).filter((text) => HANGUL.test(text)),
        {
          message: `${name}: Korean strings left in English mode`,
        },
      )
      .toEqual([]);
  });
}

test('switching Korean ↔ English changes every visible string on the main screens', async ({
  page,
  signUp,
}) => {
  test.setTimeout(180_000);
  const account = await signUp('Traveller Kim');
  const a = await logIn(page, account);
  const shell = a.shell;

  // A trip with a stop that has a time, a duration, a cost and a note, so the cards show them all.
  await page.goto('/trips/new');
  const tripTitle = 'Jeju spring escape';
  const tripId = await new TripFormPage(page).createTrip({
    title: tripTitle,
    region: 'Jeju',
    startDate: '2027-04-10',
    endDate: '2027-04-12',
  });
  const stopName = 'Seongsan sunrise peak';
  const note = 'Climb before dawn';
  await a.trip.addStop({ day: 1, name: stopName, startTime: '05:30', duration: '90', cost: '5000', note });
  await shell.expectSyncState('synced');
  const userData = [tripTitle, stopName, note, account.displayName, account.email];

  await page.goto('/');
  await checkScreen(page, shell, 'home', userData, async (l) => {
    await expect(page.locator('html')).toHaveAttribute('lang', l);
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  });

  await page.goto('/trips');
  const list = new TripsListPage(page);
  await checkScreen(page, shell, 'trips-list', userData, async (l) => {
    list.language = l;
    await expect(list.heading).toBeVisible();
    await expect(list.card(tripTitle)).toBeVisible();
  });

  await a.trip.goto(tripId, tripTitle);
  await checkScreen(page, shell, 'trip', userData, async (l) => {
    a.trip.language = l;
    await expect(a.trip.stop(stopName)).toContainText(note);
    await expect(a.trip.editButton(stopName)).toBeVisible();
  });

  await a.trip.editButton(stopName).click();
  await expect(a.trip.dialog).toBeVisible();
  await checkScreen(page, shell, 'stop-dialog', userData, async (l) => {
    a.trip.language = l;
    await expect(
      a.trip.dialog.getByRole('button', { name: a.trip.t.trips.stop.save, exact: true }),
    ).toBeVisible();
  });
  await page.keyboard.press('Escape');
  await expect(a.trip.dialog).toBeHidden();

  await page.goto('/me');
  await checkScreen(page, shell, 'my-page', userData, async (l) => {
    await expect(page.locator('html')).toHaveAttribute('lang', l);
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByText(account.email).first()).toBeVisible();
  });
});
