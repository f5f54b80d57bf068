import { Router, type RequestHandler, type Response } from 'express';
import {
  aiStatusSchema,
  draftEventSchema,
  itineraryDraftRequestSchema,
  tipRequestSchema,
  tipSchema,
  type DraftEvent,
} from '@hamgaja/shared';
import type { ServerContext } from '../context.js';
import { caller, requireAuth } from '../auth/guard.js';
import { AppError, notFound, problemBody } from '../http/problem.js';
import { parseBody } from '../http/validate.js';
import { describeRoute } from '../http/openapi.js';
import { catalogDraft, catalogPoolSize } from './catalog-draft.js';
import { streamDraft } from './drafts.js';
import { AiLimits } from './limits.js';
import { aiDisabled, createModel, Stopped, type Model } from './model.js';
import { catalogPlaces, type AttractionSource, type CandidateSource } from './places.js';
import { Tips } from './tips.js';

/** Places offered to the model per content type (6 types, so at most 60 candidates). */
const CANDIDATES_PER_TYPE = 10;
/** Catalog drafts (AI off) per user per minute: no model is called, so only a modest request limit applies. */
export const CATALOG_DRAFTS_PER_MINUTE = 20;

/** An abort signal that fires when the client goes away before the answer is complete. */
function clientGone(res: Response): AbortController {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Stopped('client_gone'));
  });
  return controller;
}

export type AiDependencies = {
  model?: Model | undefined;
  places?: (AttractionSource & CandidateSource) | undefined;
};

/** The AI trip assistant: tips for attractions and streamed itinerary drafts. The key never leaves the server. */
export function createAiRouter(ctx: ServerContext, deps: AiDependencies = {}): Router {
  const router = Router();
  const model = 'model' in deps ? deps.model : createModel(ctx.config);
  const places = deps.places ?? catalogPlaces(ctx.db);
  const tips = new Tips(ctx.db, places);
  const limits = new AiLimits(ctx.db, ctx.config.ai.ratePerMinute, ctx.config.ai.dailyQuota, (name) =>
    ctx.rateLimits.refused(name),
  );
  const authed = requireAuth(ctx.config);
  /** requireModel: answers 503 ai_disabled when no key is configured. */
  const requireModel: RequestHandler = (_req, _res, next) => next(model ? undefined : aiDisabled());
  /** Without a model a draft comes from the catalog: the AI limits do not apply, this one does. */
  const catalogDrafts: RequestHandler = model
    ? (_req, _res, next) => next()
    : ctx.rateLimits.perUser(
        { name: 'catalog_draft', limit: CATALOG_DRAFTS_PER_MINUTE, windowMs: 60_000, what: 'draft' },
        (req) => caller(req).userId,
      );

  // Lets the app show "AI is off" (and that drafts come from the catalog) before anyone presses a button.
  router.get('/ai/status', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({
      enabled: model !== undefined,
      dailyQuota: ctx.config.ai.dailyQuota,
      drafts: model ? 'ai' : 'catalog',
    });
  });

  router.post('/ai/attractions/:id/tip', authed, requireModel, async (req, res) => {
    const id = String(req.params.id);
    if (!/^\d{1,15}$/.test(id)) throw notFound('Attraction');
    const body = parseBody(req, tipRequestSchema);
    const userId = caller(req).userId;
    await limits.request(userId);
    const { place, tip, previous } = await tips.fromCache(id, body.lang);
    if (tip && !body.another) {
      res.set('Cache-Control', 'no-store').json(tip);
      return;
    }
    await limits.modelCall(userId);
    const abort = clientGone(res);
    try {
      res
        .set('Cache-Control', 'no-store')
        .json(await tips.generate(model!, place, body.lang, previous, abort.signal));
    } catch (err) {
      if (err instanceof Stopped) {
        req.log.info({ attractionId: id }, 'AI tip cancelled: the client went away');
        return;
      }
      throw err;
    }
  });

  // With a model, an AI draft; without one, a draft from the catalog alone (same events, source 'catalog').
  router.post('/ai/itinerary-drafts', authed, catalogDrafts, async (req, res) => {
    const body = parseBody(req, itineraryDraftRequestSchema);
    const userId = caller(req).userId;
    if (model) await limits.request(userId);
    const candidates = await places.candidates({
      sido: body.region?.sidoCode,
      gugun: body.region?.gugunCode,
      near: body.near,
      types: body.types,
      ...(model
        ? { perType: CANDIDATES_PER_TYPE }
        : { perType: catalogPoolSize(body), rank: 'prominence' as const }),
    });
    if (candidates.length === 0) {
      throw new AppError(
        422,
        'ai_no_candidates',
        'Our catalog has no places there yet; choose another region',
      );
    }
    if (model) await limits.modelCall(userId);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Nginx must pass each event on at once.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const send = (event: DraftEvent) => {
      if (!res.writableEnded && !res.destroyed)
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    send({ type: 'start', candidateCount: candidates.length, source: model ? 'ai' : 'catalog' });
    if (!model) {
      try {
        catalogDraft(body, candidates, send);
      } catch (err) {
        // The stream has begun: the failure ends it as an event, like an AI draft's.
        req.log.error({ err }, 'Catalog draft failed');
        send({
          type: 'error',
          problem: problemBody(500, 'internal_error', 'Something went wrong on our side', {
            instance: req.originalUrl,
          }),
        });
      }
      res.end();
      return;
    }
    const abort = clientGone(res);
    try {
      await streamDraft(model, body, candidates, send, abort);
    } catch (err) {
      if (err instanceof Stopped) {
        req.log.info('AI draft cancelled: the client went away');
        return;
      }
      const problem =
        err instanceof AppError
          ? err
          : new AppError(500, 'internal_error', 'Something went wrong on our side');
      if (!(err instanceof AppError)) req.log.error({ err }, 'AI draft failed');
      send({
        type: 'error',
        problem: problemBody(problem.status, problem.code, problem.message, { instance: req.originalUrl }),
      });
    }
    res.end();
  });

  return router;
}

// The OpenAPI description of the routes above.
const tag = 'AI';
describeRoute({
  method: 'get',
  path: '/ai/status',
  tag,
  summary: 'Whether the AI features are on, and the daily quota per user',
  ok: { status: 200, schema: aiStatusSchema },
});
describeRoute({
  method: 'post',
  path: '/ai/attractions/{id}/tip',
  tag,
  summary:
    'A short tip for a first-time visitor (cached per attraction and language; another: true asks anew)',
  auth: true,
  body: tipRequestSchema,
  ok: { status: 200, schema: tipSchema },
  errors: [404, 429, 502, 503, 504],
});
describeRoute({
  method: 'post',
  path: '/ai/itinerary-drafts',
  tag,
  summary:
    'Stream a day-by-day draft built only from catalog places (text/event-stream; each data line is a DraftEvent). ' +
    "Without AI (no OPENAI_API_KEY) the draft comes from the catalog alone: its best-known places grouped into days by area (start event source: 'catalog')",
  auth: true,
  body: itineraryDraftRequestSchema,
  ok: { status: 200, schema: draftEventSchema, description: 'text/event-stream of DraftEvent' },
  errors: [422, 429],
});
