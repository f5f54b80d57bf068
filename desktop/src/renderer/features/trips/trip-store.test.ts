// The trips feature's writes on a real RxDB database (memory storage, dev-mode schema checks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, keysForMoveTo, type HamgajaDatabase, type Stop, type Trip } from '@hamgaja/shared';
import { groupStopsByDay, stopMoves } from './schedule';
import { stopFromForm, emptyStopForm } from './stop-form';
import {
  applyStopMoves,
  insertStop,
  insertTrip,
  patchStop,
  patchTrip,
  removeStop,
  restoreStop,
  setStopTravelMode,
} from './trip-store';
import { tripFromForm, emptyTripForm } from './trip-form';

type Db = HamgajaDatabase<'trips' | 'stops'>;

describe('trip store on the local database', () => {
  let db: Db;
  let trip: Trip;

  beforeAll(async () => {
    db = await createDatabase({
      storage: getRxStorageMemory(),
      name: `trips-${crypto.randomUUID().slice(0, 8)}`,
      collections: ['trips', 'stops'],
      multiInstance: false,
      devMode: true,
    });
    const created = tripFromForm(
      { ...emptyTripForm(), title: 'Jeju', startDate: '2027-04-10', endDate: '2027-04-12' },
      { id: 'trip-1', ownerId: 'user-1' },
    );
    if (!created.ok) throw new Error('trip form');
    trip = created.value;
    await insertTrip(db, trip);
  });

  afterAll(async () => {
    await db.close();
  });

  const stops = async () =>
    (await db.stops.find({ selector: { tripId: trip.id } }).exec()).map((d) => d.toJSON() as Stop);
  const names = async () => groupStopsByDay(await stops(), 3).days.map((day) => day.map((s) => s.place.name));

  /** Adds a stop at the end of `day`, the way the schedule does. */
  async function add(name: string, day: number) {
    const id = `stop-${name}`;
    const dayStops = groupStopsByDay(await stops(), 3).days[day] ?? [];
    const orderKey = keysForMoveTo(dayStops, id, dayStops.length).find((u) => u.id === id)?.orderKey ?? '';
    const result = stopFromForm({ ...emptyStopForm(day, 'KRW'), name }, { id, tripId: trip.id, orderKey }, 3);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    await insertStop(db, result.value);
    return id;
  }

  it('adds, patches, moves within and across days; every write passes the schema', async () => {
    await add('A', 0);
    await add('B', 0);
    await add('C', 0);
    await add('D', 1);
    expect(await names()).toEqual([['A', 'B', 'C'], ['D'], []]);

    await applyStopMoves(db, stopMoves(await stops(), 'stop-A', 0, 2));
    expect(await names()).toEqual([['B', 'C', 'A'], ['D'], []]);
    await applyStopMoves(db, stopMoves(await stops(), 'stop-C', 2, 0));
    expect(await names()).toEqual([['B', 'A'], ['D'], ['C']]);

    await patchStop(db, 'stop-D', { note: 'sunrise', cost: { amount: 5000, currency: 'KRW' } });
    const d = (await stops()).find((s) => s.id === 'stop-D');
    expect(d).toMatchObject({ note: 'sunrise', cost: { amount: 5000, currency: 'KRW' }, day: 1 });

    await patchTrip(db, trip.id, { title: 'Jeju again', plannedBudget: 100_000 });
    expect((await db.trips.findOne(trip.id).exec())?.toJSON()).toMatchObject({
      title: 'Jeju again',
      plannedBudget: 100_000,
    });
  });

  it('deletes a stop and brings it back exactly as it was (undo)', async () => {
    const before = (await stops()).find((s) => s.id === 'stop-D');
    const snapshot = await removeStop(db, 'stop-D');
    expect(await names()).toEqual([['B', 'A'], [], ['C']]);
    expect(snapshot).toEqual(before);
    await restoreStop(db, snapshot!);
    expect((await stops()).find((s) => s.id === 'stop-D')).toEqual(before);
    expect(await removeStop(db, 'nope')).toBeNull();
  });

  it('creates stops with no travel mode chosen, then sets and clears the mode of a leg', async () => {
    expect((await stops()).map((s) => s.travelMode)).toEqual((await stops()).map(() => null));
    await setStopTravelMode(db, 'stop-A', 'car');
    expect((await stops()).find((s) => s.id === 'stop-A')?.travelMode).toBe('car');
    const rev = (await db.stops.findOne('stop-A').exec())?.revision;
    await setStopTravelMode(db, 'stop-A', 'car'); // unchanged: no write
    expect((await db.stops.findOne('stop-A').exec())?.revision).toBe(rev);
    await setStopTravelMode(db, 'stop-A', null);
    expect((await stops()).find((s) => s.id === 'stop-A')?.travelMode).toBeNull();
    await expect(setStopTravelMode(db, 'stop-A', 'bike' as never)).rejects.toThrow();
    await expect(setStopTravelMode(db, 'missing', 'walk')).rejects.toThrow(/not in the local database/);
  });

  it('refuses a patch of a stop that is not there', async () => {
    await expect(patchStop(db, 'missing', { note: 'x' })).rejects.toThrow(/not in the local database/);
  });
});
