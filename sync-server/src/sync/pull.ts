import type { Membership } from '../trips/membership.js';
import { emptyCheckpoint, type Checkpoint } from './checkpoint.js';
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
 * Each trip has its own sequence of change keys (rule 3 holds per trip), so the checkpoint
 * keeps a position per trip. Membership changes move data (rule 6): the checkpoint also records
 * the last entry of the user's access log the client has seen. Entries after it come first: a
 * trip the caller gained starts at position 0 (all its documents come through the feed); a
 * trip the caller lost has every document delivered as a redacted tombstone, paged like the
 * feed. Then the feed: one indexed query reads the trips whose newest key is past the client's
 * position, trip by trip, in key order.
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
  const start = from ?? emptyCheckpoint();
  // One consistent read of the memberships, the trips' newest keys and the access log.
  const state = await membership.syncState(userId, start.accessKey, [...start.lost.keys()]);
  const trips = new Map(start.trips);
  const lost = new Map(start.lost);
  const ids = new Map<number, string>();
  for (const t of [...state.trips, ...state.named]) ids.set(t.no, t.tripId);
  const member = new Set(state.trips.map((t) => t.no));
  let accessKey = start.accessKey;
  for (const event of state.events) {
    ids.set(event.no, event.tripId);
    accessKey = Math.max(accessKey, event.seq);
  }
  // The access events read are settled against today's memberships: what the user holds now is
  // fed from its position (0 when new), what they lost is turned into tombstones from the start.
  for (const no of new Set(state.events.map((e) => e.no))) {
    if (member.has(no)) {
      lost.delete(no);
      if (!trips.has(no)) trips.set(no, 0);
    } else {
      trips.delete(no);
      lost.set(no, 0);
    }
  }
  for (const no of member) if (!trips.has(no)) trips.set(no, 0);
  for (const no of trips.keys()) {
    if (!member.has(no)) {
      trips.delete(no);
      lost.set(no, 0);
    }
  }
  const documents: string[] = [];
  const checkpoint = (): PullResult => ({ documents, checkpoint: { accessKey, trips, lost } });

  // Tombstones of lost trips first.
  const lostPositions = [...lost]
    .filter(([no]) => ids.has(no))
    .map(([no, after]) => ({ no, tripId: ids.get(no)!, after }));
  for (const [no] of lost) if (!ids.has(no)) lost.delete(no); // a trip number that no longer exists
  if (lostPositions.length > 0) {
    const rows = await store.tripChanges(spec.name, lostPositions, limit);
    for (const row of rows) documents.push(redacted(spec, row));
    advance(lost, lostPositions, rows, rows.length === limit, () => undefined, true);
    if (documents.length === limit) return checkpoint();
  }

  const values = new Map(state.trips.map((t) => [t.no, t.value]));
  const behind = state.trips
    .filter((t) => t.value > (trips.get(t.no) ?? 0))
    .map((t) => ({ no: t.no, tripId: t.tripId, after: trips.get(t.no) ?? 0 }));
  if (behind.length > 0) {
    const room = limit - documents.length;
    const rows = await store.tripChanges(spec.name, behind, room);
    for (const row of rows) documents.push(row.data);
    advance(trips, behind, rows, rows.length === room, (no) => values.get(no), false);
  }
  return checkpoint();
}

/**
 * Moves positions past the rows read (ordered by trip id, then key). When the page was not
 * full, every trip read is done: its position becomes the trip's newest key read before
 * (`done`), or for lost trips, the entry goes. When it was full, the trips before the last
 * row's trip are done, that trip stops at its last row, and the later ones wait.
 */
function advance(
  positions: Map<number, number>,
  read: readonly { no: number; tripId: string; after: number }[],
  rows: readonly StoredDocument[],
  full: boolean,
  done: (no: number) => number | undefined,
  forget: boolean,
): void {
  const last = rows.at(-1);
  const lastRead = new Map<string, number>();
  for (const row of rows) lastRead.set(row.tripId, row.seq);
  for (const t of read) {
    const seen = lastRead.get(t.tripId);
    if (full && last && t.tripId > last.tripId) continue;
    if (full && last && t.tripId === last.tripId) {
      positions.set(t.no, last.seq);
      continue;
    }
    if (forget) positions.delete(t.no);
    else positions.set(t.no, Math.max(done(t.no) ?? 0, seen ?? 0, t.after));
  }
}

function redacted(spec: SyncedCollection, row: StoredDocument): string {
  return JSON.stringify(spec.redactedTombstone(JSON.parse(row.data) as WireDocument));
}
