// Runs inside headless Chromium (bundled by bench/route.bench.ts): the shared day optimiser, as
// the app's renderer calls it, on days of stops scattered over Seoul.
import { optimiseDay, type RouteStop } from '@hamgaja/shared';

/** A day of `count` untimed stops in a 20 × 25 km box over Seoul; the same day for the same seed. */
function day(count: number, seed: number): RouteStop[] {
  let a = seed >>> 0;
  const random = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `stop-${i}`,
    lat: 37.46 + random() * 0.18,
    lng: 126.86 + random() * 0.28,
  }));
}

/** Optimises `runs` different days of `count` stops, one call each; the milliseconds of each call. */
function optimise(count: number, runs: number): { times: number[]; savedShare: number } {
  const times: number[] = [];
  let before = 0;
  let after = 0;
  for (let run = 0; run < runs; run++) {
    const stops = day(count, run + 1);
    const start = performance.now();
    const result = optimiseDay(stops);
    times.push(performance.now() - start);
    if (result.order.length !== count) throw new Error(`optimiseDay lost stops: ${result.order.length}`);
    before += result.before;
    after += result.after;
  }
  return { times, savedShare: 1 - after / before };
}

Object.assign(globalThis, { routeBench: { optimise } });
