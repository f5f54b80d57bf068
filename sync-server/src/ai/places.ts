import type { Database } from '../db/database.js';
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
