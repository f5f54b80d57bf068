import { randomUUID } from 'node:crypto';
import { DataTypes, QueryTypes } from 'sequelize';
import { afterEach, describe, expect, it } from 'vitest';
import { client, createTestDatabase, startTestServer, type TestDb } from '../../test/harness.js';
import { hashPassword } from '../auth/passwords.js';
import { openDatabase, type Database } from './database.js';
import { migrate } from './migrate.js';
import { migrations, type Migration } from './migrations/index.js';

const names = migrations.map((m) => m.name);

describe('migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function freshDatabase(): Promise<TestDb> {
    const testDb = await createTestDatabase();
    cleanups.push(() => testDb.drop());
    return testDb;
  }
  async function open(url: string): Promise<Database> {
    const db = await openDatabase(url);
    cleanups.push(() => db.close());
    return db;
  }
  const select = (db: Database, sql: string, replacements: unknown[] = []) =>
    db.sequelize.query<Record<string, unknown>>(sql, { replacements, type: QueryTypes.SELECT });

  it('are listed once each, in order, starting with the accounts', () => {
    expect(names[0]).toBe('0001-accounts');
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  it('upgrade a database made by the first migration in place, keeping its data', async () => {
    const testDb = await freshDatabase();
    const db = await open(testDb.url);
    expect(await migrate(db, '0001-accounts')).toEqual(['0001-accounts']);

    const id = randomUUID();
    // Whole seconds: raw replacements on MySQL are formatted without milliseconds.
    const now = new Date('2025-03-01T09:30:00.000Z');
    const passwordHash = await hashPassword('an-old-password');
    await db.sequelize.query(
      'INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      { replacements: [id, 'early@example.com', '얼리 어답터', passwordHash, now, now] },
    );

    expect(await migrate(db)).toEqual(names.slice(1));
    const [row] = await select(db, 'SELECT * FROM users WHERE id = ?', [id]);
    expect(row).toMatchObject({
      email: 'early@example.com',
      display_name: '얼리 어답터',
      password_hash: passwordHash,
      phone: null,
      address: null,
      locale: 'ko',
    });
    expect(new Date(row!.created_at as string).toISOString()).toBe(now.toISOString());

    // Running it again is harmless.
    expect(await migrate(db)).toEqual([]);
    expect((await select(db, 'SELECT name FROM schema_migrations')).map((r) => r.name).sort()).toEqual(
      [...names].sort(),
    );
    await db.close();

    // The server starts on the upgraded database and the early user can log in.
    const server = await startTestServer({}, testDb);
    cleanups.push(() => server.stop());
    const api = client(server.url);
    const login = await api.post('/auth/login', { email: 'early@example.com', password: 'an-old-password' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id, displayName: '얼리 어답터', locale: 'ko', phone: null });
  });

  it('keeps referencing rows when a later migration rebuilds a table (SQLite drops and recreates it)', async () => {
    const db = await open((await freshDatabase()).url);
    await migrate(db);
    const userId = randomUUID();
    const now = new Date();
    await db.sequelize.query(
      "INSERT INTO users (id, email, display_name, password_hash, phone, address, locale, created_at, updated_at) VALUES (?, 'kept@example.com', 'Kept', 'x', '010', 'Seoul', 'en', ?, ?)",
      { replacements: [userId, now, now] },
    );
    await db.sequelize.query(
      "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, 'h', ?, ?)",
      { replacements: [randomUUID(), randomUUID(), userId, now, now] },
    );
    const rebuild: Migration = {
      name: '9999-test-rebuild-users',
      async up({ context: { queryInterface: q } }) {
        await q.changeColumn('users', 'phone', { type: DataTypes.STRING(40), allowNull: true });
      },
      async down() {},
    };
    expect(await migrate(db, undefined, [...migrations, rebuild])).toEqual([rebuild.name]);
    expect(await select(db, 'SELECT user_id FROM refresh_tokens')).toEqual([{ user_id: userId }]);
    expect(await select(db, 'SELECT email, phone, address, locale FROM users')).toEqual([
      { email: 'kept@example.com', phone: '010', address: 'Seoul', locale: 'en' },
    ]);
    // Deleting the user still cascades: the references were restored after the migration.
    await db.write((t) =>
      db.sequelize.query('DELETE FROM users WHERE id = ?', { replacements: [userId], transaction: t }),
    );
    expect(await select(db, 'SELECT user_id FROM refresh_tokens')).toEqual([]);
  });

  it('refuses to migrate up to a name it does not know', async () => {
    const db = await open((await freshDatabase()).url);
    await expect(migrate(db, '9999-nope')).rejects.toThrow(/9999-nope/);
    expect(await migrate(db)).toEqual(names);
  });

  it('lets two instances migrate the same database at once', async () => {
    const testDb = await freshDatabase();
    const [a, b] = await Promise.all([open(testDb.url), open(testDb.url)]);
    const [fromA, fromB] = await Promise.all([migrate(a), migrate(b)]);
    // One of them did the work, the other found nothing to do.
    expect([fromA, fromB].sort((x, y) => y.length - x.length)).toEqual([names, []]);
    expect((await select(a, 'SELECT name FROM schema_migrations')).map((r) => r.name).sort()).toEqual(
      [...names].sort(),
    );
    expect(await migrate(b)).toEqual([]);
  });

  it('does not hold up migrations of a different database on the same server', async () => {
    const [one, two] = await Promise.all([freshDatabase(), freshDatabase()]);
    const [a, b] = await Promise.all([open(one.url), open(two.url)]);
    const [fromA, fromB] = await Promise.all([migrate(a), migrate(b)]);
    expect(fromA).toEqual(names);
    expect(fromB).toEqual(names);
  });
});
