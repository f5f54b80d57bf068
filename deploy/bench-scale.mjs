// `npm run bench:scale`: replication pushes through Nginx on loopback with 1, 2 and 3 sync-server
// instances (the scale-out topology of docker-compose.scale.yml, run natively by deploy/topology.mjs:
// MariaDB + Redis + the project's Nginx config). A benchmark, not a test: it prints one table.
//
//   BENCH_SECONDS (10)  measured time per row, after BENCH_WARMUP_SECONDS (2)
//   BENCH_CONCURRENCY (32)  pushes in flight      BENCH_USERS (8)  travellers, one trip and one live stream each
//   BENCH_INSTANCES (1,2,3)   BENCH_ROUNDS (2)
//
// Remote database mode (`npm run bench:scale -- --remote`): MariaDB "on another host": a TCP
// delay proxy (deploy/delay-proxy.mjs) between the instances and MariaDB adds --delay-ms (0.5)
// each way. Each instance count runs two workloads side by side: distinct (BENCH_CONCURRENCY
// writers, each pushing one new stop per request to a trip of their own) and shared (as many
// writers on one trip of BENCH_SHARED_MEMBERS (8) members). Rows: pushes/s, p50/p99, InnoDB
// row-lock waits per push, CPU per process; then the goals, PASS or MISS.
//   --json FILE       also writes the rows as JSON (a later run's --baseline)
//   --baseline FILE   compares with such a file (the code before a change, same machine and session)
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { buildServer, startTopology } from './topology.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const USERS = Number(process.env.BENCH_USERS ?? 8);
const COUNTS = (process.env.BENCH_INSTANCES ?? '1,2,3').split(',').map(Number);
// Rounds run 1,2,3,1,2,3…: load from other users of the machine drifts over all rows alike; the
// table keeps each row's best round (the one least disturbed).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// Each synced collection's schema version (syncedCollections in shared/src/sync/documents.ts).
const SCHEMA_VERSIONS = { trips: 0, stops: 1, checklistItems: 0, expenses: 1, reservations: 0, documents: 0 };
/** The X-Hamgaja-Schema-Version header of the collection a /api/sync/{collection}/… URL names. */
const schemaOf = (url) => ({
  'x-hamgaja-schema-version': String(SCHEMA_VERSIONS[/\/sync\/([^/]+)\//.exec(String(url))?.[1]] ?? 0),
});

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const REMOTE = args.includes('--remote');
const DELAY_MS = Number(option('delay-ms') ?? process.env.BENCH_DB_DELAY_MS ?? 0.5);
const JSON_OUT = option('json');
const BASELINE = option('baseline');
const SHARED_MEMBERS = Number(process.env.BENCH_SHARED_MEMBERS ?? 8);
const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://hamgaja:hamgaja@127.0.0.1:3306';
if (!REMOTE && (JSON_OUT || BASELINE || option('delay-ms'))) {
  console.error('--json, --baseline and --delay-ms belong to the remote database mode: add --remote');
  process.exit(2);
}
if (!(DELAY_MS >= 0)) {
  console.error(`--delay-ms must be a number of milliseconds ≥ 0, got ${option('delay-ms')}`);
  process.exit(2);
}

const hex = (n) => randomBytes(n).toString('hex');

async function json(url, method, body, token) {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...schemaOf(url),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A traveller with a trip of their own and a live `stops` stream held open through Nginx. */
async function traveller(baseURL, n) {
  const { user, accessToken } = await json(`${baseURL}/api/auth/signup`, 'POST', {
    email: `bench-${n}-${hex(4)}@example.com`,
    password: `pass-${hex(8)}`,
    displayName: `Bench ${n}`,
  });
  const tripId = `trip-${hex(8)}`;
  const trip = {
    id: tripId,
    title: `Bench trip ${n}`,
    description: '',
    destination: { regionCode: '39', text: 'Jeju' },
    startDate: '2025-04-01',
    endDate: '2025-04-04',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 800000,
    coverImage: null,
    notes: '',
    ownerId: user.id,
    _deleted: false,
  };
  await json(`${baseURL}/api/sync/trips/push`, 'POST', [{ newDocumentState: trip }], accessToken);
  const controller = new AbortController();
  const live = { events: 0, stop: () => controller.abort() };
  const res = await fetch(`${baseURL}/api/sync/stops/stream`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: 'text/event-stream',
      ...schemaOf('/api/sync/stops/stream'),
    },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`stream: HTTP ${res.status}`);
  void (async () => {
    try {
      for await (const chunk of res.body)
        live.events += (String(Buffer.from(chunk)).match(/^data: /gm) ?? []).length;
    } catch {
      // aborted at the end of the row
    }
  })();
  return { accessToken, tripId, live };
}

/** One push of one new stop: the request a device sends for one edit. */
function pushBody(tripId) {
  return JSON.stringify([
    {
      newDocumentState: {
        id: `stop-${hex(8)}`,
        tripId,
        day: 0,
        orderKey: 'a0',
        startTime: '09:00',
        durationMinutes: 120,
        place: { name: 'Seongsan Ilchulbong', lat: 33.4581, lng: 126.9425 },
        category: 'sightseeing',
        cost: { amount: 5000, currency: 'KRW' },
        note: 'bench',
        travelMode: null,
        _deleted: false,
      },
    },
  ]);
}

function send(agent, method, url, token, body) {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          authorization: `Bearer ${token}`,
          ...schemaOf(url),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, ok: res.statusCode === 200 && text === '[]' }));
      },
    );
    req.on('error', () => resolve({ status: 0, ok: false }));
    req.end(body);
  });
}

/** CPU seconds used so far by a process (utime + stime from /proc), or NaN. */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
function pidsOf(name) {
  try {
    return execFileSync('pidof', [name], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  } catch {
    return [];
  }
}
/** Busy and total CPU time of the whole machine so far (/proc/stat), in clock ticks. */
function machineTicks() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const t = fields.map(Number);
    const idle = t[3] + (t[4] ?? 0);
    const total = t.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}
/** CPU seconds per process id, for the ones that exist now. */
const cpuOf = (pids) =>
  new Map(pids.map((pid) => [pid, cpuSecondsOf(pid)]).filter(([, seconds]) => Number.isFinite(seconds)));
/** CPU seconds used between two samples by the processes present in both. */
const cpuBetween = (before, after) =>
  [...after].reduce((sum, [pid, seconds]) => sum + (before.has(pid) ? seconds - before.get(pid) : 0), 0);

/** InnoDB row-lock waits so far: how many, and the milliseconds spent waiting. */
async function rowLocks(topology) {
  const rows = await topology.database.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time')",
  );
  const value = (name) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? Number.NaN);
  return { waits: value('Innodb_row_lock_waits'), time: value('Innodb_row_lock_time') };
}

async function serverCpu(instances) {
  const values = await Promise.all(instances.map((i) => i.metric('hamgaja_process_cpu_seconds_total')));
  return values.reduce((a, b) => a + b, 0);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `concurrency` loops sending `request()` for warm-up + SECONDS; latency and CPU of the measured part. */
async function measure(topology, request) {
  const latencies = [];
  let errors = 0;
  let measuring = false;
  let running = true;
  const worker = async (w) => {
    while (running) {
      const started = process.hrtime.bigint();
      const ok = await request(w);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (!measuring) continue;
      if (ok) latencies.push(ms);
      else errors += 1;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, WARMUP * 1000));

  const mariadb = pidsOf('mariadbd').concat(pidsOf('mysqld'));
  const nginx = topology.nginxPids();
  const sample = async () => ({
    locks: await rowLocks(topology),
    server: await serverCpu(topology.instances),
    machine: machineTicks(),
    mariadb: cpuOf(mariadb),
    nginx: cpuOf(nginx),
    pushed: await Promise.all(topology.instances.map((i) => i.metric('hamgaja_sync_documents_pushed_total'))),
  });
  const before = await sample();
  const bench = process.cpuUsage();
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  measuring = true;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const benchUsed = process.cpuUsage(bench);
  const after = await sample();
  running = false;
  await Promise.all(workers);

  latencies.sort((a, b) => a - b);
  const waited = after.locks.time - before.locks.time;
  const share = after.pushed.map((v, i) => v - before.pushed[i]);
  const total = share.reduce((a, b) => a + b, 0) || 1;
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    // InnoDB row-lock waiting per request (the whole server's counter: other users of it add to it).
    lockWaitMs: latencies.length ? waited / latencies.length : Number.NaN,
    share: share.map((v) => `${Math.round((100 * v) / total)}%`).join('/'),
    serverCores: (after.server - before.server) / elapsed,
    mariadbCores: cpuBetween(before.mariadb, after.mariadb) / elapsed,
    nginxCores: cpuBetween(before.nginx, after.nginx) / elapsed,
    benchCores: (benchUsed.user + benchUsed.system) / 1e6 / elapsed,
    // Everything running, other users of the machine included.
    machineCores:
      ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) *
      availableParallelism(),
    load,
  };
}

/**
 * The database's ceiling for writes that serialize on one row, like every push on the change
 * counter: one connection doing lock, update, commit in a loop (a scratch table of the bench's
 * database), in transactions per second.
 */
async function serialCommitCeiling(topology, seconds = 3) {
  const c = await mysql.createConnection(topology.database.url);
  try {
    await c.query('CREATE TABLE bench_counter (name VARCHAR(8) PRIMARY KEY, value BIGINT NOT NULL)');
    await c.query("INSERT INTO bench_counter VALUES ('change', 0)");
    let done = 0;
    const until = Date.now() + seconds * 1000;
    const started = process.hrtime.bigint();
    while (Date.now() < until) {
      await c.query('BEGIN');
      await c.query("SELECT value FROM bench_counter WHERE name = 'change' FOR UPDATE");
      await c.query("UPDATE bench_counter SET value = value + 1 WHERE name = 'change'");
      await c.query('COMMIT');
      done += 1;
    }
    return done / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await c.query('DROP TABLE IF EXISTS bench_counter').catch(() => undefined);
    await c.end();
  }
}

async function row(count, serverMain) {
  const topology = await startTopology({ instances: count, serverMain });
  const travellers = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    for (let n = 0; n < USERS; n++) travellers.push(await traveller(topology.baseURL, n));
    const ceiling = count === COUNTS[0] ? await serialCommitCeiling(topology) : undefined;
    const pushUrl = `${topology.baseURL}/api/sync/stops/push`;
    const push = await measure(topology, async (w) => {
      const { accessToken, tripId } = travellers[w % travellers.length];
      return (await send(agent, 'POST', pushUrl, accessToken, pushBody(tripId))).ok;
    });
    const streamed = travellers.reduce((sum, t) => sum + t.live.events, 0);
    // Reads take no lock: a page of 50 of the traveller's stops from the start.
    const pullUrl = `${topology.baseURL}/api/sync/stops/pull?limit=50`;
    const pull = await measure(topology, async (w) => {
      const { accessToken } = travellers[w % travellers.length];
      return (await send(agent, 'GET', pullUrl, accessToken)).status === 200;
    });
    return { instances: count, push, pull, streamed, ceiling };
  } finally {
    agent.destroy();
    for (const t of travellers) t.live.stop();
    await topology.stop();
  }
}

const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** The default mode: MariaDB on loopback, pushes and pulls, one table. */
async function localMode() {
  console.log(
    `bench:scale — POST /api/sync/stops/push (1 new stop each) through Nginx on loopback; ${CONCURRENCY} in flight, ` +
      `${USERS} travellers with a live stream each, ${WARMUP} s warm-up + ${SECONDS} s per row; ` +
      `MariaDB + Redis; ${availableParallelism()} CPU cores; Node ${process.version}`,
  );
  const build = await buildServer();
  const best = new Map();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const count of COUNTS) {
        process.stdout.write(`  round ${round}, ${count} instance(s)… `);
        const r = await row(count, build.main);
        console.log(
          `${Math.round(r.push.perSecond)} pushes/s (p99 ${f1(r.push.p99)} ms), ${Math.round(r.pull.perSecond)} pulls/s, ` +
            `machine busy ${f2(r.push.machineCores)} cores`,
        );
        const kept = best.get(count);
        if (!kept || r.push.perSecond > kept.push.perSecond) best.set(count, r);
      }
    }
  } finally {
    build.remove();
  }
  const rows = COUNTS.map((count) => best.get(count));
  const ceilings = [...best.values()].flatMap((r) => (r.ceiling === undefined ? [] : [r.ceiling]));

  const header = [
    'instances',
    'pushes/s',
    'push p50 ms',
    'push p99 ms',
    'share per instance',
    'lock wait ms/push',
    'pulls/s',
    'pull p99 ms',
    'errors',
    'CPU cores (push): servers',
    'MariaDB',
    'Nginx',
    'load gen',
    'machine busy',
    'load avg',
  ];
  const lines = rows.map(({ instances, push, pull }) => [
    String(instances),
    String(Math.round(push.perSecond)),
    f1(push.p50),
    f1(push.p99),
    push.share,
    f1(push.lockWaitMs),
    String(Math.round(pull.perSecond)),
    f1(pull.p99),
    String(push.errors + pull.errors),
    f2(push.serverCores),
    f2(push.mariadbCores),
    f2(push.nginxCores),
    f2(push.benchCores),
    f2(push.machineCores),
    f1(push.load),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log();
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  const base = rows[0];
  console.log();
  for (const r of rows.slice(1))
    console.log(
      `${r.instances} instances: pushes ×${(r.push.perSecond / base.push.perSecond).toFixed(2)}, ` +
        `pulls ×${(r.pull.perSecond / base.pull.perSecond).toFixed(2)} of ${base.instances}`,
    );
  if (ceilings.length > 0)
    console.log(
      `serial ceiling of the database: ${Math.round(Math.max(...ceilings))} lock+update+commit transactions/s on one ` +
        `connection (innodb_flush_log_at_trx_commit=1: every commit waits for the redo log) — every push holds the ` +
        `change-counter lock until its commit, so pushes/s stays below this however many instances run`,
    );
  for (const r of rows) {
    const used = r.push.serverCores + r.push.mariadbCores + r.push.nginxCores + r.push.benchCores;
    console.log(
      `${r.instances} instance(s), pushing: servers + MariaDB + Nginx + load generator use ${used.toFixed(2)} of ` +
        `${availableParallelism()} cores, the whole machine ${r.push.machineCores.toFixed(2)} (load average ` +
        `${r.push.load.toFixed(1)}); ${r.streamed} live events streamed`,
    );
  }
}

// ---- remote database mode ------------------------------------------------------------------------

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Goals of the remote mode (issue 14). */
const GOALS = { rowLockWaitsPerPush: 0.1, distinctVsBaseline: 3 };

/** Starts deploy/delay-proxy.mjs as a process of its own (its CPU is then its own) in front of MariaDB. */
async function startProxy() {
  const target = new URL(MYSQL_URL);
  const child = spawn(
    process.execPath,
    [
      path.join(HERE, 'delay-proxy.mjs'),
      '--target',
      `${target.hostname}:${target.port || 3306}`,
      '--delay-ms',
      String(DELAY_MS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`delay proxy exited (${code}) before listening`)));
  });
  const { port } = JSON.parse(first);
  return {
    pid: child.pid,
    port,
    /** The database URL `url` reached through the proxy. */
    through(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Round trip of `SELECT 1` (p50, ms) on one connection to `url`. */
async function roundTripMs(url, count = 300) {
  const c = await mysql.createConnection(url);
  try {
    const times = [];
    for (let i = 0; i < count; i++) {
      const started = process.hrtime.bigint();
      await c.query('SELECT 1');
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    return percentile(times, 50);
  } finally {
    await c.end();
  }
}

async function signUpDirect(url, n) {
  const { user, accessToken } = await json(`${url}/api/auth/signup`, 'POST', {
    email: `bench-${n}-${hex(4)}@example.com`,
    password: `pass-${hex(8)}`,
    displayName: `Bench ${n}`,
  });
  return { user, accessToken };
}

function tripOf(ownerId, n) {
  return {
    id: `trip-${hex(8)}`,
    title: `Bench trip ${n}`,
    description: '',
    destination: { regionCode: '39', text: 'Jeju' },
    startDate: '2025-04-01',
    endDate: '2025-04-04',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 800000,
    coverImage: null,
    notes: '',
    ownerId,
    _deleted: false,
  };
}

/** Runs `task(i)` for i in 0..n-1, `width` at a time. */
async function inBatches(n, width, task) {
  const results = [];
  for (let i = 0; i < n; i += width)
    results.push(
      ...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => task(i + k)))),
    );
  return results;
}

/**
 * The writers of both workloads, set up directly on instance 1 (Nginx's sign-up limit stays out
 * of it): distinct: one traveller with a trip of their own per writer; shared: one trip, its owner
 * and SHARED_MEMBERS - 1 editors, the writers taking turns with their tokens.
 */
async function writers(url) {
  const distinct = await inBatches(CONCURRENCY, 4, async (n) => {
    const { user, accessToken } = await signUpDirect(url, n);
    const trip = tripOf(user.id, n);
    await json(`${url}/api/sync/trips/push`, 'POST', [{ newDocumentState: trip }], accessToken);
    return { accessToken, tripId: trip.id };
  });
  const members = await inBatches(SHARED_MEMBERS, 4, (n) => signUpDirect(url, 1000 + n));
  const [owner, ...editors] = members;
  const trip = tripOf(owner.user.id, 'shared');
  await json(`${url}/api/sync/trips/push`, 'POST', [{ newDocumentState: trip }], owner.accessToken);
  for (const editor of editors) {
    const invite = await json(
      `${url}/api/trips/${trip.id}/invites`,
      'POST',
      { role: 'editor' },
      owner.accessToken,
    );
    await json(`${url}/api/invites/${invite.code}/accept`, 'POST', undefined, editor.accessToken);
  }
  const shared = Array.from({ length: CONCURRENCY }, (_, w) => ({
    accessToken: members[w % members.length].accessToken,
    tripId: trip.id,
  }));
  return { distinct, shared };
}

/** CONCURRENCY writers pushing one new stop each per request for warm-up + SECONDS. */
async function measureWrites(topology, proxy, agent, writersOf) {
  const pushUrl = `${topology.baseURL}/api/sync/stops/push`;
  const latencies = [];
  let errors = 0;
  let measuring = false;
  let running = true;
  const worker = async (w) => {
    const { accessToken, tripId } = writersOf[w];
    while (running) {
      const started = process.hrtime.bigint();
      const { ok } = await send(agent, 'POST', pushUrl, accessToken, pushBody(tripId));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (!measuring) continue;
      if (ok) latencies.push(ms);
      else errors += 1;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, WARMUP * 1000));

  const instancePids = topology.instances.map((i) => i.pid);
  const mariadb = pidsOf('mariadbd').concat(pidsOf('mysqld'));
  const sample = async () => ({
    locks: await rowLocks(topology),
    instances: instancePids.map((pid) => (pid === undefined ? Number.NaN : cpuSecondsOf(pid))),
    mariadb: cpuOf(mariadb),
    nginx: cpuOf(topology.nginxPids()),
    proxy: cpuSecondsOf(proxy.pid),
    machine: machineTicks(),
  });
  const before = await sample();
  const bench = process.cpuUsage();
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  measuring = true;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const benchUsed = process.cpuUsage(bench);
  const after = await sample();
  running = false;
  await Promise.all(workers);

  latencies.sort((a, b) => a - b);
  const pushes = latencies.length;
  return {
    pushes,
    perSecond: pushes / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    // The whole MariaDB server's counters: other users of it add to them.
    rowLockWaitsPerPush: pushes ? (after.locks.waits - before.locks.waits) / pushes : Number.NaN,
    lockWaitMsPerPush: pushes ? (after.locks.time - before.locks.time) / pushes : Number.NaN,
    cpu: {
      instances: after.instances.map((v, i) => (v - before.instances[i]) / elapsed),
      mariadb: cpuBetween(before.mariadb, after.mariadb) / elapsed,
      proxy: (after.proxy - before.proxy) / elapsed,
      nginx: cpuBetween(before.nginx, after.nginx) / elapsed,
      bench: (benchUsed.user + benchUsed.system) / 1e6 / elapsed,
      machine:
        ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) *
        availableParallelism(),
    },
    load,
  };
}

/** One topology of `count` instances behind Nginx, its database behind the proxy: both workloads. */
async function remoteRow(count, serverMain, proxy, round) {
  const topology = await startTopology({
    instances: count,
    serverMain,
    instanceDatabaseUrl: (url) => proxy.through(url),
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const w = await writers(topology.instances[0].url);
    // Alternating which goes first spreads the drift of a shared machine over both workloads.
    const order = round % 2 === 1 ? ['distinct', 'shared'] : ['shared', 'distinct'];
    const result = {};
    for (const workload of order) result[workload] = await measureWrites(topology, proxy, agent, w[workload]);
    return result;
  } finally {
    agent.destroy();
    await topology.stop();
  }
}

/** The commit measured, and the files changed on top of it (a baseline names what it ran). */
function gitDescription() {
  try {
    const git = (...a) => execFileSync('git', a, { cwd: HERE, encoding: 'utf8' });
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    // Porcelain lines are `XY path`; X is a space for a change not yet staged, so no trimming.
    const changed = git('status', '--porcelain')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    if (changed.length === 0) return commit;
    const named =
      changed.slice(0, 6).join(', ') + (changed.length > 6 ? ` and ${changed.length - 6} more` : '');
    return `${commit} + uncommitted ${named}`;
  } catch {
    return 'unknown';
  }
}

async function remoteMode() {
  let baseline;
  if (BASELINE) {
    try {
      baseline = JSON.parse(readFileSync(BASELINE, 'utf8'));
      if (baseline.mode !== 'remote' || !Array.isArray(baseline.rows))
        throw new Error('not a remote-mode --json file');
    } catch (err) {
      console.error(`--baseline ${BASELINE}: ${err.message}`);
      process.exit(2);
    }
  }
  const code = gitDescription();
  console.log(
    `bench:scale --remote — POST /api/sync/stops/push (1 new stop each) through Nginx on loopback; MariaDB ` +
      `behind a delay proxy adding ${DELAY_MS} ms each way; ${CONCURRENCY} writers: distinct (a trip each) and ` +
      `shared (one trip, ${SHARED_MEMBERS} members); ${WARMUP} s warm-up + ${SECONDS} s per row, best of ` +
      `${ROUNDS} round(s); Redis; ${availableParallelism()} CPU cores; Node ${process.version}; code ${code}`,
  );
  const proxy = await startProxy();
  const build = await buildServer();
  const best = new Map();
  let roundTrip;
  try {
    roundTrip = {
      direct: await roundTripMs(MYSQL_URL),
      proxied: await roundTripMs(proxy.through(MYSQL_URL)),
    };
    console.log(
      `database round trip (SELECT 1, p50): direct ${roundTrip.direct.toFixed(2)} ms, through the proxy ` +
        `${roundTrip.proxied.toFixed(2)} ms`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      for (const count of COUNTS) {
        process.stdout.write(`  round ${round}, ${count} instance(s)… `);
        const r = await remoteRow(count, build.main, proxy, round);
        console.log(
          ['distinct', 'shared']
            .map(
              (w) =>
                `${w} ${Math.round(r[w].perSecond)} pushes/s (${f2(r[w].rowLockWaitsPerPush)} row-lock waits/push)`,
            )
            .join(', '),
        );
        for (const workload of ['distinct', 'shared']) {
          const key = `${count}/${workload}`;
          const kept = best.get(key);
          if (!kept || r[workload].perSecond > kept.perSecond) best.set(key, r[workload]);
        }
      }
    }
  } finally {
    build.remove();
    await proxy.stop();
  }

  const rows = COUNTS.flatMap((instances) =>
    ['distinct', 'shared'].map((workload) => ({
      instances,
      workload,
      ...best.get(`${instances}/${workload}`),
    })),
  );
  const header = [
    'instances',
    'workload',
    'pushes/s',
    'p50 ms',
    'p99 ms',
    'row-lock waits/push',
    'lock wait ms/push',
    'errors',
    'CPU cores: instances',
    'MariaDB',
    'proxy',
    'Nginx',
    'load gen',
    'machine busy',
    'load avg',
  ];
  const lines = rows.map((r) => [
    String(r.instances),
    r.workload,
    String(Math.round(r.perSecond)),
    f1(r.p50),
    f1(r.p99),
    f2(r.rowLockWaitsPerPush),
    f1(r.lockWaitMsPerPush),
    String(r.errors),
    r.cpu.instances.map(f2).join('/'),
    f2(r.cpu.mariadb),
    f2(r.cpu.proxy),
    f2(r.cpu.nginx),
    f2(r.cpu.bench),
    f2(r.cpu.machine),
    f1(r.load),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log();
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));

  const row = (report, instances, workload) =>
    report.rows.find((r) => r.instances === instances && r.workload === workload);
  const verdicts = [];
  const goal = (ok, text) => {
    verdicts.push(ok);
    console.log(`${ok ? 'PASS' : 'MISS'} ${text}`);
  };
  const current = { rows };
  console.log();
  console.log('goals:');
  for (const count of COUNTS) {
    const r = row(current, count, 'distinct');
    goal(
      r.rowLockWaitsPerPush <= GOALS.rowLockWaitsPerPush,
      `distinct, ${count} instance(s): ${f2(r.rowLockWaitsPerPush)} row-lock waits per push (goal ≤ ${GOALS.rowLockWaitsPerPush})`,
    );
  }
  const one = row(current, 1, 'distinct');
  const three = row(current, 3, 'distinct');
  if (one && three)
    goal(
      three.perSecond >= one.perSecond,
      `distinct, 3 instances: ${Math.round(three.perSecond)} pushes/s, 1 instance ${Math.round(one.perSecond)} ` +
        `(goal: not below it)`,
    );
  else console.log('(3 instances vs 1: needs BENCH_INSTANCES to include 1 and 3)');
  if (baseline) {
    console.log(`against the baseline ${BASELINE} (code ${baseline.code}, ${baseline.date}):`);
    const before = row(baseline, 1, 'distinct');
    if (one && before)
      goal(
        one.perSecond >= GOALS.distinctVsBaseline * before.perSecond,
        `distinct, 1 instance: ${Math.round(one.perSecond)} pushes/s, baseline ${Math.round(before.perSecond)} ` +
          `(×${(one.perSecond / before.perSecond).toFixed(2)}; goal at least ×${GOALS.distinctVsBaseline})`,
      );
    for (const count of COUNTS) {
      const now = row(current, count, 'shared');
      const then = row(baseline, count, 'shared');
      if (!then) continue;
      goal(
        now.perSecond >= then.perSecond,
        `shared, ${count} instance(s): ${Math.round(now.perSecond)} pushes/s, baseline ${Math.round(then.perSecond)} ` +
          `(×${(now.perSecond / then.perSecond).toFixed(2)}; goal: not below it)`,
      );
    }
  } else {
    console.log('(no --baseline: the goals against the code before a change are not checked)');
  }
  console.log(`${verdicts.filter(Boolean).length} of ${verdicts.length} goals met`);

  if (JSON_OUT) {
    const report = {
      mode: 'remote',
      date: new Date().toISOString(),
      code,
      node: process.version,
      cores: availableParallelism(),
      delayMs: DELAY_MS,
      roundTrip,
      concurrency: CONCURRENCY,
      sharedMembers: SHARED_MEMBERS,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      rounds: ROUNDS,
      rows,
    };
    writeFileSync(JSON_OUT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`rows written to ${JSON_OUT}`);
  }
}

await (REMOTE ? remoteMode() : localMode());
