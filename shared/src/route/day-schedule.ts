/**
 * A day's schedule read as a route: the legs between consecutive stops, their travel
 * estimates, and the legs whose travel does not fit between the stops' times.
 */
import type { Point } from '../catalog/geo.js';
import { estimateTravel, type TravelEstimate, type TravelMode } from './travel.js';

/**
 * A stop as the route algorithms see it. Callers map a `Stop` document to it:
 * `{ id, lat: place.lat, lng: place.lng, startTime, durationMinutes }` (a catalog attraction's
 * coordinates when the place has none of its own).
 */
export interface RouteStop {
  id: string;
  lat?: number | null;
  lng?: number | null;
  /** Local wall-clock time 'HH:MM' (as `Stop.startTime`); absent or null = no fixed time. */
  startTime?: string | null;
  /** How long the traveller stays; absent or null counts as 0 minutes. */
  durationMinutes?: number | null;
  /** How the traveller gets TO this stop from the previous one; absent or null = the default for the distance. */
  mode?: TravelMode | null;
}

/** Whether a leg's travel fits between the previous stop's end and the next stop's start time. */
export interface LegFit {
  /** Minutes from the previous stop's end to the next stop's start time (negative when they overlap). */
  availableMinutes: number;
  /** The leg's estimated minutes; null when a coordinate is missing (then only an overlap is caught). */
  travelMinutes: number | null;
  /** How many minutes are missing; 0 when it fits. */
  shortByMinutes: number;
}

/** The way from one stop to the next. */
export interface RouteLeg {
  fromId: string;
  toId: string;
  /** The estimate, or null (unknown) when either stop has no coordinates. */
  travel: TravelEstimate | null;
  /** True when the next stop names its mode; false when the mode is the default for the distance. */
  modeChosen: boolean;
  /** Set when the next stop has a start time and the previous stop's end is known. */
  fit: LegFit | null;
  /**
   * True when the previous stop's start + duration + this travel runs past the next stop's start
   * time: "{travel.minutes} min by {travel.mode}, but only {fit.availableMinutes} min between stops".
   */
  cannotFit: boolean;
}

/** A day read as a route. */
export interface DayRoute {
  /** `stops.length - 1` legs, in order. */
  legs: RouteLeg[];
  /**
   * Per stop: its start in minutes after midnight, its own start time or, for an untimed stop,
   * the earliest it can begin (previous start + duration + travel); null when not known.
   */
  startMinutes: (number | null)[];
  /** Sum of the known legs' minutes. */
  totalTravelMinutes: number;
  /** Sum of the known legs' estimated road metres. */
  totalMetres: number;
  /** Legs whose travel is unknown (a stop without coordinates). */
  unknownLegs: number;
  /** Legs flagged `cannotFit`. */
  cannotFitLegs: number;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an 'HH:MM' time. Throws on anything else (stops are validated upstream). */
export function clockMinutes(time: string): number {
  const match = CLOCK_TIME.exec(time);
  if (!match) throw new RangeError(`not a time as HH:MM: ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The stop's start time in minutes after midnight, or null when it has none. */
export function stopStartMinutes(stop: Pick<RouteStop, 'startTime'>): number | null {
  return stop.startTime == null ? null : clockMinutes(stop.startTime);
}

/** The stop's coordinates, or null when it has none. */
export function stopPoint(stop: Pick<RouteStop, 'lat' | 'lng'>): Point | null {
  return stop.lat == null || stop.lng == null ? null : { lat: stop.lat, lng: stop.lng };
}

/** Legs, travel totals and the legs that cannot fit between the stops' times. */
export function analyseDay(stops: readonly RouteStop[]): DayRoute {
  const legs: RouteLeg[] = [];
  const startMinutes: (number | null)[] = stops.map(stopStartMinutes);
  let totalTravelMinutes = 0;
  let totalMetres = 0;
  let unknownLegs = 0;
  let cannotFitLegs = 0;
  for (let i = 1; i < stops.length; i++) {
    const from = stops[i - 1]!;
    const to = stops[i]!;
    const a = stopPoint(from);
    const b = stopPoint(to);
    const travel = a && b ? estimateTravel(a, b, to.mode) : null;
    if (travel) {
      totalTravelMinutes += travel.minutes;
      totalMetres += travel.metres;
    } else unknownLegs += 1;
    const previousStart = startMinutes[i - 1] ?? null;
    const previousEnd = previousStart === null ? null : previousStart + (from.durationMinutes ?? 0);
    const ownStart = startMinutes[i] ?? null;
    let fit: LegFit | null = null;
    if (ownStart === null) {
      // Untimed: it starts as soon as the traveller can be there.
      startMinutes[i] = previousEnd === null || !travel ? null : previousEnd + travel.minutes;
    } else if (previousEnd !== null) {
      const availableMinutes = ownStart - previousEnd;
      const needed = travel?.minutes ?? 0;
      fit = {
        availableMinutes,
        travelMinutes: travel?.minutes ?? null,
        shortByMinutes: Math.max(0, needed - availableMinutes),
      };
    }
    const cannotFit = fit !== null && fit.shortByMinutes > 0;
    if (cannotFit) cannotFitLegs += 1;
    legs.push({ fromId: from.id, toId: to.id, travel, modeChosen: to.mode != null, fit, cannotFit });
  }
  return { legs, startMinutes, totalTravelMinutes, totalMetres, unknownLegs, cannotFitLegs };
}
