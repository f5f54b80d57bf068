/**
 * The pure part of the trip's Map view: the stops grouped by day in visiting order (day, then
 * orderKey) and numbered within their day, the day filter, the day colours (light and dark
 * themes) and the bounds the map fits.
 */
import type { Stop } from '@hamgaja/shared';
import { groupStopsByDay } from '../schedule';

/** One stop as the map shows it. */
export interface MapStop {
  stop: Stop;
  /** Day index from 0. */
  day: number;
  /**
   * Its place in the day's visiting order, from 1, counting every stop of the day (with or
   * without coordinates): the same number as in the schedule, and it does not change when an
   * earlier stop gets (or loses) its coordinates.
   */
  number: number;
  /** The coordinates, or null for a stop that is "Not on the map". */
  point: LatLng | null;
}

export interface LatLng {
  lat: number;
  lng: number;
}

export interface MapDay {
  day: number;
  /** Every stop of the day, in visiting order. */
  stops: MapStop[];
  /** The stops with coordinates, in visiting order: the markers and the route. */
  located: MapStop[];
}

export interface TripMapModel {
  /** The trip's days (and, after them, any later day that still holds stops), in order. */
  days: MapDay[];
  /** Stops without coordinates, by day and visiting order. */
  unlocated: MapStop[];
}

/** All days, or one day index. */
export type DayFilter = 'all' | number;

function pointOf(stop: Stop): LatLng | null {
  const { lat, lng } = stop.place;
  return typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)
    ? { lat, lng }
    : null;
}

/** The map's view of the trip's stops: days in order, each numbered in visiting order. */
export function tripMapModel(stops: readonly Stop[], dayCount: number): TripMapModel {
  const lastDay = stops.reduce((last, stop) => Math.max(last, stop.day), -1);
  const count = Math.max(dayCount, lastDay + 1);
  const { days: grouped } = groupStopsByDay(stops, count);
  const days: MapDay[] = [];
  const unlocated: MapStop[] = [];
  grouped.forEach((dayStops, day) => {
    // Days past the trip's end appear only while they hold stops.
    if (day >= dayCount && dayStops.length === 0) return;
    const mapStops = dayStops.map((stop, index) => ({ stop, day, number: index + 1, point: pointOf(stop) }));
    const located = mapStops.filter((s) => s.point !== null);
    for (const s of mapStops) if (s.point === null) unlocated.push(s);
    days.push({ day, stops: mapStops, located });
  });
  return { days, unlocated };
}

/** The days a filter shows: every day, or the one chosen (none when it no longer exists). */
export function visibleDays(model: TripMapModel, filter: DayFilter): MapDay[] {
  return filter === 'all' ? model.days : model.days.filter((d) => d.day === filter);
}

/** The filter itself while its day exists; 'all' once it is gone (the dates were shortened). */
export function validFilter(model: TripMapModel, filter: DayFilter): DayFilter {
  return filter === 'all' || model.days.some((d) => d.day === filter) ? filter : 'all';
}

/** [[south, west], [north, east]] around the points, or null when there are none. */
export function boundsOf(points: readonly LatLng[]): [[number, number], [number, number]] | null {
  if (points.length === 0) return null;
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const { lat, lng } of points) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lng);
    east = Math.max(east, lng);
  }
  return [
    [south, west],
    [north, east],
  ];
}

/** The points the map fits: every located stop of the visible days. */
export function visiblePoints(days: readonly MapDay[]): LatLng[] {
  return days.flatMap((d) => d.located.map((s) => s.point!));
}

// --- Day colours ------------------------------------------------------------------------

/**
 * A day's colour in each theme: markers, route lines and list badges. The number on a marker
 * is white on the light theme's colour and `DAY_INK_DARK` on the dark theme's (≥ 4.5:1 both);
 * the colours keep ≥ 3:1 against the offline basemap's land and sea in their theme
 * (trip-map.test.ts checks both). Days past the eighth reuse the colours in turn.
 */
export const DAY_COLOURS: readonly { light: string; dark: string }[] = [
  { light: '#0f766e', dark: '#5eead4' }, // teal
  { light: '#c2410c', dark: '#fdba74' }, // orange
  { light: '#1d4ed8', dark: '#93c5fd' }, // blue
  { light: '#be123c', dark: '#fda4af' }, // rose
  { light: '#15803d', dark: '#86efac' }, // green
  { light: '#7e22ce', dark: '#d8b4fe' }, // purple
  { light: '#a16207', dark: '#fcd34d' }, // amber
  { light: '#475569', dark: '#cbd5e1' }, // slate
];
export const DAY_INK_LIGHT = '#ffffff';
export const DAY_INK_DARK = '#111318';

export function dayColour(day: number): { light: string; dark: string } {
  const n = DAY_COLOURS.length;
  return DAY_COLOURS[((Math.trunc(day) % n) + n) % n]!;
}

/** The CSS custom properties that colour a day's marker, route and badge (see trip-map.css). */
export function dayColourStyle(day: number): Record<'--day-light' | '--day-dark', string> {
  const colour = dayColour(day);
  return { '--day-light': colour.light, '--day-dark': colour.dark };
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
