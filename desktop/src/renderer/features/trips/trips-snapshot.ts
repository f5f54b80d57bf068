/**
 * The first screen of the trips list as it last looked, kept per user in localStorage, so a
 * reload paints the cards at once instead of after the local database has loaded its code,
 * opened and answered (a few hundred milliseconds with 1,000 trips). The live query replaces
 * it as soon as it answers; nothing is ever written from it.
 */
import { z } from 'zod';
import { tripSchema, type Trip } from '@hamgaja/shared';
import { isTripSort, type TripSort } from './trip-list';

const KEY_PREFIX = 'hamgaja.trips.snapshot.';
const FORMAT = 1;

const snapshotSchema = z.object({
  format: z.literal(FORMAT),
  sort: z.string().refine(isTripSort),
  /** All of the user's trips (the count line), not only the cards kept. */
  total: z.number().int().nonnegative(),
  trips: z.array(tripSchema),
  /** Planned stop costs per trip id, in the trip's currency (minor units). */
  costs: z.record(z.string(), z.number()),
});

export type TripsSnapshot = {
  sort: TripSort;
  total: number;
  trips: Trip[];
  costs: Map<string, number>;
};

const keyFor = (userId: string) => `${KEY_PREFIX}${userId}`;

/** The kept first screen of `userId`'s list, or null (none, unreadable, or from another version). */
export function readTripsSnapshot(userId: string, storage: Storage | undefined = globalThis.localStorage) {
  try {
    const raw = storage?.getItem(keyFor(userId));
    if (!raw) return null;
    const parsed = snapshotSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { sort, total, trips, costs } = parsed.data;
    return {
      sort: sort as TripSort,
      total,
      trips,
      costs: new Map(Object.entries(costs)),
    } satisfies TripsSnapshot;
  } catch {
    return null;
  }
}

/** Keeps the cards the list shows first (already sorted), with their costs. */
export function writeTripsSnapshot(
  userId: string,
  snapshot: TripsSnapshot,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  const costs = Object.fromEntries(
    snapshot.trips.flatMap((trip) => {
      const cost = snapshot.costs.get(trip.id);
      return cost === undefined ? [] : [[trip.id, cost]];
    }),
  );
  const value = { format: FORMAT, sort: snapshot.sort, total: snapshot.total, trips: snapshot.trips, costs };
  // Only what reads back: a document the schema refuses is not kept at all.
  if (!snapshotSchema.safeParse(value).success) return;
  try {
    storage?.setItem(keyFor(userId), JSON.stringify(value));
  } catch {
    // Storage full or disabled: the list just paints after the database answers.
  }
}

/** Forgets a user's kept list (their last trip is gone, or they signed out). */
export function clearTripsSnapshot(userId: string, storage: Storage | undefined = globalThis.localStorage) {
  try {
    storage?.removeItem(keyFor(userId));
  } catch {
    // Nothing kept, nothing to forget.
  }
}
