import { Router, type Request, type RequestHandler } from 'express';
import { caller, requireAuth } from '../auth/guard.js';
import type { ServerContext } from '../context.js';
import { describeRoute } from '../http/openapi.js';
import { parseQuery } from '../http/validate.js';
import {
  CALENDAR_TOKEN_PATTERN,
  CalendarFeeds,
  calendarFeedNotFound,
  calendarTokenHash,
} from './calendar-feed.js';
import { requireTripOwner, tripIdParam } from './guards.js';
import { Membership } from './membership.js';
import { calendarFeedCreatedSchema, calendarFeedQuerySchema, calendarFeedStatusSchema } from './schemas.js';

/** Calendar apps poll a few times an hour per device; this leaves room for a household's devices. */
export const FEED_FETCHES_PER_HOUR = 120;
/** Any feed from one address per minute: a flood guard (many people's feeds share a calendar service's address). */
export const FEED_FETCHES_PER_IP_PER_MINUTE = 600;
/** How long a calendar app may reuse an answer before asking again (conditionally). */
const FEED_MAX_AGE_SECONDS = 300;

/** The token of `/calendar/<token>.ics`; anything else is simply an unknown feed. */
function feedToken(req: Request): string {
  const match = /^(.+)\.ics$/.exec(String(req.params.file));
  if (!match || !CALENDAR_TOKEN_PATTERN.test(match[1]!)) throw calendarFeedNotFound();
  return match[1]!;
}

/**
 * Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2). Not
 * `req.fresh`: it ignores the condition when the request also says `Cache-Control: no-cache`,
 * which fetch() adds to every conditional request, although a 304 from the origin is right then.
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** A trip's live calendar feed: the owner makes, rotates and revokes it; calendar apps fetch it by its token. */
export function createCalendarFeedRouter(ctx: ServerContext): Router {
  const router = Router();
  const feeds = new CalendarFeeds(ctx);
  const authed = requireAuth(ctx.config);
  const owner = requireTripOwner(new Membership(ctx.db));
  const perIp = ctx.rateLimits.perIp({
    name: 'calendar_feed_ip',
    limit: FEED_FETCHES_PER_IP_PER_MINUTE,
    windowMs: 60_000,
    what: 'calendar feed',
  });
  // Counted per token (by its hash: no token reaches Redis), known or not.
  const perFeed = ctx.rateLimits.perUser(
    { name: 'calendar_feed', limit: FEED_FETCHES_PER_HOUR, windowMs: 3_600_000, what: 'calendar feed' },
    (req) => calendarTokenHash(feedToken(req)),
  );

  router.get('/trips/:id/calendar-feed', authed, owner, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await feeds.status(tripIdParam(req), caller(req).userId));
  });
  router.post('/trips/:id/calendar-feed', authed, owner, async (req, res) => {
    const created = await feeds.createOrRotate(tripIdParam(req), caller(req).userId);
    res.status(201).set('Cache-Control', 'no-store').json(created);
  });
  router.delete('/trips/:id/calendar-feed', authed, owner, async (req, res) => {
    await feeds.revoke(tripIdParam(req));
    res.status(204).end();
  });

  /** A malformed token is refused before it is counted against any feed. */
  const wellFormed: RequestHandler = (req, _res, next) => {
    feedToken(req);
    next();
  };
  router.get('/calendar/:file', perIp, wellFormed, perFeed, async (req, res) => {
    const { lang } = parseQuery(req, calendarFeedQuerySchema);
    const feed = await feeds.render(feedToken(req), lang);
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      ETag: feed.etag,
      'Last-Modified': feed.lastModified.toUTCString(),
      // Only the token holder's calendar app may keep it; shared caches never.
      'Cache-Control': `private, max-age=${FEED_MAX_AGE_SECONDS}`,
      'Content-Disposition': 'inline; filename="hamgaja.ics"',
      'X-Robots-Tag': 'noindex',
    });
    if (matchesEtag(req.get('If-None-Match'), feed.etag)) {
      res.status(304).end();
      return;
    }
    res.send(feed.ics);
  });

  return router;
}

// The OpenAPI description of the routes above.
const tag = 'Calendar feed';
describeRoute({
  method: 'get',
  path: '/trips/{id}/calendar-feed',
  tag,
  summary: "The trip's calendar feed: whether one works, since when (owner; never the URL)",
  auth: true,
  ok: { status: 200, schema: calendarFeedStatusSchema },
  errors: [403, 404],
});
describeRoute({
  method: 'post',
  path: '/trips/{id}/calendar-feed',
  tag,
  summary: 'Create the calendar feed, or rotate its token (owner)',
  description: [
    'Answers the new token and its URLs once; the server keeps only a hash of the token. Rotating',
    'ends the old URL at once (404). `url` and `webcalUrl` are under PUBLIC_URL.',
  ].join('\n'),
  auth: true,
  ok: { status: 201, schema: calendarFeedCreatedSchema },
  errors: [403, 404],
});
describeRoute({
  method: 'delete',
  path: '/trips/{id}/calendar-feed',
  tag,
  summary: 'Revoke the calendar feed (owner); its URL answers 404 from then on',
  auth: true,
  ok: { status: 204, description: 'Revoked' },
  errors: [403, 404],
});
describeRoute({
  method: 'get',
  path: '/calendar/{token}.ics',
  tag,
  summary: "A trip's live calendar (ICS) by its feed token; no sign-in",
  description: [
    '`text/calendar; charset=utf-8`: one all-day event for the trip and one event per live stop, with',
    "stable UIDs (`stop-<id>@hamgaja`), times in the trip's time zone. A strong `ETag` (a hash of the",
    "body; DTSTAMP is the trip's latest change) answers `If-None-Match` with 304;",
    `\`Cache-Control: private, max-age=${FEED_MAX_AGE_SECONDS}\`. An unknown, revoked or rotated token, or`,
    'a deleted trip: 404 `calendar_feed_not_found`. At most',
    `${FEED_FETCHES_PER_HOUR} fetches per feed per hour and ${FEED_FETCHES_PER_IP_PER_MINUTE} per address`,
    'per minute (429 `rate_limited` with Retry-After).',
  ].join('\n'),
  query: calendarFeedQuerySchema,
  ok: { status: 200, description: 'text/calendar' },
  errors: [404, 429],
});
