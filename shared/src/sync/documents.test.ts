import { describe, expect, it } from 'vitest';
import {
  checklistItemSchema,
  collectionNames,
  currencyFractionDigits,
  dateOfTripDay,
  expenseSchema,
  fromMinorUnits,
  isCollectionName,
  MAX_CONFLICTS,
  replicatedDocumentSchemas,
  stopSchema,
  syncedCollections,
  toMinorUnits,
  tripDayCount,
  travelModeSchema,
  tripSchema,
  UNKNOWN_CURRENCY_MESSAGE,
} from './documents.js';
import { sampleChecklistItem, sampleExpense, sampleStop, sampleTrip } from './test-fixtures.js';

const conflict = { field: 'note', lostValue: 'old', at: '2025-04-01T09:00:00.000Z' };

describe('synced collections', () => {
  it('lists the four collections and their schema versions (stops 1: travelMode, expenses 1: rate)', () => {
    expect(collectionNames).toEqual([
      'trips',
      'stops',
      'checklistItems',
      'expenses',
      'reservations',
      'documents',
    ]);
    expect(
      Object.fromEntries(collectionNames.map((name) => [name, syncedCollections[name].version])),
    ).toEqual({
      trips: 0,
      stops: 1,
      checklistItems: 0,
      expenses: 1,
      reservations: 0,
      documents: 0,
    });
    expect(isCollectionName('stops')).toBe(true);
    expect(isCollectionName('toString')).toBe(false);
    expect(isCollectionName('users')).toBe(false);
  });

  it('accepts the sample documents unchanged (validation never rewrites)', () => {
    for (const [schema, doc] of [
      [tripSchema, sampleTrip()],
      [stopSchema, sampleStop()],
      [checklistItemSchema, sampleChecklistItem()],
      [expenseSchema, sampleExpense()],
    ] as const) {
      expect(schema.parse(doc)).toEqual(doc);
    }
    expect(stopSchema.parse(sampleStop({ conflicts: [conflict] })).conflicts).toEqual([conflict]);
  });

  it('accepts a tombstone through the replication schema, not the document schema', () => {
    expect(replicatedDocumentSchemas.stops.safeParse({ ...sampleStop(), _deleted: true }).success).toBe(true);
    expect(stopSchema.safeParse({ ...sampleStop(), _deleted: true }).success).toBe(false);
    expect(
      replicatedDocumentSchemas.trips.safeParse({ ...sampleTrip(), endDate: '2025-03-01', _deleted: false })
        .success,
    ).toBe(false);
  });
});

describe('trips', () => {
  const ok = (overrides: Record<string, unknown>) =>
    tripSchema.safeParse({ ...sampleTrip(), ...overrides }).success;

  it('checks dates, time zone, currency, budget and ids', () => {
    expect(ok({ endDate: '2025-03-31' })).toBe(false); // before start
    expect(ok({ endDate: '2025-04-01' })).toBe(true); // day trip
    expect(ok({ endDate: '2026-04-02' })).toBe(false); // 367 days
    expect(ok({ startDate: '2025-02-29' })).toBe(false); // not a leap year
    expect(ok({ startDate: '2025-4-1' })).toBe(false);
    expect(ok({ timeZone: 'Asia/Nowhere' })).toBe(false);
    expect(ok({ timeZone: 'UTC' })).toBe(true);
    expect(ok({ currency: 'krw' })).toBe(false);
    expect(ok({ plannedBudget: 10.5 })).toBe(false); // minor units are integers
    expect(ok({ plannedBudget: -1 })).toBe(false);
    expect(ok({ plannedBudget: null })).toBe(true);
    expect(ok({ title: '   ' })).toBe(false);
    expect(ok({ id: 'x'.repeat(41) })).toBe(false);
    expect(ok({ id: 'has space' })).toBe(false);
    expect(ok({ destination: {} })).toBe(true);
    expect(ok({ destination: { regionCode: 'Seoul' } })).toBe(false);
    expect(ok({ updatedAt: '2025-01-01' })).toBe(false); // unknown keys are refused
    expect(ok({ conflicts: Array.from({ length: MAX_CONFLICTS + 1 }, () => conflict) })).toBe(false);
    expect(ok({ conflicts: [{ ...conflict, at: 'yesterday' }] })).toBe(false);
  });

  it('does not trim or otherwise rewrite input', () => {
    const trip = sampleTrip({ title: '  Busan  ' });
    expect(tripSchema.parse(trip).title).toBe('  Busan  ');
  });
});

describe('stops, checklist items, expenses', () => {
  it('checks stops', () => {
    const ok = (overrides: Record<string, unknown>) =>
      stopSchema.safeParse({ ...sampleStop(), ...overrides }).success;
    expect(ok({ day: 365 })).toBe(true);
    expect(ok({ day: 366 })).toBe(false);
    expect(ok({ day: 1.5 })).toBe(false);
    expect(ok({ startTime: null, durationMinutes: null, cost: null })).toBe(true);
    expect(ok({ startTime: '24:00' })).toBe(false);
    expect(ok({ startTime: '9:00' })).toBe(false);
    expect(ok({ orderKey: 'a00' })).toBe(false);
    expect(ok({ category: 'nightlife' })).toBe(false);
    expect(ok({ place: { name: 'Free place' } })).toBe(true);
    expect(ok({ place: { name: 'Half', lat: 33.1 } })).toBe(false); // lat without lng
    expect(ok({ place: { name: 'Far', lat: 91, lng: 0 } })).toBe(false);
    expect(ok({ cost: { amount: 0, currency: 'KRW' } })).toBe(true);
    expect(ok({ cost: { amount: -5, currency: 'KRW' } })).toBe(false);
    for (const mode of ['walk', 'transit', 'car', null]) expect(ok({ travelMode: mode })).toBe(true);
    for (const mode of ['bike', 'Car', '', 0, undefined]) expect(ok({ travelMode: mode })).toBe(false);
    expect(travelModeSchema.options).toEqual(['walk', 'transit', 'car']);
  });

  it('checks checklist items', () => {
    expect(checklistItemSchema.safeParse({ ...sampleChecklistItem(), text: '' }).success).toBe(false);
    expect(checklistItemSchema.safeParse({ ...sampleChecklistItem(), done: 1 }).success).toBe(false);
    expect(checklistItemSchema.safeParse({ ...sampleChecklistItem(), tripId: undefined }).success).toBe(
      false,
    );
  });

  it('checks expenses', () => {
    const ok = (overrides: Record<string, unknown>) =>
      expenseSchema.safeParse({ ...sampleExpense(), ...overrides }).success;
    expect(ok({ amount: 0 })).toBe(false);
    expect(ok({ amount: 1 })).toBe(true);
    expect(ok({ amount: 99.5 })).toBe(false);
    expect(ok({ splitAmong: [] })).toBe(false);
    expect(ok({ splitAmong: ['user-a', 'user-a'] })).toBe(false);
    expect(ok({ stopId: null })).toBe(true);
    expect(ok({ date: '2025-13-01' })).toBe(false);
  });

  it('refuses currency codes that are not ISO 4217 currencies, with a stable message', () => {
    for (const code of ['WON', 'XXX', 'ABC']) {
      const result = expenseSchema.safeParse({ ...sampleExpense(), currency: code });
      expect(result.success, code).toBe(false);
      expect(result.error?.issues).toEqual([
        expect.objectContaining({ path: ['currency'], message: UNKNOWN_CURRENCY_MESSAGE }),
      ]);
    }
    expect(tripSchema.safeParse({ ...sampleTrip(), currency: 'WON' }).success).toBe(false);
    expect(stopSchema.safeParse({ ...sampleStop(), cost: { amount: 1, currency: 'WON' } }).success).toBe(
      false,
    );
    for (const code of ['KRW', 'JPY', 'KWD', 'EUR']) {
      expect(expenseSchema.safeParse({ ...sampleExpense(), currency: code }).success, code).toBe(true);
    }
  });

  it('checks the captured exchange rate of an expense', () => {
    const rate = { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' };
    const ok = (value: unknown) =>
      expenseSchema.safeParse({ ...sampleExpense(), currency: 'JPY', rate: value }).success;
    expect(ok(rate)).toBe(true);
    expect(ok(null)).toBe(true);
    expect(ok({ ...rate, source: 'manual' })).toBe(true);
    expect(ok({ ...rate, value: '0.000686445' })).toBe(true);
    for (const value of ['0', '0.000', '-1', '1e3', '9,12', '', '.5', '1.', '1234567890123']) {
      expect(ok({ ...rate, value }), value).toBe(false);
    }
    expect(ok({ ...rate, value: 9.12 })).toBe(false);
    expect(ok({ ...rate, to: 'WON' })).toBe(false);
    expect(ok({ ...rate, source: 'bank' })).toBe(false);
    expect(ok({ ...rate, date: undefined })).toBe(false);
    expect(ok({ ...rate, extra: 1 })).toBe(false);
    expect(ok(undefined)).toBe(false);
  });
});

describe('helpers', () => {
  it('counts trip days and dates', () => {
    expect(tripDayCount('2025-04-01', '2025-04-01')).toBe(1);
    expect(tripDayCount('2024-02-28', '2024-03-01')).toBe(3); // leap day
    expect(dateOfTripDay('2024-12-30', 3)).toBe('2025-01-02');
  });

  it('converts to and from minor units per currency', () => {
    expect(currencyFractionDigits('KRW')).toBe(0);
    expect(currencyFractionDigits('USD')).toBe(2);
    expect(currencyFractionDigits('BHD')).toBe(3);
    expect(toMinorUnits(12.34, 'USD')).toBe(1234);
    expect(toMinorUnits(0.07, 'USD')).toBe(7);
    expect(toMinorUnits(15000, 'KRW')).toBe(15000);
    expect(fromMinorUnits(1234, 'USD')).toBe(12.34);
    expect(fromMinorUnits(15000, 'KRW')).toBe(15000);
  });
});
