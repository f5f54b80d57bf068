/**
 * Every tuning number of the route algorithms, in one place. Travel estimates are deliberately
 * simple (no road network offline): great-circle distance × a detour factor, then a speed.
 * The values aim at Korean cities (Seoul, Busan) and Jeju's open roads; the unit tests check
 * them against known pairs of places (travel.test.ts).
 */
export const ROUTE_CONSTANTS = {
  /** On foot. */
  walk: {
    /** Pedestrian routes are 1.2–1.4× the straight line in street grids (route-directness studies); 1.3 is the middle. */
    detourFactor: 1.3,
    /** 4.5 km/h = 1.25 m/s: measured adult walking speeds are 1.2–1.4 m/s, a sightseer with a map walks at the low end. */
    citySpeedKmh: 4.5,
    /** Walking does not get faster out of town. */
    openRoadSpeedKmh: 4.5,
    /** Nothing to wait for. */
    overheadMinutes: 0,
  },
  /** Subway and bus, door to door. */
  transit: {
    /** Lines follow roads and transfers add walking: a little more than a car's detour. */
    detourFactor: 1.35,
    /** Seoul/Busan subway schedules average 30–35 km/h, city buses about 20 km/h; 25 km/h for a mix with a transfer. */
    citySpeedKmh: 25,
    /** Beyond the city part, express and intercity buses run about 40 km/h on average (e.g. Jeju's airport express). */
    openRoadSpeedKmh: 40,
    /** Walk to the station or stop (~5 min) plus the mean wait for a 5–10 min headway (~3–5 min). */
    overheadMinutes: 10,
  },
  /** Car or taxi. */
  car: {
    /** Road circuity in the literature is 1.2–1.4 (e.g. Ballou et al. 2002); cities with rivers and hills sit high. */
    detourFactor: 1.3,
    /** Seoul's measured average road speed is in the low 20s km/h (city traffic-speed reports); 25 allows for other cities. */
    citySpeedKmh: 25,
    /** Outside city centres (Jeju's island roads, expressway links) 60 km/h is a realistic average with junctions. */
    openRoadSpeedKmh: 60,
    /** Hailing a taxi or parking at either end. */
    overheadMinutes: 5,
  },
  /** Road kilometres driven at city speed before a trip reaches open roads: about the radius of a city centre. */
  cityKm: 10,
  /** Default mode: walk below 1.2 km straight (≈1.6 km on foot, ≈21 min), about the most visitors choose to walk. */
  walkBelowKm: 1.2,
  /** Default mode: transit below 20 km straight (most trips inside Seoul or Busan); longer ones, as on Jeju, by car. */
  transitBelowKm: 20,
  /** Optimiser: nearest-neighbour starts tried at most (spread over the stops); each costs one local search. */
  maxStarts: 30,
  /** Optimiser: double-bridge kicks per stop (iterated local search); 2 made 200/200 random 12-stop days optimal in the tests. */
  kicksPerStop: 2,
  /** Optimiser: at most this many kicks, so a long day stays fast (30 stops ≈ a few ms). */
  maxKicks: 60,
  /** Or-opt moves chains of up to this many stops; 3 is the classic choice, longer chains rarely pay off. */
  orOptMaxChain: 3,
  /** Lengths (metres) closer than this count as equal, so float noise never makes the optimiser cycle. */
  epsilonMetres: 1e-6,
  /** Clustering: a day may hold from (1 − slack) to (1 + slack) × the average number of places, so geography wins over equal counts within reason. */
  clusterSizeSlack: 0.5,
  /** Clustering: k-means rounds per restart; assignments settle in far fewer for trip-sized inputs. */
  clusterMaxRounds: 50,
  /** Clustering: seeded k-means++ restarts, keeping the tightest; more barely changes the result. */
  clusterRestarts: 4,
} as const;

export type TravelModeConstants = (typeof ROUTE_CONSTANTS)['walk' | 'transit' | 'car'];
