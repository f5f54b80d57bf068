/**
 * Reordering a day's untimed stops to shorten its route, around the stops that must stay.
 */
import { stopPoint, stopStartMinutes, type RouteStop } from './day-schedule.js';
import { distanceMatrix, shortestPath, type PathProblem } from './path-search.js';
import { greatCircleMetres } from './travel.js';

export interface OptimiseDayOptions {
  /** The first stop stays first (where the day starts: the hotel, a station). */
  pinFirst?: boolean;
  /** The last stop stays last (where the day ends). */
  pinLast?: boolean;
}

export interface OptimisedDay {
  /** Every stop id, in the new order. */
  order: string[];
  /** The route's length in the given order (great-circle metres over the known legs). */
  before: number;
  /** The route's length in the new order; never more than `before`. */
  after: number;
  /** `before - after`. */
  saved: number;
}

/** Solves one open-path problem: returns an order of `problem.nodes`. */
export type PathSolver = (problem: PathProblem) => number[];

/** Length of the day's route in great-circle metres, counting the legs whose two stops have coordinates. */
export function routeMetres(stops: readonly Pick<RouteStop, 'lat' | 'lng'>[]): number {
  let total = 0;
  for (let i = 1; i < stops.length; i++) {
    const a = stopPoint(stops[i - 1]!);
    const b = stopPoint(stops[i]!);
    if (a && b) total += greatCircleMetres(a, b);
  }
  return total;
}

/**
 * A shorter order for the day. Stops that stay where they are (anchors): stops with a start
 * time, stops without coordinates, and the first/last stop when pinned. Only the other stops
 * move, and only within their segment between two anchors, so a stop never crosses a timed
 * stop. A segment's end at an anchor without coordinates (or at the day's unpinned start or
 * end) is open. Timed stops keep their positions, not their times' order: sort with
 * `sortDayByTime` first when they are out of order. Deterministic; never longer than the input.
 */
export function optimiseDay(stops: readonly RouteStop[], options: OptimiseDayOptions = {}): OptimisedDay {
  return optimiseDayWith(stops, options, shortestPath);
}

/** `optimiseDay` with a chosen solver per segment (the exact solvers in tests). */
export function optimiseDayWith(
  stops: readonly RouteStop[],
  options: OptimiseDayOptions,
  solve: PathSolver,
): OptimisedDay {
  const n = stops.length;
  const points = stops.map(stopPoint);
  const anchored = stops.map(
    (stop, i) =>
      points[i] === null ||
      stopStartMinutes(stop) !== null ||
      (options.pinFirst === true && i === 0) ||
      (options.pinLast === true && i === n - 1),
  );
  const matrix = distanceMatrix(points, (a, b) => (a && b ? greatCircleMetres(a, b) : NaN));
  const order = stops.map((_, i) => i);
  for (let i = 0; i < n; ) {
    if (anchored[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && !anchored[j + 1]) j++;
    // Segment i..j moves between the anchors around it (when they have coordinates).
    if (j > i) {
      const start = i > 0 && points[i - 1] ? i - 1 : null;
      const end = j + 1 < n && points[j + 1] ? j + 1 : null;
      const nodes = order.slice(i, j + 1);
      order.splice(i, nodes.length, ...solve({ matrix, nodes, start, end }));
    }
    i = j + 1;
  }
  const reordered = order.map((i) => stops[i]!);
  const before = routeMetres(stops);
  let after = routeMetres(reordered);
  let ids = reordered.map((s) => s.id);
  if (after > before) {
    // Cannot happen with a solver that starts from the given order; kept as the contract's guard.
    after = before;
    ids = stops.map((s) => s.id);
  }
  return { order: ids, before, after, saved: before - after };
}
