// The Map view measurement (run by bench/client.bench.ts): a trip of `count` stops with
// coordinates on the server, opened in the built app; the time from choosing "Map" in the
// schedule's view switch to the frame that shows every marker (Leaflet's chunk loaded and run,
// basemap, markers and routes drawn).
import { writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { initialOrderKeys, syncedCollections, type Stop, type Trip } from '@hamgaja/shared';
import { LoginPage, TripPage } from '../e2e/pages/index.js';
import { TripMapView } from '../e2e/pages/trip-map.js';

export interface MapBenchAccount {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
}

const DAYS = 7;

/** The same trip each time: `count` stops over a week in Seoul, every one with coordinates. */
function documents(ownerId: string, count: number): { trip: Trip; stops: Stop[] } {
  const id = `bench-map-${Math.random().toString(36).slice(2, 10)}`;
  let seed = 7;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const keys = initialOrderKeys(count);
  return {
    trip: {
      id,
      title: 'Bench map trip',
      description: '',
      destination: { regionCode: '1', text: 'Seoul' },
      startDate: '2027-05-01',
      endDate: `2027-05-0${DAYS}`,
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      plannedBudget: null,
      coverImage: null,
      notes: '',
      ownerId,
    },
    stops: Array.from({ length: count }, (_, i) => ({
      id: `${id}-stop-${i}`,
      tripId: id,
      day: i % DAYS,
      orderKey: keys[i]!,
      startTime: null,
      durationMinutes: 60,
      place: { name: `Place ${i + 1}`, lat: 37.46 + random() * 0.18, lng: 126.86 + random() * 0.28 },
      category: 'sightseeing',
      cost: null,
      note: '',
      travelMode: null,
    })),
  };
}

async function push(url: string, account: MapBenchAccount, collection: 'trips' | 'stops', docs: object[]) {
  const res = await fetch(`${url}/api/sync/${collection}/push`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${account.accessToken}`,
      'x-hamgaja-schema-version': String(syncedCollections[collection].version),
      'content-type': 'application/json',
    },
    body: JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }))),
  });
  const conflicts = (await res.json()) as unknown[];
  if (!res.ok || conflicts.length > 0)
    throw new Error(
      `map bench: pushing ${collection} failed: HTTP ${res.status}, ${JSON.stringify(conflicts)}`,
    );
}

type Timing = { ms: number; phases: string };

/**
 * Clicks "Map" and resolves with the milliseconds until the frame with all `count` markers, and
 * where they went (the app's marks: TripMap mounted, Leaflet's chunk loaded, map created, stops drawn).
 */
async function timeMapView(
  map: TripMapView,
  count: number,
  beforeClick?: () => Promise<void>,
): Promise<Timing> {
  // Found first: the locator's own work (accessible names) is not the app's.
  const button = await map.viewButton.elementHandle();
  if (!button) throw new Error('map bench: no "Map" button');
  await beforeClick?.();
  return button.evaluate(
    (button, expected) =>
      new Promise<Timing>((resolve) => {
        for (const name of ['mount', 'loaded', 'created', 'drawn'])
          performance.clearMarks(`hamgaja:map-${name}`);
        const start = performance.now();
        const phases = () =>
          ['mount', 'loaded', 'created', 'drawn']
            .map((name) => {
              const mark = performance.getEntriesByName(`hamgaja:map-${name}`).at(-1);
              return `${name} ${mark ? Math.round(mark.startTime - start) : '?'}`;
            })
            .join(', ');
        const shown = () =>
          document.querySelector('.trip-map-frame[data-ready="true"]') !== null &&
          document.querySelectorAll('.leaflet-marker-pane .trip-map-marker').length >= expected;
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          // The frame that shows them: after rAF, the next task runs once it is painted.
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ ms: performance.now() - start, phases: phases() })),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        (button as HTMLButtonElement).click();
      }),
    count,
  );
}

/**
 * `runs` times: reload the trip page in the Columns view (the app and its data from the
 * service worker and IndexedDB, Leaflet not yet run), then time the Map view's first render.
 * Then `runs` times more without reloads (Columns, Map again: Leaflet's modules already run).
 */
export async function measureTripMap(
  browser: Browser,
  url: string,
  account: MapBenchAccount,
  count: number,
  runs: number,
): Promise<{ first: number[]; again: number[]; phases: string[] }> {
  const { trip, stops } = documents(account.userId, count);
  await push(url, account, 'trips', [trip]);
  for (let i = 0; i < stops.length; i += 500) await push(url, account, 'stops', stops.slice(i, i + 500));

  const context = await browser.newContext({
    baseURL: url,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto(`/trips/${trip.id}`);
    await login.logIn(account);
    const tripPage = new TripPage(page);
    const map = new TripMapView(page);
    const allStops = () =>
      page.waitForFunction((n) => document.querySelectorAll('article.stop-card').length === n, count, {
        timeout: 60_000,
      });
    await tripPage.heading(trip.title).waitFor();
    await allStops();
    const first: number[] = [];
    const phases: string[] = [];
    for (let run = 0; run < runs; run++) {
      await page.evaluate(() => localStorage.setItem('hamgaja.schedule.view', 'columns'));
      await page.reload();
      await tripPage.heading(trip.title).waitFor();
      await allStops();
      // The page at rest (the first sync and the schedule's own work done), as a person would click.
      await page.waitForTimeout(500);
      // BENCH_PROFILE=file (with BENCH_ONLY=map): a CPU profile of the last first render (when investigating).
      const profile = process.env.BENCH_PROFILE && run === runs - 1 ? process.env.BENCH_PROFILE : '';
      const cdp = profile ? await context.newCDPSession(page) : undefined;
      const timing = await timeMapView(map, count, async () => {
        if (!cdp) return;
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      });
      first.push(timing.ms);
      phases.push(timing.phases);
      if (cdp) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    }
    const again: number[] = [];
    for (let run = 0; run < runs; run++) {
      await tripPage.viewButton('columns').click();
      await page.locator('.trip-map').waitFor({ state: 'detached' });
      await page.waitForTimeout(200);
      again.push((await timeMapView(map, count)).ms);
    }
    // Sanity: every stop is a marker, each day a route.
    const markers = await map.markers().count();
    const routes = await map.routes().count();
    if (markers !== count || routes !== DAYS)
      throw new Error(`map bench: ${markers} markers and ${routes} routes, expected ${count} and ${DAYS}`);
    return { first, again, phases };
  } finally {
    await context.close();
  }
}
