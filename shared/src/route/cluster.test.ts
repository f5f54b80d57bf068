import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterIntoDays, type ClusterPlace } from './cluster.js';
import { ROUTE_CONSTANTS } from './constants.js';
import { optimiseDay } from './optimise.js';

// Dev catalog coordinates (sync-server/src/catalog/dev-catalog.ts).
const seoul: ClusterPlace[] = [
  { id: 'gyeongbokgung', lat: 37.5796, lng: 126.977 },
  { id: 'changdeokgung', lat: 37.5794, lng: 126.991 },
  { id: 'bukchon', lat: 37.5826, lng: 126.9831 },
  { id: 'n-seoul-tower', lat: 37.5512, lng: 126.9882 },
  { id: 'lotte-world', lat: 37.5111, lng: 127.0982 },
  { id: 'seoul-forest', lat: 37.5444, lng: 127.0374 },
];
const busan: ClusterPlace[] = [
  { id: 'haeundae', lat: 35.1587, lng: 129.1604 },
  { id: 'gwangalli', lat: 35.1532, lng: 129.1186 },
  { id: 'gamcheon', lat: 35.0975, lng: 129.0106 },
  { id: 'jagalchi', lat: 35.0966, lng: 129.0306 },
  { id: 'taejongdae', lat: 35.0533, lng: 129.0872 },
];
const jeju: ClusterPlace[] = [
  { id: 'seongsan', lat: 33.4588, lng: 126.9425 },
  { id: 'seopjikoji', lat: 33.424, lng: 126.931 },
  { id: 'manjanggul', lat: 33.5283, lng: 126.7712 },
  { id: 'hamdeok', lat: 33.543, lng: 126.669 },
  { id: 'udo', lat: 33.506, lng: 126.953 },
];

const sizeBounds = (places: number, days: number) => {
  const average = places / days;
  const slack = ROUTE_CONSTANTS.clusterSizeSlack;
  return [Math.max(1, Math.floor(average * (1 - slack))), Math.ceil(average * (1 + slack))] as const;
};

describe('clusterIntoDays', () => {
  it('puts each city on its own day, each day in the optimiser’s order, from the first place’s day', () => {
    const places = [...seoul, ...jeju, ...busan];
    const result = clusterIntoDays(places, 3, 1);
    expect(result.unused).toEqual([]);
    expect(result.days.map((day) => new Set(day))).toEqual([
      new Set(seoul.map((p) => p.id)),
      expect.any(Set),
      expect.any(Set),
    ]);
    const cities = [busan, jeju].map((city) => new Set(city.map((p) => p.id)));
    expect(result.days.slice(1).map((day) => new Set(day))).toEqual(expect.arrayContaining(cities));
    const byId = new Map(places.map((p) => [p.id, p]));
    for (const day of result.days) expect(optimiseDay(day.map((id) => byId.get(id)!)).order).toEqual(day);
  });

  it('is deterministic for a seed', () => {
    const places = Array.from({ length: 40 }, (_, i) => ({
      id: `p${i}`,
      lat: 37.45 + ((i * 37) % 23) / 100,
      lng: 126.85 + ((i * 53) % 31) / 100,
    }));
    for (const seed of [1, 2, 99])
      expect(clusterIntoDays(places, 5, seed)).toEqual(clusterIntoDays(places, 5, seed));
  });

  it('keeps the most popular places when a day can hold only so many', () => {
    const places = [...seoul, ...busan].map((p, i) => ({ ...p, popularity: i % 3 === 0 ? 10 : i }));
    const result = clusterIntoDays(places, 2, 5, { maxPerDay: 3 });
    const kept = result.days.flat();
    expect(kept).toHaveLength(6);
    expect(result.days.every((day) => day.length === 3)).toBe(true);
    const ranked = [...places].sort((a, b) => b.popularity - a.popularity).map((p) => p.id);
    expect(new Set(kept)).toEqual(new Set(ranked.slice(0, 6)));
    expect(new Set(result.unused)).toEqual(new Set(ranked.slice(6)));
  });

  it('uses a place once: repeated ids and places without coordinates are left out', () => {
    const result = clusterIntoDays(
      [seoul[0]!, seoul[0]!, { id: 'nowhere', lat: NaN, lng: 127 }, seoul[1]!, seoul[2]!],
      2,
      3,
    );
    expect(result.unused).toEqual(['gyeongbokgung', 'nowhere']);
    expect(result.days.flat().sort()).toEqual(['bukchon', 'changdeokgung', 'gyeongbokgung']);
  });

  it('gives one place a day when there are fewer places than days', () => {
    expect(clusterIntoDays(seoul.slice(0, 2), 4, 1)).toEqual({
      days: [['gyeongbokgung'], ['changdeokgung'], [], []],
      unused: [],
    });
    expect(clusterIntoDays([], 2, 1)).toEqual({ days: [[], []], unused: [] });
    expect(() => clusterIntoDays(seoul, 0, 1)).toThrow(RangeError);
    expect(() => clusterIntoDays(seoul, 2, 1, { maxPerDay: 0 })).toThrow(RangeError);
  });

  it('whatever the places: every place once, no empty day, sizes within the slack', () => {
    const placesArb = fc
      .array(
        fc.record({
          lat: fc.double({ min: 33, max: 38, noNaN: true }),
          lng: fc.double({ min: 126, max: 130, noNaN: true }),
        }),
        {
          maxLength: 60,
        },
      )
      .map((list) => list.map((p, i) => ({ id: `p${i}`, ...p })));
    fc.assert(
      fc.property(placesArb, fc.integer({ min: 1, max: 10 }), fc.integer(), (places, days, seed) => {
        const result = clusterIntoDays(places, days, seed);
        expect(result.days).toHaveLength(days);
        expect(result.unused).toEqual([]);
        expect(result.days.flat().sort()).toEqual(places.map((p) => p.id).sort());
        if (places.length >= days) {
          const [min, max] = sizeBounds(places.length, days);
          for (const day of result.days) {
            expect(day.length).toBeGreaterThanOrEqual(min);
            expect(day.length).toBeLessThanOrEqual(max);
          }
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
