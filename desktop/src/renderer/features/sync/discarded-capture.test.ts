import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, keyBetween, type HamgajaDatabase, type SyncRejection } from '@hamgaja/shared';
import { DiscardedCapture } from './discarded-capture';

let db: HamgajaDatabase;
let capture: DiscardedCapture;

const trip = {
  id: 'trip-1',
  title: 'Busan weekend',
  description: '',
  destination: { regionCode: '6' },
  startDate: '2026-05-01',
  endDate: '2026-05-03',
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: null,
  coverImage: null,
  notes: '',
  ownerId: 'minji',
};
const stop = {
  id: 'stop-1',
  tripId: 'trip-1',
  day: 0,
  orderKey: keyBetween(null, null),
  startTime: null,
  durationMinutes: null,
  place: { name: 'Jagalchi Market' },
  category: 'food' as const,
  cost: null,
  note: '',
  travelMode: null,
};

beforeAll(async () => {
  db = (await createDatabase({
    storage: getRxStorageMemory(),
    name: `discarded-${crypto.randomUUID().slice(0, 8)}`,
    collections: ['trips', 'stops', 'expenses'],
    multiInstance: false,
    devMode: true,
  })) as unknown as HamgajaDatabase;
  await db.trips.insert(trip);
  await db.stops.insert(stop);
  capture = new DiscardedCapture(db);
  // The trip and its stop were deleted on the server; the device took the tombstones.
  await (await db.stops.findOne('stop-1').exec())?.remove();
  await (await db.trips.findOne('trip-1').exec())?.remove();
});

afterAll(async () => {
  capture.stop();
  await db.close();
});

const rejection = (change: Partial<SyncRejection>): SyncRejection => ({
  collection: 'expenses',
  id: 'exp-1',
  status: 409,
  code: 'deleted_on_server',
  message: 'the trip was deleted',
  ...change,
});

describe('DiscardedCapture', () => {
  it("names a deleted trip and an expense's deleted stop, and drops RxDB's meta fields", async () => {
    const document = {
      id: 'exp-1',
      tripId: 'trip-1',
      amount: 12_000,
      currency: 'KRW',
      paidBy: 'jun',
      splitAmong: ['jun'],
      category: 'food',
      date: '2026-05-01',
      stopId: 'stop-1',
      note: 'Lunch',
      _deleted: false,
      _meta: { lwt: 1 },
      _rev: '1-abc',
      _attachments: {},
    };
    expect(await capture.entryFor(rejection({ document }))).toEqual({
      collection: 'expenses',
      id: 'exp-1',
      tripId: 'trip-1',
      tripTitle: 'Busan weekend',
      stopName: 'Jagalchi Market',
      status: 409,
      code: 'deleted_on_server',
      message: 'the trip was deleted',
      document: {
        id: 'exp-1',
        tripId: 'trip-1',
        amount: 12_000,
        currency: 'KRW',
        paidBy: 'jun',
        splitAmong: ['jun'],
        category: 'food',
        date: '2026-05-01',
        stopId: 'stop-1',
        note: 'Lunch',
        _deleted: false,
      },
    });
  });

  it('finds the trip of a document it only knows from this device', async () => {
    const entry = await capture.entryFor(rejection({ collection: 'stops', id: 'stop-1', code: 'refused' }));
    expect(entry).toMatchObject({ tripId: 'trip-1', tripTitle: 'Busan weekend', document: null });
  });

  it("takes a trip's own title from the discarded state (the title the traveller typed)", async () => {
    const entry = await capture.entryFor(
      rejection({ collection: 'trips', id: 'trip-1', document: { ...trip, title: 'Busan, long weekend' } }),
    );
    expect(entry).toMatchObject({ tripId: 'trip-1', tripTitle: 'Busan, long weekend' });
  });

  it('leaves what it cannot know empty', async () => {
    const entry = await capture.entryFor(rejection({ collection: 'stops', id: 'nowhere' }));
    expect(entry).toMatchObject({ tripId: null, tripTitle: null, stopName: null, document: null });
    const other = await capture.entryFor(rejection({ collection: 'unknown', id: 'x' }));
    expect(other.tripId).toBeNull();
  });
});
