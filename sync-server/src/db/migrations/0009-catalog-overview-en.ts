import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

/**
 * An English overview beside the Korean one (sanitized HTML, like `overview`). Not a field of
 * KTO's Korean service: files and the dev catalog may fill it; the app shows it on English
 * pages. The dev catalog's rows get theirs when the server next starts (catalog/seed.ts).
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  await q.addColumn('attractions', 'overview_en', {
    type: db.dialect === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT,
    allowNull: true,
  });
}

export async function down({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  // Sequelize would rebuild the SQLite table, losing the full-text triggers (0004); SQLite drops columns itself.
  if (db.dialect === 'sqlite') await db.sequelize.query('ALTER TABLE attractions DROP COLUMN overview_en');
  else await q.removeColumn('attractions', 'overview_en');
}
