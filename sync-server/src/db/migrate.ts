import { Umzug, SequelizeStorage, type RunnableMigration } from 'umzug';
import type { QueryInterface } from 'sequelize';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export type MigrationContext = { queryInterface: QueryInterface; db: Database };

/** Holds a MySQL named lock so that instances starting together migrate one at a time. */
async function withMigrationLock<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'mysql') return fn();
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
  try {
    const rows = (await query("SELECT GET_LOCK('hamgaja_migrations', 120) AS got")) as { got: number }[];
    if (rows[0]?.got !== 1) throw new Error('could not acquire the migration lock within 120 s');
    try {
      return await fn();
    } finally {
      await query("SELECT RELEASE_LOCK('hamgaja_migrations')");
    }
  } finally {
    await manager.releaseConnection(connection);
  }
}

export function createMigrator(db: Database, upTo?: string) {
  const list = upTo ? migrations.slice(0, migrations.findIndex((m) => m.name === upTo) + 1) : migrations;
  return new Umzug<MigrationContext>({
    migrations: list as RunnableMigration<MigrationContext>[],
    context: { queryInterface: db.sequelize.getQueryInterface(), db },
    storage: new SequelizeStorage({ sequelize: db.sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Applies pending migrations (never drops data); returns the names applied. */
export async function migrate(db: Database, upTo?: string): Promise<string[]> {
  return withMigrationLock(db, async () => {
    const applied = await createMigrator(db, upTo).up();
    return applied.map((m) => m.name);
  });
}
