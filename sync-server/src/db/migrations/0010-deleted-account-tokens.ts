import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

/**
 * The refresh tokens that were open when their account was deleted, without the account: a
 * device that was offline during the deletion presents one later and is told
 * `account_deleted` (so it removes its local copy) rather than "session ended" (which keeps
 * it). Rows name no user and go once the token would have expired (auth/service.ts).
 */
export async function up({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.createTable('deleted_account_tokens', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    token_hash: { type: DataTypes.STRING(64), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('deleted_account_tokens', ['expires_at']);
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('deleted_account_tokens');
}
