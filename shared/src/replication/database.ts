import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import {
  collectionNames,
  createConflictHandler,
  rxdbSchemas,
  rxMigrationStrategies,
  type CollectionName,
  type DocumentTypes,
} from '../sync/index.js';

/** The RxDB collections of the synced documents (all four unless a subset was asked for). */
export type SyncedCollections<C extends CollectionName = CollectionName> = {
  [K in C]: RxCollection<DocumentTypes[K]>;
};

export type HamgajaDatabase<C extends CollectionName = CollectionName> = RxDatabase<SyncedCollections<C>>;

export interface CreateDatabaseOptions<C extends CollectionName> {
  /** The app's own (memory + IndexedDB log, desktop/src/renderer/data/log-storage.ts); memory in Node tests. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any RxDB storage fits
  storage: RxStorage<any, any>;
  /** Unique per signed-in user and device profile (checkpoints live in the database). */
  name: string;
  /** RxDB dev-mode checks plus schema validation (ajv) of every write. */
  devMode?: boolean;
  /** Only these collections (tests: RxDB's open core allows 13 open collections per process). */
  collections?: readonly C[];
  /** The signed-in user's id, recorded on the conflict records the merge writes. */
  userId?: string;
  /** Share the database between tabs (RxDB's default: true). */
  multiInstance?: boolean;
}

let devModeAdded = false;

/**
 * Creates the local database with the synced collections, their schemas and the merging conflict
 * handler. Documents a previous app version stored under an older schema version are migrated
 * (rxMigrationStrategies) before this resolves.
 */
export async function createDatabase<C extends CollectionName = CollectionName>(
  options: CreateDatabaseOptions<C>,
): Promise<HamgajaDatabase<C>> {
  // Collections of version > 0 need it, in production too (no-op when added before).
  addRxPlugin(RxDBMigrationSchemaPlugin);
  let storage = options.storage;
  if (options.devMode) {
    // Loaded on demand so production bundles do not carry dev-mode and ajv.
    const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
      import('rxdb/plugins/dev-mode'),
      import('rxdb/plugins/validate-ajv'),
    ]);
    if (!devModeAdded) {
      disableWarnings();
      addRxPlugin(RxDBDevModePlugin);
      devModeAdded = true;
    }
    storage = wrappedValidateAjvStorage({ storage });
  }
  const db = await createRxDatabase<SyncedCollections<C>>({
    name: options.name,
    storage,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
  });
  const names = (options.collections ?? collectionNames) as readonly C[];
  const conflictHandler = createConflictHandler(options.userId !== undefined ? { by: options.userId } : {});
  try {
    await db.addCollections(
      Object.fromEntries(
        names.map((name) => [
          name,
          { schema: rxdbSchemas[name], migrationStrategies: rxMigrationStrategies[name], conflictHandler },
        ]),
      ) as never,
    );
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
