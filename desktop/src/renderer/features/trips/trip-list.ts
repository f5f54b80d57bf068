/** Searching and sorting the trips list (local, display only: nothing here is synced). */
import type { Trip } from '@hamgaja/shared';
import { regionByCode } from './regions';

export const tripSorts = ['upcoming', 'startAsc', 'startDesc', 'title'] as const;
export type TripSort = (typeof tripSorts)[number];

export function isTripSort(value: unknown): value is TripSort {
  return typeof value === 'string' && (tripSorts as readonly string[]).includes(value);
}

export type TripStatus = 'upcoming' | 'ongoing' | 'past';

/** Where a trip stands relative to `today` (YYYY-MM-DD, this device's calendar). */
export function tripStatus(trip: Pick<Trip, 'startDate' | 'endDate'>, today: string): TripStatus {
  if (trip.endDate < today) return 'past';
  return trip.startDate > today ? 'upcoming' : 'ongoing';
}

const normalize = (text: string) => text.normalize('NFC').toLocaleLowerCase();

/** The text a search matches: title, free-text destination and the region's names in both languages. */
function searchText(trip: Trip): string {
  const region = regionByCode(trip.destination.regionCode);
  return normalize(
    [trip.title, trip.destination.text ?? '', region?.name.ko ?? '', region?.name.en ?? ''].join('\n'),
  );
}

/** Trips whose title or destination contains every word of `query`. */
export function searchTrips(trips: readonly Trip[], query: string): readonly Trip[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return trips;
  return trips.filter((trip) => {
    const text = searchText(trip);
    return words.every((word) => text.includes(word));
  });
}

const byId = (a: Trip, b: Trip) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byStart = (a: Trip, b: Trip) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0);

/** A sorted copy; ties fall back to the id so every render (and device) shows the same order. */
export function sortTrips(
  trips: readonly Trip[],
  sort: TripSort,
  today: string,
  collator: Intl.Collator,
): Trip[] {
  const list = [...trips];
  switch (sort) {
    case 'startAsc':
      return list.sort((a, b) => byStart(a, b) || byId(a, b));
    case 'startDesc':
      return list.sort((a, b) => byStart(b, a) || byId(a, b));
    case 'title':
      return list.sort((a, b) => collator.compare(a.title, b.title) || byId(a, b));
    case 'upcoming': {
      // Ongoing and upcoming trips soonest first, then past trips most recent first.
      const current = list
        .filter((trip) => trip.endDate >= today)
        .sort((a, b) => byStart(a, b) || byId(a, b));
      const past = list.filter((trip) => trip.endDate < today).sort((a, b) => byStart(b, a) || byId(a, b));
      return [...current, ...past];
    }
  }
}
