// Runs inside headless Chromium (bundled by bench/run.mjs): the app's own data layer — RxDB
// with its storage (memory + an IndexedDB log, data/log-storage.ts) and the shared replication — as the app configures it,
// plus the floor: one raw IndexedDB transaction writing the same documents.
import { addRxPlugin } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import {
  awaitPushed,
  createDatabase,
  initialOrderKeys,
  replicateAll,
  syncedCollections,
  type CollectionName,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { getRxStorageLog } from '../src/renderer/data/log-storage';

addRxPlugin(RxDBLeaderElectionPlugin);

export interface Connection {
  baseUrl: string;
  accessToken: string;
  userId: string;
}

const random = () => Math.random().toString(36).slice(2, 10);

function trip(id: string, ownerId: string, i = 0): Trip {
  return {
    id,
    title: `Benchmark trip ${i + 1}`,
    description: '',
    destination: { regionCode: String([1, 6, 39, 32, 35][i % 5]), text: 'Somewhere nice' },
    startDate: `2027-0${1 + (i % 9)}-01`,
    endDate: `2027-0${1 + (i % 9)}-0${2 + (i % 7)}`,
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: 1_500_000,
    coverImage: null,
    notes: '',
    ownerId,
  };
}

/** The same 10,000 stops for every measurement (and the floor). */
function stops(count: number, tripId: string): Stop[] {
  const keys = initialOrderKeys(count);
  return Array.from({ length: count }, (_, i) => ({
    id: `stop-${String(i).padStart(6, '0')}`,
    tripId,
    day: i % 10,
    orderKey: keys[i]!,
    startTime: '09:30',
    durationMinutes: 60,
    place: {
      name: `Place number ${i}`,
      lat: 33.45 + (i % 100) / 1000,
      lng: 126.9 + (i % 100) / 1000,
      address: 'Jeju-do, Seogwipo-si',
    },
    category: 'sightseeing',
    travelMode: i % 3 === 0 ? 'walk' : null,
    cost: { amount: 12_000, currency: 'KRW' },
    note: 'Arrive early to avoid the queue; the view is best before ten.',
  }));
}

/** A device's database exactly as the app opens it (desktop/src/renderer/data/database.ts). */
function openDevice(userId: string, name = `bench-${random()}`): Promise<HamgajaDatabase> {
  return createDatabase({
    storage: getRxStorageLog(),
    name,
    userId,
    multiInstance: true,
    devMode: false,
  });
}

/** The replication as the app starts it (features/sync/sync-controller.ts). */
function replicate(db: HamgajaDatabase, c: Connection) {
  return replicateAll(db, {
    baseUrl: c.baseUrl,
    getAccessToken: async () => c.accessToken,
    waitForLeadership: true,
  });
}

/** Writes `count` stops (and their trip) locally, then times the replication until the server accepted all. */
async function push(
  c: Connection,
  count: number,
): Promise<{ ms: number; tripId: string; requestMs: number; requests: number }> {
  const db = await openDevice(c.userId);
  const tripId = `trip-${random()}`;
  await db.trips.insert(trip(tripId, c.userId));
  await db.stops.bulkInsert(stops(count, tripId));
  // Breakdown: the time the stops' push requests were in flight (the server's share and the wire).
  const realFetch = globalThis.fetch;
  let requestMs = 0;
  let requests = 0;
  globalThis.fetch = async (input, init) => {
    if (!String(input instanceof Request ? input.url : input).includes('/stops/push'))
      return realFetch(input, init);
    const sent = performance.now();
    const res = await realFetch(input, init);
    const body = await res.text();
    requestMs += performance.now() - sent;
    requests += 1;
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const start = performance.now();
  const replication = replicate(db, c);
  await awaitPushed(replication.replications.trips!);
  await awaitPushed(replication.replications.stops!);
  const ms = performance.now() - start;
  globalThis.fetch = realFetch;
  await replication.awaitInSync();
  await replication.stop();
  await db.remove();
  return { ms, tripId, requestMs, requests };
}

/** A fresh device of the same user: times the first sync (every collection) until complete. */
async function firstSync(
  c: Connection,
  expected: number,
): Promise<{ ms: number; stops: number; firstPullMs: number; pulls: number }> {
  const db = await openDevice(c.userId);
  // Breakdown: when the first stops pull leaves (leader election and start-up before it).
  const realFetch = globalThis.fetch;
  let firstPull = NaN;
  let pulls = 0;
  globalThis.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/stops/pull')) {
      pulls += 1;
      if (Number.isNaN(firstPull)) firstPull = performance.now();
    }
    return realFetch(input, init);
  };
  const start = performance.now();
  const replication = replicate(db, c);
  await Promise.all(Object.values(replication.replications).map((r) => r.awaitInitialReplication()));
  const ms = performance.now() - start;
  globalThis.fetch = realFetch;
  const got = await db.stops.count().exec();
  await replication.stop();
  await db.remove();
  if (got !== expected) throw new Error(`first sync: ${got} stops on the fresh device, expected ${expected}`);
  return { ms, stops: got, firstPullMs: firstPull - start, pulls };
}

/** Creates `count` trips for the user (setup for the trips-list measurement, untimed). */
async function seedTrips(c: Connection, count: number): Promise<void> {
  const db = await openDevice(c.userId);
  await db.trips.bulkInsert(
    Array.from({ length: count }, (_, i) => trip(`trip-${random()}-${i}`, c.userId, i)),
  );
  const replication = replicate(db, c);
  await awaitPushed(replication.replications.trips!);
  await replication.stop();
  await db.remove();
}

/** Breakdown: the same pulls over HTTP without storing anything (server + loopback + JSON). */
async function rawPull(c: Connection, expected: number): Promise<number> {
  const start = performance.now();
  let checkpoint: string | null = null;
  let got = 0;
  for (;;) {
    const query = `limit=1000${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`;
    const res = await fetch(`${c.baseUrl}/api/sync/stops/pull?${query}`, {
      headers: {
        authorization: `Bearer ${c.accessToken}`,
        'x-hamgaja-schema-version': String(syncedCollections.stops.version),
      },
    });
    if (!res.ok) throw new Error(`pull: HTTP ${res.status}`);
    const answer = (await res.json()) as { documents: unknown[]; checkpoint: string | null };
    got += answer.documents.length;
    if (answer.documents.length === 0 || !answer.checkpoint) break;
    checkpoint = answer.checkpoint;
  }
  const ms = performance.now() - start;
  if (got !== expected) throw new Error(`raw pull: ${got} stops, expected ${expected}`);
  return ms;
}

/** Breakdown: the same pushes over HTTP (batches of 500, as the replication sends), no local storage. */
async function rawPush(c: Connection, count: number): Promise<number> {
  const send = async (collection: CollectionName, docs: object[]) => {
    const res = await fetch(`${c.baseUrl}/api/sync/${collection}/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${c.accessToken}`,
        'x-hamgaja-schema-version': String(syncedCollections[collection].version),
        'content-type': 'application/json',
      },
      body: JSON.stringify(docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }))),
    });
    const conflicts = (await res.json()) as unknown[];
    if (!res.ok || conflicts.length > 0)
      throw new Error(`push: HTTP ${res.status}, ${conflicts.length} conflicts`);
  };
  const tripId = `trip-${random()}`;
  await send('trips', [trip(tripId, c.userId)]);
  const docs = stops(count, tripId).map((doc) => ({ ...doc, id: `${doc.id}-raw-${tripId}` }));
  const start = performance.now();
  for (let i = 0; i < docs.length; i += 500) await send('stops', docs.slice(i, i + 500));
  return performance.now() - start;
}

/** Breakdown: RxDB (the app's storage) writing the same stops locally, no network. */
async function localWrite(userId: string, count: number): Promise<number> {
  const db = await openDevice(userId);
  const docs = stops(count, 'trip-local');
  const start = performance.now();
  await db.stops.bulkInsert(docs);
  const ms = performance.now() - start;
  await db.remove();
  return ms;
}

/** The floor: one raw IndexedDB transaction writing the same stop documents. */
async function floor(count: number): Promise<number> {
  const docs = stops(count, 'trip-floor');
  const name = `floor-${random()}`;
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('stops', { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction('stops', 'readwrite');
    const store = tx.objectStore('stops');
    for (const doc of docs) store.put(doc);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - start;
  idb.close();
  indexedDB.deleteDatabase(name);
  return ms;
}

/**
 * Breakdown of the trips list's start-up: a device with `count` trips reopens its database
 * (as a reload does) and runs the list's query; the two times separately.
 */
async function reopenTiming(userId: string, count: number): Promise<{ open: number; query: number }> {
  const name = `bench-${random()}`;
  const seeded = await openDevice(userId, name);
  await seeded.trips.bulkInsert(
    Array.from({ length: count }, (_, i) => trip(`trip-${random()}-${i}`, userId, i)),
  );
  await seeded.close();
  const start = performance.now();
  const db = await openDevice(userId, name);
  const opened = performance.now();
  const docs = await db.trips.find({ sort: [{ startDate: 'asc' }] }).exec();
  const queried = performance.now();
  if (docs.length !== count) throw new Error(`reopen: ${docs.length} trips, expected ${count}`);
  await db.remove();
  return { open: opened - start, query: queried - opened };
}

Object.assign(globalThis, {
  hamgajaBench: { push, firstSync, seedTrips, floor, rawPull, rawPush, localWrite, reopenTiming },
});
