import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

// Document ids, trip ids and invite codes compare byte for byte: they are case-sensitive.
const key = (length: number) => DataTypes.STRING(length).BINARY;

/**
 * Replicated documents of every synced collection in one table, the change counter that
 * orders them, trip membership (who may read and write a trip), the per-user log of gained
 * and lost trips (so pulls can move data when membership changes) and invites.
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  await q.createTable('sync_documents', {
    collection: { type: key(32), allowNull: false, primaryKey: true },
    id: { type: key(64), allowNull: false, primaryKey: true },
    trip_id: { type: key(64), allowNull: false },
    // Server-only change key: pulls are ordered by it, never by a client clock.
    change_seq: { type: DataTypes.BIGINT, allowNull: false },
    deleted: { type: DataTypes.BOOLEAN, allowNull: false },
    // The exact accepted wire state (document fields + _deleted) as JSON text.
    data: { type: db.dialect === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // Pulls read either the feed in key order, filtering trips inside the index, or one trip's
  // changes in key order; the optimizer picks by how much of the feed the caller may read.
  await q.addIndex('sync_documents', ['collection', 'change_seq', 'trip_id'], {
    name: 'sync_documents_feed',
  });
  await q.addIndex('sync_documents', ['collection', 'trip_id', 'change_seq'], {
    name: 'sync_documents_trip',
  });

  await q.createTable('sync_counters', {
    name: { type: key(32), primaryKey: true },
    value: { type: DataTypes.BIGINT, allowNull: false },
  });
  await q.bulkInsert('sync_counters', [{ name: 'change', value: 0 }]);

  await q.createTable('trip_members', {
    trip_id: { type: key(64), allowNull: false, primaryKey: true },
    user_id: {
      type: DataTypes.STRING(36),
      allowNull: false,
      primaryKey: true,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    role: { type: DataTypes.STRING(10), allowNull: false },
    joined_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('trip_members', ['user_id'], { name: 'trip_members_user' });

  await q.createTable('trip_access_log', {
    user_id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true },
    change_seq: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    trip_id: { type: key(64), allowNull: false },
    gained: { type: DataTypes.BOOLEAN, allowNull: false },
  });

  await q.createTable('trip_invites', {
    code: { type: key(43), primaryKey: true },
    trip_id: { type: key(64), allowNull: false },
    role: { type: DataTypes.STRING(10), allowNull: false },
    created_by: { type: DataTypes.STRING(36), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    max_uses: { type: DataTypes.INTEGER, allowNull: true },
    uses: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await q.addIndex('trip_invites', ['trip_id'], { name: 'trip_invites_trip' });
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('trip_invites');
  await q.dropTable('trip_access_log');
  await q.dropTable('trip_members');
  await q.dropTable('sync_counters');
  await q.dropTable('sync_documents');
}
