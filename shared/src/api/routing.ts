import { z } from 'zod';
import { travelModeSchema } from '../sync/documents.js';

/**
 * Road and foot travel times from the server's routing service (POST /api/routing/legs).
 *
 * The client always has its own estimate of a leg; the server only refines it. A `null` leg
 * means "no refined figure: keep your estimate" (transit, no route found, the routing service
 * slow or down). `available: false` means the server has no routing service at all
 * (ROUTING_URL unset): every leg is null and asking again will not change that.
 */

/** Most legs one request may carry. */
export const MAX_ROUTING_LEGS = 100;

/** How a traveller goes from one stop to the next; `transit` is never refined by the server. */
export const routingModeSchema = travelModeSchema;
export type RoutingMode = z.infer<typeof routingModeSchema>;

/** A WGS84 point in degrees. */
export const routingPointSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type RoutingPoint = z.infer<typeof routingPointSchema>;

export const routingLegRequestSchema = z.strictObject({
  from: routingPointSchema,
  to: routingPointSchema,
  mode: routingModeSchema,
});
export type RoutingLegRequest = z.infer<typeof routingLegRequestSchema>;

/** POST /api/routing/legs body. */
export const routingLegsRequestSchema = z.strictObject({
  legs: z.array(routingLegRequestSchema).max(MAX_ROUTING_LEGS),
});
export type RoutingLegsRequest = z.infer<typeof routingLegsRequestSchema>;

/** A leg measured on the road (car) or footpath (walk) network; whole metres and seconds. */
export const routedLegSchema = z.object({
  distanceMetres: z.int().nonnegative(),
  durationSeconds: z.int().nonnegative(),
  source: z.literal('osrm'),
});
export type RoutedLeg = z.infer<typeof routedLegSchema>;

/** POST /api/routing/legs answer: one entry per requested leg, in the same order. */
export const routingLegsResponseSchema = z.object({
  /** false: this server has no routing service; every leg is null. */
  available: z.boolean(),
  legs: z.array(routedLegSchema.nullable()),
});
export type RoutingLegsResponse = z.infer<typeof routingLegsResponseSchema>;
