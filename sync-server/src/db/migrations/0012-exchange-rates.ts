import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

/**
 * The last good exchange rates from the rates feed (RATES_URL, ECB-style daily reference
 * rates): one row per quoted currency, 1 `base` = `rate` `quote`, as the feed's decimal text
 * (exact; no float column). A refresh replaces every row at once, so the table always holds
 * one complete day. Public data: no user's anything.
 */
export async function up({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.createTable('exchange_rates', {
    base: { type: DataTypes.STRING(3), primaryKey: true },
    quote: { type: DataTypes.STRING(3), primaryKey: true },
    rate: { type: DataTypes.STRING(32), allowNull: false },
    rate_date: { type: DataTypes.STRING(10), allowNull: false },
    fetched_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('exchange_rates');
}
