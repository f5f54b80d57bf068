/** How reservations read on screen: type-specific labels, times with their zones, routes. */
import type { TFunction } from 'i18next';
import {
  reservationDurationMinutes,
  type Reservation,
  type ReservationMoment,
  type ReservationType,
} from '@hamgaja/shared';

export type ReservationLabel =
  | 'title'
  | 'provider'
  | 'start'
  | 'end'
  | 'from'
  | 'to'
  | 'seats'
  | 'placeholder';

/** A label that depends on the type: "Airline" for a flight, "Check-in" for a stay. */
export function labelOf(t: TFunction, type: ReservationType, label: ReservationLabel): string {
  return t(`reservations.labels.${type}.${label}`);
}

/** "Tokyo" for Asia/Tokyo, "New York" for America/New_York. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

/** "10:30", or "01:10 Tokyo" when the moment's zone is not the trip's; null without a time. */
export function momentClock(moment: ReservationMoment, tripTimeZone: string): string | null {
  if (moment.time === null) return null;
  return moment.timeZone === tripTimeZone ? moment.time : `${moment.time} ${zoneCity(moment.timeZone)}`;
}

/** "ICN → CJU", "ICN", or '' (a stay shows its address elsewhere). */
export function routeOf(reservation: Reservation): string {
  const from = reservation.from?.name ?? '';
  const to = reservation.to?.name ?? '';
  if (from && to) return `${from} → ${to}`;
  return reservation.type === 'stay' ? '' : from || to;
}

/** "1 h 40 min" between the two ends (each in its own zone); null when a time is missing. */
export function durationText(t: TFunction, reservation: Reservation): string | null {
  const minutes = reservationDurationMinutes(reservation);
  if (minutes === null || minutes <= 0 || reservation.type === 'stay') return null;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('reservations.durationMinutes', { minutes: rest });
  if (rest === 0) return t('reservations.durationHours', { hours });
  return t('reservations.duration', { hours, minutes: rest });
}
