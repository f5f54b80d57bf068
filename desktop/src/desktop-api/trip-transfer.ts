/**
 * Moves a trip between the renderer's local database and a trip bundle: read for export,
 * and written as a new trip on import (fresh ids, so importing twice never overwrites).
 * Loaded on demand by the desktop bridge; structural types keep it free of renderer code.
 */
import { copyTripForImport, tripBundleSchema, type HamgajaDatabase, type TripBundle } from '@hamgaja/shared';

type Db = Pick<HamgajaDatabase, 'trips' | 'stops' | 'checklistItems' | 'expenses' | 'reservations'>;

/** The trip with its stops, checklist and expenses as stored locally, or null when unknown. */
export async function readTripBundle(db: Db, tripId: string): Promise<TripBundle | null> {
  const trip = await db.trips.findOne(tripId).exec();
  if (!trip) return null;
  const selector = { selector: { tripId } };
  const [stops, checklistItems, expenses, reservations] = await Promise.all([
    db.stops.find(selector).exec(),
    db.checklistItems.find(selector).exec(),
    db.expenses.find(selector).exec(),
    db.reservations.find(selector).exec(),
  ]);
  return tripBundleSchema.parse({
    trip: trip.toJSON(),
    stops: stops.map((d) => d.toJSON()),
    checklistItems: checklistItems.map((d) => d.toJSON()),
    expenses: expenses.map((d) => d.toJSON()),
    ...(reservations.length > 0 ? { reservations: reservations.map((d) => d.toJSON()) } : {}),
  });
}

/**
 * Stores an imported trip as a new trip of `ownerId` (new ids everywhere, see
 * `copyTripForImport`); returns its id.
 */
export async function importTripBundle(
  db: Db,
  bundle: TripBundle,
  ownerId: string,
  newId: () => string = () => crypto.randomUUID(),
): Promise<string> {
  const copy = copyTripForImport(bundle, ownerId, newId);
  await db.trips.insert(copy.trip);
  await db.stops.bulkInsert(copy.stops);
  await db.checklistItems.bulkInsert(copy.checklistItems);
  await db.expenses.bulkInsert(copy.expenses);
  if (copy.reservations) await db.reservations.bulkInsert(copy.reservations);
  return copy.trip.id;
}
