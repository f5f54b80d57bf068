/**
 * A trip as an iCalendar file (RFC 5545): one all-day event spanning the trip and one event
 * per stop. Timed stops are written as UTC instants computed in the trip's time zone, so
 * every calendar shows them at the right moment without VTIMEZONE tables; untimed stops are
 * all-day events on their date. UIDs are stable, so importing again updates the events.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Language } from '../../desktop-api/contract.js';
import type { TripBundle } from '../../desktop-api/trip-bundle.js';
import { format, mainMessages } from '../i18n/messages.js';
import { addDays, formatMoney, itineraryDays, zonedInstant } from './itinerary.js';

/** Length given to a timed stop without a duration. */
const DEFAULT_DURATION_MINUTES = 60;

export interface IcsOptions {
  language: Language;
  /** DTSTAMP of every event (the export time). */
  now: Date;
}

export function tripToIcs(bundle: Pick<TripBundle, 'trip' | 'stops'>, options: IcsOptions): string {
  const { trip } = bundle;
  const t = mainMessages[options.language];
  const calendar = ical({
    name: trip.title,
    description: trip.description || null,
    prodId: { company: 'Hamgaja', product: 'Hamgaja Desktop', language: options.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });

  calendar.createEvent({
    id: `trip-${trip.id}@hamgaja`,
    allDay: true,
    start: trip.startDate,
    // DTEND of an all-day event is exclusive.
    end: addDays(trip.endDate, 1),
    stamp: options.now,
    summary: format(t.document.tripEvent, { title: trip.title }),
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
  return calendar.toString();
}
