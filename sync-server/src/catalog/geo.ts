/** The latitude bands that index coordinates, the search box around a point, and distance in SQL. */
import { EARTH_RADIUS_KM, type Point } from '@hamgaja/shared';

/** Bands of 0.05° latitude (about 5.6 km): an index on (band, lng) makes a box lookup a few short ranges. */
export const BANDS_PER_DEGREE = 20;
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function geoBand(lat: number): number {
  return Math.floor(lat * BANDS_PER_DEGREE);
}

/** A box that holds every point within radiusKm of center, and the latitude bands it spans. */
export function boundingBox(center: Point, radiusKm: number) {
  const dLat = radiusKm / KM_PER_DEGREE;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  // Longitude degrees shrink toward the poles: size the box for its widest latitude.
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos(rad(Math.min(widest, 89.9)));
  const dLng = Math.min(180, radiusKm / (KM_PER_DEGREE * cos));
  const bands: number[] = [];
  for (let band = geoBand(minLat); band <= geoBand(maxLat); band += 1) bands.push(band);
  return { minLat, maxLat, minLng: center.lng - dLng, maxLng: center.lng + dLng, bands };
}

/**
 * A number as a floating-point SQL literal. MySQL and MariaDB read `126.55` as an exact
 * DECIMAL, and comparing or mixing it with a DOUBLE column converts on every row: a near
 * search spent more than half its time there. `1.2655e+2` is a DOUBLE (and fine for SQLite).
 * Only numbers the server computed go through here, never text.
 */
export function doubleLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return n.toExponential();
}

/**
 * The haversine formula in SQL over columns a.lat/a.lng (SQLite's math functions, MySQL and
 * MariaDB alike), with the center inlined as DOUBLE literals.
 */
export function distanceSql(dialect: 'sqlite' | 'mysql', center: Point): string {
  const least = dialect === 'sqlite' ? 'MIN' : 'LEAST';
  const [lat, lng, radius] = [center.lat, center.lng, EARTH_RADIUS_KM].map(doubleLiteral);
  return (
    `(2 * ${radius} * ASIN(${least}(1, SQRT(` +
    `POWER(SIN(RADIANS(a.lat - ${lat}) / 2), 2) + ` +
    `COS(RADIANS(${lat})) * COS(RADIANS(a.lat)) * POWER(SIN(RADIANS(a.lng - ${lng}) / 2), 2)))))`
  );
}
