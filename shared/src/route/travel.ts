/**
 * Travel estimates between two coordinates without a road network (offline, instant):
 * great-circle distance × the mode's detour factor, driven at city speed for the first
 * `cityKm` and at open-road speed beyond, plus the mode's fixed overhead. Constants: ./constants.ts.
 */
import { distanceKm, type Point } from '../catalog/geo.js';
import { ROUTE_CONSTANTS, type TravelModeConstants } from './constants.js';
import type { TravelMode } from '../sync/documents.js';

/** How a traveller gets from one stop to the next (the synced `stops.travelMode` enum). */
export type { TravelMode };
export const TRAVEL_MODES: readonly TravelMode[] = ['walk', 'transit', 'car'];

/** An estimated trip between two points. */
export interface TravelEstimate {
  mode: TravelMode;
  /** Straight-line (great-circle) distance in metres. */
  greatCircleMetres: number;
  /** Estimated distance along roads or paths in metres (great circle × the mode's detour factor). */
  metres: number;
  /** Estimated door-to-door minutes, rounded; at least 1 when the places differ, 0 when they are the same. */
  minutes: number;
}

/** Great-circle (haversine) distance in metres. */
export function greatCircleMetres(a: Point, b: Point): number {
  return distanceKm(a, b) * 1000;
}

/** The mode a traveller most likely takes for a straight-line distance: walk, then transit, then car. */
export function defaultTravelMode(greatCircleMetres: number): TravelMode {
  if (greatCircleMetres < ROUTE_CONSTANTS.walkBelowKm * 1000) return 'walk';
  if (greatCircleMetres < ROUTE_CONSTANTS.transitBelowKm * 1000) return 'transit';
  return 'car';
}

const modeConstants = (mode: TravelMode): TravelModeConstants => ROUTE_CONSTANTS[mode];

/** Unrounded minutes to cover `roadMetres` by `mode`: city speed first, open-road speed beyond, plus overhead. */
export function travelMinutesForRoad(roadMetres: number, mode: TravelMode): number {
  if (roadMetres <= 0) return 0;
  const c = modeConstants(mode);
  const km = roadMetres / 1000;
  const cityKm = Math.min(km, ROUTE_CONSTANTS.cityKm);
  const openKm = km - cityKm;
  return c.overheadMinutes + (cityKm / c.citySpeedKmh) * 60 + (openKm / c.openRoadSpeedKmh) * 60;
}

/** Estimated travel from `from` to `to`, by `mode` or by the default mode for the distance. */
export function estimateTravel(from: Point, to: Point, mode?: TravelMode | null): TravelEstimate {
  const straight = greatCircleMetres(from, to);
  const chosen = mode ?? defaultTravelMode(straight);
  const metres = straight * modeConstants(chosen).detourFactor;
  const raw = travelMinutesForRoad(metres, chosen);
  return {
    mode: chosen,
    greatCircleMetres: straight,
    metres,
    minutes: metres > 0 ? Math.max(1, Math.round(raw)) : 0,
  };
}
