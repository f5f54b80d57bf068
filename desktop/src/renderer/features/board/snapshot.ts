/**
 * A trip shared to the board travels as a snapshot without ids or owners; copying it makes
 * brand-new local documents that belong to the copier (new ids, fresh order keys).
 */
import {
  checklistItemSchema,
  compareOrderedItems,
  initialOrderKeys,
  stopSchema,
  tripSchema,
  tripSnapshotSchema,
  TRIP_TITLE_MAX_LENGTH,
  type ChecklistItem,
  type HamgajaDatabase,
  type Stop,
  type Trip,
  type TripSnapshot,
} from '@hamgaja/shared';

/** The snapshot of a trip as it is now: stops by day and order, checklist in order. */
export function tripToSnapshot(
  trip: Trip,
  stops: readonly Stop[],
  checklistItems: readonly ChecklistItem[],
): TripSnapshot {
  const { id: _id, ownerId: _owner, conflicts: _conflicts, ...tripFields } = trip;
  const orderedStops = [...stops].sort((a, b) => a.day - b.day || compareOrderedItems(a, b));
  return tripSnapshotSchema.parse({
    version: 1,
    trip: tripFields,
    stops: orderedStops.map(({ id: _s, tripId: _t, conflicts: _c, ...stop }) => stop),
    checklistItems: [...checklistItems]
      .sort(compareOrderedItems)
      .map(({ id: _i, tripId: _t, orderKey: _o, conflicts: _c, ...item }) => item),
  });
}

export type CopiedTrip = { trip: Trip; stops: Stop[]; checklistItems: ChecklistItem[] };

/**
 * The title of a copy, e.g. "Busan weekend (copy)" / "부산 주말 (사본)": `label` wraps a title in
 * the user's words. When that passes the title limit, the original is shortened (with "…"), never
 * the words that say it is a copy.
 */
export function copyTitle(title: string, label: (title: string) => string): string {
  const full = label(title);
  if (full.length <= TRIP_TITLE_MAX_LENGTH) return full;
  // By code points, so no emoji or other pair is cut in half.
  const chars = [...title];
  while (chars.length > 0 && label(`${chars.join('').trimEnd()}…`).length > TRIP_TITLE_MAX_LENGTH)
    chars.pop();
  return label(`${chars.join('').trimEnd()}…`);
}

/**
 * New documents from a snapshot: every id new, the trip owned by `ownerId` (titled `title`, by
 * default the snapshot's), stops keep their (day, order) and get fresh keys per day, checklist
 * items keep their order.
 */
export function snapshotToDocuments(
  snapshot: TripSnapshot,
  ownerId: string,
  newId: () => string = () => crypto.randomUUID(),
  title: string = snapshot.trip.title,
): CopiedTrip {
  const tripId = newId();
  const trip = tripSchema.parse({ ...snapshot.trip, title, id: tripId, ownerId });
  const byDay = new Map<number, TripSnapshot['stops']>();
  for (const stop of snapshot.stops) byDay.set(stop.day, [...(byDay.get(stop.day) ?? []), stop]);
  const stops: Stop[] = [];
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const dayStops = [...(byDay.get(day) ?? [])].sort((a, b) =>
      a.orderKey < b.orderKey ? -1 : a.orderKey > b.orderKey ? 1 : 0,
    );
    const keys = initialOrderKeys(dayStops.length);
    dayStops.forEach((stop, index) => {
      stops.push(stopSchema.parse({ ...stop, id: newId(), tripId, orderKey: keys[index] }));
    });
  }
  const itemKeys = initialOrderKeys(snapshot.checklistItems.length);
  const checklistItems = snapshot.checklistItems.map((item, index) =>
    checklistItemSchema.parse({ ...item, id: newId(), tripId, orderKey: itemKeys[index] }),
  );
  return { trip, stops, checklistItems };
}

/**
 * Writes the copy into the local database (the replication pushes it), titled `label(title)` so
 * it is told apart from the original (see copyTitle); returns the new trip's id.
 */
export async function copySnapshotIntoDatabase(
  db: Pick<HamgajaDatabase, 'trips' | 'stops' | 'checklistItems'>,
  snapshot: TripSnapshot,
  ownerId: string,
  label: (title: string) => string,
): Promise<string> {
  const copy = snapshotToDocuments(
    snapshot,
    ownerId,
    () => crypto.randomUUID(),
    copyTitle(snapshot.trip.title, label),
  );
  await db.trips.insert(copy.trip);
  if (copy.stops.length > 0) await db.stops.bulkInsert(copy.stops);
  if (copy.checklistItems.length > 0) await db.checklistItems.bulkInsert(copy.checklistItems);
  return copy.trip.id;
}
