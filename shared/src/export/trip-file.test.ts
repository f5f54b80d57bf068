import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upgradeDocument } from '../sync/migrations.js';
import { dateOfTripDay, type Expense, type Stop } from '../sync/documents.js';
import { copyTripForImport, tripImportSummary } from './import-copy.js';
import { sampleBundle } from './test-trip.js';
import {
  TRIP_FILE_VERSION,
  TripFileError,
  readTripFile,
  tripBundleSchema,
  tripFromJson,
  tripToJson,
  type TripBundle,
} from './trip-file.js';

const options = { now: new Date('2025-03-01T00:00:00Z'), appVersion: '1.2.3' };

const text = (max: number) =>
  fc
    .string({
      unit: fc.constantFrom(...'abc XYZ 가나다라 제주 é😀-.,!'.split('')),
      minLength: 1,
      maxLength: max,
    })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const orderKeys = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'aV', 'b01'];

/** Valid trips with random stops, checklist and expenses (expenses may point at stops). */
const bundleArbitrary: fc.Arbitrary<TripBundle> = fc
  .record({
    title: text(40),
    description: fc.option(text(60), { nil: '' }),
    start: fc.integer({ min: 0, max: 700 }),
    length: fc.integer({ min: 0, max: 9 }),
    timeZone: fc.constantFrom('Asia/Seoul', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo'),
    currency: fc.constantFrom('KRW', 'USD', 'JPY'),
    plannedBudget: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    stops: fc.array(
      fc.record({
        day: fc.nat(),
        orderKey: fc.constantFrom(...orderKeys),
        startTime: fc.option(fc.constantFrom('00:00', '09:05', '12:30', '23:59'), { nil: null }),
        durationMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
        name: text(30),
        address: fc.option(text(40), { nil: null }),
        geo: fc.option(
          fc.tuple(
            fc.double({ min: -90, max: 90, noNaN: true }),
            fc.double({ min: -180, max: 180, noNaN: true }),
          ),
          { nil: null },
        ),
        category: fc.constantFrom(
          'sightseeing',
          'food',
          'lodging',
          'shopping',
          'activity',
          'transport',
          'other' as const,
        ),
        cost: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
        note: fc.option(text(50), { nil: '' }),
        travelMode: fc.constantFrom(null, 'walk', 'transit', 'car' as const),
      }),
      { maxLength: 12 },
    ),
    checklist: fc.array(
      fc.record({ text: text(30), done: fc.boolean(), orderKey: fc.constantFrom(...orderKeys) }),
      {
        maxLength: 6,
      },
    ),
    expenses: fc.array(
      fc.record({
        amount: fc.integer({ min: 1, max: 5_000_000 }),
        stop: fc.option(fc.nat(), { nil: null }),
        note: fc.option(text(20), { nil: '' }),
      }),
      { maxLength: 6 },
    ),
  })
  .map((r): TripBundle => {
    const tripId = 'trip-x';
    const startDate = dateOfTripDay('2024-01-01', r.start);
    const stops: Stop[] = r.stops.map((s, i) => ({
      id: `stop-${i}`,
      tripId,
      day: s.day % (r.length + 1),
      orderKey: s.orderKey,
      startTime: s.startTime,
      durationMinutes: s.durationMinutes,
      place: {
        attractionId: null,
        name: s.name,
        // `+ 0` turns -0 into 0: JSON (and so every stored document) has no negative zero.
        lat: s.geo ? s.geo[0] + 0 : null,
        lng: s.geo ? s.geo[1] + 0 : null,
        address: s.address,
      },
      category: s.category,
      cost: s.cost === null ? null : { amount: s.cost, currency: r.currency },
      note: s.note,
      travelMode: s.travelMode,
    }));
    return {
      trip: {
        id: tripId,
        title: r.title,
        description: r.description,
        destination: { text: 'Jeju' },
        startDate,
        endDate: dateOfTripDay(startDate, r.length),
        timeZone: r.timeZone,
        currency: r.currency,
        plannedBudget: r.plannedBudget,
        coverImage: null,
        notes: '',
        ownerId: 'owner',
      },
      stops,
      checklistItems: r.checklist.map((c, i) => ({ id: `item-${i}`, tripId, ...c })),
      expenses: r.expenses.map(
        (e, i) =>
          upgradeDocument('expenses', {
            id: `expense-${i}`,
            tripId,
            amount: e.amount,
            currency: r.currency,
            paidBy: 'owner',
            splitAmong: ['owner', 'friend'],
            category: 'food',
            date: startDate,
            stopId: e.stop === null || stops.length === 0 ? null : stops[e.stop % stops.length]!.id,
            note: e.note,
          }) as Expense,
      ),
    };
  });

/** The bundle without ids and membership: links between documents as positions. */
function withoutIds(bundle: TripBundle) {
  const stopIndex = new Map(bundle.stops.map((s, i) => [s.id, i]));
  const { id: _id, ownerId: _owner, ...trip } = bundle.trip;
  return {
    trip,
    stops: bundle.stops.map(({ id: _i, tripId: _t, ...s }) => s),
    checklistItems: bundle.checklistItems.map(({ id: _i, tripId: _t, ...c }) => c),
    expenses: bundle.expenses.map(({ id: _i, tripId: _t, paidBy: _p, splitAmong: _s, stopId, ...e }) => ({
      ...e,
      stop: stopId === null ? null : stopIndex.get(stopId),
    })),
  };
}

function codeOf(text: string): string {
  const result = readTripFile(text);
  return result.ok ? 'accepted' : result.code;
}

describe('trip file', () => {
  it('round trip: export → import gives the original trip, and a copy equal apart from ids', () => {
    fc.assert(
      fc.property(bundleArbitrary, (bundle) => {
        expect(tripBundleSchema.safeParse(bundle).success).toBe(true);
        const read = tripFromJson(tripToJson(bundle, options));
        expect(read).toEqual(bundle);
        let n = 0;
        const copy = copyTripForImport(read, 'importer', () => `new-${n++}`);
        expect(withoutIds(copy)).toEqual(withoutIds(bundle));
        expect(copy.trip.ownerId).toBe('importer');
        const ids = [
          copy.trip.id,
          ...copy.stops.map((s) => s.id),
          ...copy.checklistItems.map((c) => c.id),
          ...copy.expenses.map((e) => e.id),
        ];
        expect(ids.every((id) => id.startsWith('new-'))).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        expect(
          copy.expenses.every((e) => e.paidBy === 'importer' && e.splitAmong.join() === 'importer'),
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses files that are not trip files, damaged or from a newer app, with stable codes', () => {
    const file = JSON.parse(tripToJson(sampleBundle(), options));
    expect(file.version).toBe(TRIP_FILE_VERSION);
    expect(codeOf('not json')).toBe('invalid_trip_file');
    expect(codeOf('{"format":"hamgaja-trip","version":2')).toBe('invalid_trip_file');
    expect(codeOf('[]')).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify({ ...file, format: 'other' }))).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify({ title: 'a calendar' }))).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify({ ...file, version: TRIP_FILE_VERSION + 1 }))).toBe('trip_file_too_new');
    expect(codeOf(JSON.stringify({ ...file, version: 0 }))).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify({ ...file, version: '2' }))).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify({ ...file, stops: [{ ...file.stops[0], tripId: 'elsewhere' }] }))).toBe(
      'invalid_trip_file',
    );
    expect(codeOf(JSON.stringify({ ...file, stops: [{ ...file.stops[0], day: 9 }] }))).toBe(
      'invalid_trip_file',
    );
    expect(codeOf(JSON.stringify({ ...file, stops: [file.stops[0], file.stops[0]] }))).toBe(
      'invalid_trip_file',
    );
    expect(codeOf(JSON.stringify({ ...file, expenses: [{ ...file.expenses[0], stopId: 'gone' }] }))).toBe(
      'invalid_trip_file',
    );
    expect(codeOf(JSON.stringify({ ...file, trip: { ...file.trip, title: '' } }))).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify({ ...file, extra: true }))).toBe('invalid_trip_file');
    expect(codeOf(JSON.stringify(file))).toBe('accepted');
    expect(() => tripFromJson('nope')).toThrow(TripFileError);
  });

  it('upgrades every document of an older file to the current shape (stops without travel mode, expenses without rate)', () => {
    const bundle = sampleBundle();
    const file = JSON.parse(tripToJson(bundle, options));
    const v1 = {
      ...file,
      version: 1,
      stops: file.stops.map(({ travelMode: _mode, ...stop }: Record<string, unknown>) => stop),
      // Expenses from before they captured an exchange rate.
      expenses: file.expenses.map(({ rate: _rate, ...expense }: Record<string, unknown>) => expense),
    };
    const read = tripFromJson(JSON.stringify(v1));
    expect(read.stops).toEqual(bundle.stops.map((s) => ({ ...s, travelMode: null })));
    expect(read.expenses).toEqual(bundle.expenses);
    // Upgrading is idempotent: a current file reads back unchanged.
    expect(tripFromJson(JSON.stringify(file))).toEqual(bundle);
  });

  it('summarises what an import creates', () => {
    expect(tripImportSummary(sampleBundle())).toEqual({
      title: '제주 봄 여행',
      startDate: '2025-04-01',
      endDate: '2025-04-04',
      days: 4,
      stopsPerDay: [2, 1, 0, 1],
      stops: 4,
      checklistItems: 1,
      expenses: 1,
    });
  });
});
