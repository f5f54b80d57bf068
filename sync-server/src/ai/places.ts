import { QueryTypes } from 'sequelize';
import { sqlInt, sqlInts } from '../db/bind.js';
import type { Database } from '../db/database.js';
import { boundingBox, distanceSql, doubleLiteral } from '../catalog/geo.js';
import { findAttraction } from '../catalog/store.js';
import { searchAttractions } from '../catalog/search.js';

/** What the AI needs to know about one catalog attraction. */
export type PlaceFacts = {
  id: string;
  name: string;
  contentTypeId: number;
  address: string | null;
  lat: number | null;
  lng: number | null;
  /** Plain text, possibly long; callers trim it. */
  overview: string | null;
};

export type CandidateQuery = {
  sido?: number | undefined;
  gugun?: number | undefined;
  near?: { lat: number; lng: number; radiusKm: number } | undefined;
  /** Content types to draw from (the AI asks each type separately, so every kind is offered). */
  types: number[];
  /** Places per content type. */
  perType: number;
  /**
   * Which places of each type: 'name' (the first by name, or by distance near a point) or
   * 'prominence' (the best-known first, coordinates required; the catalog draft).
   */
  rank?: 'name' | 'prominence';
};

/** Looks up one attraction (tips). */
export interface AttractionSource {
  attraction(id: string): Promise<PlaceFacts | undefined>;
}

/** Real catalog places a draft may use; the model is offered these and nothing else. */
export interface CandidateSource {
  candidates(query: CandidateQuery): Promise<PlaceFacts[]>;
}

const plainText = (html: string | null) =>
  html
    ? html
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim()
    : null;

/** The catalog module's search and lookup as the AI's place sources. */
export function catalogPlaces(db: Database): AttractionSource & CandidateSource {
  return {
    async attraction(id) {
      if (!/^\d{1,15}$/.test(id)) return undefined;
      const a = await findAttraction(db, Number(id));
      if (!a) return undefined;
      return {
        id: a.id,
        name: a.title,
        contentTypeId: a.contentTypeId,
        address: [a.addr1, a.addr2].filter(Boolean).join(' ') || null,
        lat: a.lat,
        lng: a.lng,
        overview: plainText(a.overview),
      };
    },
    async candidates(query) {
      if (query.rank === 'prominence') return prominentPlaces(db, query);
      const lists = await Promise.all(
        query.types.map((type) =>
          searchAttractions(db, {
            sido: query.sido,
            gugun: query.gugun,
            near: query.near ? { lat: query.near.lat, lng: query.near.lng } : undefined,
            radiusKm: query.near?.radiusKm,
            type: [type],
            page: 1,
            pageSize: query.perType,
            sort: query.near ? 'distance' : 'name',
          }),
        ),
      );
      return lists.flatMap((result) =>
        result.items.map((a) => ({
          id: a.id,
          name: a.title,
          contentTypeId: a.contentTypeId,
          address: [a.addr1, a.addr2].filter(Boolean).join(' ') || null,
          lat: a.lat,
          lng: a.lng,
          overview: null,
        })),
      );
    },
  };
}

/**
 * How well known a place is, as far as the catalog can tell (it has no visitor counts): KTO
 * describes its established attractions fully (a photo, more photos, an overview, a phone and a
 * homepage), while many entries have none of these. Ties go to the lower id: KTO numbers its
 * entries in the order they were registered, and the classic sights were registered first.
 */
const PROMINENCE = [
  "(CASE WHEN a.first_image IS NULL OR a.first_image = '' THEN 0 ELSE 4 END)",
  "(CASE WHEN a.images IS NULL OR a.images = '' OR a.images = '[]' THEN 0 ELSE 2 END)",
  "(CASE WHEN a.overview IS NULL OR a.overview = '' THEN 0 ELSE 2 END)",
  "(CASE WHEN a.tel IS NULL OR a.tel = '' THEN 0 ELSE 1 END)",
  "(CASE WHEN a.homepage IS NULL OR a.homepage = '' THEN 0 ELSE 1 END)",
].join(' + ');

/** The best-known places with coordinates of each type (one query: a window ranks them within their type). */
async function prominentPlaces(db: Database, query: CandidateQuery): Promise<PlaceFacts[]> {
  if (query.types.length === 0) return [];
  // Every value is an integer or a number the server checked: written as literals, like the catalog search.
  const where = [`a.content_type_id IN (${sqlInts(query.types)})`, 'a.lat IS NOT NULL', 'a.lng IS NOT NULL'];
  if (query.sido !== undefined) where.push(`a.sido_code = ${sqlInt(query.sido)}`);
  if (query.gugun !== undefined) where.push(`a.gugun_code = ${sqlInt(query.gugun)}`);
  if (query.near) {
    const box = boundingBox(query.near, query.near.radiusKm);
    const [minLng, maxLng, minLat, maxLat, within] = [
      box.minLng,
      box.maxLng,
      box.minLat,
      box.maxLat,
      query.near.radiusKm,
    ].map(doubleLiteral);
    where.push(
      `a.geo_band IN (${box.bands.join(', ')}) AND a.lng BETWEEN ${minLng} AND ${maxLng} AND a.lat BETWEEN ${minLat} AND ${maxLat} AND ${distanceSql(db.dialect, query.near)} <= ${within}`,
    );
  }
  const rows = await db.sequelize.query<{
    id: number | string;
    title: string;
    content_type_id: number | string;
    addr1: string | null;
    addr2: string | null;
    lat: number | string;
    lng: number | string;
  }>(
    'SELECT r.id, r.title, r.content_type_id, r.addr1, r.addr2, r.lat, r.lng FROM (' +
      `SELECT a.id, a.title, a.content_type_id, a.addr1, a.addr2, a.lat, a.lng, ROW_NUMBER() OVER (PARTITION BY a.content_type_id ORDER BY ${PROMINENCE} DESC, a.id) AS place_rank ` +
      `FROM attractions a WHERE ${where.join(' AND ')}` +
      `) r WHERE r.place_rank <= ${sqlInt(query.perType)} ORDER BY r.content_type_id, r.place_rank`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((a) => ({
    id: String(a.id),
    name: a.title,
    contentTypeId: Number(a.content_type_id),
    address: [a.addr1, a.addr2].filter(Boolean).join(' ') || null,
    lat: Number(a.lat),
    lng: Number(a.lng),
    overview: null,
  }));
}
