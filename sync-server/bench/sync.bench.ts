/**
 * Sync benchmark: one server process on MariaDB over loopback, real RxDB clients (memory
 * storage, production mode) in this process. Prints goal vs measured with PASS/MISS per line.
 * Run with `npm run bench:sync` (bench/run.mjs bundles this file and builds the server first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  awaitPushed,
  collectionNames,
  createDatabase,
  initialOrderKeys,
  startReplication,
  syncedCollections,
  type CollectionName,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';

const DOCS = 10_000;
const IDLE_STREAMS_FOR_LATENCY = 200;
const EDITS = 200;
const STREAMS_FOR_MEMORY = 1_000;
/** How long the 1,000 streams stay open before the server's RSS is read. */
const MEMORY_SETTLE_MS = 30_000;
const USERS_FOR_STREAMS = 25;

const mysqlUrl = (
  process.env.BENCH_MYSQL_URL ??
  process.env.TEST_MYSQL_URL ??
  'mysql://hamgaja:hamgaja@127.0.0.1:3306'
).replace(/\/$/, '');
const serverEntry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../main.js');

type Row = { metric: string; goal: string; measured: string; pass: boolean };
const rows: Row[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The Node flags of the production image (the CMD of sync-server/Dockerfile), so memory is measured as deployed. */
function productionNodeFlags(): string[] {
  const dockerfile = readFileSync(path.resolve(path.dirname(serverEntry), '../Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])\s*$/m.exec(dockerfile)?.[1];
  if (!cmd) throw new Error('no CMD in sync-server/Dockerfile');
  const args = JSON.parse(cmd) as string[];
  return args.slice(1, -1).filter((a) => a.startsWith('--'));
}

/** The server as production runs it: its own process, the image's Node flags, MariaDB, no debug logging. */
async function startServerProcess(
  databaseUrl: string,
  jwtSecret: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? productionNodeFlags();
  const child = spawn(process.execPath, [...nodeArgs, serverEntry], {
    env: {
      PATH: process.env.PATH,
      // e.g. BENCH_SERVER_NODE_OPTIONS=--max-semi-space-size=1 to try memory flags
      ...(process.env.BENCH_SERVER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
        : {}),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      DATA_DIR: path.join(process.env.TMPDIR ?? '/tmp', `hamgaja-bench-${port}`),
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '100000',
      EMAIL_CHECK_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/readyz`);
      if (res.ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('the server did not become ready');
    await sleep(100);
  }
}

/** CPU time (user + system, ms) a process has used, from /proc. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

/** Wall time plus the CPU both sides spent, so a busy machine can be told from a slow sync. */
async function measured<T>(serverPid: number, work: () => Promise<T>) {
  const serverBefore = processCpuMs(serverPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  return {
    value,
    seconds,
    clientCpuMs: (client.user + client.system) / 1000,
    serverCpuMs: processCpuMs(serverPid) - serverBefore,
  };
}

/** The server's V8 heap in use, from its Prometheus metrics. */
async function heapUsedMegabytes(url: string): Promise<number> {
  const text = await fetch(`${url}/api/metrics`).then((r) => r.text());
  return Number(/hamgaja_nodejs_heap_size_used_bytes (\d+)/.exec(text)?.[1] ?? Number.NaN) / 1024 / 1024;
}

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb / 1024;
}

async function signUp(url: string, name: string) {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `${name}-${randomBytes(4).toString('hex')}@bench.example`,
      password: 'bench-password-1',
      displayName: name,
    }),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; accessToken: string; refreshToken: string };
  return { id: body.user.id, accessToken: body.accessToken };
}

/** An idle SSE connection held open with node:http (the server's cost per stream is what we measure). */
function openRawStream(url: string, token: string, collection: CollectionName): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${url}/api/sync/${collection}/stream`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          'x-hamgaja-schema-version': String(syncedCollections[collection].version),
          accept: 'text/event-stream',
        },
        agent: false,
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.on('data', () => undefined);
        resolve(req);
      },
    );
    req.on('error', reject);
  });
}

async function openRawStreams(url: string, tokens: string[], count: number, into: http.ClientRequest[]) {
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) =>
      openRawStream(
        url,
        tokens[(i + j) % tokens.length]!,
        collectionNames[(i + j) % collectionNames.length]!,
      ),
    );
    into.push(...(await Promise.all(batch)));
  }
}

const trip = (id: string, ownerId: string): Trip => ({
  id,
  title: 'Benchmark trip',
  description: '',
  destination: { regionCode: '39' },
  startDate: '2025-05-01',
  endDate: '2025-05-10',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 1_500_000,
  coverImage: null,
  notes: '',
  ownerId,
});

const orderKeys = initialOrderKeys(DOCS);

const stop = (i: number, tripId: string): Stop => ({
  id: `stop-${String(i).padStart(6, '0')}`,
  tripId,
  day: i % 10,
  orderKey: orderKeys[i]!,
  startTime: '09:30',
  durationMinutes: 60,
  place: {
    name: `Place number ${i}`,
    lat: 33.45 + (i % 100) / 1000,
    lng: 126.9 + (i % 100) / 1000,
    address: 'Jeju-do, Seogwipo-si',
  },
  category: 'sightseeing',
  cost: { amount: 12_000, currency: 'KRW' },
  note: 'Arrive early to avoid the queue; the view is best before ten.',
  travelMode: i % 3 === 0 ? 'walk' : null,
});

async function device(name: string, collections: ('trips' | 'stops')[]) {
  return createDatabase<'trips' | 'stops'>({
    storage: getRxStorageMemory(),
    name: `${name}${randomBytes(4).toString('hex')}`,
    multiInstance: false,
    collections,
  });
}

function replicate(
  db: HamgajaDatabase<'trips' | 'stops'>,
  name: 'trips' | 'stops',
  url: string,
  token: string,
) {
  return startReplication<unknown>({
    collection: db[name] as unknown as RxCollection<unknown>,
    collectionName: name,
    baseUrl: url,
    getAccessToken: async () => token,
    waitForLeadership: false,
    retry: { initialDelayMs: 200, maxDelayMs: 2_000 },
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const startLoad = os.loadavg()[0]!.toFixed(1);
  const dbName = `hamgaja_bench_${randomBytes(5).toString('hex')}`;
  const admin = await mysql.createConnection(mysqlUrl);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const jwtSecret = randomBytes(32).toString('hex');
  const servers: ChildProcess[] = [];
  const raw: http.ClientRequest[] = [];
  try {
    const { url, child } = await startServerProcess(`${mysqlUrl}/${dbName}`, jwtSecret);
    servers.push(child);
    log(`server pid ${child.pid} on ${url}, database ${dbName}`);
    const me = await signUp(url, 'Pusher');
    const tripId = `trip-${randomBytes(4).toString('hex')}`;

    // 1. Push: 10,000 stops written offline, then one replication pushes them.
    const a = await device('a', ['trips', 'stops']);
    await a.trips.insert(trip(tripId, me.id));
    const aTrips = replicate(a, 'trips', url, me.accessToken);
    await aTrips.awaitInSync();
    await a.stops.bulkInsert(Array.from({ length: DOCS }, (_, i) => stop(i, tripId)));
    // Timed until the server has accepted every stop (the pull of our own echo is not push work).
    const push = await measured(child.pid!, async () => {
      const replication = replicate(a, 'stops', url, me.accessToken);
      await awaitPushed(replication);
      return replication;
    });
    await push.value.awaitInSync();
    const aStops = push.value;
    const pushRate = DOCS / push.seconds;
    rows.push({
      metric: `push ${fmt(DOCS)} stops, 1 RxDB client`,
      goal: '≥ 5,000 docs/s',
      measured: `${fmt(pushRate)} docs/s (${fmt(push.seconds, 2)} s)`,
      pass: pushRate >= 5_000,
    });
    log(
      `push: ${rows.at(-1)!.measured}; CPU client ${fmt(push.clientCpuMs)} ms, server ${fmt(push.serverCpuMs)} ms`,
    );

    // 2. Pull: a fresh client of the same user receives all 10,000.
    const b = await device('b', ['stops']);
    const pull = await measured(child.pid!, async () => {
      const replication = replicate(b, 'stops', url, me.accessToken);
      await replication.awaitInitialReplication();
      return replication;
    });
    const bStops = pull.value;
    const pulled = await b.stops.count().exec();
    if (pulled !== DOCS) throw new Error(`the fresh client has ${pulled} stops, expected ${DOCS}`);
    const pullRate = DOCS / pull.seconds;
    rows.push({
      metric: `fresh client pulls ${fmt(DOCS)} stops`,
      goal: '≥ 20,000 docs/s',
      measured: `${fmt(pullRate)} docs/s (${fmt(pull.seconds, 2)} s)`,
      pass: pullRate >= 20_000,
    });
    log(
      `pull: ${rows.at(-1)!.measured}; CPU client ${fmt(pull.clientCpuMs)} ms, server ${fmt(pull.serverCpuMs)} ms`,
    );

    // 3. Latency A → B while idle streams of other users are open.
    const others = await Promise.all(
      Array.from({ length: USERS_FOR_STREAMS }, (_, i) => signUp(url, `Idle${i}`)),
    );
    const tokens = others.map((o) => o.accessToken);
    await openRawStreams(url, tokens, IDLE_STREAMS_FOR_LATENCY, raw);
    await sleep(500);
    const latencies: number[] = [];
    const target = stop(42, tripId).id;
    const docA = (await a.stops.findOne(target).exec())!;
    const edits = await measured(child.pid!, async () => {
      for (let i = 0; i < EDITS; i += 1) {
        const note = `edit ${i} ${randomBytes(3).toString('hex')}`;
        let unsubscribe: () => void = () => undefined;
        const seen = new Promise<number>((resolve) => {
          const sub = b.stops.findOne(target).$.subscribe((doc) => {
            if (doc?.note === note) resolve(performance.now());
          });
          unsubscribe = () => sub.unsubscribe();
        });
        const start = performance.now();
        await docA.getLatest().incrementalPatch({ note });
        const end = await Promise.race([seen, sleep(5_000).then(() => Number.NaN)]);
        unsubscribe();
        if (Number.isNaN(end)) throw new Error(`edit ${i} did not reach device B within 5 s`);
        latencies.push(end - start);
      }
    });
    latencies.sort((x, y) => x - y);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    rows.push({
      metric: `edit on A visible on B, ${IDLE_STREAMS_FOR_LATENCY} idle streams, p50`,
      goal: '≤ 10 ms',
      measured: `${fmt(p50, 1)} ms (${EDITS} edits)`,
      pass: p50 <= 10,
    });
    rows.push({
      metric: `edit on A visible on B, ${IDLE_STREAMS_FOR_LATENCY} idle streams, p99`,
      goal: '≤ 50 ms',
      measured: `${fmt(p99, 1)} ms`,
      pass: p99 <= 50,
    });
    log(
      `latency: p50 ${fmt(p50, 1)} ms, p99 ${fmt(p99, 1)} ms; CPU per edit client ${fmt(edits.clientCpuMs / EDITS, 2)} ms, server ${fmt(edits.serverCpuMs / EDITS, 2)} ms`,
    );
    log(`server RSS after the workload, ${raw.length} streams open: ${fmt(rssMegabytes(child.pid!), 1)} MB`);

    await Promise.all([aStops.stop(), aTrips.stop(), bStops.stop()]);
    await Promise.all([a.close(), b.close()]);
    for (const req of raw.splice(0)) req.destroy();

    // 4. Memory: a fresh instance (what a newly started replica holds) with 1,000 open streams.
    const fresh = await startServerProcess(`${mysqlUrl}/${dbName}`, jwtSecret);
    servers.push(fresh.child);
    await sleep(2_000);
    const idle = rssMegabytes(fresh.child.pid!);
    const heapIdle = await heapUsedMegabytes(fresh.url);
    await openRawStreams(fresh.url, tokens, STREAMS_FOR_MEMORY, raw);
    await sleep(2_000);
    const burst = rssMegabytes(fresh.child.pid!);
    // What the server holds while the streams sit open (heartbeats only): V8 returns the
    // garbage of the connection burst once it has been idle for a while.
    await sleep(MEMORY_SETTLE_MS);
    const metrics = await fetch(`${fresh.url}/api/metrics`).then((r) => r.text());
    const open = Number(/hamgaja_sync_open_streams (\d+)/.exec(metrics)?.[1] ?? Number.NaN);
    const rss = rssMegabytes(fresh.child.pid!);
    rows.push({
      metric: `server RSS with ${fmt(STREAMS_FOR_MEMORY)} open streams`,
      goal: '≤ 150 MB',
      measured: `${fmt(rss, 1)} MB (idle ${fmt(idle, 1)}, right after opening ${fmt(burst, 1)}; ${fmt(open)} open)`,
      pass: rss <= 150 && open >= STREAMS_FOR_MEMORY,
    });
    log(
      `memory: V8 heap used ${fmt(heapIdle, 1)} MB idle, ${fmt(await heapUsedMegabytes(fresh.url), 1)} MB with the streams`,
    );
    log(
      `memory: ${rows.at(-1)!.measured}, ${fmt(((rss - idle) * 1024) / STREAMS_FOR_MEMORY, 1)} KB per stream`,
    );
  } finally {
    for (const req of raw) req.destroy();
    for (const child of servers) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const admin2 = await mysql.createConnection(mysqlUrl);
    await admin2.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin2.end();
  }

  const widths = [
    Math.max(6, ...rows.map((r) => r.metric.length)),
    Math.max(4, ...rows.map((r) => r.goal.length)),
    Math.max(8, ...rows.map((r) => r.measured.length)),
  ];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(' | ');
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\nSync benchmark (MariaDB, loopback, 1 server instance: node ${(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? productionNodeFlags()).join(' ')}; Node ${process.version}, ${os.cpus().length} CPUs, load average ${load} at ${startLoad} before)`,
  );
  console.log(line(['metric', 'goal', 'measured', 'result']));
  console.log(
    widths
      .map((w) => '-'.repeat(w))
      .concat('------')
      .join('-|-'),
  );
  for (const r of rows) console.log(line([r.metric, r.goal, r.measured, r.pass ? 'PASS' : 'MISS']));
  const misses = rows.filter((r) => !r.pass).length;
  console.log(`\n${rows.length - misses} PASS, ${misses} MISS`);
  process.exitCode = misses > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
