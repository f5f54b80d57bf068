import { documentsEqual } from '@hamgaja/shared';
import { AppError } from '../http/problem.js';
import type { Membership } from '../trips/membership.js';
import type { ChangeSet } from './changes.js';
import type { SyncedCollection, TripRole, WireDocument } from './collections.js';
import type { DocumentStore, StoredDocument } from './store.js';

/** A validated push row. */
export interface PushRow {
  newDocumentState: WireDocument;
  assumedMasterState?: WireDocument | undefined;
}

export interface PushResult {
  /** The conflict answer: current master states as a JSON array text. */
  conflictsJson: string;
  conflicts: number;
  written: number;
}

const writers: readonly TripRole[] = ['owner', 'editor'];

function refused(index: number, why: string): AppError {
  return new AppError(403, 'forbidden', `Row ${index}: ${why}`, [{ path: String(index), message: why }]);
}

/**
 * Applies one push batch inside a change transaction: authorizes every row (rule 5), detects
 * conflicts against the stored master (rule 7: a row equal to the master is a no-op), writes
 * in bulk, and records trip ownership and cascading deletes. Throws before writing anything
 * when one row is refused, so the batch is all or nothing.
 */
export async function applyPush(
  spec: SyncedCollection,
  userId: string,
  rows: readonly PushRow[],
  changes: ChangeSet,
  store: DocumentStore,
  membership: Membership,
  /** The pushing replication (echoKey), when it named itself: its stream skips these states. */
  origin?: string,
): Promise<PushResult> {
  const t = changes.transaction;
  const tripIds = new Set<string>();
  for (const row of rows) {
    tripIds.add(spec.tripIdOf(row.newDocumentState));
    if (row.assumedMasterState) tripIds.add(spec.tripIdOf(row.assumedMasterState));
  }
  // The stored documents and the caller's roles on every trip involved (also the stored documents' trips).
  const { stored, roles } = await store.findForPush(
    spec.name,
    rows.map((r) => r.newDocumentState.id),
    userId,
    [...tripIds],
    t,
  );
  const founded = new Set<string>();
  const can = (tripId: string, allowed: readonly TripRole[]) =>
    founded.has(tripId) || allowed.includes(roles.get(tripId) as TripRole);

  // Authorize every row before any write, and decide what each row does.
  const unknownTrips = new Map<string, number>();
  const plans: {
    row: PushRow;
    current: StoredDocument | undefined;
    master: WireDocument | undefined;
    founder: boolean;
  }[] = [];
  rows.forEach((row, index) => {
    const next = row.newDocumentState;
    const nextTrip = spec.tripIdOf(next);
    const current = stored.get(next.id);
    const master = current ? (JSON.parse(current.data) as WireDocument) : undefined;
    let founder = false;
    if (!current || !master) {
      const create = spec.write.create;
      if ('founder' in create) {
        if (next[create.founder] !== userId)
          throw refused(index, `a new ${spec.name} document must name you in ${create.founder}`);
        if (roles.has(nextTrip) || founded.has(nextTrip))
          throw refused(index, 'this document already exists');
        founded.add(nextTrip);
        founder = true;
      } else if (!can(nextTrip, create)) {
        if (!roles.has(nextTrip)) unknownTrips.set(nextTrip, index);
        else throw refused(index, 'you may not add documents to this trip');
      }
    } else {
      const rule = master._deleted !== next._deleted ? spec.write.delete : spec.write.update;
      if (!can(current.tripId, rule)) throw refused(index, 'you may not change this document');
      for (const field of spec.immutable) {
        if (master[field] !== next[field]) throw refused(index, `${field} cannot change`);
      }
      if (!can(nextTrip, rule)) throw refused(index, 'you may not change this document');
    }
    // A forged assumed master naming another trip must not reach anything.
    if (row.assumedMasterState && !can(spec.tripIdOf(row.assumedMasterState), writers)) {
      throw refused(index, 'the assumed master state is not yours to write');
    }
    plans.push({ row, current, master, founder });
  });
  if (unknownTrips.size > 0) {
    const existing = await membership.existing([...unknownTrips.keys()], t);
    for (const [tripId, index] of unknownTrips) {
      if (existing.has(tripId)) throw refused(index, 'you may not add documents to this trip');
    }
    const [, index] = [...unknownTrips][0]!;
    // Replications of different collections run side by side: the trip's own push may still be on its way.
    throw new AppError(
      409,
      'trip_not_synced',
      `Row ${index}: the trip is not on the server yet; push the trip first`,
    );
  }

  // New trips first: their owners' streams RESYNC once, before the trips' documents arrive.
  for (const { row, founder } of plans) {
    if (founder) await membership.add(changes, spec.tripIdOf(row.newDocumentState), userId, 'owner');
  }
  const writes: StoredDocument[] = [];
  const conflicts: string[] = [];
  const deletedTrips: string[] = [];
  for (const { row, current, master } of plans) {
    const next = row.newDocumentState;
    if (current && master) {
      if (documentsEqual(next, master)) continue; // a retry of a push whose answer was lost
      if (!row.assumedMasterState || !documentsEqual(row.assumedMasterState, master)) {
        conflicts.push(current.data);
        continue;
      }
    }
    const tripId = spec.tripIdOf(next);
    const data = JSON.stringify(next);
    writes.push({
      id: next.id,
      tripId,
      seq: changes.document(spec.name, tripId, data, origin),
      deleted: next._deleted,
      data,
    });
    if (next._deleted && !master?._deleted && spec.cascadesTo.length > 0) deletedTrips.push(tripId);
  }
  await store.write(spec.name, writes, t);

  for (const tripId of deletedTrips) {
    const children = await store.liveInTrip(spec.cascadesTo, tripId, t);
    const byCollection = new Map<string, StoredDocument[]>();
    for (const child of children) {
      const data = JSON.stringify({ ...(JSON.parse(child.data) as WireDocument), _deleted: true });
      const tombstone = {
        id: child.id,
        tripId,
        seq: changes.document(child.collection, tripId, data),
        deleted: true,
        data,
      };
      const list = byCollection.get(child.collection);
      if (list) list.push(tombstone);
      else byCollection.set(child.collection, [tombstone]);
    }
    for (const [collection, docs] of byCollection) await store.write(collection, docs, t);
  }

  return { conflictsJson: `[${conflicts.join(',')}]`, conflicts: conflicts.length, written: writes.length };
}
