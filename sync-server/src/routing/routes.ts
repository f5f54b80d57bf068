import { Router } from 'express';
import {
  MAX_ROUTING_LEGS,
  routingLegsRequestSchema,
  routingLegsResponseSchema,
  type RoutingLegsResponse,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { requireAuth } from '../auth/guard.js';
import { parseBody } from '../http/validate.js';
import { describeRoute } from '../http/openapi.js';
import { TravelTimes } from './legs.js';

/** Road and foot travel times between stops from an OSRM-compatible routing service (ROUTING_URL). */
export function createRoutingRouter(ctx: ServerContext): Router {
  const router = Router();
  const travel = new TravelTimes(ctx.config.routing, ctx.metrics, ctx.logger);

  router.post('/routing/legs', requireAuth(ctx.config), async (req, res) => {
    const body = parseBody(req, routingLegsRequestSchema);
    res.set('Cache-Control', 'no-store');
    if (!travel.available) {
      res.json({ available: false, legs: body.legs.map(() => null) } satisfies RoutingLegsResponse);
      return;
    }
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const { legs } = await travel.measure(body.legs, gone.signal);
    if (gone.signal.aborted) return;
    res.json({ available: true, legs } satisfies RoutingLegsResponse);
  });

  return router;
}

describeRoute({
  method: 'post',
  path: '/routing/legs',
  tag: 'Routing',
  summary: `Road (car) and foot (walk) travel times of up to ${MAX_ROUTING_LEGS} legs, in the order asked`,
  description:
    'Each answer is `{distanceMetres, durationSeconds, source}` or `null`: no refined figure, keep your ' +
    'own estimate. Transit legs are always null, as are legs the routing service could not route or ' +
    'did not answer in time (the request still succeeds). `available: false`: this server has no routing ' +
    'service (ROUTING_URL unset) and every leg is null.',
  auth: true,
  body: routingLegsRequestSchema,
  ok: { status: 200, schema: routingLegsResponseSchema },
});
