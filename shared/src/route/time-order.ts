/**
 * Time order within a day: which timed stops are out of order, and sorting a day by time
 * while untimed stops stay with the stop they follow.
 */
import { stopStartMinutes, type RouteStop } from './day-schedule.js';

type Timed = Pick<RouteStop, 'startTime'>;

/**
 * The ids of the timed stops that are out of time order: the fewest stops whose removal
 * leaves the other timed stops in non-decreasing time (equal times are in order). When
 * several choices are equally small, the earlier stops are kept and the later ones flagged
 * ("09:00, 13:00, 10:00, 11:00" flags 13:00; "10:00, 09:00" flags 09:00). Untimed stops are
 * never flagged. Order of the answer: the day's order.
 */
export function outOfOrderStops(stops: readonly (Timed & Pick<RouteStop, 'id'>)[]): string[] {
  const timed = stops.flatMap((stop, index) => {
    const minutes = stopStartMinutes(stop);
    return minutes === null ? [] : [{ index, minutes }];
  });
  const n = timed.length;
  // longest[i]: the longest non-decreasing run of times that starts at timed[i] (O(n²); a day is short).
  const longest = new Array<number>(n).fill(1);
  for (let i = n - 1; i >= 0; i--)
    for (let j = i + 1; j < n; j++)
      if (timed[j]!.minutes >= timed[i]!.minutes) longest[i] = Math.max(longest[i]!, longest[j]! + 1);
  // Walk the lexicographically first longest run: keeps the earliest stops possible.
  const kept = new Set<number>();
  let need = Math.max(0, ...longest);
  let floor = -Infinity;
  for (let i = 0; i < n && need > 0; i++) {
    if (longest[i] === need && timed[i]!.minutes >= floor) {
      kept.add(i);
      floor = timed[i]!.minutes;
      need -= 1;
    }
  }
  return timed.flatMap((t, i) => (kept.has(i) ? [] : [stops[t.index]!.id]));
}

/**
 * The day sorted by start time. Untimed stops are attached to the timed stop before them and
 * move with it; untimed stops before the first timed stop stay first. Timed stops with equal
 * times keep their order (stable). Sorting a sorted day changes nothing (idempotent). Returns
 * a new array of the same objects.
 */
export function sortDayByTime<T extends Timed>(stops: readonly T[]): T[] {
  const head: T[] = [];
  const groups: { minutes: number; stops: T[] }[] = [];
  for (const stop of stops) {
    const minutes = stopStartMinutes(stop);
    if (minutes !== null) groups.push({ minutes, stops: [stop] });
    else (groups.at(-1)?.stops ?? head).push(stop);
  }
  // Array.prototype.sort is stable (ES2019).
  groups.sort((a, b) => a.minutes - b.minutes);
  return [...head, ...groups.flatMap((g) => g.stops)];
}
