/**
 * Moves a trip between the renderer's local database and a trip bundle: read for export,
 * and written as a new trip on import (fresh ids, so importing twice never overwrites).
 * Loaded on demand by the desktop bridge; structural types keep it free of renderer code.
 */
import type { HamgajaDatabase } from '@hamgaja/shared';
import { tripBundleSchema, type TripBundle } from './trip-bundle.js';

type Db = Pick<HamgajaDatabase, 'trips' | 'stops' | 'checklistItems' | 'expenses'>;

/** The trip with its stops, checklist and expenses as stored locally, or null when unknown. */
export async function readTripBundle(db: Db, tripId: string): Promise<TripBundle | null> {
  const trip = await db.trips.findOne(tripId).exec();
  if (!trip) return null;
  const selector = { selector: { tripId } };
  const [stops, checklistItems, expenses] = await Promise.all([
    db.stops.find(selector).exec(),
    db.checklistItems.find(selector).exec(),
    db.expenses.find(selector).exec(),
  ]);
  return tripBundleSchema.parse({
    trip: trip.toJSON(),
    stops: stops.map((d) => d.toJSON()),
    checklistItems: checklistItems.map((d) => d.toJSON()),
    expenses: expenses.map((d) => d.toJSON()),
  });
}

/**
 * A copy of the bundle owned by `ownerId`: new ids everywhere (links between documents
 * follow), no conflict records, and expenses paid and shared by the new owner alone (the
 * copy has one member; the original people are not on it).
 */
export function copyForImport(bundle: TripBundle, ownerId: string, newId: () => string): TripBundle {
  const { conflicts: _tripConflicts, ...trip } = bundle.trip;
  const tripId = newId();
  const stopIds = new Map(bundle.stops.map((s) => [s.id, newId()]));
  const copy = {
    trip: { ...trip, id: tripId, ownerId },
    stops: bundle.stops.map(({ conflicts: _c, ...s }) => ({ ...s, id: stopIds.get(s.id)!, tripId })),
    checklistItems: bundle.checklistItems.map(({ conflicts: _c, ...i }) => ({ ...i, id: newId(), tripId })),
    expenses: bundle.expenses.map(({ conflicts: _c, ...e }) => ({
      ...e,
      id: newId(),
      tripId,
      stopId: e.stopId === null ? null : (stopIds.get(e.stopId) ?? null),
      paidBy: ownerId,
      splitAmong: [ownerId],
    })),
  };
  return tripBundleSchema.parse(copy);
}

/** Stores an imported trip as a new trip of `ownerId`; returns its id. */
export async function importTripBundle(
  db: Db,
  bundle: TripBundle,
  ownerId: string,
  newId: () => string = () => crypto.randomUUID(),
): Promise<string> {
  const copy = copyForImport(bundle, ownerId, newId);
  await db.trips.insert(copy.trip);
  await db.stops.bulkInsert(copy.stops);
  await db.checklistItems.bulkInsert(copy.checklistItems);
  await db.expenses.bulkInsert(copy.expenses);
  return copy.trip.id;
}
