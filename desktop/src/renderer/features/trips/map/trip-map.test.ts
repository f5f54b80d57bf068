import { describe, expect, it } from 'vitest';
import { initialOrderKeys, type Stop } from '@hamgaja/shared';
import {
  boundsOf,
  contrastRatio,
  DAY_COLOURS,
  DAY_INK_DARK,
  DAY_INK_LIGHT,
  dayColour,
  dayColourStyle,
  tripMapModel,
  validFilter,
  visibleDays,
  visiblePoints,
} from './trip-map';

const keys = initialOrderKeys(10);
const stop = (id: string, day: number, keyIndex: number, at?: [number, number]): Stop => ({
  id,
  tripId: 'trip',
  day,
  orderKey: keys[keyIndex]!,
  startTime: null,
  durationMinutes: null,
  place: at ? { name: id, lat: at[0], lng: at[1] } : { name: id },
  category: 'sightseeing',
  cost: null,
  note: '',
  travelMode: null,
});

const numbers = (days: ReturnType<typeof tripMapModel>['days']) =>
  days.map((d) => d.located.map((s) => `${s.stop.id}:${s.number}`));

describe('tripMapModel', () => {
  // Stored out of order, as a query may return them.
  const stops = [
    stop('lunch', 0, 3),
    stop('palace', 0, 1, [37.58, 126.977]),
    stop('market', 1, 2, [37.57, 126.99]),
    stop('tower', 0, 5, [37.551, 126.988]),
    stop('notes', 0, 2),
    stop('river', 1, 1, [37.52, 126.93]),
  ];

  it('groups by day in visiting order (day, then orderKey) and numbers every stop of its day from 1', () => {
    const model = tripMapModel(stops, 3);
    expect(model.days.map((d) => d.day)).toEqual([0, 1, 2]);
    expect(model.days[0]!.stops.map((s) => `${s.stop.id}:${s.number}`)).toEqual([
      'palace:1',
      'notes:2',
      'lunch:3',
      'tower:4',
    ]);
    // Markers keep the schedule's numbers: a stop without coordinates leaves its number out.
    expect(numbers(model.days)).toEqual([['palace:1', 'tower:4'], ['river:1', 'market:2'], []]);
  });

  it('lists the stops without coordinates by day and order under "Not on the map"', () => {
    const model = tripMapModel(stops, 3);
    expect(model.unlocated.map((s) => `${s.stop.id}:${s.day}:${s.number}`)).toEqual([
      'notes:0:2',
      'lunch:0:3',
    ]);
    expect(model.unlocated.every((s) => s.point === null)).toBe(true);
  });

  it('treats a null coordinate pair as no place, and 0 as a real coordinate', () => {
    const nullPlace: Stop = { ...stop('null', 0, 1), place: { name: 'null', lat: null, lng: null } };
    const zero = stop('zero', 0, 2, [0, 0]);
    const model = tripMapModel([nullPlace, zero], 1);
    expect(model.unlocated.map((s) => s.stop.id)).toEqual(['null']);
    expect(model.days[0]!.located.map((s) => s.point)).toEqual([{ lat: 0, lng: 0 }]);
  });

  it('keeps a day past the trip end only while it holds stops (dates were shortened)', () => {
    const model = tripMapModel([stop('late', 4, 1, [35.1, 129.0]), stop('first', 0, 1)], 2);
    expect(model.days.map((d) => d.day)).toEqual([0, 1, 4]);
    expect(model.days[2]!.located[0]!.number).toBe(1);
  });

  it('an empty trip has its days and nothing on them', () => {
    const model = tripMapModel([], 2);
    expect(model.days.map((d) => d.stops.length)).toEqual([0, 0]);
    expect(model.unlocated).toEqual([]);
  });
});

describe('the day filter', () => {
  const model = tripMapModel(
    [stop('a', 0, 1, [37.5, 127.0]), stop('b', 1, 1, [35.1, 129.0]), stop('c', 1, 2, [35.2, 129.1])],
    2,
  );

  it('shows every day, or the chosen one', () => {
    expect(visibleDays(model, 'all').map((d) => d.day)).toEqual([0, 1]);
    expect(visibleDays(model, 1).map((d) => d.day)).toEqual([1]);
    expect(visiblePoints(visibleDays(model, 1))).toEqual([
      { lat: 35.1, lng: 129.0 },
      { lat: 35.2, lng: 129.1 },
    ]);
  });

  it('falls back to all days when the chosen day is gone', () => {
    expect(validFilter(model, 1)).toBe(1);
    expect(validFilter(model, 5)).toBe('all');
    expect(validFilter(model, 'all')).toBe('all');
  });
});

describe('boundsOf', () => {
  it('is null without points', () => {
    expect(boundsOf([])).toBeNull();
  });

  it('is the point itself for one point', () => {
    expect(boundsOf([{ lat: 37.5, lng: 127 }])).toEqual([
      [37.5, 127],
      [37.5, 127],
    ]);
  });

  it('spans south-west to north-east', () => {
    expect(
      boundsOf([
        { lat: 37.5, lng: 127.1 },
        { lat: 33.4, lng: 126.5 },
        { lat: 35.1, lng: 129.0 },
      ]),
    ).toEqual([
      [33.4, 126.5],
      [37.5, 129.0],
    ]);
  });
});

describe('day colours', () => {
  // The offline basemap (catalog/basemap.css): land, Korea's land and the sea, per theme.
  const light = { land: '#f3f1e8', landKr: '#fbfaf4', sea: '#cfe3ef', surface: '#ffffff', subtle: '#f0f0ed' };
  const dark = { land: '#2a2d31', landKr: '#33373c', sea: '#1c2a33', surface: '#1b1c20', subtle: '#18191c' };

  it('the number on a marker keeps 4.5:1 on its day colour in both themes', () => {
    for (const colour of DAY_COLOURS) {
      expect(contrastRatio(DAY_INK_LIGHT, colour.light), colour.light).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(DAY_INK_DARK, colour.dark), colour.dark).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('markers and routes keep 3:1 against the basemap and the list background of their theme', () => {
    for (const colour of DAY_COLOURS) {
      for (const background of Object.values(light))
        expect(
          contrastRatio(colour.light, background),
          `${colour.light} on ${background}`,
        ).toBeGreaterThanOrEqual(3);
      for (const background of Object.values(dark))
        expect(
          contrastRatio(colour.dark, background),
          `${colour.dark} on ${background}`,
        ).toBeGreaterThanOrEqual(3);
    }
  });

  it('neighbouring days differ and the palette repeats after its end', () => {
    expect(new Set(DAY_COLOURS.map((c) => c.light)).size).toBe(DAY_COLOURS.length);
    expect(dayColour(0)).not.toEqual(dayColour(1));
    expect(dayColour(DAY_COLOURS.length)).toEqual(dayColour(0));
    expect(dayColour(DAY_COLOURS.length + 3)).toEqual(dayColour(3));
    expect(dayColourStyle(1)).toEqual({
      '--day-light': DAY_COLOURS[1]!.light,
      '--day-dark': DAY_COLOURS[1]!.dark,
    });
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
