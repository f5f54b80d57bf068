/**
 * Every write of the trips feature, straight into the local database (the replication
 * pushes it when a connection exists). Updates patch only the fields that changed.
 */
import type { HamgajaDatabase, Stop, TravelMode, Trip } from '@hamgaja/shared';
import type { StopMove } from './schedule';
import type { StopFormFields } from './stop-form';
import type { TripFormFields } from './trip-form';

type Db = Pick<HamgajaDatabase, 'trips' | 'stops'>;

export async function insertTrip(db: Db, trip: Trip): Promise<void> {
  await db.trips.insert(trip);
}

export async function patchTrip(db: Db, tripId: string, patch: Partial<TripFormFields>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  const doc = await db.trips.findOne(tripId).exec();
  if (!doc) throw new Error(`trip ${tripId} is not in the local database`);
  await doc.incrementalPatch(patch);
}

/** Deletes the trip; the server tombstones its stops, checklist and expenses for everyone. */
export async function removeTrip(db: Db, tripId: string): Promise<void> {
  const doc = await db.trips.findOne(tripId).exec();
  await doc?.remove();
}

export async function insertStop(db: Db, stop: Stop): Promise<void> {
  await db.stops.insert(stop);
}

export async function patchStop(db: Db, stopId: string, patch: Partial<StopFormFields>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  const doc = await db.stops.findOne(stopId).exec();
  if (!doc) throw new Error(`stop ${stopId} is not in the local database`);
  await doc.incrementalPatch(patch);
}

/** Sets how the traveller goes from the previous stop of the day to this one (null: the app's default). */
export async function setStopTravelMode(
  db: Db,
  stopId: string,
  travelMode: TravelMode | null,
): Promise<void> {
  const doc = await db.stops.findOne(stopId).exec();
  if (!doc) throw new Error(`stop ${stopId} is not in the local database`);
  if (doc.travelMode !== travelMode) await doc.incrementalPatch({ travelMode });
}

/** Applies a drag-and-drop: `day` + `orderKey` of the moved stop, keys of repaired neighbours. */
export async function applyStopMoves(db: Db, moves: readonly StopMove[]): Promise<void> {
  for (const move of moves) {
    const doc = await db.stops.findOne(move.id).exec();
    if (!doc) continue;
    await doc.incrementalPatch(
      move.day === undefined ? { orderKey: move.orderKey } : { orderKey: move.orderKey, day: move.day },
    );
  }
}

/** Deletes a stop and returns what it was, for "Undo". */
export async function removeStop(db: Db, stopId: string): Promise<Stop | null> {
  const doc = await db.stops.findOne(stopId).exec();
  if (!doc) return null;
  const snapshot = doc.toMutableJSON();
  await doc.remove();
  return snapshot;
}

/** Brings a deleted stop back as it was (RxDB revives the tombstone; the server accepts it from editors). */
export async function restoreStop(db: Db, snapshot: Stop): Promise<void> {
  await db.stops.insert(snapshot);
}
