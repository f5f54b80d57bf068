import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import {
  ktoContentTypes,
  ktoSido,
  searchableAddress,
  searchableTitle,
  toWellFormedText,
  type AttractionImage,
} from '@hamgaja/shared';
import { geoBand } from './geo.js';

/** Shown with every attraction that came from TourAPI (the KTO licence asks for it). */
export const KTO_ATTRIBUTION = '한국관광공사 TourAPI 제공 · Data: Korea Tourism Organization (TourAPI)';

export type AttractionSource = 'kto' | 'file' | 'dev';

/** One row of the attractions table. */
export type AttractionRow = {
  id: number;
  content_type_id: number;
  title: string;
  title_en: string | null;
  sido_code: number;
  gugun_code: number | null;
  addr1: string | null;
  addr2: string | null;
  zipcode: string | null;
  tel: string | null;
  tel_name: string | null;
  homepage: string | null;
  lat: number | null;
  lng: number | null;
  geo_band: number | null;
  first_image: string | null;
  first_image2: string | null;
  images: string | null;
  overview: string | null;
  overview_en: string | null;
  cat1: string | null;
  cat2: string | null;
  cat3: string | null;
  license: string | null;
  kto_created: string | null;
  kto_modified: string | null;
  source: AttractionSource;
  attribution: string | null;
  search_title: string;
  search_address: string;
  updated_at: Date;
};

// TourAPI sends every value as a string (or a number), empty when unknown.
const blank = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : v);
const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? blank(v.trim()) : v),
    z.string().max(max).optional(),
  );
const whole = (max: number) =>
  z.preprocess(
    (v) => blank(typeof v === 'string' ? v.trim() : v),
    z.coerce.number().int().min(0).max(max).optional(),
  );
const coordinate = (limit: number) =>
  z.preprocess(
    (v) => blank(typeof v === 'string' ? v.trim() : v),
    z.coerce.number().min(-limit).max(limit).optional(),
  );

/**
 * An attraction as TourAPI (areaBasedList2 + detailCommon2) names its fields; files use the
 * same names, plus optional title_en, overview_en (English overview HTML), images (JSON array
 * of URLs or {url, thumbnailUrl}, or "|"-separated URLs), attribution.
 */
export const ktoItemSchema = z.object({
  contentid: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 53 - 1),
  ),
  contenttypeid: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.coerce
      .number()
      .int()
      .refine(
        (id) => ktoContentTypes.some((t) => t.id === id),
        'unknown content type (12, 14, 15, 25, 28, 32, 38, 39)',
      ),
  ),
  title: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1).max(200)),
  title_en: text(200),
  addr1: text(300),
  addr2: text(200),
  zipcode: text(10),
  tel: text(200),
  telname: text(100),
  homepage: text(2000),
  firstimage: text(500),
  firstimage2: text(500),
  images: z
    .preprocess(
      (v) => (typeof v === 'string' ? blank(v.trim()) : v),
      z
        .union([
          z.array(
            z.union([
              z.string().max(500),
              z.object({ url: z.string().max(500), thumbnailUrl: z.string().max(500).nullish() }),
            ]),
          ),
          z.string().max(5000),
        ])
        .optional(),
    )
    .optional(),
  mapx: coordinate(180),
  mapy: coordinate(90),
  areacode: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.coerce.number().int()),
  sigungucode: whole(9999),
  overview: z.preprocess((v) => (typeof v === 'string' ? blank(v) : v), z.string().max(100_000).optional()),
  overview_en: z.preprocess(
    (v) => (typeof v === 'string' ? blank(v) : v),
    z.string().max(100_000).optional(),
  ),
  cat1: text(10),
  cat2: text(10),
  cat3: text(10),
  cpyrhtDivCd: text(10),
  createdtime: text(14),
  modifiedtime: text(14),
  attribution: text(300),
});
export type KtoItem = z.infer<typeof ktoItemSchema>;

const require = createRequire(import.meta.url);
let sanitizer: typeof SanitizeHtml | undefined;
/**
 * sanitize-html (with postcss and htmlparser2, about 1 MB of heap) loads with the first record
 * cleaned: a running server cleans records only when it loads the dev catalog.
 */
function sanitizeHtml(): typeof SanitizeHtml {
  sanitizer ??= require('sanitize-html') as typeof SanitizeHtml;
  return sanitizer;
}

/** Overview HTML keeps text formatting and http(s) links only; scripts, styles, handlers go. */
export function sanitizeOverview(html: string | undefined): string | null {
  if (!html) return null;
  const sanitize = sanitizeHtml();
  const clean = sanitize(html, {
    allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'a'],
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: ['http', 'https'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
    },
  }).trim();
  return clean === '' ? null : clean;
}

/** KTO's homepage field is usually an <a> tag; keep the first http(s) URL in it. */
export function homepageUrl(value: string | undefined): string | null {
  if (!value) return null;
  const href = /href\s*=\s*["']([^"']+)["']/i.exec(value)?.[1];
  const candidate = (
    href ??
    sanitizeHtml()(value, { allowedTags: [], allowedAttributes: {} }).split(/\s+/)[0] ??
    ''
  )
    .replace(/&amp;/g, '&')
    .trim();
  const withScheme = /^www\./i.test(candidate) ? `http://${candidate}` : candidate;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString().slice(0, 500) : null;
  } catch {
    return null;
  }
}

/** KTO serves its images over plain http too; the same host answers https (the app's CSP wants https). */
function imageUrl(url: string | undefined): string | null {
  if (!url) return null;
  const upgraded = url.replace(/^http:\/\/tong\.visitkorea\.or\.kr\//i, 'https://tong.visitkorea.or.kr/');
  return /^https?:\/\//i.test(upgraded) ? upgraded.slice(0, 500) : null;
}

/** yyyyMMddHHmmss (Korea time) → ISO 8601 with +09:00. */
export function ktoTimeToIso(value: string | null): string | null {
  const m = value ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+09:00` : null;
}

function imageList(item: KtoItem): AttractionImage[] {
  const listed = Array.isArray(item.images)
    ? item.images
    : typeof item.images === 'string'
      ? item.images.trim().startsWith('[')
        ? (z.array(z.string()).safeParse(safeJson(item.images)).data ?? [])
        : item.images.split('|')
      : [];
  const extra = listed.map((i) => (typeof i === 'string' ? { url: i, thumbnailUrl: null } : i));
  const images: AttractionImage[] = [];
  const first = imageUrl(item.firstimage);
  if (first) images.push({ url: first, thumbnailUrl: imageUrl(item.firstimage2) });
  for (const raw of extra) {
    const url = imageUrl(raw.url.trim());
    if (url && !images.some((i) => i.url === url)) {
      images.push({ url, thumbnailUrl: imageUrl(raw.thumbnailUrl?.trim() || undefined) });
    }
  }
  return images;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export class RecordError extends Error {}

/** The first `max` code points: columns count characters, and a cut between a surrogate pair would leave half of it. */
const firstCodePoints = (text: string, max: number) =>
  text.length <= max ? text : [...text].slice(0, max).join('');

/**
 * Turns one checked item into a table row. An unknown areacode is an error; an unknown
 * sigungucode (TourAPI renumbers districts now and then) leaves the gugun empty.
 */
export function toAttractionRow(
  item: KtoItem,
  origin: { source: AttractionSource; attribution: string | null },
  now = new Date(),
): AttractionRow {
  const sido = ktoSido.find((s) => s.code === item.areacode);
  if (!sido) throw new RecordError(`unknown areacode ${item.areacode}`);
  const gugun = sido.gugun.find((g) => g.code === item.sigungucode) ?? null;
  // 0,0 is how TourAPI says "no coordinates".
  const located = item.mapx !== undefined && item.mapy !== undefined && !(item.mapx === 0 && item.mapy === 0);
  const lat = located ? item.mapy! : null;
  const lng = located ? item.mapx! : null;
  const images = imageList(item);
  const row: AttractionRow = {
    id: item.contentid,
    content_type_id: item.contenttypeid,
    title: item.title,
    title_en: item.title_en ?? null,
    sido_code: sido.code,
    gugun_code: gugun?.code ?? null,
    addr1: item.addr1 ?? null,
    addr2: item.addr2 ?? null,
    zipcode: item.zipcode ?? null,
    tel: item.tel ?? null,
    tel_name: item.telname ?? null,
    homepage: homepageUrl(item.homepage),
    lat,
    lng,
    geo_band: lat === null ? null : geoBand(lat),
    first_image: images[0]?.url ?? null,
    first_image2: images[0]?.thumbnailUrl ?? null,
    images: images.length > 0 ? JSON.stringify(images) : null,
    overview: sanitizeOverview(item.overview),
    overview_en: sanitizeOverview(item.overview_en),
    cat1: item.cat1 ?? null,
    cat2: item.cat2 ?? null,
    cat3: item.cat3 ?? null,
    license: item.cpyrhtDivCd ?? null,
    kto_created: item.createdtime ?? null,
    kto_modified: item.modifiedtime ?? null,
    source: origin.source,
    attribution: item.attribution ?? origin.attribution,
    search_title: firstCodePoints(searchableTitle(item.title, item.title_en), 400),
    search_address: firstCodePoints(
      searchableAddress([item.addr1, item.addr2, sido.name.ko, sido.name.en, gugun?.name.ko, gugun?.name.en]),
      600,
    ),
    updated_at: now,
  };
  // Text columns hold UTF-8: imported text is made well-formed here (a lone surrogate becomes U+FFFD).
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'string') (row as Record<string, unknown>)[key] = toWellFormedText(value);
  }
  return row;
}
