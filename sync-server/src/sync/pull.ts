import type { Membership } from '../trips/membership.js';
import type { Checkpoint } from './checkpoint.js';
import type { SyncedCollection, WireDocument } from './collections.js';
import type { DocumentStore, StoredDocument } from './store.js';

export interface PullResult {
  /** The documents as JSON texts, exactly as stored (or redacted tombstones). */
  documents: string[];
  checkpoint: Checkpoint;
}

/**
 * One page of the caller's change feed of a collection.
 *
 * Normal feed: documents of the caller's trips with a change key after the checkpoint, in
 * key order (rule 1). Membership changes move data (rule 6): the checkpoint also records
 * the last access-log entry the client has seen. Entries after it are delivered first —
 * for trips the caller gained, their documents up to the checkpoint's change key (later
 * ones come through the normal feed); for trips the caller lost, every document as a
 * redacted tombstone — paging with a cursor when they don't fit in one answer. A page ends
 * only once every access event read is delivered, or full.
 */
export async function pullPage(
  spec: SyncedCollection,
  userId: string,
  from: Checkpoint | undefined,
  limit: number,
  store: DocumentStore,
  membership: Membership,
): Promise<PullResult> {
  // A client without a checkpoint may still hold documents: those it pushed itself (pushes are
  // not echoed, and RxDB keeps no checkpoint until a pull brings something). So it starts before
  // every access event: the trips it lost come as redacted tombstones, the current ones in full.
  const start: Checkpoint = from ?? { changeKey: 0, accessKey: 0 };
  // One consistent read of the memberships and the access log.
  const access = await membership.accessState(userId, start.accessKey);
  const { events, trips } = access;
  const documents: string[] = [];
  let checkpoint: Checkpoint = { changeKey: start.changeKey, accessKey: start.accessKey };
  const member = new Set(trips);

  // Every access event read here is turned into documents before the page is done: a page that
  // stopped at an earlier event would let a stream event's checkpoint (which knows the later
  // ones) skip the rest. Rounds follow the events; a full page leaves a cursor in its round.
  let cursor = start.backfill;
  for (;;) {
    const upTo = cursor?.upTo ?? events.at(-1)?.seq;
    if (upTo === undefined || upTo <= checkpoint.accessKey) break;
    const seen = checkpoint.accessKey;
    const touched = new Set(events.filter((e) => e.seq > seen && e.seq <= upTo).map((e) => e.tripId));
    const gained = [...touched].filter((t) => member.has(t));
    const lost = [...touched].filter((t) => !member.has(t));
    const lostSet = new Set(lost);
    const room = limit - documents.length;
    const rows = await store.backfill(spec.name, gained, start.changeKey, lost, cursor?.after ?? 0, room);
    for (const row of rows) documents.push(lostSet.has(row.tripId) ? redacted(spec, row) : row.data);
    if (rows.length === room) {
      return { documents, checkpoint: { ...checkpoint, backfill: { upTo, after: rows.at(-1)!.seq } } };
    }
    checkpoint = { changeKey: checkpoint.changeKey, accessKey: upTo };
    cursor = undefined;
  }

  const rows = await store.changesInTrips(spec.name, trips, checkpoint.changeKey, limit - documents.length);
  for (const row of rows) documents.push(row.data);
  if (rows.length > 0) checkpoint = { ...checkpoint, changeKey: rows.at(-1)!.seq };
  return { documents, checkpoint };
}

function redacted(spec: SyncedCollection, row: StoredDocument): string {
  return JSON.stringify(spec.redactedTombstone(JSON.parse(row.data) as WireDocument));
}
