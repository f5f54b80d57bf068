// "Add to trip" on a real RxDB database (memory storage, dev-mode schema checks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  categories,
  createDatabase,
  ktoContentTypes,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { addAttractionToTrip, addressOf, categoryOfContentType, stopFromAttraction } from './add-to-trip';
import { samplePlaces } from './test-attractions';

describe('stop category from the content type', () => {
  it('maps every KTO content type to a stop category', () => {
    expect(categoryOfContentType(12)).toBe('sightseeing');
    expect(categoryOfContentType(14)).toBe('sightseeing');
    expect(categoryOfContentType(15)).toBe('activity');
    expect(categoryOfContentType(25)).toBe('sightseeing');
    expect(categoryOfContentType(28)).toBe('activity');
    expect(categoryOfContentType(32)).toBe('lodging');
    expect(categoryOfContentType(38)).toBe('shopping');
    expect(categoryOfContentType(39)).toBe('food');
    for (const type of ktoContentTypes) expect(categories).toContain(categoryOfContentType(type.id));
  });

  it('falls back to "other" for an unknown type', () => {
    expect(categoryOfContentType(99)).toBe('other');
  });
});

describe('stop from an attraction', () => {
  const trip = { id: 'trip-1', startDate: '2027-05-01', endDate: '2027-05-03' };
  const [haeundae, , , jagalchi] = samplePlaces();

  it('links the place, copies name, point and address, and sets the category', () => {
    const { stop, moves } = stopFromAttraction(
      { ...jagalchi!, addr2: ' 2층 ' },
      { trip, day: 1, dayStops: [] },
      'stop-1',
    );
    expect(stop).toMatchObject({
      id: 'stop-1',
      tripId: 'trip-1',
      day: 1,
      category: 'shopping',
      startTime: null,
      cost: null,
      travelMode: null,
      place: {
        attractionId: jagalchi!.id,
        name: '자갈치시장',
        lat: 35.0966,
        lng: 129.0306,
        address: '부산광역시 중구 자갈치해안로 52 2층',
      },
    });
    expect(moves).toEqual([]);
  });

  it('goes after the last stop of the day', () => {
    const first = stopFromAttraction(haeundae!, { trip, day: 0, dayStops: [] }, 'a').stop;
    const second = stopFromAttraction(haeundae!, { trip, day: 0, dayStops: [first] }, 'b').stop;
    expect(second.orderKey > first.orderKey).toBe(true);
  });

  it('leaves out a missing point and address', () => {
    const { stop } = stopFromAttraction(
      { ...haeundae!, lat: null, lng: null, addr1: null },
      { trip, day: 2, dayStops: [] },
      'c',
    );
    expect(stop.place).toEqual({ attractionId: haeundae!.id, name: '해운대해수욕장' });
    expect(addressOf({ addr1: '  ', addr2: null })).toBe('');
  });

  it('refuses a day outside the trip', () => {
    expect(() => stopFromAttraction(haeundae!, { trip, day: 3, dayStops: [] }, 'd')).toThrow(RangeError);
  });
});

describe('adding to the local database', () => {
  let db: HamgajaDatabase<'trips' | 'stops'>;
  const trip: Trip = {
    id: 'trip-busan',
    ownerId: 'user-1',
    title: '부산 여행',
    description: '',
    destination: { regionCode: '6' },
    startDate: '2027-05-01',
    endDate: '2027-05-02',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    plannedBudget: null,
    coverImage: null,
    notes: '',
  };

  beforeAll(async () => {
    db = await createDatabase({
      storage: getRxStorageMemory(),
      name: `catalog-${crypto.randomUUID().slice(0, 8)}`,
      collections: ['trips', 'stops'],
      multiInstance: false,
      devMode: true,
    });
    await db.trips.insert(trip);
  });

  afterAll(async () => {
    await db.close();
  });

  it('appends stops to the chosen day in the order they were added', async () => {
    const [haeundae, gwangalli, , , hotel] = samplePlaces();
    await addAttractionToTrip(db, haeundae!, trip.id, 1);
    await addAttractionToTrip(db, hotel!, trip.id, 1);
    await addAttractionToTrip(db, gwangalli!, trip.id, 0);
    const stops = (
      await db.stops
        .find({ selector: { tripId: trip.id }, sort: [{ day: 'asc' }, { orderKey: 'asc' }] })
        .exec()
    ).map((d) => d.toJSON() as Stop);
    expect(stops.map((s) => [s.day, s.place.name, s.category])).toEqual([
      [0, '광안리해수욕장', 'sightseeing'],
      [1, '해운대해수욕장', 'sightseeing'],
      [1, '파라다이스호텔 부산', 'lodging'],
    ]);
  });

  it('fails for a trip that is not on this device', async () => {
    await expect(addAttractionToTrip(db, samplePlaces()[0]!, 'nope', 0)).rejects.toThrow(
      /not in the local database/,
    );
  });
});
