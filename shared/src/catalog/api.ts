import { z } from 'zod';
import { SEARCH_TEXT_MAX } from '../api/text.js';
import { categorySchema } from '../sync/documents.js';
import { ktoContentTypes, ktoSido } from './kto-codes.js';

/**
 * The catalog's HTTP API (all under /api, public, no authentication):
 * GET /attractions, GET /attractions/{id}, GET /regions, GET /content-types,
 * GET /regions/{sido}/pack (gzip NDJSON: one RegionPackHeader line, then one AttractionDetail per line).
 */

export const localizedNameSchema = z.object({ ko: z.string(), en: z.string() });

export const contentTypeSchema = z.object({
  /** KTO contentTypeId: 12 관광지, 14 문화시설, 15 축제공연행사, 25 여행코스, 28 레포츠, 32 숙박, 38 쇼핑, 39 음식점. */
  id: z.number().int(),
  name: localizedNameSchema,
  /** The category a trip stop gets when added from an attraction of this type. */
  stopCategory: categorySchema,
});
export type ContentType = z.infer<typeof contentTypeSchema>;

export const gugunSchema = z.object({ code: z.number().int(), name: localizedNameSchema });
export type Gugun = z.infer<typeof gugunSchema>;

export const regionSchema = z.object({
  /** KTO areaCode. */
  code: z.number().int(),
  name: localizedNameSchema,
  /** KTO sigunguCode list of this sido. */
  gugun: z.array(gugunSchema),
  attractionCount: z.number().int(),
});
export type Region = z.infer<typeof regionSchema>;

export const attractionSourceSchema = z.enum(['kto', 'file', 'dev']);

export const attractionSummarySchema = z.object({
  /** KTO contentid (digits). Stops keep it as place.attractionId. */
  id: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  contentTypeId: z.number().int(),
  /** KTO areaCode / sigunguCode. */
  sido: z.number().int(),
  gugun: z.number().int().nullable(),
  addr1: z.string().nullable(),
  addr2: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** KTO firstimage (about 500 px) and firstimage2 (thumbnail, about 150 px). */
  firstImage: z.string().nullable(),
  firstImage2: z.string().nullable(),
  /** Present when the search had `near`: great-circle distance from that point. */
  distanceKm: z.number().optional(),
});
export type AttractionSummary = z.infer<typeof attractionSummarySchema>;

export const attractionImageSchema = z.object({ url: z.string(), thumbnailUrl: z.string().nullable() });
export type AttractionImage = z.infer<typeof attractionImageSchema>;

export const attractionDetailSchema = attractionSummarySchema.extend({
  zipcode: z.string().nullable(),
  tel: z.string().nullable(),
  telName: z.string().nullable(),
  /** A plain http(s) URL (KTO sends an <a> tag; the server keeps its href). */
  homepage: z.string().nullable(),
  /** Every photo, firstimage first. */
  images: z.array(attractionImageSchema),
  /** Sanitized HTML (p, br, b, strong, i, em, u, ul, ol, li, a[href http/https]), in Korean (KTO's language). */
  overview: z.string().nullable(),
  /**
   * The same in English, when the catalog has one (files, the dev catalog; KTO's Korean service
   * has none). Absent from servers and region packs older than this field.
   */
  overviewEn: z.string().nullable().optional(),
  cat1: z.string().nullable(),
  cat2: z.string().nullable(),
  cat3: z.string().nullable(),
  source: attractionSourceSchema,
  /** Show this under the attraction (KTO data must keep its attribution). */
  attribution: z.string().nullable(),
  /** KTO cpyrhtDivCd: Type1 attribution; Type3 attribution and no changes. */
  license: z.string().nullable(),
  /** KTO modifiedtime as ISO 8601 (Korea time), when known. */
  modifiedAt: z.string().nullable(),
  /** When this server last wrote the row (ISO 8601 UTC). */
  updatedAt: z.string(),
});
export type AttractionDetail = z.infer<typeof attractionDetailSchema>;

export const attractionSorts = ['relevance', 'name', 'distance'] as const;
export type AttractionSort = (typeof attractionSorts)[number];

const sidoCodes = new Set(ktoSido.map((s) => s.code));
const contentTypeIds = new Set(ktoContentTypes.map((t) => t.id));
const intParam = (max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
const decimal = /^-?\d{1,3}(\.\d{1,12})?$/;

/** The query string of GET /attractions, as the client sends it (every value a string). */
export const attractionSearchQueryShape = z.object({
  /** Words that must all occur in the title (Korean or English name) or the address; Korean matches inside compounds. */
  q: z.string().max(SEARCH_TEXT_MAX).optional(),
  /** KTO areaCode. */
  sido: intParam(99).optional(),
  /** KTO sigunguCode within `sido` (needs sido). */
  gugun: intParam(999).optional(),
  /** One or more content type ids, comma separated: "12" or "12,14". */
  type: z
    .string()
    .regex(/^\d{2}(,\d{2}){0,7}$/, 'content type ids separated by commas')
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .optional(),
  /** "lat,lng" (WGS84 degrees). */
  near: z
    .string()
    .refine((s) => s.split(',').length === 2 && s.split(',').every((p) => decimal.test(p.trim())), 'lat,lng')
    .transform((s) => {
      const [lat, lng] = s.split(',').map(Number) as [number, number];
      return { lat, lng };
    })
    .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180, 'lat within ±90, lng within ±180')
    .optional(),
  /** With `near`: only places within this many km (default 20, at most 200). */
  radiusKm: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,3})?$/, 'a number of km')
    .transform(Number)
    .pipe(z.number().gt(0).max(200))
    .optional(),
  page: intParam(10_000).optional(),
  pageSize: intParam(100).optional(),
  /** relevance (default with q), distance (default with near, needs near), name (default otherwise). */
  sort: z.enum(attractionSorts).optional(),
});

export const DEFAULT_RADIUS_KM = 20;
export const DEFAULT_PAGE_SIZE = 20;

/** Parses and checks the search query; the output has every default filled in. */
export const attractionSearchQuerySchema = attractionSearchQueryShape
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.sido !== undefined && !sidoCodes.has(v.sido)) issue('sido', 'unknown sido (KTO areaCode)');
    if (v.gugun !== undefined) {
      const sido = ktoSido.find((s) => s.code === v.sido);
      if (v.sido === undefined) issue('gugun', 'gugun needs sido');
      else if (sido && !sido.gugun.some((g) => g.code === v.gugun))
        issue('gugun', 'unknown gugun in this sido');
    }
    for (const t of v.type ?? []) if (!contentTypeIds.has(t)) issue('type', `unknown content type ${t}`);
    if (v.radiusKm !== undefined && !v.near) issue('radiusKm', 'radiusKm needs near');
    if (v.sort === 'distance' && !v.near) issue('sort', 'sort=distance needs near');
  })
  .transform((v) => {
    const q = v.q?.trim() ? v.q.trim() : undefined;
    return {
      ...v,
      q,
      radiusKm: v.near ? (v.radiusKm ?? DEFAULT_RADIUS_KM) : undefined,
      page: v.page ?? 1,
      pageSize: v.pageSize ?? DEFAULT_PAGE_SIZE,
      sort: v.sort ?? (q ? 'relevance' : v.near ? 'distance' : 'name'),
    } as AttractionSearch;
  });

/** A checked search (what the server runs; the app's offline search takes the same). */
export type AttractionSearch = {
  q?: string | undefined;
  sido?: number | undefined;
  gugun?: number | undefined;
  type?: number[] | undefined;
  near?: { lat: number; lng: number } | undefined;
  radiusKm?: number | undefined;
  page: number;
  pageSize: number;
  sort: AttractionSort;
};

/** Builds the query string of GET /attractions (without "?") from a search: the inverse of the schema. */
export function attractionSearchQueryString(s: Partial<AttractionSearch>): string {
  const p: [string, string][] = [];
  if (s.q) p.push(['q', s.q]);
  if (s.sido !== undefined) p.push(['sido', String(s.sido)]);
  if (s.gugun !== undefined) p.push(['gugun', String(s.gugun)]);
  if (s.type?.length) p.push(['type', s.type.join(',')]);
  if (s.near) p.push(['near', `${s.near.lat},${s.near.lng}`]);
  if (s.near && s.radiusKm !== undefined) p.push(['radiusKm', String(s.radiusKm)]);
  if (s.page !== undefined) p.push(['page', String(s.page)]);
  if (s.pageSize !== undefined) p.push(['pageSize', String(s.pageSize)]);
  if (s.sort) p.push(['sort', s.sort]);
  return p.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

export const attractionSearchResultSchema = z.object({
  items: z.array(attractionSummarySchema),
  /** Every match across pages. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalPages: z.number().int(),
  sort: z.enum(attractionSorts),
});
export type AttractionSearchResult = z.infer<typeof attractionSearchResultSchema>;

export const REGION_PACK_FORMAT = 'hamgaja.region-pack/1';

/** First line of a region pack; every further line is one AttractionDetail. */
export const regionPackHeaderSchema = z.object({
  format: z.literal(REGION_PACK_FORMAT),
  region: regionSchema,
  contentTypes: z.array(contentTypeSchema),
  /** Number of attraction lines that follow. */
  count: z.number().int(),
  /** Catalog version the pack was cut from (changes on every import). */
  version: z.string(),
  /** Distinct attributions of the data in the pack (show them in the app's offline credits). */
  attributions: z.array(z.string()),
});
export type RegionPackHeader = z.infer<typeof regionPackHeaderSchema>;

/** Splits a decompressed region pack into its header and attractions, checking every line. */
export function parseRegionPack(ndjson: string): {
  header: RegionPackHeader;
  attractions: AttractionDetail[];
} {
  const lines = ndjson.split('\n').filter((l) => l.trim() !== '');
  const header = regionPackHeaderSchema.parse(JSON.parse(lines[0] ?? 'null'));
  const attractions = lines.slice(1).map((l) => attractionDetailSchema.parse(JSON.parse(l)));
  if (attractions.length !== header.count)
    throw new Error(`region pack holds ${attractions.length} of ${header.count} attractions`);
  return { header, attractions };
}
