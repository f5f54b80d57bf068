/**
 * The catalog as the app reads it: the server when reachable, the downloaded regions when
 * not. Each answer says where it came from, so the page can tell the user.
 */
import {
  attractionDetailSchema,
  attractionSearchQueryString,
  attractionSearchResultSchema,
  regionSchema,
  type AttractionDetail,
  type AttractionSearch,
  type AttractionSearchResult,
  type Region,
} from '@hamgaja/shared';
import { z } from 'zod';
import { ApiError, sendJson, type FetchLike } from '../../api/http';
import type { OfflineCatalog } from './offline-catalog';

export type Sourced<T> = { data: T; source: 'online' | 'offline' };

/** Offline fallback only for "no answer" (a server that answers 4xx/5xx is not hidden). */
const unreachable = (error: unknown) => error instanceof ApiError && error.isNetworkError;

const fetchFn: FetchLike = (input, init) => fetch(input, init);

export async function searchAttractions(
  baseUrl: string,
  offline: OfflineCatalog,
  search: AttractionSearch,
  signal?: AbortSignal,
): Promise<Sourced<AttractionSearchResult>> {
  const onlineFirst = typeof navigator === 'undefined' || navigator.onLine;
  if (onlineFirst) {
    try {
      const data = await sendJson(
        fetchFn,
        baseUrl,
        `/attractions?${attractionSearchQueryString(search)}`,
        attractionSearchResultSchema,
        {
          signal,
        },
      );
      return { data, source: 'online' };
    } catch (error) {
      if (!unreachable(error)) throw error;
    }
  }
  if (!(await offline.hasRegions())) throw new ApiError(0, 'network', 'offline and no region downloaded');
  return { data: await offline.search(search), source: 'offline' };
}

export async function getAttraction(
  baseUrl: string,
  offline: OfflineCatalog,
  id: string,
  signal?: AbortSignal,
): Promise<Sourced<AttractionDetail> | null> {
  const onlineFirst = typeof navigator === 'undefined' || navigator.onLine;
  if (onlineFirst) {
    try {
      const data = await sendJson(
        fetchFn,
        baseUrl,
        `/attractions/${encodeURIComponent(id)}`,
        attractionDetailSchema,
        { signal },
      );
      return { data, source: 'online' };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      if (!unreachable(error)) throw error;
    }
  }
  const kept = await offline.find(id).catch(() => null);
  if (kept) return { data: kept, source: 'offline' };
  throw new ApiError(0, 'network', 'offline and the place is not in a downloaded region');
}

/** Every sido with attraction counts (null when the server is unreachable). */
export async function getRegions(baseUrl: string, signal?: AbortSignal): Promise<Region[] | null> {
  try {
    return await sendJson(fetchFn, baseUrl, '/regions', z.array(regionSchema), { signal });
  } catch (error) {
    if (unreachable(error)) return null;
    throw error;
  }
}
