/**
 * After switching from local only to a server and logging in, the trips of the local profile
 * can be copied into the account. Each becomes a new trip of the account (fresh ids, owner and
 * payers set to the user, like a trip-file import), so it syncs as the user's own and a second
 * upload can never overwrite anything; the local copies stay untouched (switching back to local
 * only still shows them) and are remembered as handled so they are offered once.
 */
import type { HamgajaDatabase } from '@hamgaja/shared';
import { z } from 'zod';
import { importTripBundle, readTripBundle } from '../../../desktop-api/trip-transfer';

type Db = Pick<HamgajaDatabase, 'trips' | 'stops' | 'checklistItems' | 'expenses' | 'reservations'>;

/** The local trip ids already uploaded (per account) so the offer never repeats them. */
export const UPLOADED_KEY = 'hamgaja.localProfile.uploaded';

const uploadedSchema = z.record(z.string(), z.array(z.string()));

function readUploaded(storage: Storage): Record<string, string[]> {
  try {
    const parsed = uploadedSchema.safeParse(JSON.parse(storage.getItem(UPLOADED_KEY) ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Local trip ids uploaded into `userId`'s account before. */
export function uploadedTripIds(storage: Storage, userId: string): Set<string> {
  return new Set(readUploaded(storage)[userId] ?? []);
}

function rememberUploaded(storage: Storage, userId: string, tripIds: string[]): void {
  const all = readUploaded(storage);
  all[userId] = [...new Set([...(all[userId] ?? []), ...tripIds])];
  storage.setItem(UPLOADED_KEY, JSON.stringify(all));
}

/** Ids of the local profile's trips not yet uploaded into `userId`'s account. */
export async function localTripsToUpload(local: Db, storage: Storage, userId: string): Promise<string[]> {
  const done = uploadedTripIds(storage, userId);
  const trips = await local.trips.find().exec();
  return trips.map((trip) => trip.id).filter((id) => !done.has(id));
}

/** Copies the trips (with stops, checklist, expenses, reservations) into the account database; returns the new ids. */
export async function uploadLocalTrips(
  local: Db,
  account: Db,
  storage: Storage,
  userId: string,
  tripIds: string[],
): Promise<string[]> {
  const created: string[] = [];
  for (const tripId of tripIds) {
    const bundle = await readTripBundle(local, tripId);
    if (bundle) created.push(await importTripBundle(account, bundle, userId));
    // Remembered trip by trip: a failure half-way never uploads the same trip twice.
    rememberUploaded(storage, userId, [tripId]);
  }
  return created;
}
