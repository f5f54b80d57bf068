import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

export async function up({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.createTable('users', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
    display_name: { type: DataTypes.STRING(60), allowNull: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.createTable('refresh_tokens', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    family_id: { type: DataTypes.STRING(36), allowNull: false },
    user_id: {
      type: DataTypes.STRING(36),
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('refresh_tokens', ['family_id']);
  await q.addIndex('refresh_tokens', ['user_id']);
  await q.createTable('password_reset_tokens', {
    id: { type: DataTypes.STRING(36), primaryKey: true },
    user_id: {
      type: DataTypes.STRING(36),
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    used_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('password_reset_tokens', ['user_id']);
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('password_reset_tokens');
  await q.dropTable('refresh_tokens');
  await q.dropTable('users');
}
