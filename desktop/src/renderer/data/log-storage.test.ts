// The app's RxDB storage (memory + an IndexedDB log) on fake-indexeddb, the same API the browser
// has: documents survive a reopen, a write batch is one record, two tabs (two storages on one
// database) see each other's writes and cannot overwrite each other blindly, and the log is
// rewritten once it grows long.
import 'fake-indexeddb/auto';
import { firstValueFrom, filter, take } from 'rxjs';
import {
  createRxDatabase,
  fillWithDefaultSettings,
  getChangedDocumentsSinceQuery,
  now,
  prepareQuery,
  type RxStorageDefaultCheckpoint,
  type RxCollection,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as logStorage from './log-storage';
import { getRxStorageLog, logDatabaseName, type LogStorageSettings } from './log-storage';

type LogStorageModule = typeof logStorage;

interface Note {
  id: string;
  day: number;
  text: string;
}

const noteSchema: RxJsonSchema<Note> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    day: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
    text: { type: 'string' },
  },
  required: ['id', 'day', 'text'],
  indexes: ['day'],
};

let names: string[] = [];
const freshName = () => {
  const name = `log-test-${Math.random().toString(36).slice(2, 10)}`;
  names.push(name);
  return name;
};

afterEach(async () => {
  for (const name of names) {
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(logDatabaseName(name));
      req.onsuccess = req.onerror = req.onblocked = resolve;
    });
  }
  names = [];
});

async function openDb(name: string, settings?: LogStorageSettings) {
  const db = await createRxDatabase<{ notes: RxCollection<Note> }>({
    name,
    storage: getRxStorageLog(settings),
    multiInstance: true,
    closeDuplicates: true,
  });
  await db.addCollections({ notes: { schema: noteSchema } });
  return db;
}

/** The log records of one collection, straight from IndexedDB. */
async function logRecords(name: string): Promise<{ key: [string, number]; docs: number }[]> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(logDatabaseName(name));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = idb.transaction('log', 'readonly');
  const store = tx.objectStore('log');
  const range = IDBKeyRange.bound(['notes-0', 0], ['notes-0', Infinity]);
  const [keys, values] = await Promise.all([
    new Promise<IDBValidKey[]>(
      (r) => (store.getAllKeys(range).onsuccess = (e) => r((e.target as IDBRequest).result)),
    ),
    new Promise<{ d: unknown[] }[]>(
      (r) => (store.getAll(range).onsuccess = (e) => r((e.target as IDBRequest).result)),
    ),
  ]);
  idb.close();
  return keys.map((key, i) => ({ key: key as [string, number], docs: values[i]!.d.length }));
}

const notes = (count: number, day = 1): Note[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `note-${String(i).padStart(5, '0')}`,
    day: i % 5 || day,
    text: `note ${i}`,
  }));

describe('log storage', () => {
  it('keeps documents across a reopen, with updates, deletes and index queries', async () => {
    const name = freshName();
    const db = await openDb(name);
    await db.notes.bulkInsert(notes(50));
    await (await db.notes.findOne('note-00001').exec())!.incrementalPatch({ text: 'changed' });
    await (await db.notes.findOne('note-00002').exec())!.remove();
    await db.close();

    const again = await openDb(name);
    expect(await again.notes.count().exec()).toBe(49);
    expect((await again.notes.findOne('note-00001').exec())?.text).toBe('changed');
    expect(await again.notes.findOne('note-00002').exec()).toBeNull();
    const dayThree = await again.notes.find({ selector: { day: 3 }, sort: [{ id: 'asc' }] }).exec();
    expect(dayThree.map((n) => n.id)).toEqual(
      notes(50)
        .filter((n) => n.day === 3)
        .map((n) => n.id),
    );
    await again.close();
  });

  it('stores a bulk write as one log record, not one per document', async () => {
    const name = freshName();
    const db = await openDb(name);
    await db.notes.bulkInsert(notes(1000));
    await (await db.notes.findOne('note-00007').exec())!.incrementalPatch({ text: 'one more' });
    await db.close();
    expect(await logRecords(name)).toEqual([
      { key: ['notes-0', 1], docs: 1000 },
      { key: ['notes-0', 2], docs: 1 },
    ]);
  });

  it('lets two tabs see each other and refuses a write made against a stale state', async () => {
    const name = freshName();
    const schema = fillWithDefaultSettings(noteSchema);
    const params = (storage: ReturnType<typeof getRxStorageLog>) =>
      storage.createStorageInstance<Note>({
        databaseInstanceToken: 'token',
        databaseName: name,
        collectionName: 'notes',
        schema,
        options: {},
        multiInstance: true,
        devMode: false,
      });
    const tabA = await params(getRxStorageLog());
    const tabB = await params(getRxStorageLog());
    const doc = (text: string, rev: string): RxDocumentData<Note> => ({
      id: 'shared',
      day: 1,
      text,
      _deleted: false,
      _rev: rev,
      _attachments: {},
      _meta: { lwt: now() },
    });

    const seenInB = firstValueFrom(
      tabB.changeStream().pipe(
        filter((bulk) => bulk.events.some((e) => e.documentId === 'shared')),
        take(1),
      ),
    );
    const first = doc('from A', '1-a');
    expect((await tabA.bulkWrite([{ document: first }], 'test')).error).toEqual([]);
    const event = await seenInB;
    expect(event.events[0]?.documentData.text).toBe('from A');
    expect((await tabB.findDocumentsById(['shared'], false))[0]?.text).toBe('from A');

    // A edits on top of its state; B writes on top of the same, now stale, state: B is refused.
    expect(
      (await tabA.bulkWrite([{ previous: first, document: doc('A again', '2-a') }], 'test')).error,
    ).toEqual([]);
    const refused = await tabB.bulkWrite([{ previous: first, document: doc('B blind', '2-b') }], 'test');
    expect(refused.error).toHaveLength(1);
    expect(refused.error[0]).toMatchObject({ status: 409, documentId: 'shared' });
    expect((refused.error[0] as { documentInDb?: Note }).documentInDb?.text).toBe('A again');

    await tabA.close();
    await tabB.close();
  });

  it("pages through changes in write order, as RxDB's generic changes query does", async () => {
    const name = freshName();
    const schema = fillWithDefaultSettings(noteSchema);
    const storage = getRxStorageLog();
    const instance = await storage.createStorageInstance<Note>({
      databaseInstanceToken: 'token',
      databaseName: name,
      collectionName: 'notes',
      schema,
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const note = (id: string, text: string, lwt: number, rev = '1-a'): RxDocumentData<Note> => ({
      id,
      day: 1,
      text,
      _deleted: false,
      _rev: rev,
      _attachments: {},
      _meta: { lwt },
    });
    // One bulk write gives 250 documents one lwt (ids out of order); two later writes follow.
    const bulkLwt = now();
    const bulk = Array.from({ length: 250 }, (_, i) =>
      note(`n-${String((i * 37) % 250).padStart(3, '0')}`, 'bulk', bulkLwt),
    );
    expect(
      (
        await instance.bulkWrite(
          bulk.map((document) => ({ document })),
          'test',
        )
      ).error,
    ).toEqual([]);
    const edited = { ...bulk[0]!, text: 'edited', _rev: '2-a', _meta: { lwt: now() } };
    expect((await instance.bulkWrite([{ previous: bulk[0]!, document: edited }], 'test')).error).toEqual([]);
    expect((await instance.bulkWrite([{ document: note('z-last', 'new', now()) }], 'test')).error).toEqual(
      [],
    );

    const generic = async (limit: number, checkpoint?: RxStorageDefaultCheckpoint) =>
      (
        await instance.query(prepareQuery(schema, getChangedDocumentsSinceQuery(instance, limit, checkpoint)))
      ).documents.map((d) => d.id);
    const seen: string[] = [];
    let checkpoint: RxStorageDefaultCheckpoint | undefined;
    for (;;) {
      const page = await instance.getChangedDocumentsSince!(40, checkpoint);
      expect(page.documents.map((d) => d.id)).toEqual(await generic(40, checkpoint));
      if (page.documents.length === 0) {
        expect(page.checkpoint).toEqual(checkpoint);
        break;
      }
      seen.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
    }
    // Every document once, the edited one after the bulk write, the newest last.
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
    expect(seen.slice(-2)).toEqual([edited.id, 'z-last']);
    expect(seen.slice(0, 249)).toEqual([...seen.slice(0, 249)].sort());
    await instance.close();
  });

  it('rewrites a long log as a snapshot and keeps every document', async () => {
    const name = freshName();
    const db = await openDb(name);
    await db.notes.bulkInsert(notes(10));
    for (let i = 0; i < 30; i += 1)
      await (await db.notes.findOne('note-00003').exec())!.incrementalPatch({ text: `edit ${i}` });
    await (await db.notes.findOne('note-00004').exec())!.remove();
    await db.close();
    expect((await logRecords(name)).length).toBe(32);

    const again = await openDb(name, { compactAfterRecords: 8, compactDelayMs: 0 });
    await expect.poll(async () => (await logRecords(name)).length).toBe(1);
    expect(await logRecords(name)).toEqual([{ key: ['notes-0', 33], docs: 10 }]);
    await again.notes.insert({ id: 'after', day: 2, text: 'written after the rewrite' });
    await again.close();

    const third = await openDb(name);
    expect(await third.notes.count().exec()).toBe(10);
    expect((await third.notes.findOne('note-00003').exec())?.text).toBe('edit 29');
    expect((await third.notes.findOne('after').exec())?.text).toBe('written after the rewrite');
    await third.close();
  });

  it('rewrites the log during a session once small edits pile up', async () => {
    const name = freshName();
    const db = await openDb(name, { compactAfterRecords: 8, compactDelayMs: 0 });
    await db.notes.bulkInsert(notes(3));
    for (let i = 0; i < 12; i += 1)
      await (await db.notes.findOne('note-00001').exec())!.incrementalPatch({ text: `edit ${i}` });
    await expect.poll(async () => (await logRecords(name)).length).toBeLessThan(5);
    await db.close();
    const again = await openDb(name);
    expect((await again.notes.findOne('note-00001').exec())?.text).toBe('edit 11');
    expect(await again.notes.count().exec()).toBe(3);
    await again.close();
  });

  it('removing the database empties its log', async () => {
    const name = freshName();
    const db = await openDb(name);
    await db.notes.bulkInsert(notes(20));
    await db.remove();
    expect(await logRecords(name)).toEqual([]);
  });

  describe('a replication write and its meta write', () => {
    interface Meta {
      id: string;
      itemId: string;
    }
    const metaSchema: RxJsonSchema<Meta> = {
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 100 }, itemId: { type: 'string' } },
      required: ['id', 'itemId'],
    };
    /** A page: a copy of the storage module of its own (its own tab id and Web Lock), as after a page load. */
    async function page(): Promise<LogStorageModule> {
      vi.resetModules();
      return import('./log-storage');
    }
    async function open(module: LogStorageModule, name: string) {
      const storage = module.getRxStorageLog();
      const instance = <T>(collectionName: string, schema: RxJsonSchema<T>) =>
        storage.createStorageInstance<T>({
          databaseInstanceToken: 'token',
          databaseName: name,
          collectionName,
          schema: fillWithDefaultSettings(schema),
          options: {},
          multiInstance: true,
          devMode: false,
        });
      return { notes: await instance('notes', noteSchema), meta: await instance('meta', metaSchema) };
    }
    const row = <T extends { id: string }>(doc: T, rev = '1-a') => ({
      document: { ...doc, _deleted: false, _rev: rev, _attachments: {}, _meta: { lwt: now() } },
    });
    const pulled = (id: string) => row({ id, day: 1, text: `pulled ${id}` });
    const metaRow = (id: string) => row({ id: `meta-${id}`, itemId: id });

    it('counts a pulled batch once its meta write committed it, and leaves it out when its page closed in between', async () => {
      const name = freshName();
      const first = await page();
      const tab = await open(first, name);
      // A whole pair: the batch and its meta rows.
      await tab.notes.bulkWrite([pulled('a'), pulled('b')], 'replication-downstream-x');
      await tab.meta.bulkWrite([metaRow('a'), metaRow('b')], 'replication-down-write-meta');
      // The first half of a pair, and the page closes before the meta write.
      await tab.notes.bulkWrite([pulled('c')], 'replication-downstream-x');
      first.releaseTab();

      const next = await open(await page(), name);
      const ids = async () =>
        (await next.notes.findDocumentsById(['a', 'b', 'c'], false)).map((doc) => doc.id).sort();
      expect(await ids()).toEqual(['a', 'b']);
      // The batch stays out after later writes too (they append after it, they never read it again).
      await next.notes.bulkWrite([pulled('d')], 'test');
      expect(await ids()).toEqual(['a', 'b']);
      for (const instance of [tab.notes, tab.meta, next.notes, next.meta]) await instance.close();
    });

    it('does not rewrite the log while a pulled batch waits for its meta write', async () => {
      const name = freshName();
      const first = await page();
      const tab = await open(first, name);
      await tab.notes.bulkWrite([pulled('a')], 'test');
      await tab.notes.bulkWrite([pulled('c')], 'replication-downstream-x');
      // cleanup() rewrites the log as a snapshot of memory, which holds the pending batch.
      await tab.notes.cleanup(0);
      first.releaseTab();
      const next = await open(await page(), name);
      expect((await next.notes.findDocumentsById(['a', 'c'], false)).map((doc) => doc.id)).toEqual(['a']);
      for (const instance of [tab.notes, tab.meta, next.notes, next.meta]) await instance.close();
    });

    it("counts another living page's pending batch: its meta write may be on its way", async () => {
      const name = freshName();
      const tab = await open(await page(), name);
      await tab.notes.bulkWrite([pulled('c')], 'replication-downstream-x');
      const other = await open(await page(), name);
      expect((await other.notes.findDocumentsById(['c'], false)).map((doc) => doc.id)).toEqual(['c']);
      for (const instance of [tab.notes, tab.meta, other.notes, other.meta]) await instance.close();
    });

    it('commits a pending batch before a later write of one of its documents', async () => {
      const name = freshName();
      const first = await page();
      const tab = await open(first, name);
      const write = pulled('c');
      await tab.notes.bulkWrite([write], 'replication-downstream-x');
      // An edit lands before the meta write: the batch it rests on must stay.
      await tab.notes.bulkWrite(
        [{ previous: write.document, document: { ...write.document, text: 'edited', _rev: '2-b' } }],
        'rx-document-save-data',
      );
      first.releaseTab();
      const next = await open(await page(), name);
      expect((await next.notes.findDocumentsById(['c'], false))[0]?.text).toBe('edited');
      for (const instance of [tab.notes, tab.meta, next.notes, next.meta]) await instance.close();
    });
  });
});
