import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Sequelize, type Transaction } from 'sequelize';

export type Dialect = 'sqlite' | 'mysql';

/** The server's database: one Sequelize instance plus a write helper that is safe on SQLite. */
export interface Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  /** Runs fn in a transaction; on SQLite writers are serialized so no request sees SQLITE_BUSY. */
  write<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A FIFO lock: SQLite allows one writer, so writers queue here instead of failing busy. */
function createWriteQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

const BUSY_TIMEOUT_MS = 10_000;

/** Closing twice is harmless (the SQLite driver throws on a second close). */
function closeOnce(sequelize: Sequelize): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= sequelize.close());
}

function sqliteStorage(url: string): string {
  const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
  if (rest === '' || rest === ':memory:') return ':memory:';
  return path.resolve(rest);
}

/** Opens the database named by DATABASE_URL (sqlite:FILE, sqlite::memory:, mysql://…). */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(sqliteStorage(databaseUrl));
  return openMysql(databaseUrl.replace(/^mariadb:/, 'mysql:'));
}

async function openSqlite(storage: string): Promise<Database> {
  if (storage !== ':memory:') mkdirSync(path.dirname(storage), { recursive: true });
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    storage,
    logging: false,
    transactionType: 'IMMEDIATE' as never,
  });
  // Every connection Sequelize opens (one per transaction) waits for the lock instead of failing.
  // Sequelize closes a transaction's connection without a callback, so sqlite3 reports a failed
  // close as an 'error' event: with no listener that would end the process. It is a warning.
  const manager = sequelize.connectionManager as unknown as {
    getConnection(o?: unknown): Promise<{
      configure(k: 'busyTimeout', v: number): void;
      on(event: 'error', listener: (error: Error) => void): void;
    }>;
  };
  const getConnection = manager.getConnection.bind(manager);
  const prepared = new WeakSet<object>();
  manager.getConnection = async (o) => {
    const connection = await getConnection(o);
    if (!prepared.has(connection)) {
      prepared.add(connection);
      connection.configure('busyTimeout', BUSY_TIMEOUT_MS);
      connection.on('error', (error) => process.emitWarning(`SQLite connection: ${error.message}`));
    }
    return connection;
  };
  await sequelize.authenticate();
  if (storage !== ':memory:') await sequelize.query('PRAGMA journal_mode=WAL');
  await sequelize.query('PRAGMA synchronous=NORMAL');
  const queue = createWriteQueue();
  return {
    sequelize,
    dialect: 'sqlite',
    write: (fn) => queue(() => sequelize.transaction(fn)),
    close: closeOnce(sequelize),
  };
}

async function openMysql(url: string): Promise<Database> {
  const sequelize = new Sequelize(url, {
    dialect: 'mysql',
    logging: false,
    timezone: '+00:00',
    pool: { max: 20, min: 0, acquire: 30_000, idle: 10_000 },
    define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    // A query with bound values ($name) runs as a prepared statement (mysql2 execute), kept in a
    // per-connection cache. mysql2 preallocates 16,000 entries (about 0.5 MB per connection, 10 MB
    // for a full pool) and the server caps them all (max_prepared_stmt_count): the hot ones fit in 64.
    dialectOptions: { charset: 'utf8mb4', dateStrings: false, maxPreparedStatements: 64 },
  });
  await sequelize.authenticate();
  return {
    sequelize,
    dialect: 'mysql',
    write: (fn) => sequelize.transaction(fn),
    close: closeOnce(sequelize),
  };
}
