import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReservationDay } from '@hamgaja/shared';
import { labelOf, momentClock, routeOf } from './reservation-text';
import { ReservationIcon } from './ReservationIcon';
import './reservations.css';

/**
 * A day's reservations in the schedule (columns and timeline): departures, arrivals, check-ins at
 * their local times, then a band for each night of a stay ("Night 1/2 · Hotel"). Each links to the
 * reservations tab, where they are edited.
 */
export function DayReservations({
  day,
  dayNumber,
  tripTimeZone,
}: {
  day: ReservationDay;
  dayNumber: number;
  tripTimeZone: string;
}) {
  const { t } = useTranslation();
  if (day.entries.length === 0 && day.nights.length === 0) return null;
  return (
    <ul className="day-reservations" aria-label={t('reservations.dayLabel', { day: dayNumber })}>
      {day.entries.map(({ reservation, role, moment }) => {
        const start = momentClock(moment, tripTimeZone);
        const end = role === 'whole' && reservation.end ? momentClock(reservation.end, tripTimeZone) : null;
        const clock = start ? (end ? `${start}–${end}` : start) : t('reservations.noTime');
        const what =
          role === 'whole' ? null : labelOf(t, reservation.type, role === 'start' ? 'start' : 'end');
        const route = routeOf(reservation);
        return (
          <li
            key={`${reservation.id}-${role}`}
            className={`day-reservation reservation-${reservation.type}`}
            data-reservation-id={reservation.id}
            data-role={role}
          >
            <span className="day-reservation-icon" aria-hidden="true">
              <ReservationIcon type={reservation.type} />
            </span>
            <span className="day-reservation-body">
              <span className="day-reservation-time">
                <time>{clock}</time>
                {what ? <span className="day-reservation-role"> · {what}</span> : null}
                <span className="visually-hidden"> · {t(`reservations.types.${reservation.type}`)}</span>
              </span>
              <Link to="?tab=reservations" className="day-reservation-title">
                {reservation.title}
              </Link>
              {route ? <span className="day-reservation-route">{route}</span> : null}
            </span>
          </li>
        );
      })}
      {day.nights.map(({ reservation, night, nights }) => (
        <li
          key={`${reservation.id}-night-${night}`}
          className="day-reservation-night"
          data-reservation-id={reservation.id}
          data-role="night"
        >
          <span className="day-reservation-icon" aria-hidden="true">
            <ReservationIcon type="stay" />
          </span>
          <span>{t('reservations.night', { night, nights, title: reservation.title })}</span>
        </li>
      ))}
    </ul>
  );
}
