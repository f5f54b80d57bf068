/**
 * Drafts read as routes: travel estimates between a day's stops, and an AI draft's days put
 * in a shorter order (the shared optimiser, meals kept at their times).
 */
import {
  estimateTravel,
  optimiseDay,
  type DraftStop,
  type DraftTravel,
  type RouteStop,
} from '@hamgaja/shared';

export const DAY_END = 24 * 60;
/** Start times are rounded up to this many minutes ("10:35", not "10:33"). */
const TIME_STEP = 5;

export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const roundUp = (minutes: number) => Math.ceil(minutes / TIME_STEP) * TIME_STEP;

type Located = { lat: number | null; lng: number | null };

/** The estimated way between two places, or undefined when either has no coordinates. */
export function travelBetween(from: Located, to: Located): DraftTravel | undefined {
  if (from.lat === null || from.lng === null || to.lat === null || to.lng === null) return undefined;
  const estimate = estimateTravel({ lat: from.lat, lng: from.lng }, { lat: to.lat, lng: to.lng });
  return { mode: estimate.mode, minutes: estimate.minutes, metres: Math.round(estimate.metres) };
}

/** Each stop but a day's first gets the travel from the stop before it (stops sorted by day and time). */
export function withTravel(stops: readonly DraftStop[]): DraftStop[] {
  return stops.map((stop, i) => {
    const { travel: _old, ...rest } = stop;
    const previous = stops[i - 1];
    const travel =
      previous && previous.day === stop.day ? travelBetween(previous.place, stop.place) : undefined;
    return travel ? { ...rest, travel } : rest;
  });
}

const byDay = (stops: readonly DraftStop[]) => {
  const days = new Map<number, DraftStop[]>();
  for (const stop of stops) days.set(stop.day, [...(days.get(stop.day) ?? []), stop]);
  return [...days.entries()].sort(([a], [b]) => a - b).map(([, day]) => day);
};

/**
 * Reorders each day of a normalized AI draft (sorted by day and time) for a shorter route.
 * Meals (food places) keep their times and positions, so lunch stays at lunch, and the day's
 * first stop stays first; the other stops move between them. A day whose order does not change keeps the model's times; a
 * reordered day is timed anew along its new order from the day's first start: each stop
 * after the one before it plus the travel between them, a meal not before its own time.
 */
export function optimiseDraftDays(stops: readonly DraftStop[]): DraftStop[] {
  return byDay(stops).flatMap((day) => {
    const route: RouteStop[] = day.map((stop, i) => ({
      id: String(i),
      lat: stop.place.lat,
      lng: stop.place.lng,
      startTime: stop.category === 'food' ? stop.startTime : null,
      durationMinutes: stop.durationMinutes,
    }));
    // The model's first stop still opens the day (its morning pick: a palace at opening time).
    const { order } = optimiseDay(route, { pinFirst: true });
    if (order.every((id, i) => id === String(i))) return day;
    const reordered = order.map((id) => day[Number(id)]!);
    let end: number | null = null;
    let previous: DraftStop | undefined;
    return reordered.map((stop) => {
      const arrival =
        previous && end !== null
          ? end + (travelBetween(previous.place, stop.place)?.minutes ?? 0)
          : minutesOf(day[0]!.startTime);
      const start = roundUp(
        stop.category === 'food' ? Math.max(arrival, minutesOf(stop.startTime)) : arrival,
      );
      end = start + stop.durationMinutes;
      previous = stop;
      return { ...stop, startTime: timeOf(Math.min(start, DAY_END - 1)) };
    });
  });
}
