import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

/** Profile fields the original app had (phone, address) and the user's language. */
export async function up({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.addColumn('users', 'phone', { type: DataTypes.STRING(30), allowNull: true });
  await q.addColumn('users', 'address', { type: DataTypes.STRING(200), allowNull: true });
  await q.addColumn('users', 'locale', {
    type: DataTypes.STRING(5),
    allowNull: false,
    defaultValue: 'ko',
  });
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.removeColumn('users', 'locale');
  await q.removeColumn('users', 'address');
  await q.removeColumn('users', 'phone');
}
