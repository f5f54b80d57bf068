import type { RunnableMigration } from 'umzug';
import { QueryTypes, type QueryInterface } from 'sequelize';
import type { Database } from './database.js';
import { migrations, type Migration } from './migrations/index.js';

export type MigrationContext = { queryInterface: QueryInterface; db: Database };

const LOCK_TIMEOUT_SECONDS = 120;

/** Holds a MySQL named lock (one per database) so that instances starting together migrate one at a time. */
async function withMysqlLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  type Raw = { query(sql: string, cb: (err: Error | null, rows: unknown) => void): void };
  const manager = db.sequelize.connectionManager as unknown as {
    getConnection(): Promise<Raw>;
    releaseConnection(c: Raw): Promise<void>;
  };
  const connection = await manager.getConnection();
  const query = (sql: string) =>
    new Promise<unknown>((resolve, reject) =>
      connection.query(sql, (err, rows) => (err ? reject(err) : resolve(rows))),
    );
  // Named locks are server-wide: the database's name keeps other databases on the server from waiting.
  const name = "CONCAT('hamgaja_migrations_', MD5(DATABASE()))";
  try {
    const rows = (await query(`SELECT GET_LOCK(${name}, ${LOCK_TIMEOUT_SECONDS}) AS got`)) as {
      got: number;
    }[];
    if (rows[0]?.got !== 1) {
      throw new Error(`could not acquire the migration lock within ${LOCK_TIMEOUT_SECONDS} s`);
    }
    try {
      return await fn();
    } finally {
      await query(`SELECT RELEASE_LOCK(${name})`);
    }
  } finally {
    await manager.releaseConnection(connection);
  }
}

/** Migrations of one database in this process run one after another (SQLite has no named lock). */
const running = new Map<unknown, Promise<unknown>>();
async function withProcessLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const storage = (db.sequelize as unknown as { options: { storage?: string } }).options.storage;
  const key = db.dialect === 'sqlite' && storage && storage !== ':memory:' ? storage : db;
  const previous = running.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  running.set(key, tail);
  void tail.then(() => {
    if (running.get(key) === tail) running.delete(key);
  });
  return run;
}

/**
 * SQLite changes a column by copying the table, dropping it and renaming the copy; with
 * foreign keys on, the drop would cascade into every referencing table. So they are off
 * while migrating (as SQLite's ALTER TABLE guide says) and checked before they come back.
 */
async function withSqliteReferencesOff<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  await db.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    const result = await fn();
    const broken = await db.sequelize.query('PRAGMA foreign_key_check', { type: QueryTypes.SELECT });
    if (broken.length > 0) throw new Error(`migrations left ${broken.length} rows pointing at missing rows`);
    return result;
  } finally {
    await db.sequelize.query('PRAGMA foreign_keys = ON');
  }
}

function migrationsUpTo(list: Migration[], upTo: string | undefined) {
  if (upTo === undefined) return list;
  const index = list.findIndex((m) => m.name === upTo);
  if (index < 0) throw new Error(`unknown migration ${upTo}`);
  return list.slice(0, index + 1);
}

const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Umzug is imported only when a migration is pending: with the command-line toolkit it brings
 * along it would hold about 4.5 MB of heap in every running server for nothing.
 */
export async function createMigrator(db: Database, upTo?: string, list: Migration[] = migrations) {
  const { Umzug, SequelizeStorage } = await import('umzug');
  return new Umzug<MigrationContext>({
    migrations: migrationsUpTo(list, upTo) as RunnableMigration<MigrationContext>[],
    context: { queryInterface: db.sequelize.getQueryInterface(), db },
    storage: new SequelizeStorage({ sequelize: db.sequelize, tableName: MIGRATIONS_TABLE }),
    logger: undefined,
  });
}

/** The migrations recorded as applied (umzug's table); none while the table does not exist yet. */
async function appliedMigrations(db: Database): Promise<Set<string>> {
  try {
    const rows = await db.sequelize.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`, {
      type: QueryTypes.SELECT,
    });
    return new Set(rows.map((r) => r.name));
  } catch {
    // No table yet (or it cannot be read): umzug creates it, or reports what is wrong.
    return new Set();
  }
}

/**
 * Applies pending migrations (never drops data); returns the names applied.
 * `list` is for tests that add a migration of their own.
 */
export async function migrate(
  db: Database,
  upTo?: string,
  list: Migration[] = migrations,
): Promise<string[]> {
  const wanted = migrationsUpTo(list, upTo);
  const run = async () => {
    // The usual start: everything is applied already, and umzug is not needed.
    const applied = await appliedMigrations(db);
    if (wanted.every((m) => applied.has(m.name))) return [];
    const migrator = await createMigrator(db, upTo, list);
    return (await migrator.up()).map((m) => m.name);
  };
  return withProcessLock(db, () =>
    db.dialect === 'mysql' ? withMysqlLock(db, run) : withSqliteReferencesOff(db, run),
  );
}
