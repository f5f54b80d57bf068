import { createDatabase, type HamgajaDatabase } from '@hamgaja/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tripFromJson, tripToJson } from '@hamgaja/shared';
import { sampleBundle } from '../main/export/test-trip.js';
import { importTripBundle, readTripBundle } from './trip-transfer.js';

let db: HamgajaDatabase;

beforeAll(async () => {
  db = await createDatabase({
    storage: getRxStorageMemory(),
    name: `transfer-${crypto.randomUUID().slice(0, 8)}`,
    multiInstance: false,
    devMode: true,
  });
  const bundle = sampleBundle();
  await db.trips.insert(bundle.trip);
  await db.stops.bulkInsert(bundle.stops);
  await db.checklistItems.bulkInsert(bundle.checklistItems);
  await db.expenses.bulkInsert(bundle.expenses);
});

afterAll(async () => {
  await db.close();
});

const sortById = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('trip transfer (renderer database ↔ trip file)', () => {
  it('reads a stored trip into the bundle it was made of; unknown trips give null', async () => {
    const bundle = await readTripBundle(db, 'trip-jeju');
    const original = sampleBundle();
    expect(bundle?.trip).toEqual(original.trip);
    expect(sortById(bundle!.stops)).toEqual(sortById(original.stops));
    expect(bundle?.checklistItems).toEqual(original.checklistItems);
    expect(bundle?.expenses).toEqual(original.expenses);
    expect(await readTripBundle(db, 'nope')).toBeNull();
  });

  it('exported to a file and imported back, it becomes a new trip of the importer with the same plan', async () => {
    const exported = (await readTripBundle(db, 'trip-jeju'))!;
    const file = tripToJson(exported, { now: new Date(), appVersion: '1.0.0' });
    let n = 0;
    const newTripId = await importTripBundle(db, tripFromJson(file), 'user-z', () => `imported-${++n}`);
    expect(newTripId).not.toBe('trip-jeju');

    const copy = (await readTripBundle(db, newTripId))!;
    expect(copy.trip).toEqual({ ...exported.trip, id: newTripId, ownerId: 'user-z' });
    expect(copy.stops.map((s) => s.place.name).sort()).toEqual(
      exported.stops.map((s) => s.place.name).sort(),
    );
    const lunch = copy.stops.find((s) => s.note === '흑돼지')!;
    expect(copy.expenses).toEqual([
      expect.objectContaining({ stopId: lunch.id, paidBy: 'user-z', splitAmong: ['user-z'], amount: 32_000 }),
    ]);
    // The original is untouched.
    expect((await readTripBundle(db, 'trip-jeju'))!.trip.ownerId).toBe('user-a');
  });
});
