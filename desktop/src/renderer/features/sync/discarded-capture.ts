import { RXDB_META_FIELDS, type HamgajaDatabase, type SyncRejection } from '@hamgaja/shared';
import type { Subscription } from 'rxjs';
import type { DiscardedInput } from './discarded-changes';

type Loose = Record<string, unknown>;

const META = new Set(RXDB_META_FIELDS);

function withoutMeta(doc: Loose): Loose {
  const out: Loose = {};
  for (const [key, value] of Object.entries(doc)) if (!META.has(key)) out[key] = value;
  return out;
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * Turns a replication's rejection into a discarded-change entry with the names the traveller
 * needs to recognise it (the trip's title, an expense's stop), looked up before the server's
 * state replaces them: deleted documents are read too, and trip titles seen during this run are
 * remembered in case the server's tombstone carries none.
 */
export class DiscardedCapture {
  private readonly tripTitles = new Map<string, string>();
  private readonly subscription: Subscription;

  constructor(private readonly db: HamgajaDatabase) {
    this.subscription = db.trips.$.subscribe((event) => {
      const title = stringOrNull((event.documentData as Loose | undefined)?.title);
      if (title) this.tripTitles.set(event.documentId, title);
    });
    void db.trips
      .find()
      .exec()
      .then((trips) => {
        for (const trip of trips) if (!this.tripTitles.has(trip.id)) this.tripTitles.set(trip.id, trip.title);
      })
      .catch(() => undefined); // Closed meanwhile.
  }

  stop(): void {
    this.subscription.unsubscribe();
  }

  async entryFor(rejection: SyncRejection): Promise<DiscardedInput> {
    const document = rejection.document ? withoutMeta(rejection.document) : null;
    // Without the discarded state, the stored one (possibly a tombstone by now) still tells the trip.
    const stored = document ?? (await this.stored(rejection.collection, rejection.id));
    const tripId = rejection.collection === 'trips' ? rejection.id : stringOrNull((stored ?? {}).tripId);
    const trip =
      rejection.collection === 'trips' && document
        ? document
        : tripId
          ? await this.stored('trips', tripId)
          : null;
    const stopId = rejection.collection === 'expenses' ? stringOrNull(document?.stopId) : null;
    const stop = stopId ? await this.stored('stops', stopId) : null;
    return {
      collection: rejection.collection,
      id: rejection.id,
      tripId,
      tripTitle: stringOrNull(trip?.title) ?? (tripId ? (this.tripTitles.get(tripId) ?? null) : null),
      stopName: stringOrNull((stop?.place as Loose | undefined)?.name),
      status: rejection.status,
      code: rejection.code,
      message: rejection.message,
      document,
    };
  }

  /** The document as stored on this device, deleted or not; null when unknown. */
  private async stored(collection: string, id: string): Promise<Loose | null> {
    // Typed loosely: only the storage lookup by id is needed, which every collection has.
    const target = (this.db.collections as unknown as Record<string, HamgajaDatabase['trips'] | undefined>)[
      collection
    ];
    if (!target) return null;
    try {
      const [doc] = await target.storageInstance.findDocumentsById([id], true);
      return doc ? withoutMeta(doc as unknown as Loose) : null;
    } catch {
      return null;
    }
  }
}
