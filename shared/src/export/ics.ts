/**
 * A trip as an iCalendar file (RFC 5545): one all-day event spanning the trip, one event
 * per stop and one per reservation (each end at the instant of its own time zone). Timed stops are written as UTC instants computed in the trip's time zone, so
 * every calendar shows them at the right moment without VTIMEZONE tables; untimed stops are
 * all-day events on their date. `X-WR-TIMEZONE` names the trip's zone for calendar apps.
 * UIDs are stable (`trip-<id>@hamgaja`, `stop-<id>@hamgaja`, `reservation-<id>@hamgaja`), so importing or polling again
 * updates the events instead of duplicating them.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Reservation, Stop, Trip } from '../sync/documents.js';
import { addDays, formatMoney, itineraryDays, zonedInstant } from './itinerary.js';
import { exportWords, fillWords, type ExportLanguage } from './words.js';

/** Length given to a timed stop without a duration. */
const DEFAULT_DURATION_MINUTES = 60;

export interface IcsOptions {
  language: ExportLanguage;
  /** DTSTAMP of every event (the export time). */
  now: Date;
}

export function tripToIcs(
  bundle: { trip: Trip; stops: readonly Stop[]; reservations?: readonly Reservation[] },
  options: IcsOptions,
): string {
  const { trip } = bundle;
  const t = exportWords[options.language];
  const calendar = ical({
    name: trip.title,
    description: trip.description || null,
    prodId: { company: 'Hamgaja', product: 'Hamgaja', language: options.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  // Only the calendar's display zone: events stay UTC instants (no VTIMEZONE needed).
  calendar.x('X-WR-TIMEZONE', trip.timeZone);

  calendar.createEvent({
    id: `trip-${trip.id}@hamgaja`,
    allDay: true,
    start: trip.startDate,
    // DTEND of an all-day event is exclusive.
    end: addDays(trip.endDate, 1),
    stamp: options.now,
    summary: fillWords(t.document.tripEvent, { title: trip.title }),
    description: [trip.description, trip.notes].filter((s) => s.trim() !== '').join('\n\n') || null,
    location: trip.destination.text || null,
  });

  for (const day of itineraryDays(trip, bundle.stops)) {
    for (const stop of day.stops) {
      const place = stop.place;
      const hasGeo = place.lat != null && place.lng != null;
      const details = [
        t.categories[stop.category],
        stop.cost ? `${t.document.cost}: ${formatMoney(stop.cost, options.language)}` : '',
        stop.note,
      ].filter((s) => s.trim() !== '');
      const timing = stop.startTime
        ? (() => {
            const start = zonedInstant(day.date, stop.startTime, trip.timeZone);
            const minutes = stop.durationMinutes ?? DEFAULT_DURATION_MINUTES;
            return { allDay: false, start, end: new Date(start.getTime() + minutes * 60_000) };
          })()
        : { allDay: true, start: day.date, end: addDays(day.date, 1) };
      calendar.createEvent({
        id: `stop-${stop.id}@hamgaja`,
        ...timing,
        stamp: options.now,
        summary: place.name,
        description: details.join('\n') || null,
        location: hasGeo
          ? {
              title: place.name,
              address: place.address ?? undefined,
              geo: { lat: place.lat!, lon: place.lng! },
            }
          : place.address || place.name,
        categories: [{ name: t.categories[stop.category] }],
      });
    }
  }

  for (const reservation of bundle.reservations ?? []) {
    const { start, end } = reservation;
    const route = [reservation.from?.name, reservation.to?.name].filter(Boolean).join(' → ');
    const details = [
      [t.reservationTypes[reservation.type], reservation.provider].filter(Boolean).join(' · '),
      route,
      reservation.confirmationCode ? `${t.document.confirmation}: ${reservation.confirmationCode}` : '',
      reservation.seats ? `${t.document.seats}: ${reservation.seats}` : '',
      reservation.cost ? `${t.document.cost}: ${formatMoney(reservation.cost, options.language)}` : '',
      reservation.note,
    ].filter((s) => s.trim() !== '');
    let timing: { allDay: boolean; start: Date | string; end: Date | string };
    if (start.time === null) {
      // Whole days: through the end's date (a stay: up to its check-out day).
      timing = { allDay: true, start: start.date, end: addDays(end?.date ?? start.date, 1) };
    } else {
      const from = zonedInstant(start.date, start.time, start.timeZone);
      const to =
        end?.time != null
          ? zonedInstant(end.date, end.time, end.timeZone)
          : new Date(from.getTime() + DEFAULT_DURATION_MINUTES * 60_000);
      timing = { allDay: false, start: from, end: to.getTime() > from.getTime() ? to : from };
    }
    calendar.createEvent({
      id: `reservation-${reservation.id}@hamgaja`,
      ...timing,
      stamp: options.now,
      summary: route && reservation.type !== 'stay' ? `${reservation.title} (${route})` : reservation.title,
      description: details.join('\n') || null,
      location: reservation.from?.address || reservation.from?.name || null,
      categories: [{ name: t.reservationTypes[reservation.type] }],
    });
  }
  return calendar.toString();
}
