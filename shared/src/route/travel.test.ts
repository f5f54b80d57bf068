import { describe, expect, it } from 'vitest';
import { ROUTE_CONSTANTS } from './constants.js';
import { defaultTravelMode, estimateTravel, greatCircleMetres, travelMinutesForRoad } from './travel.js';

// Coordinates: the dev catalog (sync-server/src/catalog/dev-catalog.ts) where it has the place,
// else the place's Wikipedia infobox (Seoul station en, Gangnam station fr, Busan station en,
// Jeju International Airport de).
const places = {
  gyeongbokgung: { lat: 37.5796, lng: 126.977 },
  nSeoulTower: { lat: 37.5512, lng: 126.9882 },
  seoulStation: { lat: 37.55319, lng: 126.9726 },
  gangnamStation: { lat: 37.49806, lng: 127.0275 },
  busanStation: { lat: 35.1152, lng: 129.04137 },
  haeundaeBeach: { lat: 35.1587, lng: 129.1604 },
  jejuAirport: { lat: 33.50556, lng: 126.495 },
  seongsanIlchulbong: { lat: 33.4588, lng: 126.9425 },
};

/**
 * Reference straight-line distances: the WGS84 ellipsoidal geodesic (Vincenty's inverse
 * formula) between the coordinates above, an independent method from our spherical haversine.
 * Minute bands: what Korean map apps and timetables typically show for these trips
 * (e.g. Seoul Station → Gangnam ~30 min by subway; Jeju airport → Seongsan ~1 h by car,
 * ~1.5 h by the express bus), widened for a model without a road network.
 */
const pairs = [
  {
    name: 'Gyeongbokgung ↔ N Seoul Tower',
    from: places.gyeongbokgung,
    to: places.nSeoulTower,
    referenceMetres: 3304,
    mode: 'transit',
    minutes: { walk: [40, 80], transit: [15, 45], car: [10, 30] },
  },
  {
    name: 'Seoul Station ↔ Gangnam Station',
    from: places.seoulStation,
    to: places.gangnamStation,
    referenceMetres: 7810,
    mode: 'transit',
    minutes: { walk: [100, 160], transit: [25, 50], car: [20, 45] },
  },
  {
    name: 'Busan Station ↔ Haeundae Beach',
    from: places.busanStation,
    to: places.haeundaeBeach,
    referenceMetres: 11873,
    mode: 'transit',
    minutes: { walk: [150, 240], transit: [35, 70], car: [25, 50] },
  },
  {
    name: 'Jeju International Airport ↔ Seongsan Ilchulbong',
    from: places.jejuAirport,
    to: places.seongsanIlchulbong,
    referenceMetres: 41913,
    mode: 'car',
    minutes: { walk: [480, 840], transit: [75, 130], car: [50, 85] },
  },
] as const;

describe('travel estimates', () => {
  for (const pair of pairs) {
    it(`${pair.name}: great circle within 2% of the reference, times in a plausible band`, () => {
      const metres = greatCircleMetres(pair.from, pair.to);
      expect(Math.abs(metres - pair.referenceMetres) / pair.referenceMetres).toBeLessThan(0.02);
      expect(greatCircleMetres(pair.to, pair.from)).toBeCloseTo(metres, 6);

      const chosen = estimateTravel(pair.from, pair.to);
      expect(chosen.mode).toBe(pair.mode);
      for (const mode of ['walk', 'transit', 'car'] as const) {
        const estimate = estimateTravel(pair.from, pair.to, mode);
        const [low, high] = pair.minutes[mode];
        expect(estimate.mode).toBe(mode);
        expect(estimate.minutes, `${mode}: ${estimate.minutes} min`).toBeGreaterThanOrEqual(low);
        expect(estimate.minutes, `${mode}: ${estimate.minutes} min`).toBeLessThanOrEqual(high);
        expect(estimate.metres).toBeCloseTo(metres * ROUTE_CONSTANTS[mode].detourFactor, 6);
      }
    });
  }

  it('picks walk, then transit, then car by distance', () => {
    expect(defaultTravelMode(0)).toBe('walk');
    expect(defaultTravelMode(1199)).toBe('walk');
    expect(defaultTravelMode(1200)).toBe('transit');
    expect(defaultTravelMode(19_999)).toBe('transit');
    expect(defaultTravelMode(20_000)).toBe('car');
  });

  it('costs nothing between the same place and at least a minute otherwise', () => {
    expect(estimateTravel(places.seoulStation, places.seoulStation)).toEqual({
      mode: 'walk',
      greatCircleMetres: 0,
      metres: 0,
      minutes: 0,
    });
    const nextDoor = { lat: places.seoulStation.lat + 0.0001, lng: places.seoulStation.lng };
    expect(estimateTravel(places.seoulStation, nextDoor).minutes).toBe(1);
  });

  it('drives at city speed first, then at open-road speed, plus the overhead', () => {
    const car = ROUTE_CONSTANTS.car;
    const city = ROUTE_CONSTANTS.cityKm;
    expect(travelMinutesForRoad(city * 1000, 'car')).toBeCloseTo(
      car.overheadMinutes + (city / car.citySpeedKmh) * 60,
    );
    expect(travelMinutesForRoad((city + 30) * 1000, 'car')).toBeCloseTo(
      car.overheadMinutes + (city / car.citySpeedKmh) * 60 + (30 / car.openRoadSpeedKmh) * 60,
    );
    expect(travelMinutesForRoad(1000, 'transit')).toBeCloseTo(
      ROUTE_CONSTANTS.transit.overheadMinutes + (1 / ROUTE_CONSTANTS.transit.citySpeedKmh) * 60,
    );
    // A longer trip never takes less time, in any mode.
    for (const mode of ['walk', 'transit', 'car'] as const)
      for (let km = 1; km < 100; km++)
        expect(travelMinutesForRoad(km * 1000, mode)).toBeGreaterThan(
          travelMinutesForRoad((km - 1) * 1000, mode),
        );
  });
});
