import { DataTypes, QueryTypes } from 'sequelize';
import type { Database } from '../database.js';
import type { MigrationContext } from '../migrate.js';

/** The board tables whose author may be gone: a deleted account may leave its posts and comments without a name. */
const AUTHORED = ['board_posts', 'board_comments'] as const;

/**
 * Account deletion through the sync engine (auth/account-deletion.ts): `account_deletions`
 * holds the deletions under way with the choices they were asked with, so one interrupted
 * (a crash, a lost database) resumes with the same choices; board posts and comments may lose
 * their author (`author_id` NULL) when the account goes and its owner chose to keep them.
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  await q.createTable('account_deletions', {
    user_id: { type: DataTypes.STRING(36), primaryKey: true },
    // {"board": "delete" | "anonymize", "trips": {tripId: "delete" | "transfer:<userId>"}}
    choices: { type: db.dialect === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  for (const table of AUTHORED) await setAuthorNullable(db, table, true);
}

export async function down({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  // Posts and comments without an author cannot be kept by the older schema.
  await db.sequelize.query('DELETE FROM board_comments WHERE author_id IS NULL');
  await db.sequelize.query(
    'DELETE FROM board_comments WHERE post_id IN (SELECT id FROM board_posts WHERE author_id IS NULL)',
  );
  await db.sequelize.query(
    'DELETE FROM board_post_views WHERE post_id IN (SELECT id FROM board_posts WHERE author_id IS NULL)',
  );
  await db.sequelize.query(
    'UPDATE board_images SET post_id = NULL WHERE post_id IN (SELECT id FROM board_posts WHERE author_id IS NULL)',
  );
  await db.sequelize.query('DELETE FROM board_posts WHERE author_id IS NULL');
  for (const table of AUTHORED) await setAuthorNullable(db, table, false);
  await q.dropTable('account_deletions');
}

/**
 * Makes `author_id` nullable (or not). MySQL changes the column in place, keeping its foreign
 * key. SQLite cannot: the table is rebuilt from its own definition with only that column
 * changed (SQLite's ALTER TABLE guide: new table, copy, drop, rename, indexes again), so its
 * references and indexes stay exactly as they were. References are off while migrating.
 */
async function setAuthorNullable(db: Database, table: string, nullable: boolean) {
  if (db.dialect === 'mysql') {
    await db.sequelize.query(
      `ALTER TABLE \`${table}\` MODIFY \`author_id\` VARCHAR(36) ${nullable ? 'NULL' : 'NOT NULL'}`,
    );
    return;
  }
  const select = (sql: string, bind: Record<string, string>) =>
    db.sequelize.query<{ sql: string }>(sql, { type: QueryTypes.SELECT, bind });
  const [definition] = await select("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $table", {
    table,
  });
  const indexes = await select(
    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL",
    { table },
  );
  const column = /`author_id` VARCHAR\(36\)( NOT NULL)?/;
  const match = definition?.sql.match(column);
  if (!definition || !match) throw new Error(`${table}: no author_id column to change`);
  const created = definition.sql
    .replace(column, `\`author_id\` VARCHAR(36)${nullable ? '' : ' NOT NULL'}`)
    .replace(`CREATE TABLE \`${table}\``, `CREATE TABLE \`${table}_new\``);
  if (!created.startsWith(`CREATE TABLE \`${table}_new\``))
    throw new Error(`${table}: unexpected definition`);
  await db.sequelize.query(created);
  await db.sequelize.query(`INSERT INTO \`${table}_new\` SELECT * FROM \`${table}\``);
  await db.sequelize.query(`DROP TABLE \`${table}\``);
  await db.sequelize.query(`ALTER TABLE \`${table}_new\` RENAME TO \`${table}\``);
  for (const index of indexes) await db.sequelize.query(index.sql);
}
