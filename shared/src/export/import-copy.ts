/** Turning a read trip file into a new trip of the importing user. */
import { tripDayCount } from '../sync/documents.js';
import { tripBundleSchema, type TripBundle } from './trip-file.js';

/**
 * A copy of the bundle owned by `ownerId`: new ids everywhere (links between documents
 * follow: expenses' `stopId`, reservations' `expenseId`), order keys kept, no conflict records, and expenses paid and
 * shared by the new owner alone (the copy has one member; the original people are not on it).
 */
export function copyTripForImport(bundle: TripBundle, ownerId: string, newId: () => string): TripBundle {
  const { conflicts: _tripConflicts, ...trip } = bundle.trip;
  const tripId = newId();
  const stopIds = new Map(bundle.stops.map((s) => [s.id, newId()]));
  const expenseIds = new Map(bundle.expenses.map((e) => [e.id, newId()]));
  const copy = {
    trip: { ...trip, id: tripId, ownerId },
    stops: bundle.stops.map(({ conflicts: _c, ...s }) => ({ ...s, id: stopIds.get(s.id)!, tripId })),
    checklistItems: bundle.checklistItems.map(({ conflicts: _c, ...i }) => ({ ...i, id: newId(), tripId })),
    expenses: bundle.expenses.map(({ conflicts: _c, ...e }) => ({
      ...e,
      id: expenseIds.get(e.id)!,
      tripId,
      stopId: e.stopId === null ? null : (stopIds.get(e.stopId) ?? null),
      paidBy: ownerId,
      splitAmong: [ownerId],
    })),
    ...(bundle.reservations
      ? {
          reservations: bundle.reservations.map(({ conflicts: _c, ...r }) => ({
            ...r,
            id: newId(),
            tripId,
            expenseId: r.expenseId === null ? null : (expenseIds.get(r.expenseId) ?? null),
          })),
        }
      : {}),
  };
  return tripBundleSchema.parse(copy);
}

/** What an import creates: shown in the preview before anything is written. */
export interface TripImportSummary {
  title: string;
  startDate: string;
  endDate: string;
  days: number;
  /** Stops on each day, in day order. */
  stopsPerDay: number[];
  stops: number;
  checklistItems: number;
  expenses: number;
}

export function tripImportSummary(bundle: TripBundle): TripImportSummary {
  const days = tripDayCount(bundle.trip.startDate, bundle.trip.endDate);
  const stopsPerDay = Array.from({ length: days }, () => 0);
  for (const stop of bundle.stops) if (stop.day < days) stopsPerDay[stop.day]! += 1;
  return {
    title: bundle.trip.title,
    startDate: bundle.trip.startDate,
    endDate: bundle.trip.endDate,
    days,
    stopsPerDay,
    stops: bundle.stops.length,
    checklistItems: bundle.checklistItems.length,
    expenses: bundle.expenses.length,
  };
}
