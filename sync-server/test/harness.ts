import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { expect } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

/** Admin URL of the MariaDB/MySQL server the mariadb suite uses (.ci/run creates this user). */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://hamgaja:hamgaja@127.0.0.1:3306';

export type TestDb = { url: string; drop(): Promise<void> };

/** A fresh, empty database of the suite's kind (TEST_DB=sqlite|mariadb). */
export async function createTestDatabase(kind = process.env.TEST_DB ?? 'sqlite'): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-test-'));
    return {
      url: `sqlite:${path.join(dir, 'test.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `hamgaja_t_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection(TEST_MYSQL_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: `${TEST_MYSQL_URL.replace(/\/$/, '')}/${name}`,
    async drop() {
      const c = await mysql.createConnection(TEST_MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export type TestServer = RunningServer & { db: TestDb; dataDir: string; stop(): Promise<void> };

/** Starts the real server on an ephemeral port against a fresh database. */
export async function startTestServer(env: Record<string, string> = {}, db?: TestDb): Promise<TestServer> {
  const database = db ?? (await createTestDatabase());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hamgaja-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '10000',
    BOARD_WRITE_RATE_LIMIT: '10000',
    EMAIL_CHECK_RATE_LIMIT: '10000',
    ...env,
  });
  const server = await startServer(config);
  return Object.assign(server, {
    db: database,
    dataDir,
    async stop() {
      await server.close();
      if (!db) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Redis for the suites that run several instances (.ci/run starts it). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two instances of one deployment: one database, one JWT secret, and a Redis channel of their own. */
export async function startInstancePair(extraEnv: Record<string, string> = {}): Promise<{
  db: TestDb;
  a: TestServer;
  b: TestServer;
  stop(): Promise<void>;
}> {
  const db = await createTestDatabase();
  const env = {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_CHANNEL: `hamgaja:test:${randomBytes(6).toString('hex')}`,
    // Limits are shared in Redis: each pair counts on its own, never on other runs' attempts.
    RATE_LIMIT_PREFIX: `hamgaja:test:rl:${randomBytes(6).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...extraEnv,
  };
  const a = await startTestServer(env, db);
  const b = await startTestServer(env, db);
  return {
    db,
    a,
    b,
    async stop() {
      await a.stop();
      await b.stop();
      await db.drop();
    },
  };
}

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; text: string };

/** A small HTTP client for tests: JSON in, JSON (or text) out, real fetch over TCP. */
export function client(baseUrl: string) {
  async function request<T = any>(
    method: string,
    urlPath: string,
    opts: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}/api${urlPath}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  return {
    request,
    get: <T = any>(p: string, o?: Parameters<typeof request>[2]) => request<T>('GET', p, o),
    post: <T = any>(p: string, body?: unknown, o?: Parameters<typeof request>[2]) =>
      request<T>('POST', p, { ...o, body }),
    patch: <T = any>(p: string, body?: unknown, o?: Parameters<typeof request>[2]) =>
      request<T>('PATCH', p, { ...o, body }),
    delete: <T = any>(p: string, body?: unknown, o?: Parameters<typeof request>[2]) =>
      request<T>('DELETE', p, { ...o, body }),
  };
}
export type Client = ReturnType<typeof client>;

/** Asserts an RFC 9457 problem answer with the given status and stable code. */
export function expectProblem(res: ApiResponse, status: number, code: string) {
  expect({ status: res.status, code: (res.body as { code?: string })?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
}

let counter = 0;
/** Signs up a fresh user and returns its session. */
export async function signUp(api: Client, name = 'Traveller') {
  counter += 1;
  const email = `user${counter}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `pass-${randomBytes(6).toString('hex')}`;
  const res = await api.post('/auth/signup', { email, password, displayName: name });
  expect(res.status).toBe(201);
  return {
    email,
    password,
    ...(res.body as { user: { id: string }; accessToken: string; refreshToken: string }),
  };
}

/** A free TCP port on loopback. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** A Redis of a test's own on `port` (nothing saved), so that killing it disturbs nothing else. */
export async function startPrivateRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; ; attempt++) {
    const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.quit();
      return child;
    } catch (err) {
      probe.disconnect();
      if (attempt >= 100) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Kills a private Redis at once (SIGKILL: no goodbye to its clients). */
export const stopPrivateRedis = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
