/**
 * A day of the schedule read as a route, for display: the leg arriving at each stop (mode,
 * distance, minutes, refined by the server when it answered), whether it fits before the next
 * stop's start time, the day's totals and the stops out of time order. Pure: the schedule
 * computes it offline from the local documents; the refinement only replaces figures.
 */
import {
  analyseDay,
  defaultTravelMode,
  outOfOrderStops,
  ROUTE_CONSTANTS,
  stopPoint,
  stopStartMinutes,
  type RoutedLeg,
  type RouteStop,
  type RoutingLegRequest,
  type Stop,
  type TravelMode,
} from '@hamgaja/shared';

/** A stop as the shared route algorithms see it (its place's coordinates, times, chosen mode). */
export function routeStopOf(stop: Stop): RouteStop {
  return {
    id: stop.id,
    lat: stop.place.lat ?? null,
    lng: stop.place.lng ?? null,
    startTime: stop.startTime,
    durationMinutes: stop.durationMinutes,
    mode: stop.travelMode ?? null,
  };
}

/** The cache key of a leg to refine: both points (to ~10 cm) and the mode. */
export function legKey(request: RoutingLegRequest): string {
  const point = (p: { lat: number; lng: number }) => `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`;
  return `${point(request.from)}>${point(request.to)}:${request.mode}`;
}

/** Minutes of a leg measured by the server, with the mode's fixed overhead as in the estimate (parking, a taxi). */
export function refinedMinutes(leg: RoutedLeg, mode: TravelMode): number {
  if (leg.durationSeconds <= 0 && leg.distanceMetres <= 0) return 0;
  return Math.max(1, Math.round(leg.durationSeconds / 60 + ROUTE_CONSTANTS[mode].overheadMinutes));
}

/** The way to a stop from the one before it, as the schedule shows it. */
export interface DisplayLeg {
  fromId: string;
  toId: string;
  /** The mode travelled: the arriving stop's choice, else the default for the distance; null = no coordinates. */
  mode: TravelMode | null;
  /** The arriving stop names its mode (`travelMode`); false = the default is shown. */
  modeChosen: boolean;
  /** The mode the distance suggests (what "automatic" means for this leg); null = no coordinates. */
  defaultMode: TravelMode | null;
  /** Metres along roads or paths (estimated, or measured when `refined`); null = unknown. */
  metres: number | null;
  /** Door-to-door minutes; null = unknown. */
  minutes: number | null;
  /** The figures come from the server's road / footpath network instead of the estimate. */
  refined: boolean;
  /** What to ask the server to refine (walk and car legs with coordinates); null = nothing to ask. */
  request: RoutingLegRequest | null;
  /** Minutes between the previous stop's end and this stop's start time; null = not both known. */
  availableMinutes: number | null;
  /** The travel (or the previous stop itself) runs past this stop's start time. */
  cannotFit: boolean;
}

/** A day as a route, for display. */
export interface DisplayDay {
  /** One leg per stop after the first, in order: `legs[i]` arrives at stop `i + 1`. */
  legs: DisplayLeg[];
  /** The leg arriving at a stop, by the stop's id. */
  legTo: Map<string, DisplayLeg>;
  /** Minutes of the known legs together. */
  totalMinutes: number;
  /** Metres of the known legs together. */
  totalMetres: number;
  /** Legs without a figure (a stop without coordinates). */
  unknownLegs: number;
  /** Legs flagged `cannotFit`. */
  cannotFitLegs: number;
  /** Ids of the timed stops that are out of time order (shared `outOfOrderStops`). */
  outOfOrder: Set<string>;
  /** Walk and car legs to refine. */
  requests: RoutingLegRequest[];
}

/** Looks a refined leg up: a measured leg, null (keep the estimate), undefined (not known yet). */
export type RefinedLookup = (request: RoutingLegRequest) => RoutedLeg | null | undefined;

const noRefinement: RefinedLookup = () => undefined;

/**
 * The day's legs: estimates from the shared `analyseDay`, replaced by the server's figures where
 * `refined` has them. Whether a leg fits is worked out with the same rule as `analyseDay`, on the
 * figures shown (an untimed stop starts when the traveller can be there, so a refined leg moves
 * the stops after it).
 */
export function buildDisplayDay(stops: readonly Stop[], refined: RefinedLookup = noRefinement): DisplayDay {
  const routeStops = stops.map(routeStopOf);
  const analysis = analyseDay(routeStops);
  const legs: DisplayLeg[] = [];
  const requests: RoutingLegRequest[] = [];
  let startMinutes: number | null = routeStops[0] ? stopStartMinutes(routeStops[0]) : null;
  let totalMinutes = 0;
  let totalMetres = 0;
  let unknownLegs = 0;
  let cannotFitLegs = 0;
  analysis.legs.forEach((leg, index) => {
    const from = routeStops[index]!;
    const to = routeStops[index + 1]!;
    const travel = leg.travel;
    let metres = travel?.metres ?? null;
    let minutes = travel?.minutes ?? null;
    let request: RoutingLegRequest | null = null;
    let isRefined = false;
    const a = stopPoint(from);
    const b = stopPoint(to);
    if (travel && a && b && travel.mode !== 'transit') {
      request = { from: a, to: b, mode: travel.mode };
      requests.push(request);
      const measured = refined(request);
      if (measured) {
        metres = measured.distanceMetres;
        minutes = refinedMinutes(measured, travel.mode);
        isRefined = true;
      }
    }
    if (minutes === null) unknownLegs += 1;
    else {
      totalMinutes += minutes;
      totalMetres += metres ?? 0;
    }
    // analyseDay's rule, on the minutes shown.
    const previousEnd = startMinutes === null ? null : startMinutes + (from.durationMinutes ?? 0);
    const ownStart = stopStartMinutes(to);
    let availableMinutes: number | null = null;
    let cannotFit = false;
    if (ownStart === null) {
      startMinutes = previousEnd === null || minutes === null ? null : previousEnd + minutes;
    } else {
      if (previousEnd !== null) {
        availableMinutes = ownStart - previousEnd;
        cannotFit = (minutes ?? 0) > availableMinutes;
      }
      startMinutes = ownStart;
    }
    if (cannotFit) cannotFitLegs += 1;
    legs.push({
      fromId: leg.fromId,
      toId: leg.toId,
      mode: travel?.mode ?? null,
      modeChosen: leg.modeChosen,
      defaultMode: travel ? defaultTravelMode(travel.greatCircleMetres) : null,
      metres,
      minutes,
      refined: isRefined,
      request,
      availableMinutes,
      cannotFit,
    });
  });
  return {
    legs,
    legTo: new Map(legs.map((leg) => [leg.toId, leg])),
    totalMinutes,
    totalMetres,
    unknownLegs,
    cannotFitLegs,
    outOfOrder: new Set(outOfOrderStops(routeStops)),
    requests,
  };
}

// --- Words and numbers -------------------------------------------------------------------

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(
  language: string,
  unit: 'meter' | 'kilometer',
  fractionDigits: number,
): Intl.NumberFormat {
  const key = `${language}|${unit}|${fractionDigits}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: fractionDigits,
    });
    unitFormats.set(key, format);
  }
  return format;
}

/**
 * A distance as people read it: "850 m" (to 10 m) below a kilometre, "1.2 km" below 10 km,
 * "12 km" beyond; in Korean "850m", "1.2km".
 */
export function formatDistance(metres: number, language: string): string {
  const tens = Math.round(Math.max(0, metres) / 10) * 10;
  if (tens < 1000) return unitFormat(language, 'meter', 0).format(tens);
  const km = metres / 1000;
  return km < 9.95
    ? unitFormat(language, 'kilometer', 1).format(km)
    : unitFormat(language, 'kilometer', 0).format(km);
}

/** The translation function's shape this module needs (i18next's `t` fits). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "12 min", "1 h", "1 h 5 min" / "12분", "1시간 5분" from the schedule's duration words. */
export function formatMinutes(minutes: number, t: Translate): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return t('trips.duration.minutes', { count: rest });
  if (rest === 0) return t('trips.duration.hours', { count: hours });
  return t('trips.duration.hoursMinutes', { hours, minutes: rest });
}

/** "850 m · 12 min", or null when the leg has no figures. */
export function legFigures(leg: DisplayLeg, language: string, t: Translate): string | null {
  if (leg.metres === null || leg.minutes === null) return null;
  return `${formatDistance(leg.metres, language)} · ${formatMinutes(leg.minutes, t)}`;
}

/**
 * Why a leg cannot fit, in words (flags are text, not colour only); null when it fits.
 * "18 min by car, but only 10 min between stops"; an overlap and a leg without figures say so.
 */
export function cannotFitText(leg: DisplayLeg, t: Translate): string | null {
  if (!leg.cannotFit || leg.availableMinutes === null) return null;
  const available = leg.availableMinutes;
  if (leg.minutes === null || leg.minutes === 0 || leg.mode === null)
    return t('trips.route.overlaps', { time: formatMinutes(-available, t) });
  const values = { time: formatMinutes(leg.minutes, t), by: t(`trips.route.by.${leg.mode}`) };
  if (available < 0)
    return t('trips.route.cannotFitOverlap', { ...values, overlap: formatMinutes(-available, t) });
  if (available === 0) return t('trips.route.cannotFitNoTime', values);
  return t('trips.route.cannotFit', { ...values, available: formatMinutes(available, t) });
}
