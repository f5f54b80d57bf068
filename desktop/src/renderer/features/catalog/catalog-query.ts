/**
 * The search page's query and its address: every filter lives in the URL, so a search can be
 * shared, bookmarked and restored by Back. Invalid values in a hand-edited URL are dropped
 * one by one (the rest of the search still works), never sent to the server.
 */
import {
  attractionSearchQuerySchema,
  attractionSearchQueryShape,
  attractionSorts,
  DEFAULT_RADIUS_KM,
  ktoContentTypes,
  ktoSido,
  type AttractionSearch,
  type AttractionSort,
} from '@hamgaja/shared';

export type CatalogQuery = {
  q: string;
  sido?: number | undefined;
  gugun?: number | undefined;
  /** Content type ids, in the order of the KTO list. */
  type: number[];
  page: number;
  sort?: AttractionSort | undefined;
  /** "Search this area": places within `radiusKm` of a point. */
  near?: { lat: number; lng: number } | undefined;
  radiusKm?: number | undefined;
};

/** Results per page on the search page. */
export const PAGE_SIZE = 12;

/** Parameters the search page keeps but that are not part of the search (the trip a place is added to). */
export const CONTEXT_PARAMS = ['trip', 'day'] as const;

const shape = attractionSearchQueryShape.shape;
const typeOrder = ktoContentTypes.map((t) => t.id);

function field<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  raw: string | null,
): T | undefined {
  if (raw === null || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Reads the search from the address; anything invalid is left out. */
export function queryFromParams(params: URLSearchParams): CatalogQuery {
  const q = (params.get('q') ?? '').slice(0, 100);
  const sido = field(shape.sido, params.get('sido'));
  const region = ktoSido.find((s) => s.code === sido);
  const gugunRaw = field(shape.gugun, params.get('gugun'));
  const gugun = region?.gugun.some((g) => g.code === gugunRaw) ? gugunRaw : undefined;
  const types = field(shape.type, params.get('type')) ?? [];
  const type = typeOrder.filter((id) => types.includes(id));
  const page = field(shape.page, params.get('page')) ?? 1;
  const near = field(shape.near, params.get('near'));
  const nearOk = near && Math.abs(near.lat) <= 90 && Math.abs(near.lng) <= 180 ? near : undefined;
  const radiusKm = nearOk ? field(shape.radiusKm, params.get('radiusKm')) : undefined;
  const sortRaw = params.get('sort');
  // "distance" needs a point; relevance needs words.
  const sort =
    sortRaw === 'name' || (sortRaw === 'relevance' && q.trim()) || (sortRaw === 'distance' && nearOk)
      ? sortRaw
      : undefined;
  return { q, sido: region ? sido : undefined, gugun, type, page, sort, near: nearOk, radiusKm };
}

/** Writes the search into an address, keeping the context parameters of `current`. */
export function paramsFromQuery(query: CatalogQuery, current?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  const q = query.q.trim();
  if (q) params.set('q', q);
  if (query.sido !== undefined) params.set('sido', String(query.sido));
  if (query.sido !== undefined && query.gugun !== undefined) params.set('gugun', String(query.gugun));
  if (query.type.length) params.set('type', typeOrder.filter((id) => query.type.includes(id)).join(','));
  if (query.near) {
    params.set('near', `${roundCoordinate(query.near.lat)},${roundCoordinate(query.near.lng)}`);
    if (query.radiusKm !== undefined) params.set('radiusKm', String(query.radiusKm));
  }
  if (
    query.sort &&
    (attractionSorts as readonly string[]).includes(query.sort) &&
    (query.sort !== 'distance' || query.near)
  )
    params.set('sort', query.sort);
  if (query.page > 1) params.set('page', String(query.page));
  for (const name of CONTEXT_PARAMS) {
    const value = current?.get(name);
    if (value) params.set(name, value);
  }
  return params;
}

/** Five decimals (about 1 m) keep addresses short. */
const roundCoordinate = (value: number) => Number(value.toFixed(5));

/** The checked search the server (or the offline index) runs for a page query. */
export function searchOf(query: CatalogQuery, pageSize = PAGE_SIZE): AttractionSearch {
  const raw: Record<string, string> = { page: String(query.page), pageSize: String(pageSize) };
  if (query.q.trim()) raw.q = query.q.trim();
  if (query.sido !== undefined) raw.sido = String(query.sido);
  if (query.sido !== undefined && query.gugun !== undefined) raw.gugun = String(query.gugun);
  if (query.type.length) raw.type = query.type.join(',');
  if (query.near) {
    raw.near = `${roundCoordinate(query.near.lat)},${roundCoordinate(query.near.lng)}`;
    if (query.radiusKm !== undefined) raw.radiusKm = String(query.radiusKm);
  }
  if (query.sort && (query.sort !== 'distance' || raw.near) && (query.sort !== 'relevance' || raw.q))
    raw.sort = query.sort;
  return attractionSearchQuerySchema.parse(raw);
}

/** True when the query asks for anything at all (an empty search lists every place by name). */
export function hasFilters(query: CatalogQuery): boolean {
  return (
    query.q.trim() !== '' || query.sido !== undefined || query.type.length > 0 || query.near !== undefined
  );
}

/** A filter the user can remove with one click. */
export type FilterChip =
  | { kind: 'q'; value: string }
  | { kind: 'sido'; value: number }
  | { kind: 'gugun'; value: number }
  | { kind: 'type'; value: number }
  | { kind: 'near'; value: number };

export function filterChips(query: CatalogQuery): FilterChip[] {
  const chips: FilterChip[] = [];
  if (query.q.trim()) chips.push({ kind: 'q', value: query.q.trim() });
  if (query.sido !== undefined) chips.push({ kind: 'sido', value: query.sido });
  if (query.sido !== undefined && query.gugun !== undefined)
    chips.push({ kind: 'gugun', value: query.gugun });
  for (const type of query.type) chips.push({ kind: 'type', value: type });
  if (query.near) chips.push({ kind: 'near', value: query.radiusKm ?? DEFAULT_RADIUS_KM });
  return chips;
}

/** The query without one filter (removing the sido removes its gugun too); back to page 1. */
export function withoutChip(query: CatalogQuery, chip: FilterChip): CatalogQuery {
  const next: CatalogQuery = { ...query, page: 1 };
  if (chip.kind === 'q') {
    next.q = '';
    if (next.sort === 'relevance') next.sort = undefined;
  }
  if (chip.kind === 'sido') {
    next.sido = undefined;
    next.gugun = undefined;
  }
  if (chip.kind === 'gugun') next.gugun = undefined;
  if (chip.kind === 'type') next.type = query.type.filter((t) => t !== chip.value);
  if (chip.kind === 'near') {
    next.near = undefined;
    next.radiusKm = undefined;
    if (next.sort === 'distance') next.sort = undefined;
  }
  return next;
}
