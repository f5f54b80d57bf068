import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseDay, initialOrderKeys, type Stop, type TravelMode } from '@hamgaja/shared';
import { resources } from '../../../i18n';
import {
  buildDisplayDay,
  cannotFitText,
  formatDistance,
  formatMinutes,
  legFigures,
  legKey,
  refinedMinutes,
  routeStopOf,
  type Translate,
} from './route-legs';

const keys = initialOrderKeys(20);
let next = 0;
function stop(
  id: string,
  point: [number, number] | null,
  startTime: string | null = null,
  extra: { durationMinutes?: number; travelMode?: TravelMode | null } = {},
): Stop {
  return {
    id,
    tripId: 'trip',
    day: 0,
    orderKey: keys[next++ % keys.length]!,
    startTime,
    durationMinutes: extra.durationMinutes ?? null,
    place: point ? { name: id, lat: point[0], lng: point[1] } : { name: id },
    category: 'sightseeing',
    cost: null,
    note: '',
    travelMode: extra.travelMode ?? null,
  };
}

// Seoul: two palaces a few hundred metres apart, Myeongdong ~2 km south, Jamsil ~12 km east.
const gyeongbokgung: [number, number] = [37.5796, 126.977];
const bukchon: [number, number] = [37.5826, 126.983];
const myeongdong: [number, number] = [37.5636, 126.9827];
const jamsil: [number, number] = [37.5125, 127.1025];

const translators: Partial<Record<'en' | 'ko', Translate>> = {};
beforeAll(async () => {
  for (const lng of ['en', 'ko'] as const) {
    const i18n = createInstance();
    await i18n.init({ lng, resources, interpolation: { escapeValue: false } });
    translators[lng] = i18n.t.bind(i18n) as unknown as Translate;
  }
});
const en = (): Translate => translators.en!;
const ko = (): Translate => translators.ko!;

describe('routeStopOf', () => {
  it('reads the place, times and chosen mode', () => {
    expect(routeStopOf(stop('a', bukchon, '09:30', { durationMinutes: 45, travelMode: 'car' }))).toEqual({
      id: 'a',
      lat: bukchon[0],
      lng: bukchon[1],
      startTime: '09:30',
      durationMinutes: 45,
      mode: 'car',
    });
    expect(routeStopOf(stop('b', null))).toMatchObject({ lat: null, lng: null, mode: null });
  });
});

describe('buildDisplayDay', () => {
  it('shows one leg per stop after the first, with the default mode for the distance', () => {
    const day = buildDisplayDay([
      stop('a', gyeongbokgung),
      stop('b', bukchon),
      stop('c', myeongdong),
      stop('d', jamsil),
    ]);
    expect(day.legs.map((leg) => [leg.toId, leg.mode, leg.modeChosen])).toEqual([
      ['b', 'walk', false],
      ['c', 'transit', false],
      ['d', 'transit', false],
    ]);
    expect(day.legTo.get('b')?.fromId).toBe('a');
    expect(day.totalMinutes).toBe(day.legs.reduce((sum, leg) => sum + leg.minutes!, 0));
    expect(day.totalMetres).toBeCloseTo(day.legs.reduce((sum, leg) => sum + leg.metres!, 0));
    // Transit is never refined: only the walk leg is asked for.
    expect(day.requests).toEqual([
      {
        from: { lat: gyeongbokgung[0], lng: gyeongbokgung[1] },
        to: { lat: bukchon[0], lng: bukchon[1] },
        mode: 'walk',
      },
    ]);
  });

  it('uses the mode chosen on the arriving stop, keeping the default to offer as "auto"', () => {
    const walk = buildDisplayDay([
      stop('a', gyeongbokgung),
      stop('b', myeongdong, null, { travelMode: 'walk' }),
    ]);
    const car = buildDisplayDay([
      stop('a', gyeongbokgung),
      stop('b', myeongdong, null, { travelMode: 'car' }),
    ]);
    expect(walk.legs[0]).toMatchObject({ mode: 'walk', modeChosen: true, defaultMode: 'transit' });
    expect(car.legs[0]).toMatchObject({ mode: 'car', modeChosen: true, defaultMode: 'transit' });
    expect(walk.legs[0]!.minutes).toBeGreaterThan(car.legs[0]!.minutes!);
  });

  it('has no figures for a leg with a stop without coordinates', () => {
    const day = buildDisplayDay([stop('a', bukchon), stop('b', null), stop('c', myeongdong)]);
    expect(day.legs.map((leg) => leg.minutes)).toEqual([null, null]);
    expect(day.unknownLegs).toBe(2);
    expect(day.totalMinutes).toBe(0);
    expect(day.requests).toEqual([]);
  });

  it('flags a leg that cannot fit before the next start time', () => {
    // Bukchon → Jamsil by car is ~30 min; 10 min between the stops.
    const day = buildDisplayDay([
      stop('a', bukchon, '09:00', { durationMinutes: 50 }),
      stop('b', jamsil, '10:00', { travelMode: 'car' }),
      stop('c', jamsil, '13:00'),
    ]);
    expect(day.legs[0]).toMatchObject({ cannotFit: true, availableMinutes: 10 });
    expect(day.legs[1]).toMatchObject({ cannotFit: false });
    expect(day.cannotFitLegs).toBe(1);
  });

  it('flags the timed stops out of order', () => {
    const day = buildDisplayDay([
      stop('a', null, '09:00'),
      stop('b', null, '13:00'),
      stop('c', null, '10:00'),
      stop('d', null, '11:00'),
    ]);
    expect([...day.outOfOrder]).toEqual(['b']);
  });

  it('agrees with analyseDay when nothing is refined', () => {
    const points = [gyeongbokgung, bukchon, myeongdong, jamsil, null];
    const times = [null, '08:00', '09:15', '10:00', '12:30', '18:00'];
    const modes: (TravelMode | null)[] = [null, 'walk', 'transit', 'car'];
    let seed = 7;
    const pick = <T>(items: readonly T[]): T => items[(seed = (seed * 48271) % 2147483647) % items.length]!;
    for (let run = 0; run < 200; run++) {
      const stops = Array.from({ length: 2 + (run % 6) }, (_, i) =>
        stop(`s${i}`, pick(points), pick(times), {
          durationMinutes: pick([0, 30, 90]),
          travelMode: pick(modes),
        }),
      );
      const expected = analyseDay(stops.map(routeStopOf));
      const day = buildDisplayDay(stops);
      expect(day.legs.map((leg) => [leg.minutes, leg.cannotFit, leg.availableMinutes])).toEqual(
        expected.legs.map((leg) => [
          leg.travel?.minutes ?? null,
          leg.cannotFit,
          leg.fit?.availableMinutes ?? null,
        ]),
      );
      expect(day.totalMinutes).toBe(expected.totalTravelMinutes);
    }
  });

  it('replaces estimates with the server figures and re-checks the fit on them', () => {
    const stops = [stop('a', gyeongbokgung, '09:00'), stop('b', bukchon, '09:15')];
    const estimate = buildDisplayDay(stops);
    expect(estimate.legs[0]).toMatchObject({ refined: false, cannotFit: false });
    const request = estimate.requests[0]!;
    const refined = buildDisplayDay(stops, (asked) =>
      legKey(asked) === legKey(request)
        ? { distanceMetres: 1400, durationSeconds: 20 * 60, source: 'osrm' }
        : null,
    );
    expect(refined.legs[0]).toMatchObject({ refined: true, metres: 1400, minutes: 20, cannotFit: true });
    expect(refined.totalMinutes).toBe(20);
    // null from the server: keep the estimate.
    expect(buildDisplayDay(stops, () => null).legs[0]).toEqual(estimate.legs[0]);
  });

  it('counts the mode overhead in a refined time, as in the estimate', () => {
    expect(refinedMinutes({ distanceMetres: 5000, durationSeconds: 600, source: 'osrm' }, 'car')).toBe(15);
    expect(refinedMinutes({ distanceMetres: 800, durationSeconds: 630, source: 'osrm' }, 'walk')).toBe(11);
    expect(refinedMinutes({ distanceMetres: 0, durationSeconds: 0, source: 'osrm' }, 'walk')).toBe(0);
  });
});

describe('words and numbers', () => {
  it('formats distances in both languages', () => {
    expect(formatDistance(853, 'en')).toBe('850 m');
    expect(formatDistance(853, 'ko')).toBe('850m');
    expect(formatDistance(1234, 'en')).toBe('1.2 km');
    expect(formatDistance(1234, 'ko')).toBe('1.2km');
    expect(formatDistance(997, 'en')).toBe('1 km');
    expect(formatDistance(12_345, 'en')).toBe('12 km');
    expect(formatDistance(3, 'en')).toBe('0 m');
  });

  it('formats minutes in both languages', () => {
    expect(formatMinutes(12, en())).toBe('12 min');
    expect(formatMinutes(12, ko())).toBe('12분');
    expect(formatMinutes(65, en())).toBe('1 h 5 min');
    expect(formatMinutes(65, ko())).toBe('1시간 5분');
    expect(formatMinutes(120, en())).toBe('2 h');
    expect(formatMinutes(120, ko())).toBe('2시간');
  });

  it('says a leg as "850 m · 12 min" and why it cannot fit', () => {
    const day = buildDisplayDay([
      stop('a', bukchon, '09:00', { durationMinutes: 50 }),
      stop('b', jamsil, '10:00', { travelMode: 'car' }),
    ]);
    const leg = day.legs[0]!;
    expect(legFigures(leg, 'en', en())).toMatch(/^\d+(\.\d)? km · \d+ min$/);
    expect(cannotFitText(leg, en())).toBe(`${leg.minutes} min by car, but only 10 min between stops`);
    expect(cannotFitText(leg, ko())).toBe(`자동차로 ${leg.minutes}분 걸리는데 일정 사이가 10분뿐이에요`);
  });

  it('words an overlap and a leg without figures', () => {
    const overlap = buildDisplayDay([
      stop('a', gyeongbokgung, '09:00', { durationMinutes: 90 }),
      stop('b', bukchon, '10:00'),
    ]).legs[0]!;
    expect(cannotFitText(overlap, en())).toBe(
      `${overlap.minutes} min on foot, but the previous stop ends 30 min after this one starts`,
    );
    const samePlace = buildDisplayDay([
      stop('a', bukchon, '09:00', { durationMinutes: 90 }),
      stop('b', bukchon, '10:00'),
    ]).legs[0]!;
    expect(cannotFitText(samePlace, en())).toBe('Starts 30 min before the previous stop ends');
    const unknown = buildDisplayDay([
      stop('a', null, '09:00', { durationMinutes: 90 }),
      stop('b', null, '10:00'),
    ]).legs[0]!;
    expect(legFigures(unknown, 'en', en())).toBeNull();
    expect(cannotFitText(unknown, en())).toBe('Starts 30 min before the previous stop ends');
    expect(cannotFitText(unknown, ko())).toBe('앞 일정이 끝나기 30분 전에 시작해요');
  });
});
