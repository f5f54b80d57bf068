import { describe, expect, it } from 'vitest';
import type { DraftStop } from '@hamgaja/shared';
import { buildDraftRequest, parseInterests } from './draft-form';
import { stopsFromDraft } from './draft-stops';

const draft = (day: number, id: string, startTime: string): DraftStop => ({
  day,
  startTime,
  durationMinutes: 60,
  place: { attractionId: id, name: `place ${id}`, lat: 35.1, lng: 129.1, address: null, contentTypeId: 12 },
  category: 'sightseeing',
  note: `note ${id}`,
});
const trip = { id: 'trip-1', startDate: '2027-07-01', endDate: '2027-07-02' };

describe('kept draft stops become ordinary stops', () => {
  it('appends after the stops already planned that day, in time order, with fresh ids', () => {
    let n = 0;
    const existing = [{ id: 'old', day: 0, orderKey: 'a5' }];
    const stops = stopsFromDraft(
      [draft(0, '2', '13:00'), draft(0, '1', '09:00'), draft(1, '3', '10:00')],
      trip,
      existing,
      () => `s${++n}`,
    );
    expect(stops.map((s) => [s.day, s.place.attractionId, s.startTime, s.id])).toEqual([
      [0, '1', '09:00', 's1'],
      [0, '2', '13:00', 's2'],
      [1, '3', '10:00', 's3'],
    ]);
    expect(stops[0]!.orderKey > 'a5').toBe(true);
    expect(stops[1]!.orderKey > stops[0]!.orderKey).toBe(true);
    expect(stops[0]).toMatchObject({
      tripId: 'trip-1',
      travelMode: null,
      durationMinutes: 60,
      note: 'note 1',
      cost: null,
      place: { lat: 35.1 },
    });
  });

  it('leaves out stops on days the trip does not have', () => {
    expect(stopsFromDraft([draft(5, '9', '09:00')], trip, [])).toEqual([]);
  });
});

describe('draft form', () => {
  const base = {
    days: '2',
    interests: '바다, 시장 , 바다,, 카페',
    pace: 'relaxed' as const,
    budget: '300000',
    notes: ' 느긋하게 ',
    types: [39, 12, 38],
  };
  const tripFields = {
    startDate: '2027-07-01',
    endDate: '2027-07-03',
    destination: { regionCode: '6' },
    currency: 'KRW',
  };

  it('builds the request from the trip region, interests and budget', () => {
    expect(buildDraftRequest(base, tripFields, [], 'ko')).toEqual({
      request: {
        lang: 'ko',
        days: 2,
        startDate: '2027-07-01',
        region: { sidoCode: 6 },
        interests: ['바다', '시장', '카페'],
        types: [12, 38, 39],
        pace: 'relaxed',
        budget: { amount: 300000, currency: 'KRW' },
        notes: '느긋하게',
      },
    });
  });

  it('refuses more days than the trip has, a negative budget, no kind of place, and no place to search', () => {
    expect(buildDraftRequest({ ...base, days: '4' }, tripFields, [], 'ko')).toEqual({ error: 'days' });
    expect(buildDraftRequest({ ...base, days: '0' }, tripFields, [], 'ko')).toEqual({ error: 'days' });
    expect(buildDraftRequest({ ...base, budget: '-1' }, tripFields, [], 'ko')).toEqual({ error: 'budget' });
    expect(buildDraftRequest({ ...base, types: [] }, tripFields, [], 'ko')).toEqual({ error: 'types' });
    const nowhere = { ...tripFields, destination: {} };
    expect(buildDraftRequest(base, nowhere, [], 'en')).toEqual({ error: 'region' });
    const near = buildDraftRequest(base, nowhere, [{ place: { name: 'x', lat: 33.5, lng: 126.5 } }], 'en');
    expect(near).toMatchObject({ request: { near: { lat: 33.5, lng: 126.5 } } });
  });

  it('keeps at most 8 distinct interests', () => {
    expect(parseInterests(Array.from({ length: 12 }, (_, i) => `i${i}`).join(','))).toHaveLength(8);
  });
});
