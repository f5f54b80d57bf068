/**
 * "Download my data" leaves no table out: every table of the migrated database is either
 * exported (coveredTables: how the user's rows are chosen) or listed as holding no user data
 * with a reason, and every column of an exported table is exported or withheld with a reason.
 * A migration adding a table or a column fails here until it decides.
 */
import { DataTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDb } from '../../test/harness.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { migrations, type Migration } from '../db/migrations/index.js';
import { coveredTables, tablesWithoutUserData } from './coverage.js';

/** Every table of the database, as the ORM lists them (SQLite: sqlite_master; MySQL: information_schema). */
async function allTables(db: Database): Promise<string[]> {
  const tables = (await db.sequelize.getQueryInterface().showAllTables()) as unknown[];
  return tables.map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName)).sort();
}

/** Tables that are neither exported nor listed as holding no user data. */
const undecided = (tables: string[]) =>
  tables.filter((t) => !Object.hasOwn(coveredTables, t) && !Object.hasOwn(tablesWithoutUserData, t));

async function migratedDatabase(cleanups: (() => Promise<void>)[], list?: Migration[]) {
  const testDb: TestDb = await createTestDatabase();
  const db = await openDatabase(testDb.url);
  cleanups.push(
    () => testDb.drop(),
    () => db.close(),
  );
  await migrate(db, undefined, list);
  return db;
}

describe('data export: table coverage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let db: Database;
  beforeAll(async () => {
    db = await migratedDatabase(cleanups);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('covers every table of the migrated database or says why it holds no user data', async () => {
    const tables = await allTables(db);
    expect(tables.length).toBeGreaterThan(10);
    expect(undecided(tables), 'tables neither exported nor listed in tablesWithoutUserData').toEqual([]);
  });

  it('names only tables that exist, each in one list only', async () => {
    const tables = new Set(await allTables(db));
    const missing = [
      ...Object.keys(coveredTables),
      ...Object.entries(tablesWithoutUserData)
        .filter(([, t]) => !t.only || t.only === db.dialect)
        .map(([name]) => name),
    ].filter((t) => !tables.has(t));
    expect(missing, 'listed tables the migrations do not create').toEqual([]);
    expect(Object.keys(coveredTables).filter((t) => Object.hasOwn(tablesWithoutUserData, t))).toEqual([]);
    for (const [table, { reason }] of Object.entries(tablesWithoutUserData))
      expect(reason.trim().length, `reason for ${table}`).toBeGreaterThan(10);
  });

  it('exports or withholds (with a reason) every column of a covered table, each section once', async () => {
    const q = db.sequelize.getQueryInterface();
    for (const [table, spec] of Object.entries(coveredTables)) {
      const columns = Object.keys(await q.describeTable(table)).sort();
      const decided = [...Object.keys(spec.columns), ...Object.keys(spec.withheld ?? {})].sort();
      expect(decided, `columns of ${table}`).toEqual(columns);
      for (const [column, reason] of Object.entries(spec.withheld ?? {}))
        expect(reason.length, `reason for withholding ${table}.${column}`).toBeGreaterThan(10);
    }
    const sections = Object.values(coveredTables).map((s) => s.section);
    expect(new Set(sections).size).toBe(sections.length);
  });

  it('fails on a table a new migration adds until it is covered or listed', async () => {
    const notes: Migration = {
      name: '9999-test-travel-notes',
      async up({ context: { queryInterface } }) {
        await queryInterface.createTable('travel_notes', {
          id: { type: DataTypes.STRING(36), primaryKey: true },
          user_id: { type: DataTypes.STRING(36), allowNull: false },
          body: { type: DataTypes.TEXT, allowNull: false },
        });
      },
      async down({ context: { queryInterface } }) {
        await queryInterface.dropTable('travel_notes');
      },
    };
    const withNotes = await migratedDatabase(cleanups, [...migrations, notes]);
    expect(undecided(await allTables(withNotes))).toEqual(['travel_notes']);
  });
});
