// The scale-out topology of docker-compose.scale.yml, run natively: Nginx (the project's config,
// rendered by nginx/render.mjs) in front of N built sync-server processes on one MariaDB database
// and Redis. Used by the scale-out test (deploy/scale-out.int.test.ts) and `npm run bench:scale`.
// Plain Node (types in topology.d.mts) so the benchmark runs without a compiler.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { renderNginx } from '../nginx/render.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_DIR = path.join(ROOT, 'sync-server');
const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://hamgaja:hamgaja@127.0.0.1:3306';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Children still running when the runner exits abruptly go with it. */
const children = new Set();
process.once('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file, lines = 30) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

/** Ports the OS handed out a moment ago, all different. */
export async function freePorts(count) {
  const ports = new Set();
  while (ports.size < count) {
    ports.add(
      await new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
          const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
          probe.close(() => resolve(port));
        });
      }),
    );
  }
  return [...ports];
}

function nginxBinary() {
  const found = [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find(
    (p) => p && existsSync(p),
  );
  if (!found) throw new Error('nginx is not installed: run `apt-get install -y nginx`');
  return found;
}

function spawnLogged(command, args, env, logFile) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/** Polls url until it answers 200; fails early, with the log, if the process exits. */
async function waitUntilReady(url, child, what, logFile) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (exited(child))
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(100);
  }
  throw new Error(`${what} not ready at ${url} after ${STARTUP_TIMEOUT_MS} ms (${last}):\n${tail(logFile)}`);
}

/**
 * SIGTERM (or the given signal), SIGKILL if it lingers; resolves once the process is gone, with
 * false when it had to be killed.
 */
async function stopProcess(child, signal = 'SIGTERM', timeoutMs = STOP_TIMEOUT_MS) {
  if (exited(child)) return true;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  let lingered = false;
  const timer = setTimeout(() => {
    lingered = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  await gone;
  clearTimeout(timer);
  return !lingered;
}

/**
 * Bundles the current server source into a directory of its own under sync-server/dist (npm
 * packages resolve from there), so a stale or concurrently rebuilt dist/main.js never matters.
 */
export async function buildServer() {
  const dir = path.join(SERVER_DIR, 'dist', `scale-${randomBytes(4).toString('hex')}`);
  const main = path.join(dir, 'main.js');
  await promisify(execFile)(process.execPath, ['build.mjs', main], { cwd: SERVER_DIR });
  return { main, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, empty MariaDB/MySQL database named `<prefix>_<random>` (TEST_MYSQL_URL's server). */
export async function createDatabase(prefix = 'hamgaja_scale') {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  let admin;
  try {
    admin = await mysql.createConnection(MYSQL_URL);
  } catch (err) {
    throw new Error(
      `MariaDB at ${MYSQL_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable (${err.message}); start it or set TEST_MYSQL_URL`,
    );
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${MYSQL_URL.replace(/\/$/, '')}/${name}`;
  return {
    url,
    async query(sql, params = []) {
      const c = await mysql.createConnection(url);
      try {
        const [rows] = await c.query(sql, params);
        return rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = await mysql.createConnection(MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * Reads one sample from a Prometheus text answer: `name` with every given label, or the sum
 * over all label sets when none are given; 0 when the metric has no sample yet.
 */
export function metricValue(text, name, labels = {}) {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

/**
 * One sync-server process of a bundle (buildServer) on a fixed port, not started yet: start()
 * spawns it and waits for /api/readyz; it can be stopped, killed and started again on the same
 * port and database. `env` is its whole environment (PORT and DATA_DIR are added).
 * @param {import('./topology.d.mts').InstanceOptions} options
 * @returns {import('./topology.d.mts').Instance}
 */
export function serverInstance({ serverMain, index, port, env, logFile, dataDir, stopTimeoutMs }) {
  const url = `http://127.0.0.1:${port}`;
  const what = `sync-server #${index + 1}`;
  mkdirSync(dataDir, { recursive: true });
  let child;
  const instance = {
    index,
    port,
    url,
    address: `127.0.0.1:${port}`,
    get running() {
      return child !== undefined && !exited(child);
    },
    get exit() {
      return child && exited(child) ? { code: child.exitCode, signal: child.signalCode } : undefined;
    },
    get pid() {
      return instance.running ? child.pid : undefined;
    },
    async start() {
      if (instance.running) return;
      child = spawnLogged(
        process.execPath,
        [serverMain],
        { ...env, PORT: String(port), DATA_DIR: dataDir },
        logFile,
      );
      await waitUntilReady(`${url}/api/readyz`, child, what, logFile);
    },
    async stop() {
      return child ? stopProcess(child, 'SIGTERM', stopTimeoutMs) : true;
    },
    async kill(signal = 'SIGKILL') {
      if (!child || exited(child)) throw new Error(`${what} is not running`);
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await gone;
    },
    async metrics() {
      const res = await fetch(`${url}/api/metrics`);
      if (res.status !== 200) throw new Error(`metrics of ${what}: HTTP ${res.status}`);
      return res.text();
    },
    async metric(name, labels) {
      return metricValue(await instance.metrics(), name, labels);
    },
    log: () => tail(logFile),
  };
  return instance;
}

/**
 * Fresh MariaDB database → instance 1 (runs the migrations) → the others side by side → Nginx.
 * Everything started is stopped again if a step fails.
 * @param {import('./topology.d.mts').TopologyOptions} [options]
 * @returns {Promise<import('./topology.d.mts').Topology>}
 */
export async function startTopology(options = {}) {
  const count = options.instances ?? 3;
  if (!Number.isInteger(count) || count < 1) throw new Error(`instances must be 1 or more, got ${count}`);
  const nginxBin = nginxBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-scale-'));
  const cleanups = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => console.error(`topology stop: ${err}`));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const build = options.serverMain ? undefined : await buildServer();
    if (build) cleanups.push(async () => build.remove());
    const serverMain = options.serverMain ?? build.main;
    const database = await createDatabase();
    cleanups.push(() => database.drop());
    const [nginxPort, ...ports] = await freePorts(count + 1);
    const baseURL = `http://127.0.0.1:${nginxPort}`;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: options.instanceDatabaseUrl ? options.instanceDatabaseUrl(database.url) : database.url,
      REDIS_URL,
      // A channel and rate-limit keys of this topology's own: other runs on the same Redis never reach them.
      REDIS_CHANNEL: `hamgaja:scale:${randomBytes(6).toString('hex')}`,
      RATE_LIMIT_PREFIX: `hamgaja:scale:rl:${randomBytes(6).toString('hex')}:`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: baseURL,
      CORS_ORIGINS: baseURL,
      LOG_LEVEL: 'warn',
      UPLOAD_DIR: path.join(dir, 'uploads'),
      WEB_DIR: '',
      // Every client here comes from 127.0.0.1; Nginx's own auth limit still applies in front.
      AUTH_RATE_LIMIT: '100000',
      EMAIL_CHECK_RATE_LIMIT: '100000',
      ...options.env,
    };
    const instances = ports.map((port, index) =>
      serverInstance({
        serverMain,
        index,
        port,
        env,
        logFile: path.join(dir, `server-${index + 1}.log`),
        dataDir: path.join(dir, `data-${index + 1}`),
      }),
    );
    cleanups.push(() => Promise.all(instances.map((i) => i.stop())));
    const [first, ...others] = instances;
    await first.start();
    await Promise.all(others.map((i) => i.start()));

    const webRoot = path.join(dir, 'web');
    mkdirSync(webRoot);
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Hamgaja</title>');
    const { prefix, args } = renderNginx({
      prefix: path.join(dir, 'nginx'),
      listen: `127.0.0.1:${nginxPort}`,
      upstreams: instances.map((i) => i.address),
      webRoot,
      // As root the workers would drop to nobody and could not read the prefix.
      user: process.getuid?.() === 0 ? userInfo().username : undefined,
      workerProcesses: options.nginxWorkers ?? 1,
      // A killed instance is tried again soon (the compose default is 10 s).
      failTimeout: '2s',
    });
    const nginxLog = path.join(dir, 'nginx.log');
    const nginx = spawnLogged(nginxBin, [...args, '-g', 'daemon off;'], process.env, nginxLog);
    cleanups.push(() => stopProcess(nginx, 'SIGQUIT'));
    await waitUntilReady(`${baseURL}/index.html`, nginx, 'nginx', nginxLog);

    return {
      baseURL,
      instances,
      nginxPids: () => {
        let workers = [];
        try {
          workers = readFileSync(`/proc/${nginx.pid}/task/${nginx.pid}/children`, 'utf8')
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .map(Number);
        } catch {
          // not Linux, or Nginx is gone
        }
        return [nginx.pid, ...workers];
      },
      database,
      nginxLog: () => `${tail(nginxLog)}\n${tail(path.join(prefix, 'logs', 'error.log'))}`,
      accessLog: () => {
        const file = path.join(prefix, 'logs', 'access.log');
        return existsSync(file) ? readFileSync(file, 'utf8') : '';
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
