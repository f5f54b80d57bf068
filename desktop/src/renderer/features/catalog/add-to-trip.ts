/**
 * "Add to trip": a catalog attraction becomes a stop at the end of a trip day, written into
 * the local database like any planner edit (the replication pushes it). The stop keeps the
 * attraction id, so it still links to the place, and its category follows the content type.
 */
import {
  keysForMoveTo,
  stopCategoryOf,
  stopSchema,
  tripDayCount,
  type AttractionSummary,
  type Category,
  type HamgajaDatabase,
  type OrderKeyUpdate,
  type Stop,
  type Trip,
} from '@hamgaja/shared';

/** The trip stop category of a KTO content type (12 관광지 → sightseeing, 39 음식점 → food, …). */
export function categoryOfContentType(contentTypeId: number): Category {
  return stopCategoryOf(contentTypeId);
}

/** The one-line address a stop shows: both KTO address lines. */
export function addressOf(a: Pick<AttractionSummary, 'addr1' | 'addr2'>): string {
  return [a.addr1, a.addr2]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

/**
 * The new stop (appended to `day`) and order-key repairs of its neighbours, if any.
 * Throws when the trip has no such day.
 */
export function stopFromAttraction(
  attraction: AttractionSummary,
  target: {
    trip: Pick<Trip, 'id' | 'startDate' | 'endDate'>;
    day: number;
    dayStops: readonly Pick<Stop, 'id' | 'orderKey'>[];
  },
  id: string,
): { stop: Stop; moves: OrderKeyUpdate[] } {
  const days = tripDayCount(target.trip.startDate, target.trip.endDate);
  if (!Number.isInteger(target.day) || target.day < 0 || target.day >= days)
    throw new RangeError(`day ${target.day} is outside the trip (${days} days)`);
  const updates = keysForMoveTo(target.dayStops, id, target.dayStops.length);
  const orderKey = updates.find((u) => u.id === id)?.orderKey;
  if (!orderKey) throw new Error('no order key for the new stop');
  const address = addressOf(attraction);
  const hasPoint = attraction.lat !== null && attraction.lng !== null;
  const stop: Stop = {
    id,
    tripId: target.trip.id,
    day: target.day,
    orderKey,
    startTime: null,
    durationMinutes: null,
    place: {
      attractionId: attraction.id,
      name: attraction.title.trim().slice(0, 200) || attraction.id,
      ...(hasPoint ? { lat: attraction.lat, lng: attraction.lng } : {}),
      ...(address ? { address } : {}),
    },
    category: categoryOfContentType(attraction.contentTypeId),
    cost: null,
    note: '',
    travelMode: null,
  };
  return { stop: stopSchema.parse(stop), moves: updates.filter((u) => u.id !== id) };
}

/** Writes the stop after the day's current last stop (read fresh from the local database). */
export async function addAttractionToTrip(
  db: Pick<HamgajaDatabase, 'trips' | 'stops'>,
  attraction: AttractionSummary,
  tripId: string,
  day: number,
): Promise<Stop> {
  const tripDoc = await db.trips.findOne(tripId).exec();
  if (!tripDoc) throw new Error(`trip ${tripId} is not in the local database`);
  const trip = tripDoc.toJSON() as Trip;
  const dayStops = (await db.stops.find({ selector: { tripId, day } }).exec()).map(
    (doc) => doc.toJSON() as Stop,
  );
  const { stop, moves } = stopFromAttraction(attraction, { trip, day, dayStops }, crypto.randomUUID());
  await db.stops.insert(stop);
  for (const move of moves) {
    const doc = await db.stops.findOne(move.id).exec();
    await doc?.incrementalPatch({ orderKey: move.orderKey });
  }
  return stop;
}
