import { DataTypes, QueryTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

// Trip ids compare byte for byte, as in 0003.
const key = (length: number) => DataTypes.STRING(length).BINARY;

/**
 * Change keys per trip instead of one counter for the whole service (docs/sync.md, "Change
 * keys"). Every trip gets its own sequence row, locked only by the writers of that trip, and
 * a small number (`trip_no`) that keeps pull checkpoints short. Each user's gains and losses of
 * trips are numbered by a sequence of that user; an access-log entry also records the trip key
 * it took, so a stream that missed an announcement can read back that trip's range.
 *
 * Existing data keeps its keys: every trip's sequence starts at the old counter, so the keys
 * already stored stay below every new one of their trip, and each user's access sequence starts
 * at their newest log entry. Checkpoints issued before this migration are refused as outdated;
 * clients start over and keep their data (nothing is duplicated: documents are compared by id).
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  const mysql = db.dialect === 'mysql';
  const counter = await db.sequelize.query<{ value: number | string }>(
    "SELECT value FROM sync_counters WHERE name = 'change'",
    { type: QueryTypes.SELECT },
  );
  const start = Number(counter[0]?.value ?? 0);

  await q.createTable('sync_trip_sequences', {
    trip_no: { type: mysql ? DataTypes.BIGINT : DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    trip_id: { type: key(64), allowNull: false },
    value: { type: DataTypes.BIGINT, allowNull: false },
    // Moves with every change that can change what a push may do in the trip (memberships, roles,
    // the trip document itself): a push adding documents whose plan saw the same value may stand.
    meta: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
  });
  await q.addIndex('sync_trip_sequences', ['trip_id'], { unique: true, name: 'sync_trip_sequences_trip' });
  await db.sequelize.query(
    `INSERT INTO sync_trip_sequences (trip_id, value)
     SELECT trip_id, $start FROM (SELECT trip_id FROM sync_documents UNION SELECT trip_id FROM trip_access_log) t
     ORDER BY trip_id`,
    { bind: { start } },
  );

  await q.createTable('sync_user_sequences', {
    user_id: { type: DataTypes.STRING(36), primaryKey: true },
    value: { type: DataTypes.BIGINT, allowNull: false },
  });
  await db.sequelize.query(
    'INSERT INTO sync_user_sequences (user_id, value) SELECT user_id, MAX(change_seq) FROM trip_access_log GROUP BY user_id',
  );

  await q.addColumn('trip_access_log', 'trip_seq', { type: DataTypes.BIGINT, allowNull: true });
  await db.sequelize.query('UPDATE trip_access_log SET trip_seq = change_seq');
  await q.addIndex('trip_access_log', ['trip_id', 'trip_seq'], { name: 'trip_access_log_trip' });

  // Pulls now read each trip's changes in key order (sync_documents_trip); the global feed is gone.
  await q.removeIndex('sync_documents', 'sync_documents_feed');
  await q.dropTable('sync_counters');
}

export async function down({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  await q.createTable('sync_counters', {
    name: { type: key(32), primaryKey: true },
    value: { type: DataTypes.BIGINT, allowNull: false },
  });
  const rows = await db.sequelize.query<{ value: number | string | null }>(
    'SELECT MAX(value) AS value FROM sync_trip_sequences',
    { type: QueryTypes.SELECT },
  );
  await q.bulkInsert('sync_counters', [{ name: 'change', value: Number(rows[0]?.value ?? 0) }]);
  await q.addIndex('sync_documents', ['collection', 'change_seq', 'trip_id'], {
    name: 'sync_documents_feed',
  });
  await q.removeIndex('trip_access_log', 'trip_access_log_trip');
  await q.removeColumn('trip_access_log', 'trip_seq');
  await q.dropTable('sync_user_sequences');
  await q.dropTable('sync_trip_sequences');
}
