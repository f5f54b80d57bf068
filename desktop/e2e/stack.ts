// The real production topology on this machine: a fresh database, N built sync-server processes
// and Nginx (rendered by nginx/render.mjs) in front of them. Used by the global setup and by
// specs that need their own topology (scale-out, failover).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { renderNginx } from '../../nginx/render.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_MAIN = path.join(REPO_ROOT, 'sync-server/dist/main.js');
/** The built SPA; HAMGAJA_E2E_WEB_ROOT points elsewhere only while the app build is not there yet. */
export const WEB_ROOT = path.resolve(
  process.env.HAMGAJA_E2E_WEB_ROOT ?? path.join(REPO_ROOT, 'desktop/dist/web'),
);
import { CHROMIUM_PATH } from './chromium.js';
import { freePort, sqliteServerEnv } from './server-env.js';

export { CHROMIUM_PATH, freePort, sqliteServerEnv };

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://hamgaja:hamgaja@127.0.0.1:3306';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StackOptions {
  /** Number of sync-server processes behind Nginx (default 1). */
  instances?: number;
  /** Give every instance REDIS_URL so live changes fan out across them. */
  redis?: boolean;
  /** mariadb (default; E2E_DB=sqlite for a single instance without MariaDB). */
  database?: 'mariadb' | 'sqlite';
  /** Extra environment for every instance. */
  env?: Record<string, string>;
  /** The built SPA Nginx serves (default desktop/dist/web). */
  webRoot?: string;
}

export interface ServerInstance {
  readonly index: number;
  readonly port: number;
  /** http://127.0.0.1:PORT of this instance, bypassing Nginx. */
  readonly url: string;
  readonly running: boolean;
  /** Stops the process (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it is ready. */
  start(): Promise<void>;
  log(): string;
}

export interface NginxProcess {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly prefix: string;
  stop(): Promise<void>;
  log(): string;
}

export interface Stack {
  /** The public entry point (Nginx). */
  baseURL: string;
  instances: ServerInstance[];
  nginx: NginxProcess;
  databaseUrl: string;
  jwtSecret: string;
  /** Stops Nginx and every instance, then drops the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** What the global setup hands to the test workers (through the environment). */
export interface StackInfo {
  baseURL: string;
  instanceUrls: string[];
  webRoot: string;
}
export const STACK_ENV = 'HAMGAJA_E2E_STACK';

export function stackInfo(): StackInfo {
  const raw = process.env[STACK_ENV];
  if (!raw)
    throw new Error(
      `${STACK_ENV} is not set: run the specs through desktop/playwright.config.ts (its global setup starts the stack)`,
    );
  return JSON.parse(raw) as StackInfo;
}

/** Fails with the exact command that fixes a missing prerequisite (never a silent skip). */
export function checkPrerequisites(webRoot = WEB_ROOT): void {
  const problems: string[] = [];
  if (!existsSync(SERVER_MAIN))
    problems.push(
      `the sync server is not built (${path.relative(REPO_ROOT, SERVER_MAIN)} missing): run \`npm run build -w @hamgaja/sync-server\``,
    );
  if (!existsSync(path.join(webRoot, 'index.html')))
    problems.push(
      `the web app is not built (${path.relative(REPO_ROOT, webRoot)}/index.html missing): run \`npm run build -w @hamgaja/desktop\``,
    );
  const missing = [
    nginxBinary() ? undefined : 'nginx',
    existsSync(CHROMIUM_PATH) ? undefined : 'chromium',
  ].filter(Boolean);
  if (missing.length > 0)
    problems.push(`${missing.join(' and ')} not installed: run \`apt-get install -y ${missing.join(' ')}\``);
  if (problems.length > 0) throw new Error(`e2e prerequisites missing:\n  - ${problems.join('\n  - ')}`);
}

function nginxBinary(): string | undefined {
  const candidates = [
    process.env.NGINX_BIN,
    '/usr/sbin/nginx',
    '/usr/bin/nginx',
    '/usr/local/sbin/nginx',
    '/usr/local/bin/nginx',
  ];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Polls url until it answers 200, failing early if the process exits. */
async function waitUntilReady(
  url: string,
  child: ChildProcess,
  what: string,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${what} exited (${child.exitCode ?? child.signalCode}) while starting:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${what} not ready at ${url} after ${STARTUP_TIMEOUT_MS} ms (${lastError}):\n${tail(logFile)}`,
  );
}

/** SIGTERM, then SIGKILL if it lingers; resolves once the process is gone. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Children still running when the runner exits abruptly are killed with it. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

type Database = { url: string; drop(): Promise<void> };

async function createDatabase(kind: 'mariadb' | 'sqlite', dir: string): Promise<Database> {
  if (kind === 'sqlite')
    return { url: `sqlite:${path.join(dir, 'hamgaja.sqlite')}`, drop: async () => undefined };
  const name = `hamgaja_e2e_${randomBytes(6).toString('hex')}`;
  let admin;
  try {
    admin = await mysql.createConnection(MYSQL_URL);
  } catch (err) {
    throw new Error(
      `MariaDB at ${MYSQL_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable (${(err as Error).message}); start it or set TEST_MYSQL_URL`,
    );
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${MYSQL_URL.replace(/\/$/, '')}/${name}`,
    async drop() {
      const c = await mysql.createConnection(MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** Starts Nginx from a freshly rendered prefix in front of the given instances (e.g. a second
 * Nginx with its own rate-limit zone); stop() also removes its directory. */
export async function startNginx(options: { upstreams: string[]; webRoot?: string }): Promise<NginxProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-nginx-'));
  try {
    const nginx = await launchNginx({
      port: await freePort(),
      upstreams: options.upstreams,
      webRoot: options.webRoot ?? WEB_ROOT,
      dir,
    });
    return {
      ...nginx,
      stop: async () => {
        await nginx.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function launchNginx(o: {
  port: number;
  upstreams: string[];
  webRoot: string;
  dir: string;
}): Promise<NginxProcess> {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed: run `apt-get install -y nginx`');
  const { prefix, args } = renderNginx({
    prefix: path.join(o.dir, 'nginx'),
    listen: `127.0.0.1:${o.port}`,
    upstreams: o.upstreams,
    webRoot: o.webRoot,
    // Started as root (CI), workers would drop to nobody and could not read the prefix or the build.
    user: process.getuid?.() === 0 ? userInfo().username : undefined,
    // Tests stop instances on purpose: try a failed one again soon.
    failTimeout: '2s',
  });
  const logFile = path.join(o.dir, 'nginx.log');
  const errorLog = path.join(prefix, 'logs', 'error.log');
  const child = spawnLogged(bin, [...args, '-g', 'daemon off;'], process.env, logFile);
  const url = `http://127.0.0.1:${o.port}`;
  // The SPA shell, not /api: a test may have stopped the instances on purpose.
  await waitUntilReady(`${url}/index.html`, child, 'nginx', logFile).catch(async (err: Error) => {
    await stopProcess(child);
    throw new Error(`${err.message}\n${tail(errorLog)}`);
  });
  return {
    port: o.port,
    url,
    prefix,
    stop: () => stopProcess(child),
    log: () => `${tail(logFile)}\n${tail(errorLog)}`,
  };
}

/**
 * Fresh database → instance 1 (runs the migrations) → the other instances in parallel → Nginx.
 * Everything is stopped again if any step fails.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const count = options.instances ?? 1;
  const kind = options.database ?? (process.env.E2E_DB === 'sqlite' ? 'sqlite' : 'mariadb');
  const webRoot = options.webRoot ?? WEB_ROOT;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`startStack: instances must be 1 or more, got ${count}`);
  if (kind === 'sqlite' && count > 1)
    throw new Error('startStack: several instances need MariaDB (one SQLite file per process)');
  checkPrerequisites(webRoot);

  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-e2e-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const cleanups: Array<() => Promise<void>> = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => console.error(`e2e stack cleanup: ${err}`));
    if (!process.env.E2E_KEEP_STACK) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const database = await createDatabase(kind, dir);
    cleanups.push(() => database.drop());
    const [nginxPort = 0, ...ports] = await distinctFreePorts(count + 1);
    const publicUrl = `http://127.0.0.1:${nginxPort}`;
    const instances = ports.map((port, index) =>
      createInstance({
        index,
        port,
        dir,
        env: {
          // Not the runner's environment: Playwright's NODE_OPTIONS (its TS loader) must not reach the server.
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TZ: process.env.TZ,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: database.url,
          JWT_SECRET: jwtSecret,
          LOG_LEVEL: 'warn',
          DATA_DIR: path.join(dir, `data-${index + 1}`),
          // Shared so every instance serves the same uploaded images.
          UPLOAD_DIR: path.join(dir, 'uploads'),
          PUBLIC_URL: publicUrl,
          CORS_ORIGINS: publicUrl,
          // Every browser test comes from 127.0.0.1; Nginx's own limit is tested separately.
          AUTH_RATE_LIMIT: '10000',
          EMAIL_CHECK_RATE_LIMIT: '10000',
          BOARD_WRITE_RATE_LIMIT: '10000',
          WEB_DIR: '',
          REDIS_URL: options.redis ? REDIS_URL : '',
          ...options.env,
        },
      }),
    );
    cleanups.push(async () => {
      await Promise.all(instances.map((i) => i.stop()));
    });
    // The first instance migrates the fresh database; the others then start side by side.
    const [first, ...others] = instances;
    await first?.start();
    await Promise.all(others.map((i) => i.start()));

    const upstreams = instances.map((i) => `127.0.0.1:${i.port}`);
    const nginx = await launchNginx({ port: nginxPort, upstreams, webRoot, dir });
    cleanups.push(() => nginx.stop());
    return { baseURL: nginx.url, instances, nginx, databaseUrl: database.url, jwtSecret, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function createInstance(o: {
  index: number;
  port: number;
  dir: string;
  env: NodeJS.ProcessEnv;
}): ServerInstance {
  const logFile = path.join(o.dir, `server-${o.index + 1}.log`);
  const url = `http://127.0.0.1:${o.port}`;
  let child: ChildProcess | undefined;
  mkdirSync(String(o.env.DATA_DIR), { recursive: true });
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    index: o.index,
    port: o.port,
    url,
    get running() {
      return running();
    },
    async start() {
      if (running()) return;
      child = spawnLogged(process.execPath, [SERVER_MAIN], o.env, logFile);
      await waitUntilReady(`${url}/api/readyz`, child, `sync-server #${o.index + 1}`, logFile);
    },
    async stop() {
      if (child) await stopProcess(child);
    },
    log: () => tail(logFile),
  };
}
