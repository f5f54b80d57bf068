/**
 * Kept draft stops become ordinary stops: appended to their day after the stops already
 * planned there, in the draft's order, with the draft's time, duration and note.
 */
import {
  compareOrderedItems,
  keysBetween,
  stopSchema,
  tripDayCount,
  type DraftStop,
  type HamgajaDatabase,
  type Stop,
  type Trip,
} from '@hamgaja/shared';

export function stopsFromDraft(
  kept: readonly DraftStop[],
  trip: Pick<Trip, 'id' | 'startDate' | 'endDate'>,
  existing: readonly Pick<Stop, 'id' | 'day' | 'orderKey'>[],
  newId: () => string = () => crypto.randomUUID(),
): Stop[] {
  const days = tripDayCount(trip.startDate, trip.endDate);
  const byDay = new Map<number, DraftStop[]>();
  for (const stop of kept) {
    if (stop.day < 0 || stop.day >= days) continue;
    byDay.set(stop.day, [...(byDay.get(stop.day) ?? []), stop]);
  }
  const stops: Stop[] = [];
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const dayDraft = [...(byDay.get(day) ?? [])].sort((a, b) => a.startTime.localeCompare(b.startTime));
    const last =
      existing
        .filter((s) => s.day === day)
        .sort(compareOrderedItems)
        .at(-1)?.orderKey ?? null;
    const keys = keysBetween(last, null, dayDraft.length);
    dayDraft.forEach((draft, index) => {
      const { place } = draft;
      const hasPoint = place.lat !== null && place.lng !== null;
      stops.push(
        stopSchema.parse({
          id: newId(),
          tripId: trip.id,
          day,
          orderKey: keys[index],
          startTime: draft.startTime,
          durationMinutes: Math.min(draft.durationMinutes, 7 * 24 * 60),
          place: {
            attractionId: place.attractionId,
            name: place.name.trim().slice(0, 200) || place.attractionId,
            ...(hasPoint ? { lat: place.lat, lng: place.lng } : {}),
            ...(place.address ? { address: place.address.slice(0, 300) } : {}),
          },
          category: draft.category,
          cost: null,
          note: draft.note.slice(0, 2000),
          travelMode: null,
        }),
      );
    });
  }
  return stops;
}

/** Writes the kept stops into the local database; returns how many were added. */
export async function addDraftStops(
  db: Pick<HamgajaDatabase, 'trips' | 'stops'>,
  trip: Trip,
  kept: readonly DraftStop[],
): Promise<number> {
  const existing = (await db.stops.find({ selector: { tripId: trip.id } }).exec()).map(
    (doc) => doc.toJSON() as Stop,
  );
  const stops = stopsFromDraft(kept, trip, existing);
  if (stops.length > 0) await db.stops.bulkInsert(stops);
  return stops.length;
}
