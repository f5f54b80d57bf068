import { QueryTypes, type Transaction } from 'sequelize';
import { bindList, sqlInt, type Bind } from '../db/bind.js';
import { bulkInsert } from '../db/bulk-insert.js';
import type { Database } from '../db/database.js';
import type { ChangeItem } from './changes.js';
import { upgradeStoredJson, type TripRole } from './collections.js';

/** A trip's sequence row: its number, newest key, and the count of changes to who may do what in it. */
export interface TripSequence {
  no: number;
  value: number;
  meta: number;
}

/** A row of sync_documents: the accepted wire state as JSON text (in the current schema's shape), with its change key. */
export interface StoredDocument {
  id: string;
  tripId: string;
  seq: number;
  deleted: boolean;
  data: string;
}

type Row = {
  id: string;
  trip_id: string;
  change_seq: number | string;
  deleted: number | boolean;
  data: string;
};
const COLUMNS = 'id, trip_id, change_seq, deleted, data';
/** Rows per INSERT statement: keeps statements well under packet and variable limits. */
const WRITE_CHUNK = 500;
/** Trip ranges in one pull query: SQLite nests ORs, up to a depth of 1,000. */
const TRIP_RANGES_PER_QUERY = 200;

/** A row as read; a document stored under an older schema version comes in the current shape. */
function toStored(row: Row, collection: string): StoredDocument {
  return {
    id: row.id,
    tripId: row.trip_id,
    seq: Number(row.change_seq),
    deleted: Boolean(row.deleted),
    data: upgradeStoredJson(collection, row.data),
  };
}

/** SQL access to replicated documents; every query is indexed and batched. */
export class DocumentStore {
  constructor(private readonly db: Database) {}

  // Values are bound ($name), never written into the SQL, change keys included: a statement text
  // that never changes stays prepared on MySQL (one round trip). Only LIMIT is written, as a
  // checked integer (sqlInt): MySQL binds numbers as DOUBLE, which LIMIT refuses.
  private select(sql: string, bind: Bind, transaction?: Transaction) {
    return this.db.sequelize.query<Row>(sql, {
      type: QueryTypes.SELECT,
      bind,
      ...(transaction ? { transaction } : {}),
    });
  }

  /** The stored documents with these ids, in one query. */
  async findByIds(
    collection: string,
    ids: readonly string[],
    t?: Transaction,
  ): Promise<Map<string, StoredDocument>> {
    if (ids.length === 0) return new Map();
    const bind: Bind = { collection };
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents WHERE collection = $collection AND id IN (${bindList(bind, 'id', ids)})`,
      bind,
      t,
    );
    return new Map(rows.map((r) => [r.id, toStored(r, collection)]));
  }

  /**
   * For a push, in one round trip: the stored documents with these ids; the caller's role on
   * each of `tripIds` and on the trips of those stored documents; which of `tripIds` exist as
   * trip documents (and whether they are deleted); and which of those trips the caller ever
   * belonged to (their access log names it).
   */
  async findForPush(
    collection: string,
    ids: readonly string[],
    userId: string,
    tripIds: readonly string[],
    t?: Transaction,
  ) {
    const bind: Bind = { collection, userId };
    const idList = bindList(bind, 'id', ids);
    const tripList = bindList(bind, 'trip', tripIds);
    const storedTrips = `SELECT trip_id FROM sync_documents WHERE collection = $collection AND id IN (${idList})`;
    const rows = await this.db.sequelize.query<Row & { kind: string; role: TripRole | null }>(
      `SELECT 'd' AS kind, ${COLUMNS}, NULL AS role FROM sync_documents WHERE collection = $collection AND id IN (${idList})
       UNION ALL
       SELECT 'r', NULL, trip_id, NULL, NULL, NULL, role FROM trip_members WHERE user_id = $userId
         AND (trip_id IN (${tripList}) OR trip_id IN (${storedTrips}))
       UNION ALL
       SELECT 't', NULL, id, NULL, deleted, NULL, NULL FROM sync_documents WHERE collection = 'trips' AND id IN (${tripList})
       UNION ALL
       SELECT DISTINCT 'f', NULL, trip_id, NULL, NULL, NULL, NULL FROM trip_access_log WHERE user_id = $userId
         AND (trip_id IN (${tripList}) OR trip_id IN (${storedTrips}))
       UNION ALL
       SELECT 's', trip_no, trip_id, value, meta, NULL, NULL FROM sync_trip_sequences WHERE trip_id IN (${tripList})`,
      { type: QueryTypes.SELECT, bind, ...(t ? { transaction: t } : {}) },
    );
    const stored = new Map<string, StoredDocument>();
    const roles = new Map<string, TripRole>();
    /** Trip id → deleted, for the trips of `tripIds` that exist. */
    const trips = new Map<string, boolean>();
    const everMember = new Set<string>();
    /** Trip id → its sequence as read in the same snapshot: a write that finds it unchanged under the lock may trust this read. */
    const values = new Map<string, TripSequence>();
    for (const r of rows) {
      if (r.kind === 'd') stored.set(r.id, toStored(r, collection));
      else if (r.kind === 'r') roles.set(r.trip_id, r.role as TripRole);
      else if (r.kind === 't') trips.set(r.trip_id, Boolean(Number(r.deleted)));
      else if (r.kind === 's')
        values.set(r.trip_id, { no: Number(r.id), value: Number(r.change_seq), meta: Number(r.deleted) });
      else everMember.add(r.trip_id);
    }
    return { stored, roles, trips, everMember, values };
  }

  /** The live documents of these collections in a trip (for deleting a trip). */
  async liveInTrip(collections: readonly string[], tripId: string, t: Transaction) {
    if (collections.length === 0) return [];
    const bind: Bind = { tripId, no: false };
    const rows = await this.db.sequelize.query<Row & { collection: string }>(
      `SELECT collection, ${COLUMNS} FROM sync_documents
       WHERE collection IN (${bindList(bind, 'c', collections)}) AND trip_id = $tripId AND deleted = $no ORDER BY change_seq`,
      { type: QueryTypes.SELECT, bind, transaction: t },
    );
    return rows.map((r) => ({ collection: r.collection, ...toStored(r, r.collection) }));
  }

  /**
   * Inserts or replaces documents in bulk (one statement per chunk, written by the audited
   * db/bulk-insert); `insertOnly` fails on an id that exists instead of replacing it.
   */
  async write(
    collection: string,
    docs: readonly StoredDocument[],
    t: Transaction,
    insertOnly = false,
  ): Promise<void> {
    const now = new Date();
    await bulkInsert(
      this.db,
      t,
      {
        table: 'sync_documents',
        columns: ['collection', 'id', 'trip_id', 'change_seq', 'deleted', 'data', 'updated_at'],
        ...(insertOnly ? {} : { conflictKey: ['collection', 'id'] }),
      },
      docs.map((d) => [collection, d.id, d.tripId, Math.trunc(d.seq), d.deleted, d.data, now]),
      WRITE_CHUNK,
    );
  }

  /**
   * The documents of these trips with a key after each trip's position, trip by trip (in id
   * order), oldest first: one indexed range per trip (sync_documents_trip). The ranges are read
   * TRIP_RANGES_PER_QUERY at a time, in trip id order, until `limit` rows are read: SQLite
   * refuses an expression of over 1,000 nested ORs, and a user may well hold more trips.
   */
  async tripChanges(
    collection: string,
    positions: readonly { tripId: string; after: number }[],
    limit: number,
  ) {
    const sorted = [...positions].sort((a, b) => (a.tripId < b.tripId ? -1 : a.tripId > b.tripId ? 1 : 0));
    const found: StoredDocument[] = [];
    for (let from = 0; from < sorted.length && found.length < limit; from += TRIP_RANGES_PER_QUERY) {
      const bind: Bind = { collection };
      const ranges = sorted.slice(from, from + TRIP_RANGES_PER_QUERY).map((p, i) => {
        bind[`t${i}`] = p.tripId;
        bind[`a${i}`] = p.after;
        return `(trip_id = $t${i} AND change_seq > $a${i})`;
      });
      const rows = await this.select(
        `SELECT ${COLUMNS} FROM sync_documents
         WHERE collection = $collection AND (${ranges.join(' OR ')})
         ORDER BY trip_id, change_seq LIMIT ${sqlInt(limit - found.length)}`,
        bind,
      );
      for (const row of rows) found.push(toStored(row, collection));
    }
    return found;
  }

  /**
   * What a trip's keys after `after` up to `upTo` were used for, as far as the database still
   * shows it: the documents whose newest state has such a key (every collection) and the
   * membership changes that took one. A stream that missed an announcement reads it back here.
   */
  async tripRange(tripId: string, after: number, upTo: number) {
    const bind: Bind = { tripId, after, upTo };
    const rows = await this.db.sequelize.query<{
      kind: string;
      collection: string | null;
      user_id: string | null;
      seq: number | string;
      access_seq: number | string | null;
      gained: number | boolean | null;
      data: string | null;
    }>(
      `SELECT 'd' AS kind, collection, NULL AS user_id, change_seq AS seq, NULL AS access_seq, NULL AS gained, data
         FROM sync_documents WHERE trip_id = $tripId AND change_seq > $after AND change_seq <= $upTo
       UNION ALL
       SELECT 'a', NULL, user_id, trip_seq, change_seq, gained, NULL
         FROM trip_access_log WHERE trip_id = $tripId AND trip_seq > $after AND trip_seq <= $upTo`,
      { type: QueryTypes.SELECT, bind },
    );
    return rows
      .map(
        (r): ChangeItem =>
          r.kind === 'd'
            ? {
                kind: 'document',
                tripId,
                seq: Number(r.seq),
                collection: String(r.collection),
                json: upgradeStoredJson(String(r.collection), String(r.data)),
              }
            : {
                kind: 'access',
                tripId,
                seq: Number(r.seq),
                userId: String(r.user_id),
                accessSeq: Number(r.access_seq),
                gained: Boolean(Number(r.gained)),
              },
      )
      .sort((a, b) => a.seq - b.seq);
  }
}
