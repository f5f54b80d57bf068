import { describe, expect, it } from 'vitest';
import type { Trip } from '@hamgaja/shared';
import { isTripSort, searchTrips, sortTrips, tripStatus } from './trip-list';

const trip = (
  id: string,
  title: string,
  startDate: string,
  endDate: string,
  regionCode?: string,
  text?: string,
): Trip => ({
  id,
  title,
  description: '',
  destination: { ...(regionCode ? { regionCode } : {}), ...(text ? { text } : {}) },
  startDate,
  endDate,
  timeZone: 'Asia/Seoul',
  currency: 'KRW',
  plannedBudget: null,
  coverImage: null,
  notes: '',
  ownerId: 'u1',
});

const today = '2027-05-01';
const trips = [
  trip('1', 'Spring in Jeju', '2027-04-10', '2027-04-12', '39'),
  trip('2', '부산 여름휴가', '2027-07-01', '2027-07-03', '6', 'Haeundae'),
  trip('3', 'Seoul weekend', '2027-04-30', '2027-05-02', '1'),
  trip('4', 'Autumn hike', '2027-10-01', '2027-10-01', undefined, 'Seoraksan'),
];
const ids = (list: readonly Trip[]) => list.map((t) => t.id);

describe('searchTrips', () => {
  it('matches title, free-text destination and the region name in both languages', () => {
    expect(ids(searchTrips(trips, 'jeju'))).toEqual(['1']);
    expect(ids(searchTrips(trips, '제주'))).toEqual(['1']);
    expect(ids(searchTrips(trips, 'busan'))).toEqual(['2']);
    expect(ids(searchTrips(trips, 'haeundae 여름'))).toEqual(['2']);
    expect(ids(searchTrips(trips, 'SEORAK'))).toEqual(['4']);
  });

  it('needs every word, and an empty query keeps everything', () => {
    expect(ids(searchTrips(trips, 'seoul hike'))).toEqual([]);
    expect(searchTrips(trips, '   ')).toBe(trips);
  });
});

describe('sortTrips and tripStatus', () => {
  const collator = new Intl.Collator('en', { numeric: true });

  it('knows past, ongoing and upcoming trips', () => {
    expect(tripStatus(trips[0]!, today)).toBe('past');
    expect(tripStatus(trips[2]!, today)).toBe('ongoing');
    expect(tripStatus(trips[1]!, today)).toBe('upcoming');
  });

  it('sorts upcoming first (ongoing, soonest, then past most recent first)', () => {
    expect(ids(sortTrips(trips, 'upcoming', today, collator))).toEqual(['3', '2', '4', '1']);
  });

  it('sorts by start date both ways and by title', () => {
    expect(ids(sortTrips(trips, 'startAsc', today, collator))).toEqual(['1', '3', '2', '4']);
    expect(ids(sortTrips(trips, 'startDesc', today, collator))).toEqual(['4', '2', '3', '1']);
    expect(ids(sortTrips(trips, 'title', today, collator))).toEqual(['4', '3', '1', '2']);
  });

  it('accepts only known sorts (a stored value may be stale)', () => {
    expect(isTripSort('title')).toBe(true);
    expect(isTripSort('price')).toBe(false);
    expect(isTripSort(null)).toBe(false);
  });
});
