// Sharing a trip and copying it back, on a real RxDB database (memory storage, dev-mode schema checks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  createDatabase,
  initialOrderKeys,
  tripSnapshotSchema,
  type ChecklistItem,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { copySnapshotIntoDatabase, copyTitle, snapshotToDocuments, tripToSnapshot } from './snapshot';

const trip: Trip = {
  id: 'trip-a',
  ownerId: 'alice',
  title: 'Busan by the sea',
  description: '',
  destination: { regionCode: '6' },
  startDate: '2027-07-01',
  endDate: '2027-07-02',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: 500000,
  coverImage: null,
  notes: 'bring sunscreen',
  conflicts: [{ field: 'title', lostValue: 'old', at: '2027-01-01T00:00:00.000Z' }],
};
const [k1, k2] = initialOrderKeys(2) as [string, string];
const stop = (id: string, day: number, orderKey: string, name: string): Stop => ({
  id,
  tripId: trip.id,
  day,
  orderKey,
  startTime: null,
  durationMinutes: null,
  place: { name },
  category: 'sightseeing',
  cost: null,
  note: '',
  travelMode: day === 0 && orderKey === k2 ? 'walk' : null,
});
const stops = [stop('s3', 1, k1, 'Gamcheon'), stop('s2', 0, k2, 'Gwangalli'), stop('s1', 0, k1, 'Haeundae')];
const items: ChecklistItem[] = [
  { id: 'c2', tripId: trip.id, text: 'Towel', done: false, orderKey: k2 },
  { id: 'c1', tripId: trip.id, text: 'Swimsuit', done: true, orderKey: k1 },
];

describe('trip snapshot', () => {
  it('leaves out ids, owner, trip ids and conflict records, in schedule order', () => {
    const snapshot = tripToSnapshot(trip, stops, items);
    const text = JSON.stringify(snapshot);
    for (const secret of ['trip-a', 'alice', 's1', 'c1', 'lostValue']) expect(text).not.toContain(secret);
    expect(snapshot.stops.map((s) => s.place.name)).toEqual(['Haeundae', 'Gwangalli', 'Gamcheon']);
    expect(snapshot.checklistItems.map((i) => i.text)).toEqual(['Swimsuit', 'Towel']);
  });

  it('copies into new documents owned by the copier, keeping day and order', () => {
    let n = 0;
    const copy = snapshotToDocuments(tripToSnapshot(trip, stops, items), 'bob', () => `new-${++n}`);
    expect(copy.trip).toMatchObject({
      id: 'new-1',
      ownerId: 'bob',
      title: 'Busan by the sea',
      plannedBudget: 500000,
    });
    expect(copy.trip.conflicts).toBeUndefined();
    // The travel mode of each leg is kept.
    expect(copy.stops.map((s) => [s.day, s.place.name, s.tripId, s.travelMode])).toEqual([
      [0, 'Haeundae', 'new-1', null],
      [0, 'Gwangalli', 'new-1', 'walk'],
      [1, 'Gamcheon', 'new-1', null],
    ]);
    expect(copy.stops[0]!.orderKey < copy.stops[1]!.orderKey).toBe(true);
    expect(
      new Set([copy.trip.id, ...copy.stops.map((s) => s.id), ...copy.checklistItems.map((i) => i.id)]).size,
    ).toBe(6);
    expect(copy.checklistItems.map((i) => [i.text, i.done])).toEqual([
      ['Swimsuit', true],
      ['Towel', false],
    ]);
  });

  it('copies a snapshot shared before stops had a travel mode: none chosen', () => {
    const { stops: snapshotStops, ...rest } = tripToSnapshot(trip, stops, items);
    const old = tripSnapshotSchema.parse({
      ...rest,
      stops: snapshotStops.map(({ travelMode: _mode, ...s }) => s),
    });
    const copy = snapshotToDocuments(old, 'bob');
    expect(copy.stops.map((s) => s.travelMode)).toEqual([null, null, null]);
  });

  describe('copyTitle', () => {
    const label = (title: string) => `${title} (copy)`;
    it('adds the words of a copy', () => {
      expect(copyTitle('Busan weekend', label)).toBe('Busan weekend (copy)');
      expect(copyTitle('부산 주말', (title) => `${title} (사본)`)).toBe('부산 주말 (사본)');
    });
    it('shortens a long original, never the words, to stay within 200 characters', () => {
      const long = `${'a'.repeat(195)} 🙂🙂`;
      const copied = copyTitle(long, label);
      expect(copied.length).toBeLessThanOrEqual(200);
      expect(copied.endsWith('… (copy)')).toBe(true);
      expect(copied.startsWith('a'.repeat(150))).toBe(true);
      // No half of a surrogate pair left behind.
      expect(copied).toBe(copied.normalize());
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(copied)).toBe(false);
      const exact = 'b'.repeat(193);
      expect(copyTitle(exact, label)).toBe(`${exact} (copy)`);
      expect(copyTitle(`${exact}c`, label)).toBe(`${'b'.repeat(192)}… (copy)`);
    });
  });

  describe('into the local database', () => {
    let db: HamgajaDatabase<'trips' | 'stops' | 'checklistItems'>;
    beforeAll(async () => {
      db = await createDatabase({
        storage: getRxStorageMemory(),
        name: `copy-${crypto.randomUUID().slice(0, 8)}`,
        collections: ['trips', 'stops', 'checklistItems'],
        multiInstance: false,
        devMode: true,
      });
    });
    afterAll(async () => {
      await db.close();
    });

    it('writes a trip that passes the storage schema, twice without clashing', async () => {
      const snapshot = tripToSnapshot(trip, stops, items);
      const first = await copySnapshotIntoDatabase(db, snapshot, 'bob', (title) => `${title} (copy)`);
      const second = await copySnapshotIntoDatabase(db, snapshot, 'bob', (title) => `${title} (사본)`);
      expect(first).not.toBe(second);
      expect(await db.trips.count().exec()).toBe(2);
      expect((await db.trips.findOne(first).exec())?.title).toBe(`${trip.title} (copy)`);
      expect((await db.trips.findOne(second).exec())?.title).toBe(`${trip.title} (사본)`);
      const copied = await db.stops
        .find({ selector: { tripId: first }, sort: [{ day: 'asc' }, { orderKey: 'asc' }] })
        .exec();
      expect(copied.map((d) => d.place.name)).toEqual(['Haeundae', 'Gwangalli', 'Gamcheon']);
      expect(await db.checklistItems.count({ selector: { tripId: second } }).exec()).toBe(2);
    });
  });
});
