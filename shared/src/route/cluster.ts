/**
 * A draft itinerary without AI: catalog places grouped into days by geography (balanced,
 * seeded k-means++), each day ordered by the optimiser.
 */
import { ROUTE_CONSTANTS } from './constants.js';
import { optimiseDay } from './optimise.js';
import { distanceMatrix, shortestPath } from './path-search.js';
import { seededRandom } from './seeded-random.js';

export interface ClusterPlace {
  id: string;
  lat: number;
  lng: number;
  /** Higher = more worth a visit; decides which places are left out when `maxPerDay` cuts. Absent = 0. */
  popularity?: number | null;
}

export interface ClusterOptions {
  /** At most this many places a day; the least popular places beyond `days × maxPerDay` are left out. */
  maxPerDay?: number;
}

export interface ClusteredDays {
  /** `days` lists of place ids, each in visiting order; consecutive days are near each other. */
  days: string[][];
  /** Places not used: beyond `maxPerDay`, repeated ids, or without finite coordinates. */
  unused: string[];
}

type Xy = { x: number; y: number };

/**
 * Groups places into `days` days by where they are. Every place is used at most once. Each
 * day gets from (1 − slack) to (1 + slack) × the average count (`ROUTE_CONSTANTS.clusterSizeSlack`),
 * at least 1, so no day is empty while there are at least as many places as days (with fewer,
 * the last days are empty). The days are ordered along a short path through their centres,
 * starting from the day of the first place kept (put the arrival point or hotel first).
 * Deterministic for a given `seed`.
 */
export function clusterIntoDays(
  places: readonly ClusterPlace[],
  days: number,
  seed: number,
  options: ClusterOptions = {},
): ClusteredDays {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer: ${days}`);
  const { maxPerDay } = options;
  if (maxPerDay !== undefined && (!Number.isInteger(maxPerDay) || maxPerDay < 1))
    throw new RangeError(`maxPerDay must be a positive integer: ${maxPerDay}`);

  const unused: string[] = [];
  const seen = new Set<string>();
  let kept: ClusterPlace[] = [];
  for (const place of places) {
    if (seen.has(place.id) || !Number.isFinite(place.lat) || !Number.isFinite(place.lng))
      unused.push(place.id);
    else kept.push(place);
    seen.add(place.id);
  }
  if (maxPerDay !== undefined && kept.length > days * maxPerDay) {
    const rank = kept
      .map((place, index) => ({ place, index }))
      .sort((a, b) => (b.place.popularity ?? 0) - (a.place.popularity ?? 0) || a.index - b.index);
    const chosen = new Set(rank.slice(0, days * maxPerDay).map((r) => r.index));
    unused.push(...kept.filter((_, i) => !chosen.has(i)).map((p) => p.id));
    kept = kept.filter((_, i) => chosen.has(i));
  }

  const n = kept.length;
  if (n <= days) {
    return { days: Array.from({ length: days }, (_, i) => (i < n ? [kept[i]!.id] : [])), unused };
  }

  const points = project(kept);
  const average = n / days;
  const slack = ROUTE_CONSTANTS.clusterSizeSlack;
  const minSize = Math.max(1, Math.floor(average * (1 - slack)));
  const maxSize = Math.min(Math.ceil(average * (1 + slack)), maxPerDay ?? Infinity);
  const random = seededRandom(seed);
  let best: { assignment: Int32Array; centres: Xy[]; spread: number } | null = null;
  for (let restart = 0; restart < ROUTE_CONSTANTS.clusterRestarts; restart++) {
    let centres = initialCentres(points, days, random);
    let assignment = assign(points, centres, minSize, maxSize);
    for (let round = 1; round < ROUTE_CONSTANTS.clusterMaxRounds; round++) {
      centres = means(points, assignment, days);
      const next = assign(points, centres, minSize, maxSize);
      if (next.every((c, i) => c === assignment[i])) break;
      assignment = next;
    }
    centres = means(points, assignment, days);
    const spread = points.reduce((sum, p, i) => sum + squared(p, centres[assignment[i]!]!), 0);
    if (!best || spread < best.spread) best = { assignment, centres, spread };
  }
  const { assignment, centres } = best!;

  // Days in a short path through their centres, from the first place's day.
  const firstDay = assignment[0]!;
  const dayOrder = [
    firstDay,
    ...shortestPath({
      matrix: distanceMatrix(centres, (a, b) => Math.sqrt(squared(a, b))),
      nodes: centres.map((_, i) => i).filter((i) => i !== firstDay),
      start: firstDay,
      end: null,
    }),
  ];
  return {
    days: dayOrder.map((cluster) => {
      const members = kept.filter((_, i) => assignment[i] === cluster);
      return optimiseDay(members).order;
    }),
    unused,
  };
}

/** Kilometres on a local plane (equirectangular around the places' mean latitude). */
function project(places: readonly ClusterPlace[]): Xy[] {
  const meanLat = places.reduce((sum, p) => sum + p.lat, 0) / places.length;
  const kmPerLng = 111.32 * Math.cos((meanLat * Math.PI) / 180);
  return places.map((p) => ({ x: p.lng * kmPerLng, y: p.lat * 110.574 }));
}

const squared = (a: Xy, b: Xy) => (a.x - b.x) ** 2 + (a.y - b.y) ** 2;

/** k-means++: the first centre at random, each next one with probability ∝ squared distance to the nearest. */
function initialCentres(points: readonly Xy[], k: number, random: () => number): Xy[] {
  const centres: Xy[] = [points[Math.floor(random() * points.length)]!];
  const nearest = points.map((p) => squared(p, centres[0]!));
  while (centres.length < k) {
    const total = nearest.reduce((a, b) => a + b, 0);
    let pick = 0;
    if (total > 0) {
      let target = random() * total;
      pick = nearest.findIndex((w) => (target -= w) < 0);
      if (pick < 0) pick = nearest.length - 1; // float rounding at the very end
    }
    const centre = points[pick]!;
    centres.push(centre);
    points.forEach((p, i) => (nearest[i] = Math.min(nearest[i]!, squared(p, centre))));
  }
  return centres;
}

/**
 * Each point to its nearest centre with room (closest pairs first, at most `maxSize` a centre),
 * then centres below `minSize` take the points that cost least to move from centres above it.
 */
function assign(points: readonly Xy[], centres: readonly Xy[], minSize: number, maxSize: number): Int32Array {
  const k = centres.length;
  const pairs: { point: number; centre: number; d: number }[] = [];
  points.forEach((p, point) =>
    centres.forEach((c, centre) => pairs.push({ point, centre, d: squared(p, c) })),
  );
  pairs.sort((a, b) => a.d - b.d || a.point - b.point || a.centre - b.centre);
  const assignment = new Int32Array(points.length).fill(-1);
  const size = new Array<number>(k).fill(0);
  for (const { point, centre } of pairs) {
    if (assignment[point] !== -1 || size[centre]! >= maxSize) continue;
    assignment[point] = centre;
    size[centre] = size[centre]! + 1;
  }
  for (
    let short = size.findIndex((s) => s < minSize);
    short >= 0;
    short = size.findIndex((s) => s < minSize)
  ) {
    let move = -1;
    let cost = Infinity;
    points.forEach((p, i) => {
      const from = assignment[i]!;
      if (from === short || size[from]! <= minSize) return;
      const c = squared(p, centres[short]!) - squared(p, centres[from]!);
      if (c < cost) {
        cost = c;
        move = i;
      }
    });
    if (move < 0) break; // unreachable: the counts add up to at least days × minSize
    const from = assignment[move]!;
    size[from] = size[from]! - 1;
    assignment[move] = short;
    size[short] = size[short]! + 1;
  }
  return assignment;
}

function means(points: readonly Xy[], assignment: Int32Array, k: number): Xy[] {
  const sums = Array.from({ length: k }, () => ({ x: 0, y: 0, count: 0 }));
  points.forEach((p, i) => {
    const s = sums[assignment[i]!]!;
    s.x += p.x;
    s.y += p.y;
    s.count += 1;
  });
  return sums.map((s) => ({ x: s.x / s.count, y: s.y / s.count }));
}
