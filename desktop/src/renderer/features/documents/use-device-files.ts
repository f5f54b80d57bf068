import { useMemo, useSyncExternalStore } from 'react';
import { map } from 'rxjs';
import type { Reservation, TripDocument } from '@hamgaja/shared';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useLiveQuery } from '../../data/hooks';
import type { DeviceFiles, DeviceFilesSnapshot } from './device-files';
import { deviceFilesOf } from './start';

const EMPTY: DeviceFilesSnapshot = {
  files: new Map(),
  missing: new Set(),
  busy: new Map(),
  refused: new Map(),
  keep: {},
};
const noop = () => () => undefined;

/** The device's document files of the open database, and their live state. */
export function useDeviceFiles(): { files: DeviceFiles | null; snapshot: DeviceFilesSnapshot } {
  const database = useDatabaseState();
  const files = database.status === 'ready' ? (deviceFilesOf(database.db) ?? null) : null;
  const snapshot = useSyncExternalStore(files ? files.subscribe : noop, () =>
    files ? files.getSnapshot() : EMPTY,
  );
  return { files, snapshot };
}

/** The trip's documents (of one reservation when `reservationId` is given), by name. */
export function useTripDocumentFiles(tripId: string, reservationId?: string) {
  return useLiveQuery(
    (db) =>
      db.documents
        .find({ selector: reservationId ? { tripId, reservationId } : { tripId } })
        .$.pipe(
          map((docs) =>
            docs.map((doc) => doc.toJSON() as TripDocument).sort((a, b) => a.name.localeCompare(b.name)),
          ),
        ),
    [tripId, reservationId],
  );
}

/** The trip's reservations by id (for their titles and confirmation codes). */
export function useTripReservations(tripId: string) {
  const result = useLiveQuery(
    (db) =>
      db.reservations
        .find({ selector: { tripId } })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Reservation))),
    [tripId],
  );
  return useMemo(
    () => new Map((result.status === 'ready' ? result.data : []).map((r) => [r.id, r])),
    [result],
  );
}
