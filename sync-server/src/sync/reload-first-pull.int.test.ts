/**
 * A full page load during the very first pull, replayed without a browser: the app's own storage
 * (desktop/src/renderer/data/log-storage.ts) on fake-indexeddb, a real RxDB database replicating
 * with the real server. "Page 1" dies right after a chosen write committed: every later write of
 * any of its storage instances is dropped (nothing after that point reaches IndexedDB). "Page 2"
 * is a fresh copy of the storage module opening the same IndexedDB database.
 */
import 'fake-indexeddb/auto';
import { indexedDB as fakeIndexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RxStorage, RxStorageInstance } from 'rxdb';
import { createDatabase, type HamgajaDatabase, type Stop } from '@hamgaja/shared';
import {
  closeAllDevices,
  DeviceSession,
  openDevice,
  stopOf,
  tripOf,
  uid,
  type Account,
} from '../../test/devices.js';
import { client, signUp, startTestServer, type TestServer } from '../../test/harness.js';

const LOG_STORAGE = '../../../desktop/src/renderer/data/log-storage';
/** The module's exports this test uses (a string path: the server's tsconfig does not compile the renderer). */
interface LogStorageModule {
  getRxStorageLog(): RxStorage<unknown, unknown>;
  logDatabaseName(databaseName: string): string;
  releaseTab(): void;
}

/** A fresh copy of the storage module: its own IndexedDB connections, as after a page load. */
async function freshPage(): Promise<LogStorageModule> {
  vi.resetModules();
  return (await import(LOG_STORAGE)) as LogStorageModule;
}

/**
 * Wraps a storage so the page dies once `killAfter` says so about a committed write: from then on
 * every write is dropped and IndexedDB keeps only what was committed before.
 */
function mortal(storage: RxStorage<any, any>, killAfter: (collection: string, context: string) => boolean) {
  const page = { dead: false, killedBy: '' as string, killedIds: [] as string[] };
  const wrapped: typeof storage = {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance: RxStorageInstance<any, any, any> = await storage.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        // Whatever the dying page still writes never reaches IndexedDB.
        if (page.dead) return { error: [] };
        const result = await bulkWrite(rows, context);
        if (!page.dead && killAfter(params.collectionName, context)) {
          page.dead = true;
          page.killedBy = `${params.collectionName} ${context}`;
          page.killedIds = rows.map((row) => String((row.document as { id: string }).id));
        }
        return result;
      };
      return instance;
    },
  };
  return { storage: wrapped, page };
}

async function openPage(storage: RxStorage<unknown, unknown>, name: string, userId: string) {
  return createDatabase<'trips' | 'stops'>({
    storage,
    name,
    devMode: true,
    multiInstance: false,
    collections: ['trips', 'stops'],
    userId,
  });
}

describe('a page load during the first pull', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());
  afterEach(() => closeAllDevices());

  /** The account holds a trip with 6 stops on the server; page 1 dies right after its first stops write from the pull. */
  async function interruptedFirstPull() {
    const api = client(server.url);
    const signed = await signUp(api, 'Reloader');
    const me: Account = { id: signed.user.id, email: signed.email, password: signed.password };
    const laptop = await openDevice(server.url, me, 'laptop');
    const tripId = uid('trip');
    await laptop.db.trips.insert(tripOf(tripId, me.id));
    const stopIds = Array.from({ length: 6 }, () => uid('stop'));
    for (const [i, id] of stopIds.entries())
      await laptop.db.stops.insert(stopOf(id, tripId, { orderKey: `a${i}`, note: `v0 ${i}` }));
    await laptop.connect().awaitInSync();

    const name = uid('browser');
    const session = await new DeviceSession(client(server.url)).login(me);
    const module1 = await freshPage();
    const page1 = mortal(
      module1.getRxStorageLog(),
      (collection, context) => collection === 'stops' && context.startsWith('replication-downstream'),
    );
    const db1 = await openPage(page1.storage, name, me.id);
    const { replicateAll } = await import('@hamgaja/shared');
    const sync1 = replicateAll(db1, {
      baseUrl: server.url,
      getAccessToken: session.getAccessToken,
      waitForLeadership: false,
      pullBatchSize: 2,
      retry: { initialDelayMs: 50, maxDelayMs: 400 },
    });
    sync1.error$.subscribe(() => undefined);
    for (let i = 0; i < 500 && !page1.page.dead; i++) await new Promise((r) => setTimeout(r, 10));
    expect(page1.page.dead).toBe(true);
    await sync1.stop();
    await db1.close().catch(() => undefined);
    // The browser releases a closed page's locks.
    module1.releaseTab();
    return { me, session, name, page: page1.page, tripId, stopIds };
  }

  /** What page 2's IndexedDB log holds: stop ids in the fork, stop ids with a meta row (assumed master). */
  async function onDisk(name: string, logDatabaseName: (n: string) => string) {
    type Request<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null };
    const settled = <T>(req: Request<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error('IndexedDB request failed'));
      });
    type Idb = {
      transaction(store: string, mode: 'readonly'): { objectStore(name: string): Store };
      close(): void;
    };
    type Store = { getAllKeys(): Request<unknown[]>; getAll(): Request<{ d: Record<string, unknown>[] }[]> };
    const idb = await settled(fakeIndexedDB.open(logDatabaseName(name), 1) as unknown as Request<Idb>);
    const store = idb.transaction('log', 'readonly').objectStore('log');
    const [keys, values] = await Promise.all([
      settled(store.getAllKeys()),
      settled(store.getAll()) as Promise<{ d: Record<string, unknown>[] }[]>,
    ]);
    idb.close();
    const forkStops = new Set<string>();
    const meta = new Set<string>();
    const checkpoints: string[] = [];
    keys.forEach((key, i) => {
      const instance = String((key as [string, number])[0]);
      if (instance === '~commit') return; // commit markers of replication writes
      for (const doc of values[i]!.d) {
        if (instance.startsWith('stops-')) forkStops.add(String(doc.id));
        if (instance.startsWith('rx-replication-meta')) {
          if (doc.isCheckpoint === '1') checkpoints.push(String(doc.itemId));
          else meta.add(String(doc.itemId));
        }
      }
    });
    return { forkStops, meta, checkpoints };
  }

  async function otherDevice(me: Account) {
    const phone = await openDevice(server.url, me, 'phone');
    await phone.connect().awaitInSync();
    return phone;
  }

  // The fork write committed, its meta row did not: had the batch counted, an edit made before
  // the next pull would be pushed without an assumed master and the base-less merge would drop it.
  // The storage leaves such a batch out, so the device is as before that pull.
  it('leaves out a pulled batch whose meta write never came, and keeps an edit made offline and after the next sync', async () => {
    const { me, session, name, page, tripId, stopIds } = await interruptedFirstPull();
    const page2 = await freshPage();
    const disk = await onDisk(name, page2.logDatabaseName);
    const target = page.killedIds[0]!;
    // The evidence: the log holds the stops of the cut write, the meta instance has no row for them.
    expect(disk.forkStops.has(target)).toBe(true);
    expect(page.killedIds.filter((id) => disk.meta.has(id))).toEqual([]);

    const db2: HamgajaDatabase<'trips' | 'stops'> = await openPage(page2.getRxStorageLog(), name, me.id);
    try {
      // Offline: none of the cut batch is on the device, so no edit can rest on it.
      const offline = await db2.stops.findByIds(page.killedIds).exec();
      expect([...offline.keys()]).toEqual([]);
      // Offline: a stop added now is kept.
      const added = uid('stop');
      await db2.stops.insert(stopOf(added, tripId, { orderKey: 'a9', note: 'added offline' }));

      const { replicateAll } = await import('@hamgaja/shared');
      const sync = replicateAll(db2, {
        baseUrl: server.url,
        getAccessToken: session.getAccessToken,
        waitForLeadership: false,
        retry: { initialDelayMs: 50, maxDelayMs: 400 },
      });
      await sync.awaitInSync();
      const doc = await db2.stops.findOne(target).exec();
      expect(doc?.note).toMatch(/^v0 /);
      await doc!.incrementalPatch({ note: 'edited after the next sync' });
      await sync.awaitInSync();
      const mine = (await db2.stops.findOne(target).exec())?.toMutableJSON() as Stop;
      expect((await db2.stops.find().exec()).map((s) => s.id).sort()).toEqual([...stopIds, added].sort());
      await sync.stop();
      const phone = await otherDevice(me);
      expect({
        here: mine.note,
        phone: (await phone.stop(target))?.note,
        added: (await phone.stop(added))?.note,
      }).toEqual({
        here: 'edited after the next sync',
        phone: 'edited after the next sync',
        added: 'added offline',
      });
    } finally {
      await db2.close();
    }
  });
});
