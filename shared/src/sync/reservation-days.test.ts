import { describe, expect, it } from 'vitest';
import {
  expenseSchema,
  replicatedDocumentSchemas,
  reservationSchema,
  zonedTimeToUtcMs,
  type Reservation,
} from './documents.js';
import {
  expenseForReservation,
  placeReservations,
  reservationDurationMinutes,
  stayNights,
} from './reservation-days.js';
import { sampleReservation } from './test-fixtures.js';

const trip = { startDate: '2025-04-01', endDate: '2025-04-04' };

function flight(overrides: Partial<Reservation> = {}): Reservation {
  return sampleReservation(overrides);
}

function stay(overrides: Partial<Reservation> = {}): Reservation {
  return sampleReservation({
    id: 'stay-1',
    type: 'stay',
    title: 'Hotel Shilla Jeju',
    provider: 'Shilla',
    start: { date: '2025-04-01', time: '15:00', timeZone: 'Asia/Seoul' },
    end: { date: '2025-04-03', time: '11:00', timeZone: 'Asia/Seoul' },
    from: { name: 'Hotel Shilla Jeju' },
    to: null,
    seats: 'Room 1203',
    ...overrides,
  });
}

describe('reservations schema', () => {
  it('accepts a sample flight unchanged, and its tombstone through replication', () => {
    const doc = flight();
    expect(reservationSchema.parse(doc)).toEqual(doc);
    expect(replicatedDocumentSchemas.reservations.safeParse({ ...doc, _deleted: true }).success).toBe(true);
  });

  it('refuses an end before the start, compared across zones', () => {
    // Lands in Honolulu "earlier" on the clock than it left Seoul, but later in time: fine.
    const hnl = flight({
      start: { date: '2025-04-02', time: '20:00', timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-02', time: '09:00', timeZone: 'Pacific/Honolulu' },
    });
    expect(reservationSchema.safeParse(hnl).success).toBe(true);
    const backwards = flight({
      start: { date: '2025-04-02', time: '20:00', timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-02', time: '19:00', timeZone: 'Asia/Seoul' },
    });
    const result = reservationSchema.safeParse(backwards);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['end']);
  });

  it('bounds its texts and checks types, zones and money', () => {
    const ok = (overrides: Record<string, unknown>) =>
      reservationSchema.safeParse({ ...flight(), ...overrides }).success;
    expect(ok({ title: 'x'.repeat(200) })).toBe(true);
    expect(ok({ title: 'x'.repeat(201) })).toBe(false);
    expect(ok({ title: '  ' })).toBe(false);
    expect(ok({ confirmationCode: 'x'.repeat(101) })).toBe(false);
    expect(ok({ note: 'x'.repeat(4001) })).toBe(false);
    expect(ok({ type: 'rocket' })).toBe(false);
    expect(ok({ start: { date: '2025-04-01', time: '10:30', timeZone: 'Mars/Olympus' } })).toBe(false);
    expect(ok({ start: { date: '2025-04-01', time: '24:00', timeZone: 'UTC' } })).toBe(false);
    expect(ok({ cost: { amount: 12.5, currency: 'KRW' } })).toBe(false);
    expect(ok({ end: null, from: null, to: null, cost: null })).toBe(true);
    expect(ok({ from: { name: 'ICN', lat: 37.46 } })).toBe(false);
    expect(ok({ extra: 1 })).toBe(false);
  });
});

describe('zonedTimeToUtcMs', () => {
  it('turns a wall-clock time in a zone into an instant, DST included', () => {
    expect(new Date(zonedTimeToUtcMs('2025-04-01', '10:30', 'Asia/Seoul')).toISOString()).toBe(
      '2025-04-01T01:30:00.000Z',
    );
    expect(new Date(zonedTimeToUtcMs('2025-07-01', '12:00', 'Europe/Paris')).toISOString()).toBe(
      '2025-07-01T10:00:00.000Z',
    );
    expect(new Date(zonedTimeToUtcMs('2025-01-01', '12:00', 'Europe/Paris')).toISOString()).toBe(
      '2025-01-01T11:00:00.000Z',
    );
    // 02:30 does not exist in Paris on 30 March 2025: one hour later, as calendars do.
    expect(new Date(zonedTimeToUtcMs('2025-03-30', '02:30', 'Europe/Paris')).toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
  });
});

describe('placeReservations', () => {
  it('puts a flight on day 1 at 10:30, ICN → CJU', () => {
    const { days, outside } = placeReservations(trip, [flight()]);
    expect(days).toHaveLength(4);
    expect(days[0]!.entries.map((e) => [e.reservation.id, e.role, e.moment.time])).toEqual([
      ['reservation-1', 'whole', '10:30'],
    ]);
    expect(days.slice(1).every((day) => day.entries.length === 0 && day.nights.length === 0)).toBe(true);
    expect(outside).toEqual([]);
  });

  it('a flight leaving Seoul at 23:30 lands in Tokyo at 01:10 on the next day', () => {
    const night = flight({
      start: { date: '2025-04-01', time: '23:30', timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-02', time: '01:10', timeZone: 'Asia/Tokyo' },
      from: { name: 'ICN' },
      to: { name: 'NRT' },
    });
    const { days } = placeReservations(trip, [night]);
    expect(days[0]!.entries.map((e) => [e.role, e.moment.time, e.moment.timeZone])).toEqual([
      ['start', '23:30', 'Asia/Seoul'],
    ]);
    expect(days[1]!.entries.map((e) => [e.role, e.moment.time, e.moment.timeZone])).toEqual([
      ['end', '01:10', 'Asia/Tokyo'],
    ]);
    // Seoul and Tokyo share UTC+9: 1 h 40 min in the air.
    expect(reservationDurationMinutes(night)).toBe(100);
  });

  it('measures a flight across zones by instants (Seoul 20:00 → Honolulu 09:00 the same date: 8 h)', () => {
    const hnl = flight({
      start: { date: '2025-04-02', time: '20:00', timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-02', time: '09:00', timeZone: 'Pacific/Honolulu' },
    });
    expect(reservationDurationMinutes(hnl)).toBe(8 * 60);
    const { days } = placeReservations(trip, [hnl]);
    expect(days[1]!.entries.map((e) => e.role)).toEqual(['whole']);
  });

  it('a two-night stay: check-in on day 1, nights 1/2 and 2/2, check-out on day 3', () => {
    const { days } = placeReservations(trip, [stay()]);
    expect(stayNights(stay())).toBe(2);
    expect(days.map((day) => day.nights.map((n) => `${n.night}/${n.nights}`))).toEqual([
      ['1/2'],
      ['2/2'],
      [],
      [],
    ]);
    expect(days.map((day) => day.entries.map((e) => e.role))).toEqual([['start'], [], ['end'], []]);
  });

  it('clips a stay that began before the trip and lists reservations wholly outside the dates', () => {
    const early = stay({
      id: 'stay-early',
      start: { date: '2025-03-30', time: null, timeZone: 'Asia/Seoul' },
      end: { date: '2025-04-02', time: null, timeZone: 'Asia/Seoul' },
    });
    const before = flight({
      id: 'before',
      start: { date: '2025-03-20', time: '08:00', timeZone: 'UTC' },
      end: null,
    });
    const after = flight({
      id: 'after',
      start: { date: '2025-04-10', time: '08:00', timeZone: 'UTC' },
      end: null,
    });
    const { days, outside } = placeReservations(trip, [after, early, before]);
    // Nights of 30 and 31 March fall before the trip; 1 April is night 3 of 3.
    expect(days[0]!.nights.map((n) => `${n.reservation.id} ${n.night}/${n.nights}`)).toEqual([
      'stay-early 3/3',
    ]);
    expect(days[1]!.entries.map((e) => `${e.reservation.id} ${e.role}`)).toEqual(['stay-early end']);
    expect(outside.map((r) => r.id)).toEqual(['before', 'after']);
  });

  it('orders a day by local clock time, untimed first', () => {
    const a = flight({
      id: 'a',
      title: 'Late',
      start: { date: '2025-04-01', time: '18:00', timeZone: 'UTC' },
      end: null,
    });
    const b = flight({
      id: 'b',
      title: 'Early',
      start: { date: '2025-04-01', time: '07:00', timeZone: 'UTC' },
      end: null,
    });
    const c = flight({
      id: 'c',
      type: 'event',
      title: 'Museum',
      start: { date: '2025-04-01', time: null, timeZone: 'UTC' },
      end: null,
    });
    const { days } = placeReservations(trip, [a, b, c]);
    expect(days[0]!.entries.map((e) => e.reservation.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('expenseForReservation', () => {
  it('makes a valid expense with the same amount and a matching category', () => {
    const expense = expenseForReservation(stay({ cost: { amount: 420_000, currency: 'KRW' } }), {
      id: 'expense-9',
      paidBy: 'user-a',
      splitAmong: ['user-a', 'user-b', 'user-a'],
    });
    expect(expense).toMatchObject({
      id: 'expense-9',
      tripId: 'trip-1',
      amount: 420_000,
      currency: 'KRW',
      category: 'lodging',
      date: '2025-04-01',
      splitAmong: ['user-a', 'user-b'],
      note: 'Hotel Shilla Jeju',
    });
    expect(expenseSchema.safeParse(expense).success).toBe(true);
    expect(expenseForReservation(flight(), { id: 'e', paidBy: 'u', splitAmong: [] })?.category).toBe(
      'transport',
    );
  });

  it('makes none without a cost above zero', () => {
    expect(
      expenseForReservation(flight({ cost: null }), { id: 'e', paidBy: 'u', splitAmong: ['u'] }),
    ).toBeNull();
    expect(
      expenseForReservation(flight({ cost: { amount: 0, currency: 'KRW' } }), {
        id: 'e',
        paidBy: 'u',
        splitAmong: ['u'],
      }),
    ).toBeNull();
  });
});
