/**
 * Upgrades of documents written under an older schema version (DESIGN sync rule 10).
 *
 * Step `n` of a collection turns a document of version `n - 1` into one of version `n`; every
 * collection has a step for each version from 1 up to its `syncedCollections` version. The same
 * steps serve both sides:
 * - the client: they are the RxDB migration strategies, so a device's local data survives an
 *   app update (createDatabase passes them to `addCollections`);
 * - the server: documents stored before a change are answered in the current shape. The server
 *   does not record which version wrote a stored document, so every step must be idempotent: a
 *   document already in the new shape comes back equal.
 *
 * A step only adds what the old version could not express (a new field's "not chosen" value);
 * it never rewrites a field a client wrote (rule 2).
 */
import { syncedCollections, type CollectionName } from './documents.js';

type Doc = Record<string, unknown>;
export type DocumentUpgrade = (doc: Doc) => Doc;

export const documentUpgrades: { readonly [C in CollectionName]: Readonly<Record<number, DocumentUpgrade>> } =
  {
    trips: {},
    stops: {
      /** v1: `travelMode` added; a stop of version 0 has not chosen one. */
      1: (doc) => ({ ...doc, travelMode: doc.travelMode ?? null }),
    },
    checklistItems: {},
    expenses: {
      /**
       * v1: `rate` added; a version-0 expense captured none (one in the trip's currency needs
       * none: it converts at 1).
       */
      1: (doc) => ({ ...doc, rate: doc.rate ?? null }),
    },
    reservations: {},
    documents: {},
  };

/**
 * The document in the current shape of its collection: every upgrade step applied in order
 * (each is idempotent, so a document of any version may be given).
 */
export function upgradeDocument<T extends Doc>(collection: CollectionName, doc: T): T {
  let upgraded: Doc = doc;
  for (let version = 1; version <= syncedCollections[collection].version; version += 1) {
    const step = documentUpgrades[collection][version];
    if (!step) throw new Error(`${collection}: no upgrade to schema version ${version}`);
    upgraded = step(upgraded);
  }
  return upgraded as T;
}
