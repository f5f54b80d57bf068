import { QueryTypes, type Transaction } from 'sequelize';
import { bindList, sqlInt, type Bind } from '../db/bind.js';
import { bulkInsert } from '../db/bulk-insert.js';
import type { Database } from '../db/database.js';
import type { TripRole } from './collections.js';

/** A row of sync_documents: the accepted wire state as JSON text, with its change key. */
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

function toStored(row: Row): StoredDocument {
  return {
    id: row.id,
    tripId: row.trip_id,
    seq: Number(row.change_seq),
    deleted: Boolean(row.deleted),
    data: row.data,
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
    t: Transaction,
  ): Promise<Map<string, StoredDocument>> {
    if (ids.length === 0) return new Map();
    const bind: Bind = { collection };
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents WHERE collection = $collection AND id IN (${bindList(bind, 'id', ids)})`,
      bind,
      t,
    );
    return new Map(rows.map((r) => [r.id, toStored(r)]));
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
    t: Transaction,
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
         AND (trip_id IN (${tripList}) OR trip_id IN (${storedTrips}))`,
      { type: QueryTypes.SELECT, bind, transaction: t },
    );
    const stored = new Map<string, StoredDocument>();
    const roles = new Map<string, TripRole>();
    /** Trip id → deleted, for the trips of `tripIds` that exist. */
    const trips = new Map<string, boolean>();
    const everMember = new Set<string>();
    for (const r of rows) {
      if (r.kind === 'd') stored.set(r.id, toStored(r));
      else if (r.kind === 'r') roles.set(r.trip_id, r.role as TripRole);
      else if (r.kind === 't') trips.set(r.trip_id, Boolean(Number(r.deleted)));
      else everMember.add(r.trip_id);
    }
    return { stored, roles, trips, everMember };
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
    return rows.map((r) => ({ collection: r.collection, ...toStored(r) }));
  }

  /** Inserts or replaces documents in bulk (one statement per chunk, written by the audited db/bulk-insert). */
  async write(collection: string, docs: readonly StoredDocument[], t: Transaction): Promise<void> {
    const now = new Date();
    await bulkInsert(
      this.db,
      t,
      {
        table: 'sync_documents',
        columns: ['collection', 'id', 'trip_id', 'change_seq', 'deleted', 'data', 'updated_at'],
        conflictKey: ['collection', 'id'],
      },
      docs.map((d) => [collection, d.id, d.tripId, Math.trunc(d.seq), d.deleted, d.data, now]),
      WRITE_CHUNK,
    );
  }

  /** Changes after `afterSeq` in the given trips, oldest first. */
  async changesInTrips(collection: string, tripIds: readonly string[], afterSeq: number, limit: number) {
    if (tripIds.length === 0 || limit <= 0) return [];
    const bind: Bind = { collection, afterSeq };
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents
       WHERE collection = $collection AND trip_id IN (${bindList(bind, 'trip', tripIds)}) AND change_seq > $afterSeq
       ORDER BY change_seq LIMIT ${sqlInt(limit)}`,
      bind,
    );
    return rows.map(toStored);
  }

  /**
   * Documents owed after a membership change, oldest first after `afterSeq`: those of the
   * gained trips up to `upToSeq` (later ones come through the normal feed) and every one of
   * the lost trips.
   */
  async backfill(
    collection: string,
    gained: readonly string[],
    upToSeq: number,
    lost: readonly string[],
    afterSeq: number,
    limit: number,
  ) {
    if ((gained.length === 0 && lost.length === 0) || limit <= 0) return [];
    const bind: Bind = { collection, afterSeq };
    const parts: string[] = [];
    if (gained.length > 0) {
      bind.upToSeq = upToSeq;
      parts.push(`(trip_id IN (${bindList(bind, 'gained', gained)}) AND change_seq <= $upToSeq)`);
    }
    if (lost.length > 0) parts.push(`trip_id IN (${bindList(bind, 'lost', lost)})`);
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents
       WHERE collection = $collection AND change_seq > $afterSeq AND (${parts.join(' OR ')})
       ORDER BY change_seq LIMIT ${sqlInt(limit)}`,
      bind,
    );
    return rows.map(toStored);
  }
}
