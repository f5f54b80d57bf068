import { describe, expect, it } from 'vitest';
import { itineraryDraftRequestSchema, type DraftEvent, type DraftStop } from '@hamgaja/shared';
import { catalogDraft, draftSeed } from './catalog-draft.js';
import { optimiseDraftDays } from './draft-route.js';
import type { PlaceFacts } from './places.js';

/** A grid of places around Seoul's centre: `count` of a content type, ids `${type}-${i}`. */
const grid = (type: number, count: number, offset = 0): PlaceFacts[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${type}-${i}`,
    name: `Place ${type}-${i}`,
    contentTypeId: type,
    address: null,
    lat: 37.5 + ((i + offset) % 5) * 0.01,
    lng: 126.95 + Math.floor((i + offset) / 5) * 0.02,
    overview: null,
  }));

const request = (input: object) =>
  itineraryDraftRequestSchema.parse({ days: 2, region: { sidoCode: 1 }, ...input });

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function draft(input: object, candidates: PlaceFacts[]) {
  const events: DraftEvent[] = [];
  const result = catalogDraft(request(input), candidates, (event) => events.push(event));
  return { result, events };
}

const candidates = [...grid(12, 20), ...grid(14, 6, 3), ...grid(39, 8, 1)];

describe('catalogDraft', () => {
  it('fills each day by pace with every kind chosen, none twice, and meals at lunch and dinner', () => {
    const { result, events } = draft({ pace: 'packed' }, candidates);
    const ids = result.stops.map((s) => s.place.attractionId);
    expect(new Set(ids).size).toBe(ids.length);
    // Packed with food: five sights and two meals a day.
    for (const day of [0, 1]) {
      const stops = result.stops.filter((s) => s.day === day);
      expect(stops.filter((s) => s.category !== 'food')).toHaveLength(5);
      const meals = stops.filter((s) => s.category === 'food');
      expect(meals).toHaveLength(2);
      expect(minutes(meals[0]!.startTime)).toBeGreaterThanOrEqual(minutes('11:30'));
      expect(minutes(meals[0]!.startTime)).toBeLessThan(minutes('15:00'));
      expect(minutes(meals[1]!.startTime)).toBeGreaterThanOrEqual(minutes('17:30'));
      expect(stops[0]!.startTime).toBe('10:00');
    }
    expect(new Set(result.stops.map((s) => s.place.contentTypeId))).toEqual(new Set([12, 14, 39]));
    expect(events.map((e) => e.type)).toEqual([...result.stops.map(() => 'stop'), 'done']);
  });

  it('times each stop after the one before it plus the travel, with a stay per kind of place', () => {
    const { result } = draft({ pace: 'moderate', types: [12, 14] }, candidates);
    result.stops.forEach((stop: DraftStop, i) => {
      expect(stop.durationMinutes).toBe(90);
      const previous = result.stops[i - 1];
      if (!previous || previous.day !== stop.day) return expect(stop.travel).toBeUndefined();
      expect(minutes(stop.startTime)).toBeGreaterThanOrEqual(
        minutes(previous.startTime) + previous.durationMinutes + stop.travel!.minutes,
      );
      expect(minutes(stop.startTime) % 5).toBe(0);
    });
  });

  it('is the same for the same request and different for another variant', () => {
    const first = draft({ pace: 'moderate' }, candidates).result;
    expect(draft({ pace: 'moderate' }, candidates).result).toEqual(first);
    expect(draft({ pace: 'moderate', variant: 1 }, candidates).result).not.toEqual(first);
    expect(draftSeed(request({ variant: 1 }))).not.toBe(draftSeed(request({ variant: 2 })));
  });

  it('takes the candidates in their order (best known first) for the first suggestion', () => {
    const { result } = draft({ days: 1, pace: 'relaxed', types: [12] }, candidates);
    expect(result.stops.map((s) => s.place.attractionId).sort()).toEqual(['12-0', '12-1', '12-2']);
  });

  it('plans food places as sights when food is the only kind chosen, and leaves out places without coordinates', () => {
    const unplaced = { ...grid(39, 1)[0]!, id: 'nowhere', lat: null, lng: null };
    const { result } = draft({ days: 1, pace: 'moderate', types: [39] }, [unplaced, ...grid(39, 8)]);
    expect(result.stops).toHaveLength(4);
    expect(result.stops.map((s) => s.place.attractionId)).not.toContain('nowhere');
  });

  it('leaves a day empty rather than repeat a place when there are too few', () => {
    const { result } = draft({ days: 3, types: [12] }, grid(12, 2));
    expect(result.stops).toHaveLength(2);
  });
});

describe('optimiseDraftDays', () => {
  const stop = (id: string, lat: number, startTime: string, category: DraftStop['category']): DraftStop => ({
    day: 0,
    startTime,
    durationMinutes: 60,
    place: { attractionId: id, name: id, lat, lng: 127, address: null, contentTypeId: 12 },
    category,
    note: '',
  });

  it('keeps a day already in a short order as the model timed it', () => {
    const day = [stop('a', 37.5, '09:00', 'sightseeing'), stop('b', 37.51, '11:00', 'sightseeing')];
    expect(optimiseDraftDays(day)).toEqual(day);
  });

  it('reorders the stops between meals, keeps the first stop, and a meal not before its time', () => {
    const day = [
      stop('a', 37.5, '09:00', 'sightseeing'),
      stop('far', 37.56, '10:00', 'sightseeing'),
      stop('near', 37.51, '11:00', 'sightseeing'),
      stop('lunch', 37.57, '13:00', 'food'),
    ];
    const routed = optimiseDraftDays(day);
    expect(routed.map((s) => [s.place.attractionId, s.startTime])).toEqual([
      ['a', '09:00'],
      // 1.1 km on foot (19 min), 5.5 km by transit (28 min); lunch when the traveller gets there.
      ['near', '10:20'],
      ['far', '11:50'],
      ['lunch', '13:10'],
    ]);
  });
});
