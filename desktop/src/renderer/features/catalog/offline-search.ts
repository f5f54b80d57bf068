/**
 * Search over downloaded region packs, with the same rules as the server (shared text
 * normalization, every word a substring of the title or the address, same relevance and
 * ordering), so results offline match what the user saw online.
 */
import {
  distanceKm,
  ktoSido,
  matchesWords,
  normalizeText,
  queryWords,
  relevance,
  relevanceTitleKey,
  searchableAddress,
  searchableTitle,
  type AttractionDetail,
  type AttractionSearch,
  type AttractionSearchResult,
  type AttractionSummary,
} from '@hamgaja/shared';

export type IndexedAttraction = {
  attraction: AttractionDetail;
  /** Normalized title (with the English name) and address (with region names), as the server indexes them. */
  title: string;
  address: string;
  /** The title's tie-break key among equally relevant matches (as the server ranks them). */
  titleKey: string;
  numericId: number;
};

/** Prepares attractions for searching (once per pack, not per keystroke). */
export function indexAttractions(attractions: readonly AttractionDetail[]): IndexedAttraction[] {
  return attractions.map((attraction) => {
    const sido = ktoSido.find((s) => s.code === attraction.sido);
    const gugun = sido?.gugun.find((g) => g.code === attraction.gugun);
    return {
      attraction,
      title: searchableTitle(attraction.title, attraction.titleEn).slice(0, 400),
      address: searchableAddress([
        attraction.addr1,
        attraction.addr2,
        sido?.name.ko,
        sido?.name.en,
        gugun?.name.ko,
        gugun?.name.en,
      ]).slice(0, 600),
      titleKey: relevanceTitleKey(searchableTitle(attraction.title, attraction.titleEn).slice(0, 400)),
      numericId: Number(attraction.id),
    };
  });
}

/** The summary fields of a detail (what a search result carries). */
export function summaryOf(a: AttractionDetail, distance?: number): AttractionSummary {
  const summary: AttractionSummary = {
    id: a.id,
    title: a.title,
    titleEn: a.titleEn,
    contentTypeId: a.contentTypeId,
    sido: a.sido,
    gugun: a.gugun,
    addr1: a.addr1,
    addr2: a.addr2,
    lat: a.lat,
    lng: a.lng,
    firstImage: a.firstImage,
    firstImage2: a.firstImage2,
  };
  if (distance !== undefined) summary.distanceKm = distance;
  return summary;
}

/** Code-unit order, as the server's binary collation of the normalized title. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Runs a checked search over indexed attractions: one page and the total. */
export function searchOffline(
  index: readonly IndexedAttraction[],
  s: AttractionSearch,
): AttractionSearchResult {
  const words = s.q ? queryWords(s.q) : [];
  const query = s.q ? normalizeText(s.q) : '';
  const types = s.type?.length ? new Set(s.type) : null;
  const hits: { entry: IndexedAttraction; score: number; distance?: number }[] = [];
  for (const entry of index) {
    const a = entry.attraction;
    if (s.sido !== undefined && a.sido !== s.sido) continue;
    if (s.gugun !== undefined && a.gugun !== s.gugun) continue;
    if (types && !types.has(a.contentTypeId)) continue;
    if (words.length > 0 && !matchesWords(words, entry.title, entry.address)) continue;
    let distance: number | undefined;
    if (s.near) {
      if (a.lat === null || a.lng === null) continue;
      distance = distanceKm(s.near, { lat: a.lat, lng: a.lng });
      if (distance > (s.radiusKm ?? Infinity)) continue;
    }
    hits.push({
      entry,
      score: words.length > 0 ? relevance(words, entry.title, entry.address, query) : 0,
      distance,
    });
  }
  const byName = (x: (typeof hits)[number], y: (typeof hits)[number]) =>
    byCodeUnits(x.entry.title, y.entry.title) || x.entry.numericId - y.entry.numericId;
  const byTitleKey = (x: (typeof hits)[number], y: (typeof hits)[number]) =>
    byCodeUnits(x.entry.titleKey, y.entry.titleKey) || x.entry.numericId - y.entry.numericId;
  const byDistance = (x: (typeof hits)[number], y: (typeof hits)[number]) =>
    (x.distance ?? 0) - (y.distance ?? 0);
  hits.sort((x, y) => {
    if (s.sort === 'distance' && s.near) return byDistance(x, y) || x.entry.numericId - y.entry.numericId;
    if (s.sort === 'relevance' && words.length > 0)
      return y.score - x.score || (s.near ? byDistance(x, y) : 0) || byTitleKey(x, y);
    return byName(x, y);
  });
  const start = (s.page - 1) * s.pageSize;
  return {
    items: hits.slice(start, start + s.pageSize).map((h) => summaryOf(h.entry.attraction, h.distance)),
    total: hits.length,
    page: s.page,
    pageSize: s.pageSize,
    totalPages: Math.ceil(hits.length / s.pageSize),
    sort: s.sort,
  };
}
