import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockMinutes } from './day-schedule.js';
import { outOfOrderStops, sortDayByTime } from './time-order.js';

type S = { id: string; startTime: string | null };
const day = (...times: (string | null)[]): S[] => times.map((startTime, i) => ({ id: `s${i}`, startTime }));
const ids = (stops: readonly S[]) => stops.map((s) => s.id);

const timeArb = fc.option(
  fc.integer({ min: 0, max: 23 * 60 + 59 }).map((m) => {
    // Few distinct times, so ties happen often.
    const rounded = Math.floor(m / 120) * 120;
    return `${String(Math.floor(rounded / 60)).padStart(2, '0')}:${String(rounded % 60).padStart(2, '0')}`;
  }),
  { nil: null, freq: 3 },
);
const dayArb = fc.array(timeArb, { maxLength: 25 }).map((times) => day(...times));
const RUNS = { seed: 42, numRuns: 300 } as const;

describe('outOfOrderStops', () => {
  it('flags the fewest stops, keeping the earlier ones', () => {
    expect(outOfOrderStops(day('09:00', '13:00', '10:00', '11:00'))).toEqual(['s1']);
    expect(outOfOrderStops(day('10:00', '09:00'))).toEqual(['s1']);
    expect(outOfOrderStops(day('09:00', null, '08:00', null, '10:00'))).toEqual(['s2']);
    expect(outOfOrderStops(day('12:00', '09:00', '10:00', '11:00'))).toEqual(['s0']);
    expect(outOfOrderStops(day('09:00', '09:00', null, '09:30'))).toEqual([]);
    expect(outOfOrderStops(day(null, null))).toEqual([]);
    expect(outOfOrderStops([])).toEqual([]);
  });

  it('leaves the unflagged timed stops in order, and flags nothing in a sorted day', () => {
    fc.assert(
      fc.property(dayArb, (stops) => {
        const flagged = new Set(outOfOrderStops(stops));
        const kept = stops.filter((s) => s.startTime !== null && !flagged.has(s.id));
        for (let i = 1; i < kept.length; i++)
          expect(clockMinutes(kept[i]!.startTime!)).toBeGreaterThanOrEqual(
            clockMinutes(kept[i - 1]!.startTime!),
          );
        for (const s of stops) if (s.startTime === null) expect(flagged.has(s.id)).toBe(false);
        expect(outOfOrderStops(sortDayByTime(stops))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('flags no more stops than a brute-force minimum', () => {
    fc.assert(
      fc.property(fc.array(timeArb, { maxLength: 10 }), (times) => {
        const stops = day(...times);
        const timed = stops.filter((s) => s.startTime !== null).map((s) => clockMinutes(s.startTime!));
        let best = 0;
        for (let mask = 0; mask < 1 << timed.length; mask++) {
          const chosen = timed.filter((_, i) => mask & (1 << i));
          if (chosen.every((t, i) => i === 0 || t >= chosen[i - 1]!)) best = Math.max(best, chosen.length);
        }
        expect(outOfOrderStops(stops)).toHaveLength(timed.length - best);
      }),
      RUNS,
    );
  });
});

describe('sortDayByTime', () => {
  it('moves timed stops with the untimed stops after them; leading untimed stops stay first', () => {
    const stops = day(null, '14:00', null, null, '09:00', null, '11:00');
    expect(ids(sortDayByTime(stops))).toEqual(['s0', 's4', 's5', 's6', 's1', 's2', 's3']);
  });

  it('is stable for equal times and returns the same objects', () => {
    const stops = day('10:00', null, '09:00', '10:00', null);
    const sorted = sortDayByTime(stops);
    expect(ids(sorted)).toEqual(['s2', 's0', 's1', 's3', 's4']);
    expect(sorted[0]).toBe(stops[2]);
    expect(ids(stops)).toEqual(['s0', 's1', 's2', 's3', 's4']);
  });

  it('is a permutation, puts timed stops in order, keeps each untimed stop after the same timed stop, and is idempotent', () => {
    fc.assert(
      fc.property(dayArb, (stops) => {
        const sorted = sortDayByTime(stops);
        expect([...ids(sorted)].sort()).toEqual([...ids(stops)].sort());
        const times = sorted.filter((s) => s.startTime !== null).map((s) => clockMinutes(s.startTime!));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        const leader = (list: readonly S[]) => {
          const map = new Map<string, string | null>();
          let current: string | null = null;
          for (const s of list) {
            if (s.startTime !== null) current = s.id;
            else map.set(s.id, current);
          }
          return map;
        };
        expect(leader(sorted)).toEqual(leader(stops));
        expect(ids(sortDayByTime(sorted))).toEqual(ids(sorted));
      }),
      RUNS,
    );
  });
});
