import { randomBytes } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { AttractionDetail, AttractionImage, AttractionSummary } from '@hamgaja/shared';
import { sqlInt, sqlInts } from '../db/bind.js';
import { bulkInsert, type SqlValue } from '../db/bulk-insert.js';
import type { Database } from '../db/database.js';
import { ktoTimeToIso, type AttractionRow } from './records.js';
import { indexTokens } from './text.js';

const CHUNK = 200;
const TOKEN_CHUNK = 2000;

/**
 * Writes attractions (insert or replace by contentid) with their bigram tokens in one
 * transaction, and moves the catalog version on so region packs are cut anew.
 */
export async function upsertAttractions(db: Database, rows: AttractionRow[]): Promise<void> {
  if (rows.length === 0) return;
  // The last row for an id wins, as if they had been written one by one.
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  await db.write(async (transaction) => {
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      // Attraction ids are integers (checked by sqlInts); text goes in through the audited bulkInsert.
      const ids = sqlInts(chunk.map((r) => r.id));
      await db.sequelize.query(`DELETE FROM attraction_tokens WHERE attraction_id IN (${ids})`, {
        transaction,
      });
      await db.sequelize.query(`DELETE FROM attraction_search WHERE id IN (${ids})`, { transaction });
      // On SQLite the delete trigger takes the rows out of the FTS5 index, the insert trigger puts them back.
      await db.sequelize.query(`DELETE FROM attractions WHERE id IN (${ids})`, { transaction });
      await insertRows(db, transaction, 'attractions', chunk);
      await insertRows(db, transaction, 'attraction_search', chunk.map(searchRow));
      const tokens = chunk.flatMap((r) =>
        indexTokens(r.search_title, r.search_address).map((token) => [token, r.id]),
      );
      const spec = { table: 'attraction_tokens', columns: ['token', 'attraction_id'] };
      await bulkInsert(db, transaction, spec, tokens, TOKEN_CHUNK);
    }
    await bumpVersion(db, transaction);
  });
}

/** Inserts rows given as objects: their keys are the columns. */
async function insertRows(
  db: Database,
  transaction: Transaction,
  table: string,
  rows: readonly Record<string, SqlValue>[],
) {
  const columns = Object.keys(rows[0] ?? {});
  await bulkInsert(
    db,
    transaction,
    { table, columns },
    rows.map((row) => columns.map((column) => row[column] ?? null)),
    CHUNK,
  );
}

/** The row of attraction_search (migration 0006) for an attraction. */
const searchRow = (r: AttractionRow) => ({
  id: r.id,
  content_type_id: r.content_type_id,
  sido_code: r.sido_code,
  gugun_code: r.gugun_code,
  lat: r.lat,
  lng: r.lng,
  geo_band: r.geo_band,
  search_title: r.search_title,
  search_address: r.search_address,
});

async function bumpVersion(db: Database, transaction: Transaction) {
  await db.sequelize.query("UPDATE catalog_meta SET value = $version WHERE name = 'version'", {
    bind: { version: `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}` },
    transaction,
  });
}

/** Changes whenever the catalog does (region pack ETags follow it). */
export async function catalogVersion(db: Database): Promise<string> {
  const [row] = await db.sequelize.query<{ value: string }>(
    "SELECT value FROM catalog_meta WHERE name = 'version'",
    {
      type: QueryTypes.SELECT,
    },
  );
  return row?.value ?? 'initial';
}

export async function countAttractions(db: Database): Promise<number> {
  const [row] = await db.sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM attractions', {
    type: QueryTypes.SELECT,
  });
  return Number(row?.n ?? 0);
}

/** The stored kto_modified of the given ids (the importer skips details that did not change). */
export async function modifiedTimes(db: Database, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.sequelize.query<{
    id: number | string;
    kto_modified: string | null;
    overview: string | null;
  }>(`SELECT id, kto_modified, overview FROM attractions WHERE id IN (${sqlInts(ids)})`, {
    type: QueryTypes.SELECT,
  });
  // A row without an overview never got its detail: treat it as changed.
  return new Map(rows.map((r) => [Number(r.id), r.overview === null ? null : r.kto_modified]));
}

/** The columns a search result needs. */
export const summaryColumns =
  'a.id, a.title, a.title_en, a.content_type_id, a.sido_code, a.gugun_code, a.addr1, a.addr2, a.lat, a.lng, a.first_image, a.first_image2';

type SummaryRow = Pick<
  AttractionRow,
  'title' | 'title_en' | 'addr1' | 'addr2' | 'first_image' | 'first_image2'
> & {
  id: number | string;
  content_type_id: number | string;
  sido_code: number | string;
  gugun_code: number | string | null;
  lat: number | string | null;
  lng: number | string | null;
  distance_km?: number | string | null;
};

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));

export function toSummary(row: SummaryRow): AttractionSummary {
  return {
    id: String(row.id),
    title: row.title,
    titleEn: row.title_en,
    contentTypeId: Number(row.content_type_id),
    sido: Number(row.sido_code),
    gugun: num(row.gugun_code),
    addr1: row.addr1,
    addr2: row.addr2,
    lat: num(row.lat),
    lng: num(row.lng),
    firstImage: row.first_image,
    firstImage2: row.first_image2,
    ...(row.distance_km !== undefined && row.distance_km !== null
      ? { distanceKm: Math.round(Number(row.distance_km) * 1000) / 1000 }
      : {}),
  };
}

type DetailRow = SummaryRow &
  Pick<
    AttractionRow,
    | 'zipcode'
    | 'tel'
    | 'tel_name'
    | 'homepage'
    | 'images'
    | 'overview'
    | 'overview_en'
    | 'cat1'
    | 'cat2'
    | 'cat3'
    | 'source'
    | 'attribution'
    | 'license'
    | 'kto_modified'
  > & { updated_at: Date | string };

export const detailColumns = `${summaryColumns}, a.zipcode, a.tel, a.tel_name, a.homepage, a.images, a.overview, a.overview_en, a.cat1, a.cat2, a.cat3, a.source, a.attribution, a.license, a.kto_modified, a.updated_at`;

export function toDetail(row: DetailRow): AttractionDetail {
  const images: AttractionImage[] = row.images ? (JSON.parse(row.images) as AttractionImage[]) : [];
  const updated = row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at);
  return {
    ...toSummary(row),
    zipcode: row.zipcode,
    tel: row.tel,
    telName: row.tel_name,
    homepage: row.homepage,
    images,
    overview: row.overview,
    overviewEn: row.overview_en,
    cat1: row.cat1,
    cat2: row.cat2,
    cat3: row.cat3,
    source: row.source,
    attribution: row.attribution,
    license: row.license,
    modifiedAt: ktoTimeToIso(row.kto_modified),
    updatedAt: updated.toISOString(),
  };
}

export async function findAttraction(db: Database, id: number): Promise<AttractionDetail | null> {
  const [row] = await db.sequelize.query<DetailRow>(
    `SELECT ${detailColumns} FROM attractions a WHERE a.id = ${sqlInt(id)}`,
    { type: QueryTypes.SELECT },
  );
  return row ? toDetail(row) : null;
}

/** Every attraction of a sido with full detail, in id order (region packs). */
export async function attractionsOfSido(db: Database, sido: number): Promise<AttractionDetail[]> {
  const rows = await db.sequelize.query<DetailRow>(
    `SELECT ${detailColumns} FROM attractions a WHERE a.sido_code = ${sqlInt(sido)} ORDER BY a.id`,
    { type: QueryTypes.SELECT },
  );
  return rows.map(toDetail);
}

/** Takes the dev catalog out (a real import replaces it); returns how many rows went. */
export async function removeDevCatalog(db: Database): Promise<number> {
  return db.write(async (transaction) => {
    const rows = await db.sequelize.query<{ id: number | string }>(
      "SELECT id FROM attractions WHERE source = 'dev'",
      {
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (rows.length === 0) return 0;
    const ids = sqlInts(rows.map((r) => Number(r.id)));
    await db.sequelize.query(`DELETE FROM attraction_tokens WHERE attraction_id IN (${ids})`, {
      transaction,
    });
    await db.sequelize.query(`DELETE FROM attraction_search WHERE id IN (${ids})`, { transaction });
    await db.sequelize.query("DELETE FROM attractions WHERE source = 'dev'", { transaction });
    await bumpVersion(db, transaction);
    return rows.length;
  });
}
