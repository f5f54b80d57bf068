// Uploading the local profile's trips into an account, on two real RxDB databases (memory storage).
import { createDatabase, type HamgajaDatabase } from '@hamgaja/shared';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBundle } from '../../../main/export/test-trip';
import { LOCAL_PROFILE_ID } from './local-mode';
import { localTripsToUpload, uploadLocalTrips, uploadedTripIds } from './upload-local-trips';

/** A Storage in memory (the upload bookkeeping is per account, in localStorage in the app). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const open = (label: string) =>
  createDatabase({
    storage: getRxStorageMemory(),
    name: `${label}-${crypto.randomUUID().slice(0, 8)}`,
    multiInstance: false,
    devMode: true,
  });

let local: HamgajaDatabase;
let account: HamgajaDatabase;

beforeAll(async () => {
  [local, account] = await Promise.all([open('local'), open('account')]);
  // A trip planned in local-only mode: owned and paid by the local profile.
  const bundle = sampleBundle();
  await local.trips.insert({ ...bundle.trip, ownerId: LOCAL_PROFILE_ID });
  await local.stops.bulkInsert(bundle.stops);
  await local.checklistItems.bulkInsert(bundle.checklistItems);
  await local.expenses.bulkInsert(
    bundle.expenses.map((e) => ({ ...e, paidBy: LOCAL_PROFILE_ID, splitAmong: [LOCAL_PROFILE_ID] })),
  );
});

afterAll(async () => {
  await Promise.all([local.close(), account.close()]);
});

describe('uploading local-only trips into an account', () => {
  it('copies each trip with its plan into the account as the user’s own, once', async () => {
    const storage = memoryStorage();
    const pending = await localTripsToUpload(local, storage, 'user-a');
    expect(pending).toEqual([sampleBundle().trip.id]);

    const created = await uploadLocalTrips(local, account, storage, 'user-a', pending);
    expect(created).toHaveLength(1);
    const trip = await account.trips.findOne(created[0]).exec();
    expect(trip?.ownerId).toBe('user-a');
    expect(trip?.title).toBe(sampleBundle().trip.title);
    const selector = { selector: { tripId: created[0]! } };
    expect(await account.stops.count(selector).exec()).toBe(sampleBundle().stops.length);
    // Each leg keeps its travel mode.
    const modes = (await account.stops.find(selector).exec()).map((s) => s.travelMode).sort();
    expect(modes).toEqual(
      sampleBundle()
        .stops.map((s) => s.travelMode)
        .sort(),
    );
    expect(modes).toContain('car');
    expect(await account.checklistItems.count(selector).exec()).toBe(sampleBundle().checklistItems.length);
    const expenses = await account.expenses.find(selector).exec();
    expect(expenses.map((e) => [e.paidBy, e.splitAmong])).toEqual(
      sampleBundle().expenses.map(() => ['user-a', ['user-a']]),
    );

    // Offered once: the same account is not asked again; another account still is.
    expect(await localTripsToUpload(local, storage, 'user-a')).toEqual([]);
    expect(uploadedTripIds(storage, 'user-a')).toEqual(new Set(pending));
    expect(await localTripsToUpload(local, storage, 'user-b')).toEqual(pending);
    // The local copy stays as it was (switching back to local only still shows it).
    expect((await local.trips.findOne(pending[0]).exec())?.ownerId).toBe(LOCAL_PROFILE_ID);
  });

  it('ignores unreadable bookkeeping instead of failing', async () => {
    const storage = memoryStorage();
    storage.setItem('hamgaja.localProfile.uploaded', '{not json');
    expect(await localTripsToUpload(local, storage, 'user-c')).toHaveLength(1);
  });
});
