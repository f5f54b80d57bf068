import { describe, expect, it } from 'vitest';
import type { Money, Stop } from '@hamgaja/shared';
import { costsByTrip, placeKey, tripStats } from './trip-stats';

const trip = {
  startDate: '2027-04-10',
  endDate: '2027-04-12',
  currency: 'KRW',
  plannedBudget: 100_000 as number | null,
};
let n = 0;
const stop = (day: number, name: string, cost: Money | null = null, attractionId?: string): Stop => ({
  id: `s${(n += 1)}`,
  tripId: 't',
  day,
  orderKey: 'a0',
  startTime: null,
  durationMinutes: null,
  place: attractionId ? { name, attractionId } : { name },
  category: 'food',
  cost,
  note: '',
  travelMode: null,
});
const krw = (amount: number): Money => ({ amount, currency: 'KRW' });

describe('tripStats', () => {
  it('counts stops, days and distinct places, and sums costs per day in the trip currency', () => {
    const stats = tripStats(trip, [
      stop(0, 'Market', krw(10_000)),
      stop(0, ' market ', krw(5_000)),
      stop(1, 'Museum', krw(20_000), '126508'),
      stop(2, 'Other museum name', null, '126508'),
      stop(2, 'Cafe', { amount: 450, currency: 'USD' }),
    ]);
    expect(stats.stopCount).toBe(5);
    expect(stats.dayCount).toBe(3);
    // "Market" twice (case and spaces ignored) and the same attraction twice count once.
    expect(stats.placeCount).toBe(3);
    expect(stats.cost).toBe(35_000);
    expect(stats.costByDay).toEqual([15_000, 20_000, 0]);
    expect(stats.otherCosts).toEqual([{ currency: 'USD', amount: 450 }]);
  });

  it('derives the budget from the costs: what is left, the share used, over budget', () => {
    expect(tripStats(trip, [stop(0, 'A', krw(25_000))]).budget).toEqual({
      planned: 100_000,
      remaining: 75_000,
      ratio: 0.25,
      over: false,
    });
    const over = tripStats(trip, [stop(0, 'A', krw(130_000))]).budget;
    expect(over).toMatchObject({ remaining: -30_000, over: true });
    expect(tripStats({ ...trip, plannedBudget: null }, [stop(0, 'A', krw(1))]).budget).toBeNull();
    expect(tripStats({ ...trip, plannedBudget: 0 }, [stop(0, 'A', krw(1))]).budget?.ratio).toBe(Infinity);
    expect(tripStats({ ...trip, plannedBudget: 0 }, []).budget?.ratio).toBe(0);
  });

  it('keeps stops outside the dates in the totals but not in a day', () => {
    const stats = tripStats(trip, [stop(7, 'Late', krw(1_000))]);
    expect(stats.cost).toBe(1_000);
    expect(stats.costByDay).toEqual([0, 0, 0]);
  });

  it('sums recorded expenses apart from planned costs, converted at their captured rate', () => {
    const yenRate = { to: 'KRW', value: '9.12', source: 'feed', date: '2026-12-04' } as const;
    const stats = tripStats(
      trip,
      [],
      [
        { ...krw(3_000), rate: null },
        { ...krw(2_000), rate: null },
        { amount: 700, currency: 'JPY', rate: null },
        { amount: 1_000, currency: 'JPY', rate: yenRate },
      ],
    );
    expect(stats.spent).toBe(5_000 + 9_120);
    expect(stats.otherSpent).toEqual([{ currency: 'JPY', amount: 700 }]);
    expect(stats.cost).toBe(0);
  });
});

describe('costsByTrip', () => {
  it('adds stop costs per trip in that trip’s own currency only', () => {
    const currency = new Map([
      ['t1', 'KRW'],
      ['t2', 'USD'],
    ]);
    const totals = costsByTrip(
      [
        { tripId: 't1', cost: krw(100) },
        { tripId: 't1', cost: krw(50) },
        { tripId: 't1', cost: { amount: 9, currency: 'USD' } },
        { tripId: 't2', cost: { amount: 300, currency: 'USD' } },
        { tripId: 't2', cost: null },
        { tripId: 'gone', cost: krw(1) },
      ],
      (id) => currency.get(id),
    );
    expect(Object.fromEntries(totals)).toEqual({ t1: 150, t2: 300 });
  });

  it('names a place by its attraction, else by its normalised name', () => {
    expect(placeKey({ place: { name: 'X', attractionId: '1' } })).toBe('a:1');
    expect(placeKey({ place: { name: '  Seoul Tower ' } })).toBe('n:seoul tower');
  });
});
