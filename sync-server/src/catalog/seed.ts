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

/** On first start (an empty catalog) loads the dev catalog, so a fresh install has places to find. */
export async function loadDevCatalogIfEmpty(db: Database, logger: Logger): Promise<number> {
  if ((await countAttractions(db)) > 0) return 0;
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
