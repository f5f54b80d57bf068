import { useEffect, useState } from 'react';
import {
  compareReservations,
  type ChecklistItem,
  type Expense,
  type HamgajaDatabase,
  type Reservation,
  type Stop,
  type Trip,
} from '@hamgaja/shared';
import { combineLatest, map, type Observable } from 'rxjs';
import { useDatabaseState } from './DatabaseProvider';

/** Live query result: `loading` until the first answer from the local database. */
export type LiveResult<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: unknown };

/**
 * Subscribes to a live RxDB query built from the open database; re-runs when `deps` change.
 * Every tab sees changes made in any tab and those arriving from the server.
 */
export function useLiveQuery<T>(
  query: (db: HamgajaDatabase) => Observable<T>,
  deps: readonly unknown[],
): LiveResult<T> {
  const database = useDatabaseState();
  const db = database.status === 'ready' ? database.db : null;
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });

  useEffect(() => {
    if (database.status === 'failed') {
      setResult({ status: 'failed', error: database.error });
      return;
    }
    if (!db) {
      setResult({ status: 'loading' });
      return;
    }
    const subscription = query(db).subscribe({
      next: (data) => setResult({ status: 'ready', data }),
      error: (error: unknown) => setResult({ status: 'failed', error }),
    });
    return () => subscription.unsubscribe();
  }, [db, database.status, ...deps]);

  return result;
}

const plain = <T>(docs: { toJSON(): unknown }[]) => docs.map((doc) => doc.toJSON() as T);

/** Every trip of the user, earliest first. */
export function useTrips(): LiveResult<Trip[]> {
  return useLiveQuery((db) => db.trips.find({ sort: [{ startDate: 'asc' }] }).$.pipe(mapDocs<Trip>()), []);
}

/** One trip, or null when it does not exist (or was deleted). */
export function useTrip(tripId: string): LiveResult<Trip | null> {
  return useLiveQuery((db) => db.trips.findOne(tripId).$.pipe(mapDoc<Trip>()), [tripId]);
}

export type TripDocuments = {
  trip: Trip | null;
  stops: Stop[];
  checklistItems: ChecklistItem[];
  expenses: Expense[];
  /** By start (compareReservations). */
  reservations: Reservation[];
};

/** A trip with its stops (by day, in order), checklist (in order) and expenses (by date). */
export function useTripDocuments(tripId: string): LiveResult<TripDocuments> {
  return useLiveQuery(
    (db) =>
      combineLatest({
        trip: db.trips.findOne(tripId).$.pipe(mapDoc<Trip>()),
        stops: db.stops
          .find({ selector: { tripId }, sort: [{ day: 'asc' }, { orderKey: 'asc' }] })
          .$.pipe(mapDocs<Stop>()),
        checklistItems: db.checklistItems
          .find({ selector: { tripId }, sort: [{ orderKey: 'asc' }] })
          .$.pipe(mapDocs<ChecklistItem>()),
        expenses: db.expenses
          .find({ selector: { tripId }, sort: [{ date: 'asc' }] })
          .$.pipe(mapDocs<Expense>()),
        reservations: db.reservations.find({ selector: { tripId } }).$.pipe(
          mapDocs<Reservation>(),
          map((list) => list.sort(compareReservations)),
        ),
      }),
    [tripId],
  );
}

function mapDocs<T>() {
  return map((docs: { toJSON(): unknown }[]) => plain<T>(docs));
}

function mapDoc<T>() {
  return map((doc: { toJSON(): unknown } | null) => (doc ? (doc.toJSON() as T) : null));
}
