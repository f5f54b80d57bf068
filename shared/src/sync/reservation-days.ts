/**
 * Where reservations go in a trip's schedule (pure functions; the schedule, the timeline and the
 * exports use them).
 *
 * Each end of a reservation keeps its own date, time and zone: a flight leaving Seoul at 23:30
 * and landing in Tokyo at 01:10 the next day departs on the first day and arrives on the next,
 * each shown at the time on the local clock, which is what the traveller reads on the ticket.
 * A stay also covers the nights between check-in and check-out ("Night 1/2 · Hotel").
 */
import {
  reservationMomentUtcMs,
  tripDayCount,
  dateOfTripDay,
  type Category,
  type Expense,
  type Reservation,
  type ReservationMoment,
  type ReservationType,
} from './documents.js';

/** Which end of a reservation a schedule entry shows: both at once when they share a day. */
export type ReservationRole = 'start' | 'end' | 'whole';

/** A reservation's departure / arrival (check-in / check-out ...) on one day of the trip. */
export interface ReservationEntry {
  reservation: Reservation;
  role: ReservationRole;
  /** The moment shown: the start for `start` and `whole`, the end for `end`. */
  moment: ReservationMoment;
}

/** One night of a stay. */
export interface ReservationNight {
  reservation: Reservation;
  /** 1-based. */
  night: number;
  nights: number;
}

export interface ReservationDay {
  date: string;
  /** In the order of their local clock times; moments without a time first. */
  entries: ReservationEntry[];
  nights: ReservationNight[];
}

export interface ReservationPlacement {
  /** One per trip day (index 0 = the first day). */
  days: ReservationDay[];
  /** Reservations with no moment and no night inside the trip's dates, by start. */
  outside: Reservation[];
}

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Nights of a stay (check-out date minus check-in date); 0 for anything else or without an end. */
export function stayNights(reservation: Pick<Reservation, 'type' | 'start' | 'end'>): number {
  if (reservation.type !== 'stay' || !reservation.end) return 0;
  return Math.max(0, tripDayCount(reservation.start.date, reservation.end.date) - 1);
}

/**
 * Minutes from start to end, each in its own zone (a 23:30 Seoul → 01:10 Tokyo flight: 100);
 * null when either end has no time.
 */
export function reservationDurationMinutes(reservation: Pick<Reservation, 'start' | 'end'>): number | null {
  const { start, end } = reservation;
  if (!end || start.time === null || end.time === null) return null;
  return Math.round((reservationMomentUtcMs(end) - reservationMomentUtcMs(start)) / 60_000);
}

/** Sorts reservations by their start instant (untimed ones at the start of their day), then title. */
export function compareReservations(a: Reservation, b: Reservation): number {
  const at = reservationMomentUtcMs(a.start);
  const bt = reservationMomentUtcMs(b.start);
  return at - bt || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

function compareEntries(a: ReservationEntry, b: ReservationEntry): number {
  const at = a.moment.time ?? '';
  const bt = b.moment.time ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  return compareReservations(a.reservation, b.reservation);
}

/** Places every reservation on the days of a trip (see the file header). */
export function placeReservations(
  trip: { startDate: string; endDate: string },
  reservations: readonly Reservation[],
): ReservationPlacement {
  const dayCount = Math.max(1, tripDayCount(trip.startDate, trip.endDate));
  const days: ReservationDay[] = Array.from({ length: dayCount }, (_, day) => ({
    date: dateOfTripDay(trip.startDate, day),
    entries: [],
    nights: [],
  }));
  const dayOf = (date: string): ReservationDay | undefined => days[tripDayCount(trip.startDate, date) - 1];
  const outside: Reservation[] = [];

  for (const reservation of [...reservations].sort(compareReservations)) {
    let placed = false;
    const put = (role: ReservationRole, moment: ReservationMoment) => {
      const day = dayOf(moment.date);
      if (!day) return;
      day.entries.push({ reservation, role, moment });
      placed = true;
    };
    const { start, end } = reservation;
    if (!end || end.date === start.date) {
      put('whole', start);
    } else {
      put('start', start);
      put('end', end);
    }
    const nights = stayNights(reservation);
    for (let night = 0; night < nights; night += 1) {
      const day = dayOf(addDays(start.date, night));
      if (!day) continue;
      day.nights.push({ reservation, night: night + 1, nights });
      placed = true;
    }
    if (!placed) outside.push(reservation);
  }
  for (const day of days) day.entries.sort(compareEntries);
  return { days, outside };
}

/** The expense category matching a reservation type. */
export function reservationExpenseCategory(type: ReservationType): Category {
  switch (type) {
    case 'stay':
      return 'lodging';
    case 'event':
      return 'activity';
    case 'other':
      return 'other';
    default:
      return 'transport';
  }
}

/**
 * The expense matching a reservation's cost ("create the matching expense"): same amount and
 * currency, dated on the start, paid by `paidBy`. Null when the reservation has no cost above 0.
 */
export function expenseForReservation(
  reservation: Reservation,
  options: { id: string; paidBy: string; splitAmong: readonly string[] },
): Expense | null {
  if (!reservation.cost || reservation.cost.amount < 1) return null;
  return {
    id: options.id,
    tripId: reservation.tripId,
    amount: reservation.cost.amount,
    currency: reservation.cost.currency,
    rate: null,
    paidBy: options.paidBy,
    splitAmong: options.splitAmong.length > 0 ? [...new Set(options.splitAmong)] : [options.paidBy],
    category: reservationExpenseCategory(reservation.type),
    date: reservation.start.date,
    stopId: null,
    note: reservation.title.slice(0, 2000),
  };
}
