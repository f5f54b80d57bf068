import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  attractionDetailSchema,
  attractionSearchQueryShape,
  attractionSearchQuerySchema,
  attractionSearchResultSchema,
  contentTypeSchema,
  regionSchema,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { AppError, notFound } from '../http/problem.js';
import { parseQuery } from '../http/validate.js';
import { describeRoute } from '../http/openapi.js';
import { RegionPacks } from './pack.js';
import { listContentTypes, listRegions } from './regions.js';
import { SearchCache } from './search.js';
import { findAttraction } from './store.js';

/** A numeric path parameter; anything else names nothing that exists. */
function idParam(req: Request, name: string, what: string): number {
  const raw = String(req.params[name]);
  if (!/^\d{1,15}$/.test(raw)) throw notFound(what);
  return Number(raw);
}

/** The attractions catalog: search, detail, regions, content types and offline region packs (public). */
export function createCatalogRouter(ctx: ServerContext): Router {
  const router = Router();
  const packs = new RegionPacks(ctx.db);
  const searches = new SearchCache(ctx.db, ctx.config.catalogSearchCache);

  router.get('/attractions', async (req, res) => {
    const search = parseQuery(req, attractionSearchQuerySchema);
    res.set('Cache-Control', 'public, max-age=60').json(await searches.search(search));
  });
  router.get('/attractions/:id', async (req, res) => {
    const attraction = await findAttraction(ctx.db, idParam(req, 'id', 'Attraction'));
    if (!attraction) throw notFound('Attraction');
    res.set('Cache-Control', 'public, max-age=300').json(attraction);
  });
  router.get('/regions', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await listRegions(ctx.db));
  });
  router.get('/content-types', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').json(await listContentTypes(ctx.db));
  });

  // Resumable: a client that lost the connection asks for the rest with Range + If-Range.
  router.get('/regions/:sido/pack', async (req, res) => {
    const pack = await packs.get(idParam(req, 'sido', 'Region'));
    if (!pack) throw notFound('Region');
    const size = pack.body.length;
    res.set({
      ETag: pack.etag,
      'Cache-Control': 'public, max-age=0, must-revalidate',
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/gzip',
      'Content-Disposition': `attachment; filename="hamgaja-region-${pack.sido}.ndjson.gz"`,
      'X-Attraction-Count': String(pack.count),
    });
    // Not req.fresh: fetch() adds "Cache-Control: no-cache" to conditional requests, which makes it always stale.
    const ifNoneMatch = req.get('If-None-Match');
    if (
      ifNoneMatch &&
      ifNoneMatch.split(',').some((tag) => [pack.etag, `W/${pack.etag}`, '*'].includes(tag.trim()))
    ) {
      res.status(304).end();
      return;
    }
    const ifRange = req.get('If-Range');
    const range =
      req.get('Range') && (!ifRange || ifRange === pack.etag)
        ? req.range(size, { combine: true })
        : undefined;
    if (range === -1) {
      throw new AppError(416, 'range_not_satisfiable', `The pack has ${size} bytes`, undefined, {
        'Content-Range': `bytes */${size}`,
      });
    }
    // One range is answered 206; a malformed or multi-range header gets the whole pack (RFC 9110 allows it).
    if (Array.isArray(range) && range.length === 1 && range.type === 'bytes') {
      const { start, end } = range[0]!;
      res
        .status(206)
        .set('Content-Range', `bytes ${start}-${end}/${size}`)
        .send(pack.body.subarray(start, end + 1));
      return;
    }
    res.send(pack.body);
  });

  return router;
}

// The OpenAPI description of the routes above.
const tag = 'Catalog';
describeRoute({
  method: 'get',
  path: '/attractions',
  tag,
  summary:
    'Search attractions: keyword (Korean inside compounds, English), sido, gugun, content types, near a point; paged with a total',
  query: attractionSearchQueryShape,
  ok: { status: 200, schema: attractionSearchResultSchema },
});
describeRoute({
  method: 'get',
  path: '/attractions/{id}',
  tag,
  summary: 'One attraction with photos, contact and sanitized overview HTML',
  ok: { status: 200, schema: attractionDetailSchema },
  errors: [404],
});
describeRoute({
  method: 'get',
  path: '/regions',
  tag,
  summary: 'Every sido (KTO areaCode) with its gugun (sigunguCode) and attraction count',
  ok: { status: 200, schema: z.array(regionSchema) },
});
describeRoute({
  method: 'get',
  path: '/content-types',
  tag,
  summary: 'KTO content types with Korean and English names and the trip stop category they map to',
  ok: { status: 200, schema: z.array(contentTypeSchema) },
});
describeRoute({
  method: 'get',
  path: '/regions/{sido}/pack',
  tag,
  summary:
    'Offline region pack: gzip of NDJSON (header line, then one attraction detail per line); ETag, If-None-Match → 304, Range/If-Range → 206',
  ok: { status: 200, description: 'application/gzip (also 206 Partial Content, 304 Not Modified)' },
  errors: [404, 416],
});
