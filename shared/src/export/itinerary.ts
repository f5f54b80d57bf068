/** A trip laid out day by day, as every export format presents it. */
import { TZDate } from '@date-fns/tz';
import { sortByOrderKey } from '../sync/order-keys.js';
import {
  dateOfTripDay,
  fromMinorUnits,
  tripDayCount,
  type Money,
  type Stop,
  type Trip,
} from '../sync/documents.js';
import type { ExportLanguage } from './words.js';

export interface ItineraryDay {
  /** 0-based day index. */
  index: number;
  /** ISO date of the day. */
  date: string;
  /** The day's stops in the user's order. */
  stops: Stop[];
}

export function itineraryDays(trip: Trip, stops: readonly Stop[]): ItineraryDay[] {
  const count = tripDayCount(trip.startDate, trip.endDate);
  const days: ItineraryDay[] = Array.from({ length: count }, (_, index) => ({
    index,
    date: dateOfTripDay(trip.startDate, index),
    stops: [],
  }));
  for (const stop of sortByOrderKey(stops.filter((s) => s.tripId === trip.id)))
    days[stop.day]?.stops.push(stop);
  return days;
}

/** The ISO date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return dateOfTripDay(date, days);
}

/** 15000 KRW → "₩15,000"; 1234 USD → "$12.34" (amounts are in minor units). */
export function formatMoney(money: Money, language: ExportLanguage): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: money.currency }).format(
    fromMinorUnits(money.amount, money.currency),
  );
}

/** The instant of a wall-clock time (`HH:MM`) on `date` in `timeZone` (DST gaps move forward). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const zoned = TZDate.tz(timeZone, y!, m! - 1, d!, hh!, mm!);
  return new Date(zoned.getTime());
}

/** A file name for the trip: its title without characters file systems refuse. */
export function exportFileName(title: string, extension: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"/\\|?*]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 100)
    .trim();
  // Windows refuses these names whatever the extension.
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cleaned);
  const base = cleaned === '' || reserved ? `trip${cleaned ? `-${cleaned}` : ''}` : cleaned;
  return `${base}.${extension}`;
}
