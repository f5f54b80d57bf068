import { QueryTypes, type Transaction } from 'sequelize';
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

/** The driver connections Sequelize hands a transaction (sqlite3 and mysql2, callback style). */
type DriverConnection = {
  run?(sql: string, done: (error: Error | null) => void): void;
  query?(sql: string, done: (error: Error | null) => void): void;
};

/**
 * Runs a statement on the transaction's own driver connection, so inside the transaction.
 * Sequelize's query() lower-cases the whole statement several times to guess its kind, which
 * for a 500-document insert (about 250 KB) costs more than building it and makes garbage.
 */
function runInTransaction(db: Database, t: Transaction, sql: string): Promise<void> {
  const connection = (t as unknown as { connection?: DriverConnection }).connection;
  const run = db.dialect === 'sqlite' ? connection?.run : connection?.query;
  if (!connection || !run) return db.sequelize.query(sql, { transaction: t }).then(() => undefined);
  return new Promise((resolve, reject) =>
    run.call(connection, sql, (error) => (error ? reject(error) : resolve())),
  );
}

/** SQL access to replicated documents; every query is indexed and batched. */
export class DocumentStore {
  constructor(private readonly db: Database) {}

  private select(sql: string, replacements: Record<string, unknown>, transaction?: Transaction) {
    return this.db.sequelize.query<Row>(sql, {
      type: QueryTypes.SELECT,
      replacements,
      ...(transaction ? { transaction } : {}),
    });
  }

  /** The stored documents with these ids, in one query. */
  async findByIds(
    collection: string,
    ids: readonly string[],
    t: Transaction,
  ): Promise<Map<string, StoredDocument>> {
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents WHERE collection = :collection AND id IN (:ids)`,
      { collection, ids },
      t,
    );
    return new Map(rows.map((r) => [r.id, toStored(r)]));
  }

  /**
   * For a push, in one round trip: the stored documents with these ids and the caller's role
   * on each of `tripIds` and on the trips of those stored documents.
   */
  async findForPush(
    collection: string,
    ids: readonly string[],
    userId: string,
    tripIds: readonly string[],
    t: Transaction,
  ) {
    const rows = await this.db.sequelize.query<Row & { kind: string; role: TripRole | null }>(
      `SELECT 'd' AS kind, ${COLUMNS}, NULL AS role FROM sync_documents WHERE collection = :collection AND id IN (:ids)
       UNION ALL
       SELECT 'r', NULL, trip_id, NULL, NULL, NULL, role FROM trip_members WHERE user_id = :userId
         AND (trip_id IN (:tripIds) OR trip_id IN (SELECT trip_id FROM sync_documents WHERE collection = :collection AND id IN (:ids)))`,
      { type: QueryTypes.SELECT, replacements: { collection, ids, userId, tripIds }, transaction: t },
    );
    const stored = new Map<string, StoredDocument>();
    const roles = new Map<string, TripRole>();
    for (const r of rows) {
      if (r.kind === 'd') stored.set(r.id, toStored(r));
      else roles.set(r.trip_id, r.role as TripRole);
    }
    return { stored, roles };
  }

  /** The live documents of these collections in a trip (for deleting a trip). */
  async liveInTrip(collections: readonly string[], tripId: string, t: Transaction) {
    const rows = await this.db.sequelize.query<Row & { collection: string }>(
      `SELECT collection, ${COLUMNS} FROM sync_documents
       WHERE collection IN (:collections) AND trip_id = :tripId AND deleted = :no ORDER BY change_seq`,
      { type: QueryTypes.SELECT, replacements: { collections, tripId, no: false }, transaction: t },
    );
    return rows.map((r) => ({ collection: r.collection, ...toStored(r) }));
  }

  /** Inserts or replaces documents in bulk (one statement per chunk). */
  async write(collection: string, docs: readonly StoredDocument[], t: Transaction): Promise<void> {
    // Values are escaped here rather than passed as replacements: Sequelize would scan the whole
    // statement for placeholders again, which costs as much as escaping the documents.
    const esc = (value: unknown) => this.db.sequelize.escape(value as string);
    const shared = { collection: esc(collection), now: esc(new Date()), yes: esc(true), no: esc(false) };
    for (let i = 0; i < docs.length; i += WRITE_CHUNK) {
      const chunk = docs.slice(i, i + WRITE_CHUNK);
      const values = chunk
        .map(
          (d) =>
            `(${shared.collection}, ${esc(d.id)}, ${esc(d.tripId)}, ${Math.trunc(d.seq)}, ${d.deleted ? shared.yes : shared.no}, ${esc(d.data)}, ${shared.now})`,
        )
        .join(', ');
      const upsert =
        this.db.dialect === 'mysql'
          ? `ON DUPLICATE KEY UPDATE trip_id = VALUES(trip_id), change_seq = VALUES(change_seq),
             deleted = VALUES(deleted), data = VALUES(data), updated_at = VALUES(updated_at)`
          : `ON CONFLICT (collection, id) DO UPDATE SET trip_id = excluded.trip_id, change_seq = excluded.change_seq,
             deleted = excluded.deleted, data = excluded.data, updated_at = excluded.updated_at`;
      await runInTransaction(
        this.db,
        t,
        `INSERT INTO sync_documents (collection, id, trip_id, change_seq, deleted, data, updated_at) VALUES ${values} ${upsert}`,
      );
    }
  }

  /** Changes after `afterSeq` in the given trips, oldest first. */
  async changesInTrips(collection: string, tripIds: readonly string[], afterSeq: number, limit: number) {
    if (tripIds.length === 0 || limit <= 0) return [];
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents
       WHERE collection = :collection AND trip_id IN (:tripIds) AND change_seq > :afterSeq
       ORDER BY change_seq LIMIT :limit`,
      { collection, tripIds, afterSeq, limit },
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
    const parts: string[] = [];
    if (gained.length > 0) parts.push('(trip_id IN (:gained) AND change_seq <= :upToSeq)');
    if (lost.length > 0) parts.push('trip_id IN (:lost)');
    if (parts.length === 0 || limit <= 0) return [];
    const rows = await this.select(
      `SELECT ${COLUMNS} FROM sync_documents
       WHERE collection = :collection AND change_seq > :afterSeq AND (${parts.join(' OR ')})
       ORDER BY change_seq LIMIT :limit`,
      { collection, gained, upToSeq, lost, afterSeq, limit },
    );
    return rows.map(toStored);
  }
}
