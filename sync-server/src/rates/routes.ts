import { Router } from 'express';
import { ratesResponseSchema } from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { describeRoute } from '../http/openapi.js';
import { exchangeRatesOf, ExchangeRates } from './service.js';

/** Exchange rates for expenses in other currencies (public: the ECB's reference rates are public data). */
export function createRatesRouter(ctx: ServerContext): Router {
  const router = Router();
  const rates = exchangeRatesOf(ctx);

  router.get('/rates', async (req, res) => {
    const answer = await rates.current();
    const etag = ExchangeRates.etagOf(answer);
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=0, must-revalidate' });
    // Not req.fresh: fetch() adds "Cache-Control: no-cache" to conditional requests, which makes it always stale.
    const ifNoneMatch = req.get('If-None-Match');
    if (ifNoneMatch?.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()))) {
      res.status(304).end();
      return;
    }
    res.json(answer);
  });

  return router;
}

describeRoute({
  method: 'get',
  path: '/rates',
  tag: 'Rates',
  summary: 'The latest exchange rates the server has, against the euro (ECB reference rates)',
  description:
    '`rates[code]` is how many units of `code` one `base` (EUR) buys, as the decimal text the feed ' +
    'published. `state`: `current` (refreshed within a day), `stale` (the last good rates; the feed ' +
    'failed or is overdue), `none` (no rates: the server has no RATES_URL and none stored, or the feed ' +
    'never answered; `rates` is empty). Public, no authentication. Answers carry an ETag: send it back ' +
    'in If-None-Match to get 304 while nothing changed.',
  ok: { status: 200, schema: ratesResponseSchema },
});
