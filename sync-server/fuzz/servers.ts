/**
 * The real server under fuzz: separate processes of a bundle of the current server source
 * (deploy/topology.mjs builds and runs them), on SQLite or MariaDB; with two instances they
 * share one MariaDB database and Redis, as in production.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, freePorts, serverInstance, type Instance } from '../../deploy/topology.mjs';

export type DatabaseKind = 'sqlite' | 'mariadb';

export interface ServerOptions {
  db: DatabaseKind;
  instances: 1 | 2;
  /** The server bundle (topology's buildServer().main). */
  serverMain: string;
}

export interface Servers {
  readonly instances: readonly Instance[];
  readonly urls: readonly string[];
  /** DATABASE_URL of the instances (the checker reads the stored documents from it). */
  readonly databaseUrl: string;
  /** Every instance is running (starts the stopped ones). */
  ensureRunning(): Promise<void>;
  /**
   * Graceful restart of one instance: SIGTERM, then start again on the same port and database.
   * Says how long the instance took to exit, and whether it had to be killed (it lingered).
   */
  restart(index: number): Promise<{ stoppedMs: number; killed: boolean; startedMs: number }>;
  /** SIGKILL of one instance (started again by ensureRunning or restart). */
  kill(index: number): Promise<void>;
  /** The last lines of every instance's log. */
  logs(): string;
  stop(): Promise<void>;
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A graceful stop should take milliseconds; one that lingers is killed (and reported) after this. */
const STOP_TIMEOUT_MS = 3_000;

export async function startServers(options: ServerOptions): Promise<Servers> {
  if (options.db === 'sqlite' && options.instances !== 1)
    throw new Error('SQLite serves one instance: use --db mariadb for --instances 2');
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-fuzz-server-'));
  const database =
    options.db === 'mariadb'
      ? await createDatabase('hamgaja_fuzz')
      : { url: `sqlite:${path.join(dir, 'fuzz.sqlite')}`, drop: () => Promise.resolve() };
  const ports = await freePorts(options.instances);
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    UPLOAD_DIR: path.join(dir, 'uploads'),
    // Every fuzz user signs up from 127.0.0.1, and a seed's tokens must outlive it.
    AUTH_RATE_LIMIT: '1000000',
    EMAIL_CHECK_RATE_LIMIT: '1000000',
    BOARD_WRITE_RATE_LIMIT: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    ...(options.instances > 1
      ? { REDIS_URL, REDIS_CHANNEL: `hamgaja:fuzz:${randomBytes(6).toString('hex')}` }
      : {}),
  };
  const instances = ports.map((port, index) =>
    serverInstance({
      serverMain: options.serverMain,
      index,
      port,
      env,
      logFile: path.join(dir, `server-${index + 1}.log`),
      dataDir: path.join(dir, `data-${index + 1}`),
      stopTimeoutMs: STOP_TIMEOUT_MS,
    }),
  );
  const stop = async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The first one runs the migrations; the others start after it.
    await instances[0]!.start();
    await Promise.all(instances.slice(1).map((i) => i.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    instances,
    urls: instances.map((i) => i.url),
    databaseUrl: database.url,
    async ensureRunning() {
      await Promise.all(instances.map((i) => i.start()));
    },
    async restart(index) {
      const instance = instances[index]!;
      const t0 = Date.now();
      const graceful = await instance.stop();
      const t1 = Date.now();
      await instance.start();
      return { stoppedMs: t1 - t0, killed: !graceful, startedMs: Date.now() - t1 };
    },
    async kill(index) {
      const instance = instances[index]!;
      if (instance.running) await instance.kill('SIGKILL');
    },
    logs: () => instances.map((i) => `--- sync-server #${i.index + 1}\n${i.log()}`).join('\n'),
    stop,
  };
}
