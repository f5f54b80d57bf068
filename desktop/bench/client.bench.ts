/**
 * Client benchmark (not a test): headless Chromium (/usr/bin/chromium, the e2e flags) on
 * loopback against one built sync server on SQLite that also serves the built web app.
 * Prints one table, goal vs measured, PASS/MISS. Run with `npm run bench:client`
 * (bench/run.mjs bundles this file and bench/browser-bench.ts first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.js';
import { AppShell, LoginPage, TripsListPage } from '../e2e/pages/index.js';
import { freePort, sqliteServerEnv } from '../e2e/server-env.js';
import { measureDayOptimiser } from './route.bench.js';
import { callInPage, openScriptPage } from './script-page.js';
import { measureTripMap } from './trip-map.bench.js';

const STOPS = 10_000;
const TRIPS = 1_000;
const FLOOR_RUNS = 3;
const LIST_RUNS = 5;
const ROUTE_STOPS = 30;
const ROUTE_RUNS = 15;
const MAP_STOPS = 200;
const MAP_RUNS = 5;

const env = (name: string) => process.env[name];
const REPO = path.resolve(env('BENCH_REPO_ROOT') ?? process.cwd());
const SERVER_MAIN = path.join(REPO, 'sync-server/dist/main.js');
const WEB_ROOT = path.resolve(env('HAMGAJA_BENCH_WEB_ROOT') ?? path.join(REPO, 'desktop/dist/web'));
const BROWSER_JS = env('BENCH_BROWSER_JS') ?? '';
const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Row = { metric: string; goal: string; measured: string; pass: boolean };
const rows: Row[] = [];

async function startServer(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...sqliteServerEnv(dir, port, url),
      AUTH_RATE_LIMIT: '100000',
      EMAIL_CHECK_RATE_LIMIT: '100000',
      WEB_DIR: WEB_ROOT,
    },
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) while starting`);
    const ok = await fetch(`${url}/api/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not become ready at ${url}`);
}

async function signUp(url: string, displayName: string) {
  const id = randomBytes(5).toString('hex');
  const credentials = { email: `bench-${id}@example.com`, password: `pass-${id}-9`, displayName };
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; accessToken: string };
  return { ...credentials, userId: body.user.id, accessToken: body.accessToken };
}

type Bench = {
  push(c: unknown, count: number): Promise<{ ms: number; requestMs: number; requests: number }>;
  firstSync(
    c: unknown,
    expected: number,
  ): Promise<{ ms: number; stops: number; firstPullMs: number; pulls: number }>;
  seedTrips(c: unknown, count: number): Promise<void>;
  floor(count: number): Promise<number>;
  reopenTiming(userId: string, count: number): Promise<{ open: number; query: number }>;
  rawPull(c: unknown, expected: number): Promise<number>;
  rawPush(c: unknown, count: number): Promise<number>;
  localWrite(userId: string, count: number): Promise<number>;
};

/** A page on the server's origin (same-origin API calls) running bench/browser-bench.ts. */
const benchPage = (browser: Browser, url: string) =>
  openScriptPage(browser, url, readFileSync(BROWSER_JS, 'utf8'), 'hamgajaBench', { serviceWorkers: 'block' });

const call = <K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>) =>
  callInPage(page, 'hamgajaBench', name, args) as ReturnType<Bench[K]>;

/** Syncs, then (offline) reloads /trips and times navigation start → first paint of the card list. */
async function tripsListFirstPaint(
  browser: Browser,
  url: string,
  account: Awaited<ReturnType<typeof signUp>>,
) {
  const context = await browser.newContext({ baseURL: url, locale: 'en-US', timezoneId: 'Asia/Seoul' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const state = globalThis as unknown as { __listPaint?: number; __listCards?: number };
    const observer = new MutationObserver(() => {
      const cards = document.querySelectorAll('.trip-card').length;
      if (cards === 0 || state.__listCards !== undefined) return;
      state.__listCards = cards;
      observer.disconnect();
      // The frame that shows them: after rAF, the next task runs once it is painted.
      requestAnimationFrame(() => setTimeout(() => (state.__listPaint = performance.now())));
    });
    // Where the time goes: the shell's heading and the first contentful paint, for the log.
    const shellObserver = new MutationObserver(() => {
      if (!document.querySelector('main h1')) return;
      (state as { __shell?: number }).__shell = performance.now();
      shellObserver.disconnect();
    });
    shellObserver.observe(document, { childList: true, subtree: true });
    observer.observe(document, { childList: true, subtree: true });
  });
  const login = new LoginPage(page);
  await login.goto('/trips');
  await login.logIn(account);
  const list = new TripsListPage(page);
  await list.heading.waitFor();
  const shell = new AppShell(page);
  // Wait until all trips are on the device and the service worker controls the page.
  await page.waitForFunction(
    (n) => document.querySelector('.sync-progress') === null && document.body.innerText.includes(n),
    'Synced',
  );
  await shell.syncStatus.waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
  await context.setOffline(true);
  const times: number[] = [];
  const phases: string[] = [];
  let cards = 0;
  const profile = env('BENCH_PROFILE'); // a file: the CPU profile of the last reload (when investigating)
  const cdp = profile ? await context.newCDPSession(page) : undefined;
  for (let i = 0; i < LIST_RUNS; i++) {
    if (cdp && i === LIST_RUNS - 1) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const trace = env('BENCH_TRACE'); // a file: a Chromium trace of the last reload (when investigating)
    if (trace && i === LIST_RUNS - 1) await browser.startTracing(page, { path: trace, screenshots: false });
    await page.reload();
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as { __listPaint?: number }).__listPaint,
      undefined,
      { timeout: 30_000 },
    );
    times.push((await handle.jsonValue()) as number);
    phases.push(
      await page.evaluate(() => {
        const s = globalThis as unknown as { __shell?: number };
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const mark = (name: string) =>
          Math.round(performance.getEntriesByName(`hamgaja:${name}`)[0]?.startTime ?? NaN);
        return `dcl ${Math.round(nav?.domContentLoadedEventEnd ?? NaN)} fcp ${Math.round(fcp)} h1 ${Math.round(s.__shell ?? NaN)} db-import ${mark('database-import')} db-open ${mark('database-open')} db-ready ${mark('database-ready')}`;
      }),
    );
    cards = await page.evaluate(() => (globalThis as unknown as { __listCards: number }).__listCards);
    if (env('BENCH_TRACE') && i === LIST_RUNS - 1) await browser.stopTracing();
  }
  if (cdp && profile) {
    const { profile: data } = await cdp.send('Profiler.stop');
    writeFileSync(profile, JSON.stringify(data));
  }
  // Sanity: the list is this user's 1,000 trips (rendered progressively).
  const total = await page.locator('.trip-card').count();
  await context.close();
  log(`trips list phases (ms after navigation start): ${phases.join('; ')}`);
  return { times, cards, total };
}

/** Initial JavaScript as desktop/scripts/report-bundle-size.mjs counts it: entry + modulepreloads, gzipped. */
function initialJsKb(): { kb: number; files: number } {
  const html = readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
  const scripts = new Set(
    [
      ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ].map((m) => m[1]!),
  );
  let total = 0;
  for (const src of scripts)
    total += gzipSync(readFileSync(path.join(WEB_ROOT, src.replace(/^\//, '')))).length;
  return { kb: total / 1024, files: scripts.size };
}

async function main() {
  for (const [what, file] of [
    ['the sync server (npm run build -w @hamgaja/sync-server)', SERVER_MAIN],
    ['the web app (npm run build -w @hamgaja/desktop)', path.join(WEB_ROOT, 'index.html')],
    ['the browser bundle (run through bench/run.mjs)', BROWSER_JS],
  ] as const)
    if (!existsSync(file)) throw new Error(`${what} is missing: ${file}`);
  const load = os.loadavg()[0]!.toFixed(1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hamgaja-client-bench-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const started = await startServer(dir);
    server = started.child;
    const { url } = started;
    log(`server ${url} (SQLite), web ${WEB_ROOT}, load ${load}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    const only = env('BENCH_ONLY'); // sync | list | route | map: one part only (when investigating)
    if (!only || only === 'sync') {
      const page = await benchPage(browser, url);

      const me = await signUp(url, 'Bench pusher');
      const connection = { baseUrl: url, accessToken: me.accessToken, userId: me.userId };
      const floors: number[] = [];
      // BENCH_PROFILE=file (with BENCH_ONLY=sync): a CPU profile of the first sync, or of the push
      // with BENCH_PROFILE_STEP=push (when investigating).
      const profiled =
        env('BENCH_PROFILE') && only === 'sync' ? (env('BENCH_PROFILE_STEP') ?? 'firstSync') : '';
      const profile = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
        if (step !== profiled) return run();
        const session = await page.context().newCDPSession(page);
        await session.send('Profiler.enable');
        await session.send('Profiler.setSamplingInterval', { interval: 500 });
        await session.send('Profiler.start');
        const value = await run();
        writeFileSync(env('BENCH_PROFILE')!, JSON.stringify((await session.send('Profiler.stop')).profile));
        return value;
      };
      // The HTTP-only pushes (a reference line) run first: the server is then warm, as a running
      // server is, and the measured push is the client's and the wire's time, not V8 compiling the server.
      const other = await signUp(url, 'Bench raw pusher');
      const rawPush = await call(
        page,
        'rawPush',
        { baseUrl: url, accessToken: other.accessToken, userId: other.userId },
        STOPS,
      );
      floors.push(await call(page, 'floor', STOPS));
      const pushed = await profile('push', () => call(page, 'push', connection, STOPS));
      log(
        `push ${fmt(STOPS)}: ${fmt(pushed.ms)} ms (${pushed.requests} push requests in flight for ${fmt(pushed.requestMs)} ms)`,
      );
      floors.push(await call(page, 'floor', STOPS));
      const pulled = await profile('firstSync', () => call(page, 'firstSync', connection, STOPS));
      log(
        `first sync ${fmt(STOPS)}: ${fmt(pulled.ms)} ms (first stops pull sent after ${fmt(pulled.firstPullMs)} ms; ${pulled.pulls} pulls)`,
      );
      while (floors.length < FLOOR_RUNS) floors.push(await call(page, 'floor', STOPS));
      const floor = median(floors);
      log(
        `floor (one IndexedDB transaction, ${fmt(STOPS)} docs): ${floors.map((f) => fmt(f)).join(', ')} ms`,
      );
      rows.push({
        metric: `fresh device first sync, ${fmt(STOPS)} stops`,
        goal: `≤ 2× floor (${fmt(2 * floor)} ms)`,
        measured: `${fmt(pulled.ms)} ms = ${fmt(pulled.ms / floor, 2)}× floor`,
        pass: pulled.ms <= 2 * floor,
      });
      rows.push({
        metric: `push ${fmt(STOPS)} local stops`,
        goal: `≤ 2× floor (${fmt(2 * floor)} ms)`,
        measured: `${fmt(pushed.ms)} ms = ${fmt(pushed.ms / floor, 2)}× floor`,
        pass: pushed.ms <= 2 * floor,
      });
      rows.push({
        metric: `floor: 1 raw IndexedDB tx, ${fmt(STOPS)} docs`,
        goal: '(reference, median of 3)',
        measured: `${fmt(floor)} ms`,
        pass: true,
      });
      // Where the time goes (reference lines, no goal).
      const rawPull = await call(page, 'rawPull', connection, STOPS);
      const localWrite = await call(page, 'localWrite', me.userId, STOPS);

      log(`breakdown: HTTP pulls only ${fmt(rawPull)} ms; RxDB bulkInsert only ${fmt(localWrite)} ms`);
      rows.push({
        metric: `  of which: HTTP pulls alone (no storage)`,
        goal: '(reference)',
        measured: `${fmt(rawPull)} ms`,
        pass: true,
      });
      rows.push({
        metric: `  of which: HTTP pushes alone (no storage)`,
        goal: '(reference)',
        measured: `${fmt(rawPush)} ms`,
        pass: true,
      });
      rows.push({
        metric: `  of which: RxDB bulkInsert alone (no network)`,
        goal: '(reference)',
        measured: `${fmt(localWrite)} ms = ${fmt(localWrite / floor, 2)}× floor`,
        pass: true,
      });
      await page.context().close();
    }

    if (!only || only === 'list') {
      const lister = await signUp(url, 'Bench lister');
      const seedPage = await benchPage(browser, url);
      await call(
        seedPage,
        'seedTrips',
        { baseUrl: url, accessToken: lister.accessToken, userId: lister.userId },
        TRIPS,
      );
      await seedPage.context().close();
      const list = await tripsListFirstPaint(browser, url, lister);
      // Reference: the same path with a single trip (what the app's start-up costs by itself).
      const single = await signUp(url, 'Bench single');
      const singlePage = await benchPage(browser, url);
      await call(
        singlePage,
        'seedTrips',
        { baseUrl: url, accessToken: single.accessToken, userId: single.userId },
        1,
      );
      await singlePage.context().close();
      const one = await tripsListFirstPaint(browser, url, single);
      const listMedian = median(list.times);
      const reopenPage = await benchPage(browser, url);
      const reopen = await call(reopenPage, 'reopenTiming', lister.userId, TRIPS);
      await reopenPage.context().close();
      log(
        `breakdown: reopening the database ${fmt(reopen.open)} ms, the list's query ${fmt(reopen.query)} ms`,
      );
      log(
        `trips list offline (${LIST_RUNS} reloads): ${list.times.map((t) => fmt(t)).join(', ')} ms; ${list.cards} cards in the first paint, ${list.total} after`,
      );
      rows.push({
        metric: `trips list, ${fmt(TRIPS)} trips, offline: first paint`,
        goal: '≤ 500 ms',
        measured: `${fmt(listMedian)} ms (median of ${LIST_RUNS}; ${list.cards} cards)`,
        pass: listMedian <= 500,
      });
      rows.push({
        metric: `  of which: database reopen / list query`,
        goal: '(reference)',
        measured: `${fmt(reopen.open)} ms / ${fmt(reopen.query)} ms`,
        pass: true,
      });
      rows.push({
        metric: '  same path with 1 trip',
        goal: '(reference)',
        measured: `${fmt(median(one.times))} ms (median of ${LIST_RUNS})`,
        pass: true,
      });
    }

    if (!only || only === 'route') {
      // Different days each run: the median is one typical day's optimisation in the renderer.
      const day = await measureDayOptimiser(browser, url, REPO, ROUTE_STOPS, ROUTE_RUNS);
      const ms = median(day.times);
      log(
        `optimise a day of ${ROUTE_STOPS} stops (${ROUTE_RUNS} days): ${day.times.map((t) => fmt(t, 1)).join(', ')} ms; ${fmt(day.savedShare * 100, 1)}% shorter on average`,
      );
      rows.push({
        metric: `optimise a day of ${ROUTE_STOPS} stops`,
        goal: '≤ 50 ms',
        measured: `${fmt(ms, 1)} ms (median of ${ROUTE_RUNS}; slowest ${fmt(Math.max(...day.times), 1)} ms)`,
        pass: ms <= 50,
      });
    }

    if (!only || only === 'map') {
      const mapper = await signUp(url, 'Bench mapper');
      const map = await measureTripMap(browser, url, mapper, MAP_STOPS, MAP_RUNS);
      const ms = median(map.first);
      log(
        `Map view, ${MAP_STOPS} stops: first render ${map.first.map((t) => fmt(t)).join(', ')} ms after reloads; ${map.again.map((t) => fmt(t)).join(', ')} ms opened again`,
      );
      log(`Map view phases (ms after the click): ${map.phases.join('; ')}`);
      rows.push({
        metric: `Map view of a trip with ${MAP_STOPS} stops: first render`,
        goal: '≤ 300 ms',
        measured: `${fmt(ms)} ms (median of ${MAP_RUNS}; slowest ${fmt(Math.max(...map.first))} ms)`,
        pass: ms <= 300,
      });
      rows.push({
        metric: '  same, opened again (Leaflet already loaded)',
        goal: '(reference)',
        measured: `${fmt(median(map.again))} ms (median of ${MAP_RUNS})`,
        pass: true,
      });
    }

    const js = initialJsKb();
    rows.push({
      metric: 'initial JavaScript, gzipped',
      goal: '≤ 300 KB',
      measured: `${fmt(js.kb, 1)} KB (${js.files} files)`,
      pass: js.kb <= 300,
    });
  } finally {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const widths = [0, 1, 2].map((i) =>
    Math.max(
      ...[
        ['metric', 'goal', 'measured'][i]!.length,
        ...rows.map((r) => [r.metric, r.goal, r.measured][i]!.length),
      ],
    ),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 4)).join(' | ');
  console.log(
    `Client benchmark: headless Chromium, loopback, 1 sync server on SQLite (load ${load} at start, ${os.cpus().length} CPUs)`,
  );
  console.log(line(['metric', 'goal', 'measured', 'result']));
  console.log(
    widths
      .map((w) => '-'.repeat(w))
      .concat('------')
      .join('-|-'),
  );
  for (const r of rows) console.log(line([r.metric, r.goal, r.measured, r.pass ? 'PASS' : 'MISS']));
  process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
}

await main();
