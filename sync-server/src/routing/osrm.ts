import { z } from 'zod';
import type { RoutedLeg, RoutingPoint } from '@hamgaja/shared';

/** OSRM profile names as its route service spells them in the URL. */
export type OsrmProfile = 'driving' | 'foot';

/**
 * How one call to the routing service ended: `ok` and `no_route` are answers (kept in the
 * cache); the others mean "ask again later". `cancelled`: the caller went away first.
 */
export type OsrmResult =
  | 'ok'
  | 'no_route'
  | 'refused'
  | 'http_error'
  | 'bad_answer'
  | 'timeout'
  | 'unreachable'
  | 'cancelled';

export type OsrmOutcome = { result: 'ok'; leg: RoutedLeg } | { result: Exclude<OsrmResult, 'ok'> };

/** The part of OSRM's route answer we use (https://project-osrm.org/docs/v5.24.0/api/#route-service). */
const osrmAnswerSchema = z.object({
  code: z.string(),
  routes: z
    .array(z.object({ distance: z.number().nonnegative(), duration: z.number().nonnegative() }))
    .optional(),
});

/** OSRM's codes for "these points are not connected / not near any road": a real answer, not a failure. */
const NO_ROUTE_CODES = new Set(['NoRoute', 'NoSegment']);

/** Why a fetch was aborted: the request's time for the routing service ran out. */
export class RoutingDeadline extends Error {
  constructor() {
    super('routing deadline');
  }
}

/** Degrees rounded to 5 decimals (about a metre): the precision we ask and cache at. */
export const roundDegrees = (degrees: number) => Math.round(degrees * 1e5) / 1e5 || 0;

/** `lng,lat;lng,lat` (OSRM's order) of a leg, rounded. */
export const osrmCoordinates = (from: RoutingPoint, to: RoutingPoint) =>
  `${roundDegrees(from.lng)},${roundDegrees(from.lat)};${roundDegrees(to.lng)},${roundDegrees(to.lat)}`;

/**
 * Asks an OSRM-compatible server for one leg: GET {base}/route/v1/{profile}/{coordinates}.
 * Never throws: every failure becomes an outcome, so one bad leg never fails the request.
 */
export async function routeLeg(
  baseUrl: string,
  profile: OsrmProfile,
  coordinates: string,
  signal: AbortSignal,
): Promise<OsrmOutcome> {
  const url = `${baseUrl}/route/v1/${profile}/${coordinates}?overview=false`;
  const aborted = (): OsrmOutcome => ({
    result: signal.reason instanceof RoutingDeadline ? 'timeout' : 'cancelled',
  });
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      signal,
      headers: { accept: 'application/json', 'user-agent': 'Hamgaja sync server' },
      redirect: 'error',
    });
    status = res.status;
    text = await res.text();
  } catch {
    return signal.aborted ? aborted() : { result: 'unreachable' };
  }
  if (status >= 500) return { result: 'http_error' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { result: status >= 400 ? 'http_error' : 'bad_answer' };
  }
  const answer = osrmAnswerSchema.safeParse(json);
  if (!answer.success) return { result: status >= 400 ? 'http_error' : 'bad_answer' };
  const { code, routes } = answer.data;
  // OSRM answers "no route" with HTTP 400 and a code; a route comes with 200 and code Ok.
  if (NO_ROUTE_CODES.has(code)) return { result: 'no_route' };
  if (code !== 'Ok') return { result: 'refused' };
  const route = routes?.[0];
  if (status !== 200 || !route) return { result: 'bad_answer' };
  return {
    result: 'ok',
    leg: {
      distanceMetres: Math.round(route.distance),
      durationSeconds: Math.round(route.duration),
      source: 'osrm',
    },
  };
}
