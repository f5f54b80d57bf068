import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RouteStop } from './day-schedule.js';
import { optimiseDay, optimiseDayWith, routeMetres, type OptimiseDayOptions } from './optimise.js';
import { bruteForceShortestPath, exactShortestPath } from './optimise.testing.js';
import { distanceMatrix, pathLength, type PathProblem } from './path-search.js';
import { seededRandom } from './seeded-random.js';

/** A random day in Seoul: spread over the city, or bunched in a few neighbourhoods (harder). */
function randomDay(random: () => number, count: number): RouteStop[] {
  const bunched = random() < 0.5;
  const centres = Array.from({ length: 3 }, () => ({
    lat: 37.45 + random() * 0.2,
    lng: 126.85 + random() * 0.3,
  }));
  return Array.from({ length: count }, (_, i) => {
    if (!bunched) return { id: `p${i}`, lat: 37.45 + random() * 0.2, lng: 126.85 + random() * 0.3 };
    const c = centres[Math.floor(random() * centres.length)]!;
    return { id: `p${i}`, lat: c.lat + (random() - 0.5) * 0.02, lng: c.lng + (random() - 0.5) * 0.025 };
  });
}

/** The optimiser's gap to the exact optimum on `days` random days of `count` stops. */
function gaps(seed: number, days: number, count: number, options: OptimiseDayOptions) {
  const random = seededRandom(seed);
  const result: number[] = [];
  for (let d = 0; d < days; d++) {
    const stops = randomDay(random, count);
    const found = optimiseDay(stops, options);
    const best = optimiseDayWith(stops, options, exactShortestPath);
    expect(found.after).toBeGreaterThanOrEqual(best.after - 1e-6);
    result.push((found.after - best.after) / best.after);
  }
  const mean = result.reduce((a, b) => a + b, 0) / result.length;
  const worst = Math.max(...result);
  const exact = result.filter((g) => g < 1e-9).length;
  return { mean, worst, exact };
}

// shared/ has neither DOM nor Node types; vitest runs on Node, where console exists.
declare const console: { log(message: string): void };

const percent = (x: number) => `${(x * 100).toFixed(3)}%`;

describe('optimiseDay against the exact optimum', () => {
  it('200 random days of 12 stops, the first pinned (open end): mean gap < 0.1%, worst < 2%', () => {
    const { mean, worst, exact } = gaps(2024, 200, 12, { pinFirst: true });
    console.log(
      `12 stops, first pinned: mean gap ${percent(mean)}, worst ${percent(worst)}, optimal ${exact}/200`,
    );
    expect(mean).toBeLessThan(0.001);
    expect(worst).toBeLessThan(0.02);
  });

  it('100 random days each with both ends pinned and with none: same bounds', () => {
    for (const options of [{ pinFirst: true, pinLast: true }, {}]) {
      const { mean, worst, exact } = gaps(7, 100, 12, options);
      console.log(
        `12 stops, ${JSON.stringify(options)}: mean gap ${percent(mean)}, worst ${percent(worst)}, optimal ${exact}/100`,
      );
      expect(mean).toBeLessThan(0.001);
      expect(worst).toBeLessThan(0.02);
    }
  });

  it('the exact solver agrees with trying every order', () => {
    const random = seededRandom(99);
    for (let run = 0; run < 60; run++) {
      const count = 2 + Math.floor(random() * 7);
      const points = randomDay(random, count);
      const matrix = distanceMatrix(points, (a, b) => Math.hypot(a.lat! - b.lat!, a.lng! - b.lng!));
      const all = points.map((_, i) => i);
      const start = random() < 0.5 ? 0 : null;
      const end = random() < 0.5 ? count - 1 : null;
      const problem: PathProblem = {
        matrix,
        nodes: all.filter((i) => i !== start && i !== end),
        start,
        end,
      };
      const ends = { matrix, start, end };
      expect(pathLength(ends, exactShortestPath(problem))).toBeCloseTo(
        pathLength(ends, bruteForceShortestPath(problem)),
        9,
      );
    }
  });
});

describe('optimiseDay', () => {
  // Five places along Jongno-daero (west → east), given scrambled.
  const line = [0, 1, 2, 3, 4].map((i) => ({ id: `x${i}`, lat: 37.57, lng: 126.97 + i * 0.01 }));
  const [x0, x1, x2, x3, x4] = line as [RouteStop, RouteStop, RouteStop, RouteStop, RouteStop];

  it('straightens a scrambled line and reports the metres saved', () => {
    const result = optimiseDay([x0, x3, x1, x4, x2], { pinFirst: true });
    expect(result.order).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(result.after).toBeCloseTo(routeMetres(line));
    expect(result.before).toBeCloseTo(routeMetres([x0, x3, x1, x4, x2]));
    expect(result.saved).toBeCloseTo(result.before - result.after);
    expect(result.saved).toBeGreaterThan(0);
  });

  it('keeps an optimal order as it is', () => {
    expect(optimiseDay(line)).toEqual({
      order: ['x0', 'x1', 'x2', 'x3', 'x4'],
      before: routeMetres(line),
      after: routeMetres(line),
      saved: 0,
    });
    expect(optimiseDay([]).order).toEqual([]);
    expect(optimiseDay([x2]).order).toEqual(['x2']);
  });

  it('keeps pinned, timed and place-less stops where they are', () => {
    const lunch = { ...x4, id: 'lunch', startTime: '12:00' };
    const free = { id: 'free', lat: null, lng: null };
    // x3 starts; lunch (far east) is fixed at index 2; x0 ends the day.
    const stops = [x3, x1, lunch, x2, free, x4, x0];
    const result = optimiseDay(stops, { pinFirst: true, pinLast: true });
    expect(result.order[0]).toBe('x3');
    expect(result.order[2]).toBe('lunch');
    expect(result.order[4]).toBe('free');
    expect(result.order[6]).toBe('x0');
    expect(new Set(result.order.slice(0, 2))).toEqual(new Set(['x3', 'x1']));
  });

  it('whatever the day: anchors stay, stops stay between the same anchors, never longer, deterministic', () => {
    const stopArb = fc.record({
      lat: fc.option(fc.double({ min: 37.45, max: 37.65, noNaN: true }), { nil: null, freq: 8 }),
      lng: fc.double({ min: 126.85, max: 127.15, noNaN: true }),
      startTime: fc.option(fc.constantFrom('09:00', '12:00', '15:00'), { nil: null, freq: 4 }),
    });
    const dayArb = fc.array(stopArb, { maxLength: 20 }).map((list) =>
      list.map(
        (s, i): RouteStop => ({
          id: `s${i}`,
          lat: s.lat,
          lng: s.lat === null ? null : s.lng,
          startTime: s.startTime,
        }),
      ),
    );
    fc.assert(
      fc.property(dayArb, fc.boolean(), fc.boolean(), (stops, pinFirst, pinLast) => {
        const result = optimiseDay(stops, { pinFirst, pinLast });
        expect(optimiseDay(stops, { pinFirst, pinLast })).toEqual(result);
        expect([...result.order].sort()).toEqual(stops.map((s) => s.id).sort());
        const byId = new Map(stops.map((s) => [s.id, s]));
        const reordered = result.order.map((id) => byId.get(id)!);
        expect(result.before).toBeCloseTo(routeMetres(stops), 6);
        expect(result.after).toBeCloseTo(routeMetres(reordered), 6);
        expect(result.after).toBeLessThanOrEqual(result.before + 1e-6);
        const anchor = (s: RouteStop, i: number) =>
          s.lat == null ||
          s.startTime != null ||
          (pinFirst && i === 0) ||
          (pinLast && i === stops.length - 1);
        // Per position: the anchor there, or the segment (anchors seen so far) it belongs to.
        let seen = 0;
        const places = stops.map((s, i) => (anchor(s, i) ? `anchor ${s.id} ${++seen}` : `segment ${seen}`));
        const placeOf = new Map(stops.map((s, i) => [s.id, places[i]]));
        expect(result.order.map((id) => placeOf.get(id))).toEqual(places);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
