import { z } from 'zod';
import {
  RXDB_META_FIELDS,
  replicatedDocumentSchemas,
  syncedCollections,
  upgradeDocument,
  type CollectionName,
} from '@hamgaja/shared';

/** A member's role on a trip, from most to least powerful. */
export type TripRole = 'owner' | 'editor' | 'viewer';
export const tripRoles: readonly TripRole[] = ['owner', 'editor', 'viewer'];

/** A replicated document as stored and sent: its fields plus `_deleted`. */
export type WireDocument = { id: string; _deleted: boolean } & Record<string, unknown>;

/** Who may write documents of a collection, by the caller's role on the document's trip. */
export interface WriteRule {
  /** Roles that may create a document, or `{ founder }`: the document creates its own trip, owned by the user named in that field. */
  create: readonly TripRole[] | { founder: string };
  /** Roles that may change a live document. */
  update: readonly TripRole[];
  /** Roles that may delete a document (or bring a deleted one back). */
  delete: readonly TripRole[];
}

/** What a document may point at: documents of the same trip, and people who are or were its members. */
export interface References {
  /** Fields holding the id of a document of `collection` in the same trip (or null). */
  documents: readonly { field: string; collection: CollectionName }[];
  /** Fields holding a user id, or an array of them. */
  people: readonly string[];
}

const NO_REFERENCES: References = { documents: [], people: [] };

/** Everything the generic sync engine needs to know about one collection. */
export interface SyncedCollection {
  name: CollectionName;
  /** Schema version of the collection; older clients get 426. */
  version: number;
  /** Validates a wire document (RxDB meta fields are stripped first). */
  schema: z.ZodType<WireDocument>;
  /** The trip whose members may read the document: access is per trip. */
  tripIdOf(doc: WireDocument): string;
  write: WriteRule;
  /** Fields fixed when the document is created. */
  immutable: readonly string[];
  /** Fields only the server sets: none, since a server that rewrites a replicated field breaks conflict detection (rule 2). */
  serverOnlyFields: readonly [];
  /** Deleting a document of this collection deletes every document of these collections in its trip. */
  cascadesTo: readonly CollectionName[];
  /** Fields that point inside the document's trip (rule 12), checked on push when they change. */
  references: References;
  /** The tombstone sent to someone who lost access to the trip: identity only, no content written after they left. */
  redactedTombstone(doc: WireDocument): WireDocument;
  /**
   * A stored document's JSON text in the current shape of the collection: documents stored
   * before a schema change (`version`) are upgraded as they are read (shared `upgradeDocument`),
   * so pulls, streams, conflict answers, cascades and comparisons all see one shape. Returns the
   * text itself when nothing is missing.
   */
  upgradeStored(json: string): string;
}

/** Drops RxDB's local bookkeeping (`_meta`, `_rev`, `_attachments`): never stored, never compared. */
function withoutRxdbMeta(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of RXDB_META_FIELDS) delete copy[field];
  return copy;
}

function wireSchema(name: CollectionName): z.ZodType<WireDocument> {
  return z.preprocess(withoutRxdbMeta, replicatedDocumentSchemas[name]) as unknown as z.ZodType<WireDocument>;
}

const current = (json: string) => json;

/**
 * `upgradeStored` of a collection whose later versions added `fields`. A stored text lacking one
 * is parsed and upgraded; the others are sent as they are, unparsed. A key shows in JSON text only
 * as `"name":` (a quote inside a string value is escaped), so a text with every `"field":` has
 * them unless one sits inside a nested object: only conflict records (`lostValue` holds anything)
 * can hold such an object, so texts with conflict records are parsed to be sure.
 */
function upgradeAdding(name: CollectionName, fields: readonly string[]): (json: string) => string {
  const keys = fields.map((field) => `"${field}":`);
  return (json) => {
    if (keys.every((key) => json.includes(key)) && !json.includes('"conflicts":')) return json;
    const doc = JSON.parse(json) as WireDocument;
    if (fields.every((field) => Object.hasOwn(doc, field))) return json;
    return JSON.stringify(upgradeDocument(name, doc));
  };
}

const editors: readonly TripRole[] = ['owner', 'editor'];
const owners: readonly TripRole[] = ['owner'];
const PLACEHOLDER = '-';
const PLACEHOLDER_DATE = '2000-01-01';
const PLACEHOLDER_ORDER_KEY = 'a0';
const byTripId = (doc: WireDocument) => doc.tripId as string;

/** The four synced collections, declared once; the engine does the rest. */
export const collections: { readonly [C in CollectionName]: SyncedCollection } = {
  trips: {
    name: 'trips',
    version: syncedCollections.trips.version,
    schema: wireSchema('trips'),
    tripIdOf: (doc) => doc.id,
    write: { create: { founder: 'ownerId' }, update: editors, delete: owners },
    immutable: ['ownerId'],
    serverOnlyFields: [],
    cascadesTo: ['stops', 'checklistItems', 'expenses', 'reservations', 'documents'],
    references: NO_REFERENCES,
    redactedTombstone: (doc) => ({
      id: doc.id,
      title: PLACEHOLDER,
      description: '',
      destination: {},
      startDate: PLACEHOLDER_DATE,
      endDate: PLACEHOLDER_DATE,
      timeZone: 'UTC',
      currency: 'KRW',
      plannedBudget: null,
      coverImage: null,
      notes: '',
      ownerId: doc.ownerId,
      _deleted: true,
    }),
    upgradeStored: current,
  },
  stops: {
    name: 'stops',
    version: syncedCollections.stops.version,
    schema: wireSchema('stops'),
    tripIdOf: byTripId,
    write: { create: editors, update: editors, delete: editors },
    immutable: ['tripId'],
    serverOnlyFields: [],
    cascadesTo: [],
    references: NO_REFERENCES,
    redactedTombstone: (doc) => ({
      id: doc.id,
      tripId: doc.tripId,
      day: 0,
      orderKey: PLACEHOLDER_ORDER_KEY,
      startTime: null,
      durationMinutes: null,
      place: { name: PLACEHOLDER },
      category: 'other',
      cost: null,
      note: '',
      travelMode: null,
      _deleted: true,
    }),
    // v1 added travelMode (v0 stops read as null).
    upgradeStored: upgradeAdding('stops', ['travelMode']),
  },
  checklistItems: {
    name: 'checklistItems',
    version: syncedCollections.checklistItems.version,
    schema: wireSchema('checklistItems'),
    tripIdOf: byTripId,
    write: { create: editors, update: editors, delete: editors },
    immutable: ['tripId'],
    serverOnlyFields: [],
    cascadesTo: [],
    references: NO_REFERENCES,
    redactedTombstone: (doc) => ({
      id: doc.id,
      tripId: doc.tripId,
      text: PLACEHOLDER,
      done: false,
      orderKey: PLACEHOLDER_ORDER_KEY,
      _deleted: true,
    }),
    upgradeStored: current,
  },
  expenses: {
    name: 'expenses',
    version: syncedCollections.expenses.version,
    schema: wireSchema('expenses'),
    tripIdOf: byTripId,
    write: { create: editors, update: editors, delete: editors },
    immutable: ['tripId'],
    serverOnlyFields: [],
    cascadesTo: [],
    references: { documents: [{ field: 'stopId', collection: 'stops' }], people: ['paidBy', 'splitAmong'] },
    redactedTombstone: (doc) => ({
      id: doc.id,
      tripId: doc.tripId,
      amount: 1,
      currency: 'KRW',
      rate: null,
      paidBy: PLACEHOLDER,
      splitAmong: [PLACEHOLDER],
      category: 'other',
      date: PLACEHOLDER_DATE,
      stopId: null,
      note: '',
      _deleted: true,
    }),
    // v1 added rate (v0 expenses read as null).
    upgradeStored: upgradeAdding('expenses', ['rate']),
  },
  reservations: {
    name: 'reservations',
    version: syncedCollections.reservations.version,
    schema: wireSchema('reservations'),
    tripIdOf: byTripId,
    write: { create: editors, update: editors, delete: editors },
    immutable: ['tripId'],
    serverOnlyFields: [],
    cascadesTo: [],
    references: { documents: [{ field: 'expenseId', collection: 'expenses' }], people: [] },
    redactedTombstone: (doc) => ({
      id: doc.id,
      tripId: doc.tripId,
      type: 'other',
      title: PLACEHOLDER,
      provider: '',
      confirmationCode: '',
      start: { date: PLACEHOLDER_DATE, time: null, timeZone: 'UTC' },
      end: null,
      from: null,
      to: null,
      seats: '',
      cost: null,
      expenseId: null,
      note: '',
      _deleted: true,
    }),
    upgradeStored: current,
  },
  documents: {
    name: 'documents',
    version: syncedCollections.documents.version,
    schema: wireSchema('documents'),
    tripIdOf: byTripId,
    write: { create: editors, update: editors, delete: editors },
    // A document names one file: another file is another document.
    immutable: ['tripId', 'sha256', 'size', 'mimeType', 'addedBy'],
    serverOnlyFields: [],
    cascadesTo: [],
    references: { documents: [{ field: 'reservationId', collection: 'reservations' }], people: ['addedBy'] },
    redactedTombstone: (doc) => ({
      id: doc.id,
      tripId: doc.tripId,
      reservationId: null,
      name: PLACEHOLDER,
      mimeType: 'application/pdf',
      size: 1,
      sha256: '0'.repeat(64),
      addedBy: PLACEHOLDER,
      _deleted: true,
    }),
    upgradeStored: current,
  },
};

/** A stored document's JSON text in the current shape of its collection (see `upgradeStored`). */
export function upgradeStoredJson(collection: string, json: string): string {
  return findCollection(collection)?.upgradeStored(json) ?? json;
}

/** The declaration of a collection named in a URL, or undefined for an unknown name. */
export function findCollection(name: string): SyncedCollection | undefined {
  return Object.hasOwn(collections, name) ? collections[name as CollectionName] : undefined;
}
