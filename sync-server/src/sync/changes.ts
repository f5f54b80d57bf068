import { QueryTypes, type Transaction } from 'sequelize';
import { bindList, type Bind } from '../db/bind.js';
import type { Database } from '../db/database.js';

/** One committed change as the change bus carries it, identified by its trip and its key there. */
export type ChangeItem =
  | {
      kind: 'document';
      tripId: string;
      /** The key in the trip's sequence. */
      seq: number;
      collection: string;
      json: string;
      /** The pushing replication (see echoKey): its own stream already holds this state. */
      origin?: string;
    }
  | {
      kind: 'access';
      tripId: string;
      /** The key in the trip's sequence this membership change took. */
      seq: number;
      userId: string;
      /** The key in the user's access sequence. */
      accessSeq: number;
      gained: boolean;
    };

/** The range of a trip's sequence one transaction used (`first`..`last`, one key per item). */
export interface TripRange {
  /** The trip's number (sync_trip_sequences.trip_no): checkpoints name trips by it. */
  no: number;
  first: number;
  last: number;
}

/**
 * What one committed transaction announces: per trip, the keys it used and its items;
 * `resync` names users whose streams must RESYNC.
 */
export interface ChangeMessage {
  trips: Record<string, TripRange>;
  items: ChangeItem[];
  resync: string[];
}

/** Who pushed a document: a user's replication (X-Hamgaja-Client), matched by that replication's stream. */
export function echoKey(userId: string, client: string): string {
  return `${userId}\u0000${client}`;
}

/** What a write transaction locks: trips (their sequences), trips it founds, users (their access sequences). */
export interface LockSet {
  trips: readonly string[];
  /** Trips this transaction creates: their sequence rows are inserted, then locked like the others. */
  founding?: readonly string[];
  users?: readonly string[];
}

interface Sequence {
  no: number;
  base: number;
  last: number;
}

/** Thrown by a change function when it needs a lock it was not given; writeChanges retries with it. */
export class NeedsLocks extends Error {
  constructor(readonly locks: LockSet) {
    super('the transaction needs more locks');
  }
}

/** The changes of one write transaction; it holds the sequences of its trips and users until it commits. */
export class ChangeSet {
  readonly items: ChangeItem[] = [];
  readonly resync = new Set<string>();
  /** Trips where what a push may do changed (memberships, roles, the trip document). */
  readonly metaChanged = new Set<string>();

  constructor(
    readonly transaction: Transaction,
    private readonly trips: ReadonlyMap<string, Sequence>,
    private readonly users: ReadonlyMap<string, Sequence>,
  ) {}

  /** The trip's newest key when this transaction locked it (undefined when it holds no such trip). */
  valueAtLock(tripId: string): number | undefined {
    return this.trips.get(tripId)?.base;
  }

  /** Takes a key of the trip for a change that carries no document (a role change), so readers of the trip see that it moved. */
  touch(tripId: string): void {
    this.next(this.trips, tripId, 'trip');
    this.metaChanged.add(tripId);
  }

  /** How many keys this transaction took. */
  get used(): number {
    let used = 0;
    for (const s of this.trips.values()) used += s.last - s.base;
    return used;
  }

  /** Whether this transaction holds the trip's sequence (it may write the trip's documents). */
  holds(tripId: string): boolean {
    return this.trips.has(tripId);
  }

  private next(sequences: ReadonlyMap<string, Sequence>, id: string, what: string): Sequence {
    const sequence = sequences.get(id);
    if (!sequence) throw new Error(`${what} ${id} is not locked by this transaction`);
    sequence.last += 1;
    return sequence;
  }

  /** Records a document write and returns its key in the trip's sequence; `origin` when it is a pushed state as sent. */
  document(collection: string, tripId: string, json: string, origin?: string): number {
    const seq = this.next(this.trips, tripId, 'trip').last;
    if (collection === 'trips') this.metaChanged.add(tripId);
    this.items.push(
      origin === undefined
        ? { kind: 'document', tripId, seq, collection, json }
        : { kind: 'document', tripId, seq, collection, json, origin },
    );
    return seq;
  }

  /** Records that a user gained or lost a trip: a key in the trip's sequence and one in the user's. */
  access(userId: string, tripId: string, gained: boolean): { seq: number; accessSeq: number } {
    const seq = this.next(this.trips, tripId, 'trip').last;
    const accessSeq = this.next(this.users, userId, 'user').last;
    this.metaChanged.add(tripId);
    this.items.push({ kind: 'access', tripId, seq, userId, accessSeq, gained });
    return { seq, accessSeq };
  }

  /** The sequence values to store at commit. */
  advanced(): { trips: [string, number][]; users: [string, number][] } {
    const moved = (map: ReadonlyMap<string, Sequence>) =>
      [...map].filter(([, s]) => s.last > s.base).map(([id, s]): [string, number] => [id, s.last]);
    return { trips: moved(this.trips), users: moved(this.users) };
  }

  message(): ChangeMessage | undefined {
    const trips: Record<string, TripRange> = {};
    for (const [tripId, s] of this.trips) {
      if (s.last > s.base) trips[tripId] = { no: s.no, first: s.base + 1, last: s.last };
    }
    if (this.items.length === 0 && this.resync.size === 0) return undefined;
    return { trips, items: this.items, resync: [...this.resync] };
  }
}

/** How long writers waited for sequence locks, for the metrics (wired by live.ts). */
export interface LockObserver {
  waited(seconds: number, trips: number): void;
  /** Tests only (SYNC_TEST_COMMIT_DELAY_MS): runs after the keys are taken, before the commit. */
  beforeCommit?: () => Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * Runs fn in a write transaction holding the sequences of the trips and users it names
 * (rule 3, per trip). The rows are locked in one fixed order (trips, then users, each sorted),
 * so two writers never deadlock, and held until commit: within a trip, key order = commit
 * order, and no key can become visible after a larger one of the same trip. Writers of other
 * trips never wait. A rollback also rolls the sequences back, so committed keys of a trip have
 * no gaps. If fn finds it needs more (NeedsLocks), the transaction is rolled back and run again
 * with them. The announcement is published after the commit only.
 */
export async function writeChanges<T>(
  db: Database,
  publish: (message: ChangeMessage) => void,
  locks: LockSet,
  fn: (changes: ChangeSet) => Promise<T>,
  observer?: LockObserver,
): Promise<T> {
  let wanted = normalize(locks);
  for (let attempt = 1; ; attempt++) {
    let message: ChangeMessage | undefined;
    try {
      const result = await db.write(async (t) => {
        const started = performance.now();
        const { trips, users } = await lockSequences(db, t, wanted);
        observer?.waited((performance.now() - started) / 1000, trips.size);
        const changes = new ChangeSet(t, trips, users);
        const value = await fn(changes);
        await storeSequences(db, t, changes);
        await observer?.beforeCommit?.();
        message = changes.message();
        return value;
      });
      if (message) publish(message);
      return result;
    } catch (err) {
      if (!(err instanceof NeedsLocks) || attempt >= MAX_ATTEMPTS) throw err;
      wanted = normalize({
        trips: [...wanted.trips, ...err.locks.trips],
        founding: [...(wanted.founding ?? []), ...(err.locks.founding ?? [])],
        users: [...(wanted.users ?? []), ...(err.locks.users ?? [])],
      });
    }
  }
}

/** What a push read of its one trip before locking, and what it will write. */
export interface FastWrite {
  tripId: string;
  no: number;
  /** The trip's newest key and meta count when the plan was read. */
  value: number;
  meta: number;
  /** Every write creates a document: the plan stands as long as the meta count did not move. */
  createOnly: boolean;
  /** The keys the write takes, known in advance. */
  keys: number;
}

/**
 * The short way for a write to one trip whose plan was read outside the lock: one statement
 * locks the trip's sequence, checks that nothing the plan depends on moved (the trip's newest
 * key, or for new documents only, its meta count) and takes the keys. Then fn writes and the
 * transaction commits: the lock is held for two statements and the commit. Answers undefined
 * (nothing written) when the check fails; the caller then takes the long way.
 */
export async function writeChangesFast<T>(
  db: Database,
  publish: (message: ChangeMessage) => void,
  fast: FastWrite,
  fn: (changes: ChangeSet) => Promise<T>,
  observer?: LockObserver,
): Promise<T | undefined> {
  let message: ChangeMessage | undefined;
  const result = await db.write(async (t): Promise<T | undefined> => {
    const started = performance.now();
    const bind: Bind = { tripId: fast.tripId, keys: fast.keys };
    const check = fast.createOnly ? 'meta = $meta' : 'value = $value';
    if (fast.createOnly) bind.meta = fast.meta;
    else bind.value = fast.value;
    let after: number | undefined;
    if (db.dialect === 'mysql') {
      const [header] = (await db.sequelize.query(
        `UPDATE sync_trip_sequences SET value = LAST_INSERT_ID(value + $keys) WHERE trip_id = $tripId AND ${check}`,
        { bind, transaction: t, type: QueryTypes.RAW },
      )) as unknown as [{ affectedRows: number; insertId: number }];
      if (header.affectedRows === 1) after = Number(header.insertId);
    } else {
      const rows = await db.sequelize.query<{ value: number | string }>(
        `UPDATE sync_trip_sequences SET value = value + $keys WHERE trip_id = $tripId AND ${check} RETURNING value`,
        { bind, transaction: t, type: QueryTypes.SELECT },
      );
      if (rows[0]) after = Number(rows[0].value);
    }
    observer?.waited((performance.now() - started) / 1000, 1);
    if (after === undefined) return undefined;
    const base = after - fast.keys;
    const changes = new ChangeSet(t, new Map([[fast.tripId, { no: fast.no, base, last: base }]]), new Map());
    const value = await fn(changes);
    if (changes.used !== fast.keys || changes.metaChanged.size > 0)
      throw new Error(`a fast write took ${changes.used} keys, not ${fast.keys}, or changed the trip's meta`);
    await observer?.beforeCommit?.();
    message = changes.message();
    return value;
  });
  if (message) publish(message);
  return result;
}

function normalize(locks: LockSet): Required<LockSet> {
  const sorted = (ids: readonly string[] | undefined) => [...new Set(ids ?? [])].sort();
  const founding = sorted(locks.founding);
  return { trips: sorted([...locks.trips, ...founding]), founding, users: sorted(locks.users) };
}

async function lockSequences(db: Database, t: Transaction, locks: Required<LockSet>) {
  const q = db.sequelize;
  const forUpdate = db.dialect === 'mysql' ? ' FOR UPDATE' : '';
  const trips = new Map<string, Sequence>();
  const users = new Map<string, Sequence>();
  if (locks.founding.length > 0) {
    // A trip's sequence row is made by the push that founds it; a second founder finds it made.
    const bind: Bind = {};
    const values = locks.founding.map((id, i) => ((bind[`f${i}`] = id), `($f${i}, 0)`)).join(', ');
    const ignore = db.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    await q.query(`${ignore} INTO sync_trip_sequences (trip_id, value) VALUES ${values}`, {
      bind,
      transaction: t,
    });
  }
  if (locks.trips.length > 0) {
    const bind: Bind = {};
    const rows = await q.query<{ trip_no: number | string; trip_id: string; value: number | string }>(
      `SELECT trip_no, trip_id, value FROM sync_trip_sequences WHERE trip_id IN (${bindList(bind, 't', locks.trips)})
       ORDER BY trip_id${forUpdate}`,
      { type: QueryTypes.SELECT, bind, transaction: t },
    );
    for (const r of rows) {
      const value = Number(r.value);
      trips.set(r.trip_id, { no: Number(r.trip_no), base: value, last: value });
    }
  }
  if (locks.users.length > 0) {
    const bind: Bind = {};
    const values = locks.users.map((id, i) => `($u${i}, 0)`).join(', ');
    const list = bindList(bind, 'u', locks.users);
    // A user's access sequence is made on their first membership change.
    const ignore = db.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    await q.query(`${ignore} INTO sync_user_sequences (user_id, value) VALUES ${values}`, {
      bind,
      transaction: t,
    });
    const rows = await q.query<{ user_id: string; value: number | string }>(
      `SELECT user_id, value FROM sync_user_sequences WHERE user_id IN (${list}) ORDER BY user_id${forUpdate}`,
      { type: QueryTypes.SELECT, bind, transaction: t },
    );
    for (const r of rows) {
      const value = Number(r.value);
      users.set(r.user_id, { no: 0, base: value, last: value });
    }
  }
  return { trips, users };
}

/** Stores the sequences' new values, one statement per table. */
async function storeSequences(db: Database, t: Transaction, changes: ChangeSet) {
  const moved = changes.advanced();
  const store = async (table: string, idColumn: string, rows: [string, number][], meta?: Set<string>) => {
    if (rows.length === 0) return;
    const bind: Bind = {};
    const cases = rows.map(([id, value], i) => {
      bind[`i${i}`] = id;
      bind[`v${i}`] = value;
      return `WHEN $i${i} THEN $v${i}`;
    });
    const metaCases = meta
      ? `, meta = meta + CASE ${idColumn} ${rows.map(([id], i) => `WHEN $i${i} THEN ${meta.has(id) ? 1 : 0}`).join(' ')} END`
      : '';
    const list = rows.map((_, i) => `$i${i}`).join(', ');
    await db.sequelize.query(
      `UPDATE ${table} SET value = CASE ${idColumn} ${cases.join(' ')} END${metaCases} WHERE ${idColumn} IN (${list})`,
      { bind, transaction: t },
    );
  };
  await store('sync_trip_sequences', 'trip_id', moved.trips, changes.metaChanged);
  await store('sync_user_sequences', 'user_id', moved.users);
}
