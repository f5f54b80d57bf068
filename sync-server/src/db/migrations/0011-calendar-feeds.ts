import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

/**
 * A trip's live calendar feed (trips/calendar-feed.ts): at most one per trip, reached by an
 * unguessable token whose SHA-256 alone is kept (the token is shown once, on creation). Rotating
 * replaces the hash in place; revoking deletes the row.
 */
export async function up({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.createTable('trip_calendar_feeds', {
    // Trip ids compare byte for byte (0003): case-sensitive.
    trip_id: { type: DataTypes.STRING(64).BINARY, primaryKey: true },
    token_hash: { type: DataTypes.STRING(64), allowNull: false },
    created_by: { type: DataTypes.STRING(36), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    rotated_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await q.addIndex('trip_calendar_feeds', ['token_hash'], {
    name: 'trip_calendar_feeds_token',
    unique: true,
  });
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('trip_calendar_feeds');
}
