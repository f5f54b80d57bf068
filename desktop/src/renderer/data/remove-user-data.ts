import { discardedStorageKey } from '../features/sync/discarded-changes';

/**
 * Removes what this device keeps of a user whose account was deleted: the local database (its
 * IndexedDB log, closed first by DatabaseProvider; other tabs close theirs on `versionchange`)
 * and the list of discarded changes. Kept data of other users on this device is untouched.
 */
export async function removeUserData(
  userId: string,
  storage: Storage | null = globalThis.localStorage ?? null,
) {
  storage?.removeItem(discardedStorageKey(userId));
  const [{ databaseNameFor }, { logDatabaseName }] = await Promise.all([
    import('./database'),
    import('./log-storage'),
  ]);
  // The database and its travel-document files (features/documents/file-store.ts).
  for (const name of [logDatabaseName(databaseNameFor(userId)), `${databaseNameFor(userId)}-files`]) {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('could not delete the local database'));
    });
  }
}
