import { describe, expect, it } from 'vitest';
import { sampleReservation } from '../sync/test-fixtures.js';
import { copyTripForImport } from './import-copy.js';
import { readTripFile, tripFromJson, tripToJson, TRIP_FILE_VERSION } from './trip-file.js';
import { sampleBundle } from './test-trip.js';

const options = { now: new Date('2025-03-01T00:00:00Z'), appVersion: 'test' };

function withReservations() {
  const bundle = sampleBundle();
  const expense = bundle.expenses[0]!;
  return {
    ...bundle,
    reservations: [
      sampleReservation({ id: 'flight', tripId: bundle.trip.id, expenseId: expense.id }),
      sampleReservation({ id: 'ticket', tripId: bundle.trip.id, type: 'event', end: null, expenseId: null }),
    ],
  };
}

describe('trip file with reservations (version 4)', () => {
  it('writes and reads them back unchanged', () => {
    const bundle = withReservations();
    const text = tripToJson(bundle, options);
    expect(JSON.parse(text).version).toBe(TRIP_FILE_VERSION);
    expect(TRIP_FILE_VERSION).toBe(4);
    expect(tripFromJson(text)).toEqual(bundle);
  });

  it('reads a version-3 file (no reservations) as a trip without any', () => {
    const { reservations: _none, ...bundle } = withReservations();
    const v3 = { ...JSON.parse(tripToJson(bundle, options)), version: 3 };
    const read = tripFromJson(JSON.stringify(v3));
    expect(read.reservations).toBeUndefined();
    expect(read.trip).toEqual(bundle.trip);
  });

  it('refuses a reservation of another trip or pointing at an unknown expense', () => {
    const file = JSON.parse(tripToJson(withReservations(), options));
    const code = (change: Record<string, unknown>) => {
      const result = readTripFile(
        JSON.stringify({ ...file, reservations: [{ ...file.reservations[0], ...change }] }),
      );
      return result.ok ? 'accepted' : result.code;
    };
    expect(code({})).toBe('accepted');
    expect(code({ tripId: 'elsewhere' })).toBe('invalid_trip_file');
    expect(code({ expenseId: 'gone' })).toBe('invalid_trip_file');
    expect(code({ type: 'rocket' })).toBe('invalid_trip_file');
  });

  it('an imported copy gets new ids and keeps the link to its (new) expense', () => {
    let n = 0;
    const copy = copyTripForImport(withReservations(), 'importer', () => `new-${n++}`);
    const [flight, ticket] = copy.reservations!;
    expect(flight!.id).toMatch(/^new-/);
    expect(flight!.tripId).toBe(copy.trip.id);
    expect(flight!.expenseId).toBe(copy.expenses[0]!.id);
    expect(ticket!.expenseId).toBeNull();
  });
});
