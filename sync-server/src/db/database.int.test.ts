import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { client, createTestDatabase, signUp, startTestServer, type TestDb } from '../../test/harness.js';
import { openDatabase, type Database } from './database.js';

const mariadb = process.env.TEST_DB === 'mariadb';

describe('database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  async function fresh(): Promise<{ testDb: TestDb; db: Database }> {
    const testDb = await createTestDatabase();
    const db = await openDatabase(testDb.url);
    cleanups.push(
      () => testDb.drop(),
      () => db.close(),
    );
    return { testDb, db };
  }

  it('serializes concurrent read-modify-write transactions without a busy error or a lost update', async () => {
    const { db } = await fresh();
    await db.sequelize.query('CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
    await db.sequelize.query('INSERT INTO counters (id, value) VALUES (1, 0)');
    const lock = db.dialect === 'mysql' ? ' FOR UPDATE' : '';
    await Promise.all(
      Array.from({ length: 25 }, () =>
        db.write(async (t) => {
          const [row] = await db.sequelize.query<{ value: number }>(
            `SELECT value FROM counters WHERE id = 1${lock}`,
            {
              type: QueryTypes.SELECT,
              transaction: t,
            },
          );
          await db.sequelize.query('UPDATE counters SET value = ? WHERE id = 1', {
            replacements: [Number(row!.value) + 1],
            transaction: t,
          });
        }),
      ),
    );
    const [row] = await db.sequelize.query<{ value: number }>('SELECT value FROM counters WHERE id = 1', {
      type: QueryTypes.SELECT,
    });
    expect(Number(row!.value)).toBe(25);
  });

  it('rolls back a failed write and keeps serving the next ones', async () => {
    const { db } = await fresh();
    await db.sequelize.query('CREATE TABLE notes (id INTEGER PRIMARY KEY, text VARCHAR(20) NOT NULL)');
    await expect(
      db.write(async (t) => {
        await db.sequelize.query("INSERT INTO notes (id, text) VALUES (1, 'kept?')", { transaction: t });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.write((t) =>
      db.sequelize.query("INSERT INTO notes (id, text) VALUES (2, 'kept')", { transaction: t }),
    );
    const rows = await db.sequelize.query('SELECT id FROM notes', { type: QueryTypes.SELECT });
    expect(rows.map((r) => Number((r as { id: number }).id))).toEqual([2]);
  });

  it('closes twice without an error', async () => {
    const { db } = await fresh();
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
  });

  it(`opens the other URL forms of ${mariadb ? 'MariaDB (mariadb://)' : 'SQLite (relative path, in memory)'} and serves accounts on them`, async () => {
    const urls: string[] = [];
    if (mariadb) {
      const testDb = await createTestDatabase('mariadb');
      cleanups.push(() => testDb.drop());
      urls.push(testDb.url.replace(/^mysql:/, 'mariadb:'));
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-rel-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      urls.push(
        `sqlite:${path.relative(process.cwd(), path.join(dir, 'nested', 'db.sqlite'))}`,
        'sqlite::memory:',
      );
    }
    for (const url of urls) {
      const server = await startTestServer({ DATABASE_URL: url });
      try {
        const api = client(server.url);
        const a = await signUp(api);
        expect((await api.post('/auth/refresh', { refreshToken: a.refreshToken })).status).toBe(200);
        expect((await api.post('/auth/login', { email: a.email, password: a.password })).status).toBe(200);
      } finally {
        await server.stop();
      }
    }
  });
});
