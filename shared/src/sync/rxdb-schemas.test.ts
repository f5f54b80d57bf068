import { afterEach, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxDatabase, type WithDeleted } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { collectionNames, syncedCollections, type Stop } from './documents.js';
import { createConflictHandler, documentsEqual } from './merge.js';
import {
  collectionIndexes,
  rxCollectionCreators,
  rxdbSchemas,
  rxMigrationStrategies,
  toRxJsonSchema,
} from './rxdb-schemas.js';
import { z } from 'zod';
import {
  sampleChecklistItem,
  sampleExpense,
  sampleReservation,
  sampleStop,
  sampleTrip,
} from './test-fixtures.js';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

let dbCounter = 0;
const open: RxDatabase[] = [];

async function createDatabase(): Promise<RxDatabase> {
  dbCounter += 1;
  const db = await createRxDatabase({
    name: `hamgaja-test-${dbCounter}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  open.push(db);
  return db;
}

afterEach(async () => {
  // RxDB's open core allows 13 open collections per process: always close.
  while (open.length > 0) await open.pop()?.close();
});

describe('generated RxDB schemas', () => {
  it('have the RxDB envelope and no JSON-Schema meta keys', () => {
    for (const name of collectionNames) {
      const schema = rxdbSchemas[name] as unknown as Record<string, unknown>;
      expect(schema.primaryKey).toBe('id');
      expect(schema.version).toBe(syncedCollections[name].version);
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
      expect(schema).not.toHaveProperty('$schema');
      expect(JSON.stringify(schema)).not.toContain('$ref');
      expect(schema.indexes).toEqual(collectionIndexes[name]);
      const props = schema.properties as Record<string, Record<string, unknown>>;
      expect(props.id?.maxLength).toBe(40);
      expect(schema.required).toContain('id');
      // `conflicts` is replicated but optional
      expect(props.conflicts?.type).toBe('array');
      expect(schema.required).not.toContain('conflicts');
    }
  });

  it('are generated from zod (field lists match the zod shapes)', () => {
    const props = rxdbSchemas.stops.properties as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(props).sort()).toEqual(
      [
        'id',
        'conflicts',
        'tripId',
        'day',
        'orderKey',
        'startTime',
        'durationMinutes',
        'place',
        'category',
        'cost',
        'note',
        'travelMode',
      ].sort(),
    );
    expect(props.day).toMatchObject({ type: 'integer', minimum: 0, maximum: 365, multipleOf: 1 });
    expect(props.orderKey?.maxLength).toBe(200);
    expect(props.tripId?.maxLength).toBe(40);
    const trip = rxdbSchemas.trips.properties as unknown as Record<string, Record<string, unknown>>;
    expect(trip.startDate).toMatchObject({ type: 'string', format: 'date', maxLength: 10 });
  });

  it('refuses what RxDB would refuse', () => {
    const version = 0;
    expect(() => toRxJsonSchema('x', z.object({ id: z.string() }), { version, indexes: [] })).toThrow(
      /maxLength/,
    );
    expect(() =>
      toRxJsonSchema('x', z.object({ id: z.string().max(10), n: z.number() }), {
        version,
        indexes: [['n']],
      }),
    ).toThrow(/multipleOf/);
    expect(() =>
      toRxJsonSchema('x', z.object({ id: z.string().max(10), s: z.string().optional() }), {
        version,
        indexes: [['s']],
      }),
    ).toThrow(/required/);
    expect(() =>
      toRxJsonSchema('x', z.object({ id: z.string().max(10), s: z.string() }), {
        version,
        indexes: [['s']],
      }),
    ).toThrow(/maxLength/);
    expect(() =>
      toRxJsonSchema('x', z.object({ id: z.string().max(10), 'bad-name': z.string() }), {
        version,
        indexes: [],
      }),
    ).toThrow(/field name/);
    expect(() =>
      toRxJsonSchema('x', z.object({ id: z.string().max(10), n: z.number().default(1) }), {
        version,
        indexes: [],
      }),
    ).toThrow(/default/);
  });
});

describe('RxDB 17 (memory storage, dev-mode, ajv validator)', () => {
  it('accepts all four collections and a valid document of each', async () => {
    const db = await createDatabase();
    const collections = await db.addCollections(rxCollectionCreators);
    expect(Object.keys(collections).sort()).toEqual([...collectionNames].sort());

    await collections.trips.insert(sampleTrip());
    await collections.stops.insert(sampleStop());
    await collections.checklistItems.insert(sampleChecklistItem());
    await collections.expenses.insert(sampleExpense());
    await collections.reservations.insert(sampleReservation());
    await collections.stops.insert(
      sampleStop({
        id: 'stop-2',
        conflicts: [
          { field: 'note', lostValue: { any: ['json'] }, at: '2025-01-01T00:00:00.000Z', by: 'u1' },
        ],
      }),
    );

    const stops = await collections.stops
      .find({ selector: { tripId: 'trip-1' }, sort: [{ day: 'asc' }, { orderKey: 'asc' }] })
      .exec();
    expect(stops.map((s) => s.id)).toEqual(['stop-1', 'stop-2']);
    const trip = await collections.trips.findOne('trip-1').exec();
    expect(trip?.title).toBe('Jeju in spring');
  });

  it('rejects invalid documents', async () => {
    const db = await createDatabase();
    const collections = await db.addCollections(rxCollectionCreators);
    const invalid: [keyof typeof collections, Record<string, unknown>][] = [
      ['trips', { ...sampleTrip(), currency: 'won' }],
      ['trips', { ...sampleTrip(), startDate: '2025-02-30' }],
      ['trips', { ...sampleTrip(), extra: 1 }],
      ['stops', { ...sampleStop(), day: -1 }],
      ['stops', { ...sampleStop(), startTime: '25:00' }],
      ['stops', { ...sampleStop(), category: 'party' }],
      ['stops', { ...sampleStop(), place: { name: 'x', unknown: true } }],
      ['stops', { ...sampleStop(), travelMode: 'bike' }],
      ['stops', { ...sampleStop(), travelMode: undefined }],
      ['checklistItems', { ...sampleChecklistItem(), done: 'yes' }],
      ['expenses', { ...sampleExpense(), amount: 0 }],
      ['expenses', { ...sampleExpense(), amount: 12.5 }],
      ['expenses', { ...sampleExpense(), splitAmong: [] }],
      ['expenses', { ...sampleExpense(), id: 'x'.repeat(41) }],
    ];
    for (const [name, doc] of invalid) {
      await expect(
        (collections[name] as unknown as { insert(d: unknown): Promise<unknown> }).insert(doc),
        `${name}: ${JSON.stringify(doc)}`,
      ).rejects.toMatchObject({ code: 'VD2' }); // RxDB: document does not match the schema
    }
    for (const name of collectionNames) {
      expect(await collections[name].count().exec()).toBe(0);
    }
  });

  it('resolves a real replication conflict with the field merge', async () => {
    const db = await createDatabase();
    const { stops } = await db.addCollections({
      stops: {
        schema: rxdbSchemas.stops,
        migrationStrategies: rxMigrationStrategies.stops,
        conflictHandler: createConflictHandler<Stop>({
          by: 'user-a',
          now: () => '2025-04-01T09:00:00.000Z',
        }),
      },
    });

    // A minimal master: a map, conflicts detected by comparing the assumed master state.
    const master = new Map<string, WithDeleted<Stop>>();
    let seq = 0;
    const changed = new Map<string, number>();
    const replication = replicateRxCollection<Stop, number>({
      collection: stops,
      replicationIdentifier: 'test-master',
      live: true,
      retryTime: 50,
      waitForLeadership: false,
      push: {
        handler: (rows) => {
          const conflicts: WithDeleted<Stop>[] = [];
          for (const row of rows) {
            const id = row.newDocumentState.id;
            const current = master.get(id);
            const assumed = row.assumedMasterState;
            const ok =
              current === undefined
                ? assumed === undefined
                : assumed !== undefined && documentsEqual(current, assumed);
            if (!ok && current) conflicts.push(current);
            else {
              master.set(id, row.newDocumentState);
              changed.set(id, ++seq);
            }
          }
          return Promise.resolve(conflicts);
        },
      },
      pull: {
        handler: (checkpoint, limit) => {
          const since = checkpoint ?? 0;
          const docs = [...changed.entries()]
            .filter(([, s]) => s > since)
            .sort((a, b) => a[1] - b[1])
            .slice(0, limit);
          const last = docs.at(-1)?.[1] ?? since;
          return Promise.resolve({
            documents: docs.map(([id]) => master.get(id) as WithDeleted<Stop>),
            checkpoint: last,
          });
        },
      },
    });
    const errors: unknown[] = [];
    replication.error$.subscribe((e) => errors.push(e));

    await replication.awaitInitialReplication();
    const doc = await stops.insert(sampleStop());
    await replication.awaitInSync();
    expect(master.get('stop-1')?.note).toBe('');

    // Another device edits the note and the duration on the server...
    const serverState = master.get('stop-1') as WithDeleted<Stop>;
    master.set('stop-1', { ...serverState, note: 'bring cash', durationMinutes: 30 });
    changed.set('stop-1', ++seq);

    // ...while this device, not having pulled, edits the start time and the duration.
    await doc.incrementalPatch({ startTime: '10:30', durationMinutes: 90 });
    await replication.awaitInSync();

    const merged = master.get('stop-1');
    expect(merged).toMatchObject({
      note: 'bring cash', // theirs only
      startTime: '10:30', // ours only
      durationMinutes: 30, // both: the master wins...
      conflicts: [{ field: 'durationMinutes', lostValue: 90, at: '2025-04-01T09:00:00.000Z', by: 'user-a' }],
    });
    const local = await stops.findOne('stop-1').exec();
    expect(local?.toJSON()).toMatchObject({ note: 'bring cash', startTime: '10:30', durationMinutes: 30 });
    expect(local?.conflicts).toHaveLength(1); // ...and our value is kept for the user
    expect(errors).toEqual([]);
    await replication.cancel();
  });
});
