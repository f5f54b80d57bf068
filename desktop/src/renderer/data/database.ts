import { addRxPlugin } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { createDatabase, type HamgajaDatabase } from '@hamgaja/shared';
import { getRxStorageLog } from './log-storage';

let pluginsAdded = false;

/** The IndexedDB name of a user's database: one per user, so two people on one browser never mix. */
export function databaseNameFor(userId: string): string {
  // RxDB names are lower-case letters, digits and dashes; server ids are UUIDs, anything else is hex-encoded.
  const safe = /^[a-z0-9-]{1,64}$/.test(userId)
    ? userId
    : Array.from(new TextEncoder().encode(userId), (b) => b.toString(16).padStart(2, '0')).join('');
  return `hamgaja-user-${safe}`;
}

/** Opens (creating on first use) the signed-in user's local database (in memory, kept in IndexedDB: log-storage.ts). */
export async function openUserDatabase(userId: string): Promise<HamgajaDatabase> {
  if (!pluginsAdded) {
    // Leader election: with several tabs open, only one replicates; all see every change.
    addRxPlugin(RxDBLeaderElectionPlugin);
    pluginsAdded = true;
  }
  return createDatabase({
    storage: getRxStorageLog(),
    name: databaseNameFor(userId),
    userId,
    multiInstance: true,
    devMode: import.meta.env.DEV,
  });
}
