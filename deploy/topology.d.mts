// Types of topology.mjs (plain Node so `npm run bench:scale` runs without a compiler).

export const ROOT: string;

export interface TopologyOptions {
  /** sync-server processes behind Nginx (default 3). */
  instances?: number;
  /** Extra environment for every instance. */
  env?: Record<string, string>;
  /** A built server bundle to run; by default the current source is bundled into a directory of its own. */
  serverMain?: string;
  /** Nginx worker processes (default 1). */
  nginxWorkers?: number;
  /** The DATABASE_URL instances use, from the fresh database's URL (e.g. through a delay proxy). */
  instanceDatabaseUrl?: (url: string) => string;
}

export interface Instance {
  readonly index: number;
  readonly port: number;
  /** http://127.0.0.1:PORT, bypassing Nginx. */
  readonly url: string;
  /** 127.0.0.1:PORT as the Nginx upstream names it (`$upstream_addr` in the access log). */
  readonly address: string;
  readonly running: boolean;
  /** How the process ended, once it has. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Process id while it runs. */
  readonly pid: number | undefined;
  /** Starts the process and waits until /api/readyz answers 200. */
  start(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 10 s (or InstanceOptions.stopTimeoutMs); false when it had to be killed. */
  stop(): Promise<boolean>;
  /** Sends the signal (SIGKILL by default) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Its Prometheus text, read directly (Nginx hides /api/metrics). */
  metrics(): Promise<string>;
  /** One metric of this instance, summed over label sets unless labels are given. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  log(): string;
}

export interface InstanceOptions {
  /** The server bundle to run (buildServer().main). */
  serverMain: string;
  /** 0-based; names the instance in messages (#index+1). */
  index: number;
  port: number;
  /** The process's whole environment; PORT and DATA_DIR are added. */
  env: Record<string, string | undefined>;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** DATA_DIR of the instance (created). */
  dataDir: string;
  /** How long stop() waits after SIGTERM before SIGKILL (default 10 s). */
  stopTimeoutMs?: number;
}

export interface Topology {
  /** http://127.0.0.1:PORT of Nginx. */
  baseURL: string;
  instances: Instance[];
  database: {
    url: string;
    query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
    drop(): Promise<void>;
  };
  /** Process ids of this Nginx: the master and its workers (Linux). */
  nginxPids(): number[];
  nginxLog(): string;
  /** Nginx's access log so far (`upstream=` names the instance of each request). */
  accessLog(): string;
  /** Stops Nginx and every instance, drops the database, removes the bundle. Safe to call twice. */
  stop(): Promise<void>;
}

export function startTopology(options?: TopologyOptions): Promise<Topology>;
export function buildServer(): Promise<{ main: string; remove(): void }>;
export function serverInstance(options: InstanceOptions): Instance;
export function freePorts(count: number): Promise<number[]>;
/** A fresh, empty database on TEST_MYSQL_URL's server, named `<prefix>_<random>` (default prefix hamgaja_scale). */
export function createDatabase(prefix?: string): Promise<Topology['database']>;
export function metricValue(text: string, name: string, labels?: Record<string, string>): number;
