import { QueryTypes } from 'sequelize';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { DEV_ATTRIBUTION, devCatalogItems } from './dev-catalog.js';
import { ktoItemSchema, toAttractionRow, type AttractionRow } from './records.js';
import { countAttractions, upsertAttractions } from './store.js';

let checked: AttractionRow[] | undefined;

/** The dev catalog as table rows, checked like any import (once per process: every test server starts with it). */
export function devCatalogRows(): AttractionRow[] {
  checked ??= devCatalogItems().map((item) =>
    toAttractionRow(ktoItemSchema.parse(item), { source: 'dev', attribution: DEV_ATTRIBUTION }),
  );
  const now = new Date();
  return checked.map((row) => ({ ...row, updated_at: now }));
}

/**
 * True when the catalog holds dev places written by an older server: some without an English
 * overview (before migration 0009), or fewer places than the dev catalog has now (it only grows).
 */
async function devCatalogIsStale(db: Database): Promise<boolean> {
  const [row] = await db.sequelize.query<{ n: number | string; missing: number | string | null }>(
    "SELECT COUNT(*) AS n, SUM(CASE WHEN overview_en IS NULL THEN 1 ELSE 0 END) AS missing FROM attractions WHERE source = 'dev'",
    { type: QueryTypes.SELECT },
  );
  const count = Number(row?.n ?? 0);
  return count > 0 && (Number(row?.missing ?? 0) > 0 || count < devCatalogItems().length);
}

/**
 * On first start (an empty catalog) loads the dev catalog, so a fresh install has places to
 * find; a dev catalog loaded by an older server is brought up to date. A real import removes
 * the dev places, and then neither happens.
 */
export async function loadDevCatalogIfEmpty(db: Database, logger: Logger): Promise<number> {
  if ((await countAttractions(db)) > 0) {
    if (!(await devCatalogIsStale(db))) return 0;
    const rows = devCatalogRows();
    try {
      await upsertAttractions(db, rows);
    } catch (err) {
      // Another instance starting at the same moment may have updated it first.
      if (!(await devCatalogIsStale(db))) return 0;
      throw err;
    }
    logger.info({ attractions: rows.length }, 'dev catalog updated');
    return rows.length;
  }
  const rows = devCatalogRows();
  try {
    await upsertAttractions(db, rows);
  } catch (err) {
    // Another instance starting at the same moment may have loaded it first.
    if ((await countAttractions(db)) > 0) return 0;
    throw err;
  }
  logger.info({ attractions: rows.length }, 'dev catalog loaded into the empty catalog');
  return rows.length;
}
