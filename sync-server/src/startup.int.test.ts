import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestDatabase, TEST_MYSQL_URL, type TestDb } from '../test/harness.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Each run builds its own bundle: the sqlite and mariadb suites run side by side.
const buildDir = path.join(serverDir, 'dist', `startup-test-${randomBytes(4).toString('hex')}`);
const mainJs = path.join(buildDir, 'main.js');

type Exit = { code: number | null; stdout: string; stderr: string };

/** The environment of a child server: only what we set, never the test runner's. */
const childEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  LOG_LEVEL: 'info',
  ...env,
});

/** Runs the built server expecting it to stop by itself. */
function runUntilExit(env: Record<string, string>, timeoutMs = 45_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not stop: ${stdout}${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

type Running = { url: string; child: ChildProcess; stop(): Promise<Exit> };

/** Starts the built server and waits for its "listening" log line. */
function startUntilListening(env: Record<string, string>): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs], {
      env: childEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<Exit>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${stdout}${stderr}`));
    }, 45_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      const url = stdout.match(/Hamgaja listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          child,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

function expectOneLine(exit: Exit, pattern: RegExp) {
  expect(exit.code).toBe(1);
  const lines = exit.stderr.split('\n').filter((l) => l !== '');
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const tempDirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-start-'));
  tempDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['build.mjs', mainJs], { cwd: serverDir });
});
afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

// Concurrent: each case is a separate process, and loading the server dominates the time.
describe.concurrent(
  'startup refuses a bad configuration with one line on stderr',
  { timeout: 60_000 },
  () => {
    it('names DATABASE_URL for an unsupported database', async () => {
      expectOneLine(
        await runUntilExit({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://x' }),
        /^config error: DATABASE_URL: /,
      );
    });

    it('names DATABASE_URL when MySQL refuses the credentials, without printing the password', async () => {
      const exit = await runUntilExit({
        DATA_DIR: tempDir(),
        DATABASE_URL: 'mysql://nobody:s3cret-pw@127.0.0.1:3306/nope',
      });
      expectOneLine(exit, /^startup error: DATABASE_URL: .*denied/i);
      expect(exit.stderr).not.toContain('s3cret-pw');
    });

    it('names DATABASE_URL when nothing listens at its address', async () => {
      const exit = await runUntilExit({
        DATA_DIR: tempDir(),
        DATABASE_URL: `mysql://u:p@127.0.0.1:${await freePort()}/db`,
      });
      expectOneLine(exit, /^startup error: DATABASE_URL: /);
    });

    it('names DATABASE_URL when the SQLite file cannot be created', async () => {
      // A regular file where the database's folder should be.
      const blocker = path.join(tempDir(), 'not-a-folder');
      writeFileSync(blocker, '');
      const exit = await runUntilExit({
        DATA_DIR: tempDir(),
        DATABASE_URL: `sqlite:${path.join(blocker, 'db.sqlite')}`,
      });
      expectOneLine(exit, /^startup error: DATABASE_URL: /);
    });

    it('names JWT_SECRET when production has none', async () => {
      const exit = await runUntilExit({
        NODE_ENV: 'production',
        DATA_DIR: tempDir(),
        DATABASE_URL: `${TEST_MYSQL_URL}/hamgaja`,
      });
      expectOneLine(exit, /^config error: JWT_SECRET: required when NODE_ENV=production$/);
    });

    it('names JWT_SECRET when it is shorter than 32 characters', async () => {
      expectOneLine(
        await runUntilExit({ DATA_DIR: tempDir(), JWT_SECRET: 'x'.repeat(31) }),
        /^config error: JWT_SECRET: .*32/,
      );
    });

    it('names TRUST_PROXY when Express could not use it', async () => {
      expectOneLine(
        await runUntilExit({ DATA_DIR: tempDir(), TRUST_PROXY: 'yes please' }),
        /^config error: TRUST_PROXY: /,
      );
    });

    it('names PORT when the port is taken', async () => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      try {
        const port = String((taken.address() as AddressInfo).port);
        const exit = await runUntilExit({ DATA_DIR: tempDir(), HOST: '127.0.0.1', PORT: port });
        expectOneLine(
          exit,
          new RegExp(`^startup error: PORT: cannot listen on 127\\.0\\.0\\.1:${port} .*EADDRINUSE`),
        );
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    });
  },
);

describe('startup with a valid configuration', { timeout: 120_000 }, () => {
  let db: TestDb | undefined;
  let running: Running | undefined;
  afterAll(async () => {
    await running?.stop();
    await db?.drop();
  });

  it('answers health checks, keeps its generated JWT secret, and old tokens work after a restart', async () => {
    const dataDir = tempDir();
    const env: Record<string, string> = { DATA_DIR: dataDir, NODE_ENV: 'development' };
    if (process.env.TEST_DB === 'mariadb') {
      db = await createTestDatabase('mariadb');
      env.DATABASE_URL = db.url;
    }
    running = await startUntilListening(env);
    let api = client(running.url);
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.get('/readyz')).status).toBe(200);
    const secretFile = path.join(dataDir, 'jwt-secret');
    const secret = readFileSync(secretFile, 'utf8');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    if (!db) expect(existsSync(path.join(dataDir, 'hamgaja.sqlite'))).toBe(true);

    const signup = await api.post('/auth/signup', {
      email: 'restart@example.com',
      password: 'survives-restarts',
      displayName: 'R',
    });
    expect(signup.status).toBe(201);
    const firstExit = await running.stop();
    expect(firstExit.code).toBe(0);
    expect(firstExit.stderr).toBe('');

    running = await startUntilListening(env);
    api = client(running.url);
    expect(readFileSync(secretFile, 'utf8')).toBe(secret);
    const me = await api.get('/me', { token: signup.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('restart@example.com');
    expect((await api.post('/auth/refresh', { refreshToken: signup.body.refreshToken })).status).toBe(200);
    expect((await running.stop()).code).toBe(0);
    running = undefined;
  });

  // The bundle keeps npm packages external: pino-pretty must load from it, in this thread.
  it('logs JSON lines when stdout is not a terminal, readable lines with LOG_FORMAT=pretty', async () => {
    for (const format of ['', 'pretty'] as const) {
      const server = await startUntilListening({
        DATA_DIR: tempDir(),
        ...(format ? { LOG_FORMAT: format } : {}),
      });
      const res = await fetch(`${server.url}/api/regions`, {
        headers: { 'user-agent': 'startup-log-probe' },
      });
      const requestId = res.headers.get('x-request-id');
      await res.text();
      const exit = await server.stop();
      expect(exit.code).toBe(0);
      const lines = exit.stdout.split('\n').filter((l) => l !== '');
      const request = lines.find((l) => l.includes('/api/regions'));
      expect(exit.stdout).not.toContain('startup-log-probe');
      if (format === 'pretty') {
        expect(
          lines.every((l) => !l.startsWith('{')),
          exit.stdout,
        ).toBe(true);
        expect(request).toMatch(new RegExp(`INFO: GET /api/regions 200 \\d+ms req=${requestId}$`));
      } else {
        expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('shutting down');
        expect(JSON.parse(request!)).toMatchObject({ reqId: requestId, path: '/api/regions', status: 200 });
      }
    }
  });
});
