import fc from 'fast-check';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyText, hasLoneSurrogate, TRICKY_TEXT } from '../../test/any-text.js';
import { createTestDatabase, type TestDb } from '../../test/harness.js';
import { DocumentStore, type StoredDocument } from '../sync/store.js';
import { bulkInsert } from './bulk-insert.js';
import { openDatabase, type Database } from './database.js';
import { migrate } from './migrate.js';

/**
 * The hand-built bulk INSERT round-trips every value on this database: sync documents (the
 * JSON column the store writes, and the id / trip_id key columns) and a plain text column.
 */
describe('bulk insert', () => {
  let testDb: TestDb;
  let db: Database;
  let store: DocumentStore;
  let seq = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.url);
    await migrate(db);
    store = new DocumentStore(db);
    await db.sequelize.query(
      db.dialect === 'mysql'
        ? 'CREATE TABLE bulk_notes (id INTEGER PRIMARY KEY, body TEXT NULL) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin'
        : 'CREATE TABLE bulk_notes (id INTEGER PRIMARY KEY, body TEXT NULL)',
    );
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  /** Writes through the store, reads back with bound values (keys may hold a NUL here). */
  async function writeAndRead(collection: string, docs: StoredDocument[]) {
    await db.write((t) => store.write(collection, docs, t));
    const rows = await db.sequelize.query<{ id: string; trip_id: string; data: string }>(
      'SELECT id, trip_id, data FROM sync_documents WHERE collection = $collection',
      { bind: { collection }, type: QueryTypes.SELECT },
    );
    return new Map(rows.map((r) => [r.id, { tripId: r.trip_id, data: r.data }]));
  }

  const doc = (id: string, tripId: string, value: unknown): StoredDocument => ({
    id,
    tripId,
    seq: (seq += 1),
    deleted: false,
    data: JSON.stringify({ id, tripId, note: value }),
  });

  it('round-trips every tricky value through the JSON column and the key columns', async () => {
    const wellFormed = TRICKY_TEXT.filter((t) => !hasLoneSurrogate(t));
    const docs = TRICKY_TEXT.map((text, i) =>
      // Lone surrogates only in the JSON (escaped there); keys must be well-formed.
      doc(`k${i}${hasLoneSurrogate(text) ? '' : text}`, `t${wellFormed[i % wellFormed.length]}`, {
        text,
        all: TRICKY_TEXT.join(''),
      }),
    );
    const found = await writeAndRead('stops', docs);
    for (const d of docs) {
      const stored = found.get(d.id);
      expect(stored, JSON.stringify(d.id)).toBeDefined();
      expect(stored!.tripId).toBe(d.tripId);
      expect(stored!.data).toBe(d.data);
      expect(JSON.parse(stored!.data)).toEqual(JSON.parse(d.data));
    }
  });

  it('keeps lone surrogates exactly in JSON text (escaped as \\udxxx), and refuses them in key columns', async () => {
    const [lone] = await writeAndRead('stops', [doc('lone', 'trip', '\uD800x\uDFFF')]).then((m) => [
      m.get('lone'),
    ]);
    expect(lone!.data).toContain('\\ud800x\\udfff');
    expect((JSON.parse(lone!.data) as { note: string }).note).toBe('\uD800x\uDFFF');
    // A key with a lone surrogate would be stored as U+FFFD by either driver (two ids could become one).
    await expect(db.write((t) => store.write('stops', [doc('a\uD800', 'trip', 1)], t))).rejects.toThrow(
      /lone surrogate/,
    );
    await expect(db.write((t) => store.write('stops', [doc('b', 'trip\uDC00', 1)], t))).rejects.toThrow(
      /lone surrogate/,
    );
    const [row] = await db.sequelize.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM sync_documents WHERE id IN ('b', 'a\uFFFD')",
      { type: QueryTypes.SELECT },
    );
    expect(Number(row!.n)).toBe(0);
  });

  it('replaces a document on its key (the upsert) with new tricky values', async () => {
    await writeAndRead('trips', [doc("o'k", 'x', 'first')]);
    const found = await writeAndRead('trips', [doc("o'k", 'y\u0000\\', "second'\u0000\\")]);
    expect(found.get("o'k")!.tripId).toBe('y\u0000\\');
    expect(JSON.parse(found.get("o'k")!.data)).toMatchObject({ note: "second'\u0000\\" });
  });

  it('round-trips any string: JSON data always, keys whenever well-formed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(anyText(20), anyText(40)), { minLength: 1, maxLength: 8 }),
        async (pairs) => {
          const collection = `p${(seq += 1)}`;
          const docs = pairs.map(([key, note], i) =>
            doc(`${i}-${hasLoneSurrogate(key) ? 'x' : key}`, hasLoneSurrogate(key) ? 'x' : key, note),
          );
          const found = await writeAndRead(collection, docs);
          for (const d of docs) {
            expect(found.get(d.id)?.tripId).toBe(d.tripId);
            expect(JSON.parse(found.get(d.id)!.data)).toEqual(JSON.parse(d.data));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('round-trips any well-formed text in a plain text column, NULL included', async () => {
    let id = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(anyText(40)), { minLength: 1, maxLength: 10 }), async (bodies) => {
        const rows = bodies
          .filter((b) => b === null || !hasLoneSurrogate(b))
          .map((body) => [(id += 1), body] as const);
        if (rows.length === 0) return;
        await db.write((t) => bulkInsert(db, t, { table: 'bulk_notes', columns: ['id', 'body'] }, rows));
        const stored = await db.sequelize.query<{ id: number; body: string | null }>(
          `SELECT id, body FROM bulk_notes WHERE id >= ${rows[0]![0]} ORDER BY id`,
          { type: QueryTypes.SELECT },
        );
        expect(stored.map((r) => [Number(r.id), r.body])).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});
