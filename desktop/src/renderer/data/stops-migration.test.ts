// A device's data survives the stops schema change (version 0 -> 1, travelMode added), on the
// app's own storage (memory + IndexedDB log, fake-indexeddb) and through openUserDatabase, as the
// app opens it: the documents an older app version stored (synced ones, unsynced edits, a local
// deletion, conflict records) come back with `travelMode: null`, and the replication carries on
// where it stopped (its checkpoint and assumed master states are migrated too), so the edits made
// before the update reach the server as edits, not conflicts.
import 'fake-indexeddb/auto';
import { createRxDatabase, type RxCollection, type RxJsonSchema, type WithDeleted } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createConflictHandler,
  documentsEqual,
  rxdbSchemas,
  upgradeDocument,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { databaseNameFor, openUserDatabase } from './database';
import { getRxStorageLog, logDatabaseName } from './log-storage';

/** A stop as version 0 of the app stored it: no travelMode. */
type StopV0 = Omit<Stop, 'travelMode'>;

/** The stops schema of version 0: today's without travelMode (the only change of version 1). */
function stopsSchemaV0(): RxJsonSchema<StopV0> {
  const current = rxdbSchemas.stops as unknown as {
    properties: Record<string, unknown>;
    required: string[];
  };
  const { travelMode: _added, ...properties } = current.properties;
  return {
    ...(rxdbSchemas.stops as unknown as RxJsonSchema<StopV0>),
    version: 0,
    properties: properties as RxJsonSchema<StopV0>['properties'],
    required: current.required.filter((field) => field !== 'travelMode') as RxJsonSchema<StopV0>['required'],
  };
}

const trip: Trip = {
  id: 'trip-1',
  title: 'Jeju in spring',
  description: '',
  destination: { regionCode: '39' },
  startDate: '2025-04-01',
  endDate: '2025-04-03',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: null,
  coverImage: null,
  notes: '',
  ownerId: 'user-1',
};

const stopV0 = (id: string, orderKey: string, extra: Partial<StopV0> = {}): StopV0 => ({
  id,
  tripId: trip.id,
  day: 0,
  orderKey,
  startTime: '09:00',
  durationMinutes: 60,
  place: { name: `Place ${id}`, lat: 33.45, lng: 126.9 },
  category: 'sightseeing',
  cost: { amount: 5000, currency: 'KRW' },
  note: '',
  ...extra,
});

/** The server, in memory: what was pushed, answered in the current shape (as the sync server does). */
class FakeServer {
  readonly docs = new Map<string, Record<string, unknown>>();
  readonly changed = new Map<string, number>();
  readonly pushed: { id: string; assumed: Record<string, unknown> | undefined }[] = [];
  readonly conflicts: string[] = [];
  private seq = 0;

  private current(id: string) {
    const doc = this.docs.get(id);
    return doc && upgradeDocument('stops', doc);
  }

  replicate<T>(collection: RxCollection<T>) {
    return replicateRxCollection<T, number>({
      collection,
      replicationIdentifier: 'hamgaja:stops:test-server',
      live: true,
      retryTime: 50,
      waitForLeadership: false,
      push: {
        handler: (rows) => {
          const answer: WithDeleted<T>[] = [];
          for (const row of rows) {
            const next = row.newDocumentState as unknown as Record<string, unknown> & { id: string };
            const assumed = row.assumedMasterState as unknown as Record<string, unknown> | undefined;
            this.pushed.push({ id: next.id, assumed });
            const master = this.current(next.id);
            const ok =
              master === undefined ? assumed === undefined : !!assumed && documentsEqual(master, assumed);
            if (!ok && master) {
              this.conflicts.push(next.id);
              answer.push(master as unknown as WithDeleted<T>);
            } else {
              this.docs.set(next.id, next);
              this.changed.set(next.id, ++this.seq);
            }
          }
          return Promise.resolve(answer);
        },
      },
      pull: {
        handler: (checkpoint, limit) => {
          const since = checkpoint ?? 0;
          const page = [...this.changed.entries()]
            .filter(([, s]) => s > since)
            .sort((a, b) => a[1] - b[1])
            .slice(0, limit);
          return Promise.resolve({
            documents: page.map(([id]) => this.current(id) as unknown as WithDeleted<T>),
            checkpoint: page.at(-1)?.[1] ?? since,
          });
        },
      },
    });
  }
}

let open: { close(): Promise<unknown> }[] = [];
let names: string[] = [];

afterEach(async () => {
  for (const db of open) await db.close();
  open = [];
  for (const name of names) {
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(logDatabaseName(name));
      req.onsuccess = req.onerror = req.onblocked = resolve;
    });
  }
  names = [];
});

describe('stops schema version 1 on a device holding version-0 data', () => {
  it('migrates the stops to travelMode null and carries on replicating where it stopped', async () => {
    const userId = `user-${Math.random().toString(36).slice(2, 10)}`;
    const name = databaseNameFor(userId);
    names.push(name);
    const server = new FakeServer();

    // The app before the update: stops of version 0, synced, then edited offline.
    const before = await createRxDatabase<{ trips: RxCollection<Trip>; stops: RxCollection<StopV0> }>({
      name,
      storage: getRxStorageLog(),
      multiInstance: true,
    });
    open.push(before);
    await before.addCollections({
      trips: { schema: rxdbSchemas.trips },
      stops: { schema: stopsSchemaV0(), conflictHandler: createConflictHandler({ by: userId }) },
    });
    await before.trips.insert(trip);
    const conflicts = [{ field: 'note', lostValue: 'mine', at: '2025-03-01T00:00:00.000Z', by: userId }];
    const synced = [
      stopV0('s1', 'a0'),
      stopV0('s2', 'a1', { startTime: null, cost: null }),
      stopV0('s3', 'a2', { note: 'theirs', conflicts }),
    ];
    await before.stops.bulkInsert(synced);
    const first = server.replicate(before.stops);
    await first.awaitInitialReplication();
    await first.awaitInSync();
    expect([...server.docs.keys()].sort()).toEqual(['s1', 's2', 's3']);
    expect(server.docs.get('s1')).not.toHaveProperty('travelMode');
    await first.cancel();
    await (await before.stops.findOne('s1').exec())!.incrementalPatch({ note: 'edited offline' });
    await (await before.stops.findOne('s2').exec())!.remove();
    await before.stops.insert(stopV0('s4', 'a3', { day: 1, note: 'added offline' }));
    await before.close();
    open = [];

    // The updated app opens the same database.
    const db: HamgajaDatabase = await openUserDatabase(userId);
    open.push(db);
    expect(db.stops.schema.version).toBe(1);
    const stops = (await db.stops.find({ sort: [{ orderKey: 'asc' }] }).exec()).map((d) => d.toJSON());
    expect(stops).toEqual([
      { ...synced[0], note: 'edited offline', travelMode: null },
      { ...synced[2], travelMode: null },
      { ...stopV0('s4', 'a3', { day: 1, note: 'added offline' }), travelMode: null },
    ]);
    expect(await db.stops.findOne('s2').exec()).toBeNull();
    expect((await db.trips.findOne(trip.id).exec())?.toJSON()).toEqual(trip);
    // Version-1 documents are written and kept.
    await db.stops.insert({ ...stopV0('s5', 'a4'), travelMode: 'car' });
    await (await db.stops.findOne('s1').exec())!.incrementalPatch({ travelMode: 'walk' });
    await expect(db.stops.insert({ ...stopV0('s6', 'a5'), travelMode: 'bike' } as never)).rejects.toThrow();

    // The replication resumes: only what changed is pushed, each based on the master it last saw
    // (migrated to travelMode null, as the server now answers), so nothing is a conflict.
    server.pushed.length = 0;
    const second = server.replicate(db.stops);
    await second.awaitInitialReplication();
    await second.awaitInSync();
    await second.cancel();
    expect(server.conflicts).toEqual([]);
    expect(server.pushed.map((p) => p.id).sort()).toEqual(['s1', 's2', 's4', 's5']);
    for (const id of ['s1', 's2']) {
      expect(server.pushed.find((p) => p.id === id)?.assumed).toMatchObject({ id, travelMode: null });
    }
    expect(server.docs.get('s1')).toMatchObject({ note: 'edited offline', travelMode: 'walk' });
    expect(server.docs.get('s2')).toMatchObject({ _deleted: true, travelMode: null });
    expect(server.docs.get('s3')).not.toHaveProperty('travelMode'); // never pushed again
    expect(server.docs.get('s4')).toMatchObject({ note: 'added offline', travelMode: null });
    await db.close();
    open = [];

    // Opening again: nothing left to migrate, everything kept.
    const again = await openUserDatabase(userId);
    open.push(again);
    expect(
      (await again.stops.find({ sort: [{ orderKey: 'asc' }] }).exec()).map((d) => [d.id, d.travelMode]),
    ).toEqual([
      ['s1', 'walk'],
      ['s3', null],
      ['s4', null],
      ['s5', 'car'],
    ]);
  });
});
