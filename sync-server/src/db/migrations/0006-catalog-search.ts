import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate.js';

// Normalized search text compares code point by code point (utf8mb4_bin on MySQL), as in 0004.
const binary = (length: number) => DataTypes.STRING(length).BINARY;

/** The columns a keyword search reads for every candidate; store.ts keeps them in step with attractions. */
export const attractionSearchColumns =
  'id, content_type_id, sido_code, gugun_code, lat, lng, geo_band, search_title, search_address';

/**
 * A narrow copy of what a keyword search checks and ranks on (text, filters, position), one
 * row per attraction. A broad keyword has thousands of candidates; reading them from this
 * table instead of the wide attraction rows (overview, images, addresses) halves the lookups'
 * cost. Only the page of results then reads attractions.
 */
export async function up({ context: { queryInterface: q, db } }: { context: MigrationContext }) {
  const mysql = db.dialect === 'mysql';
  await q.createTable('attraction_search', {
    id: { type: mysql ? DataTypes.BIGINT : DataTypes.INTEGER, primaryKey: true },
    content_type_id: { type: DataTypes.INTEGER, allowNull: false },
    sido_code: { type: DataTypes.INTEGER, allowNull: false },
    gugun_code: { type: DataTypes.INTEGER, allowNull: true },
    lat: { type: DataTypes.DOUBLE, allowNull: true },
    lng: { type: DataTypes.DOUBLE, allowNull: true },
    geo_band: { type: DataTypes.SMALLINT, allowNull: true },
    search_title: { type: binary(400), allowNull: false },
    search_address: { type: binary(600), allowNull: false },
  });
  await db.sequelize.query(
    `INSERT INTO attraction_search (${attractionSearchColumns}) SELECT ${attractionSearchColumns} FROM attractions`,
  );
}

export async function down({ context: { queryInterface: q } }: { context: MigrationContext }) {
  await q.dropTable('attraction_search');
}
