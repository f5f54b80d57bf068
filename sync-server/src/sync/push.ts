import { documentsEqual, jsonEqual } from '@hamgaja/shared';
import { AppError } from '../http/problem.js';
import { memberKey, type Membership } from '../trips/membership.js';
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

function refused(index: number, why: string): AppError {
  return new AppError(403, 'forbidden', `Row ${index}: ${why}`, [{ path: String(index), message: why }]);
}

function invalidReference(index: number, field: string, why: string): AppError {
  return new AppError(422, 'invalid_reference', `Row ${index}: ${field} ${why}`, [
    { path: `${index}.newDocumentState.${field}`, message: why },
  ]);
}

/** The ids a reference field holds (a single id, null, or an array of ids). */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What one push row does: write, answer with a state the caller may see (a refusal that converges), or nothing. */
type Plan =
  | {
      kind: 'write';
      index: number;
      row: PushRow;
      /** The stored master, parsed and as its stored JSON text (sent as it is in a conflict answer). */
      master: WireDocument | undefined;
      masterJson?: string;
      founder: boolean;
    }
  | { kind: 'answer'; json: string }
  | { kind: 'none' };

/**
 * Applies one push batch inside a change transaction (rules 5, 7, 11, 12).
 *
 * Every row is authorized against the current state first. A row that state forbids (the
 * trip was deleted, the caller lost access, their role is too low now) is answered as a
 * conflict carrying the master state the caller may see: the stored document or tombstone for
 * a member, a redacted tombstone for someone who was one, a tombstone of the row's own
 * document when it would be created where it may not live. The device then converges. Rows
 * that could never have been allowed (a stranger's write, a forged owner) make the whole batch
 * 403, and invalid references 422, before anything is written: the batch is all or nothing.
 * Then conflicts are detected against the stored master (a row equal to it is a retry: no-op),
 * the rest is written in bulk, with trip ownership and cascading deletes.
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
  // One round trip: stored documents, the caller's roles, the trips' states and past memberships.
  const { stored, roles, trips, everMember } = await store.findForPush(
    spec.name,
    rows.map((r) => r.newDocumentState.id),
    userId,
    [...tripIds],
    t,
  );
  const founded = new Set<string>();
  const can = (tripId: string, allowed: readonly TripRole[]) =>
    founded.has(tripId) || allowed.includes(roles.get(tripId) as TripRole);
  /** What the caller may see of a document of a trip: all of it as a member, its identity as a former one. */
  const visible = (tripId: string, doc: WireDocument): WireDocument | undefined => {
    if (roles.has(tripId)) return doc;
    return everMember.has(tripId) ? spec.redactedTombstone(doc) : undefined;
  };
  /** The answer to a row the current state forbids: the state the caller may see, unless they hold it already. */
  const answer = (next: WireDocument, shown: WireDocument): Plan =>
    documentsEqual(next, shown) ? { kind: 'none' } : { kind: 'answer', json: JSON.stringify(shown) };

  let unsyncedTrip: number | undefined;
  const plan = (row: PushRow, index: number): Plan => {
    const next = row.newDocumentState;
    const nextTrip = spec.tripIdOf(next);
    // A forged assumed master naming a trip the caller never saw must not reach anything.
    const assumed = row.assumedMasterState;
    if (assumed && !roles.has(spec.tripIdOf(assumed)) && !everMember.has(spec.tripIdOf(assumed)))
      throw refused(index, 'the assumed master state is not yours to write');
    const current = stored.get(next.id);
    if (current) {
      const master = JSON.parse(current.data) as WireDocument;
      const shown = visible(current.tripId, master);
      if (!shown) throw refused(index, 'you may not change this document');
      if (documentsEqual(next, master)) return { kind: 'none' }; // a retry of a push whose answer was lost
      const rule = master._deleted !== next._deleted ? spec.write.delete : spec.write.update;
      const allowed =
        can(current.tripId, rule) &&
        nextTrip === current.tripId &&
        spec.immutable.every((field) => master[field] === next[field]) &&
        // No child document is ever live in a deleted trip.
        (next._deleted || spec.cascadesTo.length > 0 || trips.get(nextTrip) !== true);
      if (!allowed) return answer(next, shown);
      return { kind: 'write', index, row, master, masterJson: current.data, founder: false };
    }
    const create = spec.write.create;
    if ('founder' in create) {
      if (next[create.founder] !== userId)
        throw refused(index, `a new ${spec.name} document must name you in ${create.founder}`);
      if (roles.has(nextTrip) || founded.has(nextTrip) || trips.has(nextTrip))
        throw refused(index, 'this document already exists');
      founded.add(nextTrip);
      return { kind: 'write', index, row, master: undefined, founder: true };
    }
    if (!trips.has(nextTrip) && !founded.has(nextTrip)) {
      unsyncedTrip ??= index;
      return { kind: 'none' };
    }
    const tombstone = visible(nextTrip, { ...next, _deleted: true });
    if (!tombstone) throw refused(index, 'you may not add documents to this trip');
    if (!can(nextTrip, create) || (!next._deleted && trips.get(nextTrip) === true))
      return answer(next, tombstone);
    return { kind: 'write', index, row, master: undefined, founder: false };
  };
  const plans = rows.map(plan);
  if (unsyncedTrip !== undefined) {
    // Replications of different collections run side by side: the trip's own push may still be on its way.
    throw new AppError(
      409,
      'trip_not_synced',
      `Row ${unsyncedTrip}: the trip is not on the server yet; push the trip first`,
    );
  }
  const toWrite = plans.filter((p): p is Extract<Plan, { kind: 'write' }> => p.kind === 'write');
  await checkReferences(spec, toWrite, store, membership, t);

  // New trips first: their owners' streams RESYNC once, before the trips' documents arrive.
  for (const p of toWrite) {
    if (p.founder) await membership.add(changes, spec.tripIdOf(p.row.newDocumentState), userId, 'owner');
  }
  const writes: StoredDocument[] = [];
  const conflicts: string[] = [];
  const deletedTrips: string[] = [];
  for (const p of plans) {
    if (p.kind === 'answer') conflicts.push(p.json);
    if (p.kind !== 'write') continue;
    const { row, master, masterJson } = p;
    const next = row.newDocumentState;
    if (master && (!row.assumedMasterState || !documentsEqual(row.assumedMasterState, master))) {
      conflicts.push(masterJson ?? JSON.stringify(master));
      continue;
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

/**
 * Rule 12: references stay inside the trip. A changed document reference must name a document
 * of the same trip; a changed person reference must name someone who is or was a member.
 */
async function checkReferences(
  spec: SyncedCollection,
  plans: readonly { index: number; row: PushRow; master: WireDocument | undefined }[],
  store: DocumentStore,
  membership: Membership,
  t: ChangeSet['transaction'],
): Promise<void> {
  const { documents, people } = spec.references;
  if (documents.length === 0 && people.length === 0) return;
  const changed = (p: (typeof plans)[number], field: string) =>
    !p.row.newDocumentState._deleted && !jsonEqual(p.row.newDocumentState[field], p.master?.[field]);
  for (const { field, collection } of documents) {
    const named = plans.filter((p) => changed(p, field) && idsIn(p.row.newDocumentState[field]).length > 0);
    if (named.length === 0) continue;
    const found = await store.findByIds(
      collection,
      [...new Set(named.flatMap((p) => idsIn(p.row.newDocumentState[field])))],
      t,
    );
    for (const p of named) {
      const tripId = spec.tripIdOf(p.row.newDocumentState);
      for (const id of idsIn(p.row.newDocumentState[field])) {
        if (found.get(id)?.tripId !== tripId)
          throw invalidReference(p.index, field, `must name a ${collection} document of the same trip`);
      }
    }
  }
  const named = plans.filter((p) => people.some((field) => changed(p, field)));
  if (named.length === 0) return;
  const userIds = new Set(named.flatMap((p) => people.flatMap((f) => idsIn(p.row.newDocumentState[f]))));
  const tripIds = new Set(named.map((p) => spec.tripIdOf(p.row.newDocumentState)));
  const members = await membership.everBelonged([...userIds], [...tripIds], t);
  for (const p of named) {
    const tripId = spec.tripIdOf(p.row.newDocumentState);
    for (const field of people) {
      if (!changed(p, field)) continue;
      for (const id of idsIn(p.row.newDocumentState[field])) {
        if (!members.has(memberKey(id, tripId)))
          throw invalidReference(p.index, field, 'must name people who are or were members of the trip');
      }
    }
  }
}
