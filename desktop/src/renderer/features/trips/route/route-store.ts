/**
 * The route's writes, straight into the local database like every schedule edit (the
 * replication pushes them when a connection exists).
 */
import type { HamgajaDatabase, Stop, TravelMode } from '@hamgaja/shared';
import { applyStopMoves } from '../trip-store';
import { reorderMoves } from './order-writes';

type Db = Pick<HamgajaDatabase, 'trips' | 'stops'>;

/** How the traveller gets to `stopId` from the stop before it; null = the default for the distance. */
export async function setTravelMode(db: Db, stopId: string, travelMode: TravelMode | null): Promise<void> {
  const doc = await db.stops.findOne(stopId).exec();
  if (!doc) throw new Error(`stop ${stopId} is not in the local database`);
  if (doc.travelMode === travelMode) return;
  await doc.incrementalPatch({ travelMode });
}

/** Puts a day's stops in `order` through their order keys, as drag-and-drop does. Returns the writes made. */
export async function applyDayOrder(
  db: Db,
  dayStops: readonly Stop[],
  order: readonly string[],
): Promise<number> {
  const moves = reorderMoves(dayStops, order);
  await applyStopMoves(db, moves);
  return moves.length;
}
