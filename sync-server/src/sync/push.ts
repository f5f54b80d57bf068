import { documentsEqual, jsonEqual } from '@hamgaja/shared';
import { AppError } from '../http/problem.js';
import { memberKey, type Membership } from '../trips/membership.js';
import type { Transaction } from 'sequelize';
import type { Database } from '../db/database.js';
import {
  NeedsLocks,
  writeChanges,
  writeChangesFast,
  type ChangeMessage,
  type ChangeSet,
  type LockObserver,
} from './changes.js';
import type { SyncedCollection, TripRole, WireDocument } from './collections.js';
import type { DocumentStore, StoredDocument, TripSequence } from './store.js';

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

/** What one push row does: write, answer with a state the caller may see (a refusal that converges, a conflict), or nothing. */
type Plan =
  | {
      kind: 'write';
      index: number;
      row: PushRow;
      tripId: string;
      /** The stored master (undefined for a new document). */
      master: WireDocument | undefined;
      founder: boolean;
    }
  | { kind: 'answer'; json: string }
  | { kind: 'none' };

type WritePlan = Extract<Plan, { kind: 'write' }>;

/** A push planned on one read of the database: what each row does and what writing it needs. */
interface PushPlan {
  plans: Plan[];
  writes: WritePlan[];
  /** The trips whose sequences the writes take (founded ones included). */
  trips: string[];
  founding: string[];
  /** Each trip's sequence, read with everything else. */
  values: ReadonlyMap<string, TripSequence>;
}

/** What a push needs from the server. */
export interface PushDeps {
  db: Database;
  store: DocumentStore;
  membership: Membership;
  publish: (message: ChangeMessage) => void;
  observer?: LockObserver;
  /** Counts pushes that wrote nothing and so took no lock. */
  unlocked?: () => void;
}

/**
 * Applies one push batch (rules 3, 5, 7, 11, 12).
 *
 * The batch is planned on a plain read first: validated, authorized, compared with the stored
 * masters, references checked. A batch that writes nothing (conflicts, refusals, retries of a
 * push whose answer was lost) ends there, without a lock. Otherwise a transaction locks the
 * sequences of the trips it writes (nothing else), plans again on what is committed now (a
 * concurrent writer of the same trip may have changed it; a membership change of the trip
 * holds the same lock, so the role read cannot change before the commit), takes its keys last
 * and commits. Rows that could never have been allowed make the whole batch 403, invalid
 * references 422, before anything is written: the batch is all or nothing.
 */
export async function push(
  deps: PushDeps,
  spec: SyncedCollection,
  userId: string,
  rows: readonly PushRow[],
  /** The pushing replication (echoKey), when it named itself: its stream skips these states. */
  origin?: string,
): Promise<PushResult> {
  const { db, store, membership } = deps;
  const first = await planPush(spec, userId, rows, store);
  const checked = await checkReferences(spec, first.writes, store, membership, new Set());
  if (first.writes.length === 0) {
    deps.unlocked?.();
    return answerOf(first.plans, 0);
  }
  const fast = fastWrite(spec, first);
  if (fast) {
    try {
      const written = await writeChangesFast(
        db,
        deps.publish,
        fast,
        (changes) => applyPlan(spec, userId, first, changes, store, membership, origin, fast.createOnly),
        deps.observer,
      );
      if (written) return written;
    } catch (err) {
      // A new document's id was taken meanwhile (insert-only): the long way answers it properly.
      if (!fast.createOnly) throw err;
    }
  }
  return writeChanges(
    db,
    deps.publish,
    { trips: first.trips, founding: first.founding, users: first.founding.length > 0 ? [userId] : [] },
    async (changes) => {
      // Every write to a trip (documents, memberships, roles) moves its key under this lock: if no
      // trip moved since the plan was read, the plan stands, and the lock is held one round trip less.
      const unchanged =
        first.founding.length === 0 &&
        first.trips.every(
          (t) =>
            changes.valueAtLock(t) !== undefined && changes.valueAtLock(t) === first.values.get(t)?.value,
        );
      if (unchanged) return applyPlan(spec, userId, first, changes, store, membership, origin);
      const plan = await planPush(spec, userId, rows, store, changes.transaction);
      const missing = plan.trips.filter((t) => !changes.holds(t));
      if (missing.length > 0) throw new NeedsLocks({ trips: missing });
      const founding = plan.founding.filter((t) => !first.founding.includes(t));
      if (founding.length > 0) throw new NeedsLocks({ trips: [], founding, users: [userId] });
      await checkReferences(spec, plan.writes, store, membership, checked, changes.transaction);
      return applyPlan(spec, userId, plan, changes, store, membership, origin);
    },
    deps.observer,
  );
}

/**
 * Whether a plan may take the short way (writeChangesFast): one trip that exists, no trip
 * founded, no trip document (its writes change who may do what, and deleting one cascades),
 * so the keys it takes are known in advance.
 */
function fastWrite(spec: SyncedCollection, plan: PushPlan) {
  const tripId = plan.trips[0];
  const sequence = tripId === undefined ? undefined : plan.values.get(tripId);
  if (plan.trips.length !== 1 || !tripId || !sequence || plan.founding.length > 0) return undefined;
  if (spec.name === 'trips' || spec.cascadesTo.length > 0) return undefined;
  return {
    tripId,
    ...sequence,
    createOnly: plan.writes.every((p) => p.master === undefined),
    keys: plan.writes.length,
  };
}

function answerOf(plans: readonly Plan[], written: number): PushResult {
  const conflicts = plans.flatMap((p) => (p.kind === 'answer' ? [p.json] : []));
  return { conflictsJson: `[${conflicts.join(',')}]`, conflicts: conflicts.length, written };
}

/** Plans every row of a push on one read (inside the transaction when `t` is given). */
async function planPush(
  spec: SyncedCollection,
  userId: string,
  rows: readonly PushRow[],
  store: DocumentStore,
  t?: Transaction,
): Promise<PushPlan> {
  const tripIds = new Set<string>();
  for (const row of rows) {
    tripIds.add(spec.tripIdOf(row.newDocumentState));
    if (row.assumedMasterState) tripIds.add(spec.tripIdOf(row.assumedMasterState));
  }
  // One round trip: stored documents, the caller's roles, the trips' states and past memberships.
  const { stored, roles, trips, everMember, values } = await store.findForPush(
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
      // A write based on another state than the stored one is a conflict: the master is the answer.
      if (!assumed || !documentsEqual(assumed, master)) return { kind: 'answer', json: current.data };
      return { kind: 'write', index, row, tripId: nextTrip, master, founder: false };
    }
    const create = spec.write.create;
    if ('founder' in create) {
      if (next[create.founder] !== userId)
        throw refused(index, `a new ${spec.name} document must name you in ${create.founder}`);
      if (roles.has(nextTrip) || founded.has(nextTrip) || trips.has(nextTrip))
        throw refused(index, 'this document already exists');
      founded.add(nextTrip);
      return { kind: 'write', index, row, tripId: nextTrip, master: undefined, founder: true };
    }
    if (!trips.has(nextTrip) && !founded.has(nextTrip)) {
      unsyncedTrip ??= index;
      return { kind: 'none' };
    }
    const tombstone = visible(nextTrip, { ...next, _deleted: true });
    if (!tombstone) throw refused(index, 'you may not add documents to this trip');
    if (!can(nextTrip, create) || (!next._deleted && trips.get(nextTrip) === true))
      return answer(next, tombstone);
    return { kind: 'write', index, row, tripId: nextTrip, master: undefined, founder: false };
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
  const writes = plans.filter((p): p is WritePlan => p.kind === 'write');
  return {
    plans,
    writes,
    trips: [...new Set(writes.map((p) => p.tripId))],
    founding: writes.filter((p) => p.founder).map((p) => p.tripId),
    values,
  };
}

/** Writes a plan made under the trips' locks: documents in bulk, trip ownership, cascading deletes. */
async function applyPlan(
  spec: SyncedCollection,
  userId: string,
  { plans, writes: toWrite }: PushPlan,
  changes: ChangeSet,
  store: DocumentStore,
  membership: Membership,
  origin: string | undefined,
  /** Every write creates a document that must not exist yet (the short way's check). */
  insertOnly = false,
): Promise<PushResult> {
  const t = changes.transaction;
  // New trips first: their owners' streams RESYNC once, before the trips' documents arrive.
  for (const p of toWrite) if (p.founder) await membership.add(changes, p.tripId, userId, 'owner');
  const writes: StoredDocument[] = [];
  const deletedTrips: string[] = [];
  for (const { row, master, tripId } of toWrite) {
    const next = row.newDocumentState;
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
  await store.write(spec.name, writes, t, insertOnly);

  for (const tripId of deletedTrips) await tombstoneChildren(changes, store, spec.cascadesTo, tripId);
  return answerOf(plans, writes.length);
}

/**
 * Deleting a trip deletes what is in it: every live document of these collections in the trip
 * becomes a tombstone, with a key of the trip (used by a deleting push and by account deletion).
 */
export async function tombstoneChildren(
  changes: ChangeSet,
  store: DocumentStore,
  collections: readonly string[],
  tripId: string,
): Promise<void> {
  const t = changes.transaction;
  const children = await store.liveInTrip(collections, tripId, t);
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

/**
 * Rule 12: references stay inside the trip. A changed document reference must name a document
 * of the same trip; a changed person reference must name someone who is or was a member.
 */
async function checkReferences(
  spec: SyncedCollection,
  planned: readonly WritePlan[],
  store: DocumentStore,
  membership: Membership,
  /** Rows already checked (a row's references never change meaning: documents keep their trip, the access log only grows). */
  checked: Set<number>,
  t?: Transaction,
): Promise<Set<number>> {
  const { documents, people } = spec.references;
  const plans = planned.filter((p) => !checked.has(p.index));
  for (const p of plans) checked.add(p.index);
  if (documents.length === 0 && people.length === 0) return checked;
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
  if (named.length === 0) return checked;
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
  return checked;
}
