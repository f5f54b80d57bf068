// Writes the offline basemap of the catalog map (src/renderer/features/catalog/korea-outline.json):
// Natural Earth land outlines (public domain, via the world-atlas package) of South Korea and
// its neighbours, clipped to the Korean peninsula, rounded (~100 m for South Korea) and without specks.
// Run: node desktop/scripts/build-korea-outline.mjs [10m|50m]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const scale = process.argv[2] ?? '10m';
const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'));
const out = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/renderer/features/catalog/korea-outline.json',
);

/** [west, south, east, north] of what the map can show offline. */
const BOX = [122.5, 32, 132.5, 40.5];
const COUNTRIES = { 410: 'KR', 408: 'KP', 392: 'JP', 156: 'CN', 643: 'RU' };
/** Decimal places kept: ~100 m for South Korea (street-level zoom offline), ~1 km for the neighbours. */
const DIGITS = { KR: 3, other: 2 };
/** Rings smaller than this (square degrees, ~1 km² ≈ 1e-4) are left out, except for South Korea. */
const MIN_AREA = { KR: 2e-4, other: 5e-3 };

/** Sutherland–Hodgman clip of one ring against the box. */
function clip(ring) {
  const edges = [(p) => p[0] >= BOX[0], (p) => p[0] <= BOX[2], (p) => p[1] >= BOX[1], (p) => p[1] <= BOX[3]];
  const cut = [
    (a, b) => at(a, b, 0, BOX[0]),
    (a, b) => at(a, b, 0, BOX[2]),
    (a, b) => at(a, b, 1, BOX[1]),
    (a, b) => at(a, b, 1, BOX[3]),
  ];
  let points = ring.slice(0, -1);
  for (let e = 0; e < 4 && points.length > 0; e += 1) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; i += 1) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (edges[e](cur)) {
        if (!edges[e](prev)) points.push(cut[e](prev, cur));
        points.push(cur);
      } else if (edges[e](prev)) points.push(cut[e](prev, cur));
    }
  }
  return points.length >= 3 ? [...points, points[0]] : null;
}
function at(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  p[axis] = value;
  return p;
}
function area(ring) {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1)
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(sum / 2);
}
function simplify(ring, digits) {
  const round = (n) => Number(n.toFixed(digits));
  const outRing = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = outRing[outRing.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) outRing.push(p);
  }
  return outRing.length >= 4 ? outRing : null;
}

const features = [];
for (const f of feature(topology, topology.objects.countries).features) {
  const code = COUNTRIES[f.id];
  if (!code) continue;
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = [];
  for (const polygon of polygons) {
    const outer = clip(polygon[0]);
    if (!outer || area(outer) < (code === 'KR' ? MIN_AREA.KR : MIN_AREA.other)) continue;
    const ring = simplify(outer, code === 'KR' ? DIGITS.KR : DIGITS.other);
    if (ring) kept.push([ring]);
  }
  if (kept.length === 0) continue;
  features.push({
    type: 'Feature',
    properties: { country: code },
    geometry: { type: 'MultiPolygon', coordinates: kept },
  });
}
const json = JSON.stringify({ type: 'FeatureCollection', features });
writeFileSync(out, json + '\n');
console.log(
  `${path.relative(process.cwd(), out)}: ${features.length} countries, ${(json.length / 1024).toFixed(1)} KiB`,
);
