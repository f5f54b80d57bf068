import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { stayNights, type Reservation } from '@hamgaja/shared';
import { PencilIcon, TrashIcon } from '../../app/icons';
import type { Language } from '../../i18n';
import { formatDate, formatMoney } from '../trips/format';
import { durationText, labelOf, momentClock, routeOf } from './reservation-text';
import { ReservationIcon } from './ReservationIcon';

/**
 * One reservation in the reservations tab: what, when (each end in its own zone), where, the
 * booking code large enough to read out at a counter, cost, notes, and its documents (slot).
 */
export function ReservationCard({
  reservation,
  tripTimeZone,
  language,
  outside,
  onEdit,
  onDelete,
  documents,
  notice,
}: {
  reservation: Reservation;
  tripTimeZone: string;
  language: Language;
  /** It falls on none of the trip's days. */
  outside?: boolean;
  onEdit?: () => void;
  onDelete?: () => Promise<void>;
  /** The reservation's travel documents (<ReservationDocuments .../>). */
  documents?: ReactNode;
  notice?: ReactNode;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { type, start, end } = reservation;
  const when = (moment: NonNullable<Reservation['end']>) =>
    [formatDate(moment.date, language, 'weekday'), momentClock(moment, tripTimeZone)]
      .filter(Boolean)
      .join(' ');
  const route = routeOf(reservation);
  const duration = durationText(t, reservation);
  const nights = stayNights(reservation);
  const titleId = `reservation-${reservation.id}-title`;
  return (
    <li
      className={`reservation-card reservation-${type}${outside ? ' is-outside' : ''}`}
      data-reservation-id={reservation.id}
      aria-labelledby={titleId}
    >
      <div className="reservation-card-head">
        <span className="reservation-badge" aria-hidden="true">
          <ReservationIcon type={type} />
        </span>
        <div className="reservation-card-title">
          <span className="reservation-type">
            {t(`reservations.types.${type}`)}
            {outside ? <span className="reservation-outside"> · {t('reservations.outside')}</span> : null}
          </span>
          <h3 id={titleId}>{reservation.title}</h3>
          {reservation.provider ? <span className="reservation-provider">{reservation.provider}</span> : null}
        </div>
        {onEdit || onDelete ? (
          <span className="reservation-tools">
            {onEdit ? (
              <button
                type="button"
                className="icon-button"
                aria-label={t('reservations.editNamed', { title: reservation.title })}
                onClick={onEdit}
              >
                <PencilIcon />
              </button>
            ) : null}
            {onDelete ? (
              <button
                type="button"
                className="icon-button"
                aria-label={t('reservations.deleteNamed', { title: reservation.title })}
                onClick={() => setConfirming(true)}
              >
                <TrashIcon />
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      <dl className="reservation-facts">
        <div>
          <dt>{labelOf(t, type, 'start')}</dt>
          <dd>{when(start)}</dd>
        </div>
        {end ? (
          <div>
            <dt>{labelOf(t, type, 'end')}</dt>
            <dd>
              {when(end)}
              {duration ? <span className="reservation-duration"> · {duration}</span> : null}
              {nights > 0 ? (
                <span className="reservation-duration"> · {t('reservations.nights', { count: nights })}</span>
              ) : null}
            </dd>
          </div>
        ) : null}
        {route ? (
          <div>
            <dt>{t('reservations.route')}</dt>
            <dd className="reservation-route">{route}</dd>
          </div>
        ) : type === 'stay' && reservation.from ? (
          <div>
            <dt>{labelOf(t, type, 'from')}</dt>
            <dd>{reservation.from.name}</dd>
          </div>
        ) : null}
        {reservation.seats ? (
          <div>
            <dt>{labelOf(t, type, 'seats')}</dt>
            <dd>{reservation.seats}</dd>
          </div>
        ) : null}
        {reservation.cost ? (
          <div>
            <dt>{t('reservations.cost')}</dt>
            <dd>
              {formatMoney(reservation.cost.amount, reservation.cost.currency, language)}
              {reservation.expenseId ? (
                <span className="reservation-linked"> · {t('reservations.expenseLinked')}</span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {reservation.confirmationCode ? (
        <p className="reservation-code">
          <span>{t('reservations.confirmationCode')}</span>
          <strong translate="no">{reservation.confirmationCode}</strong>
        </p>
      ) : null}
      {reservation.note ? <p className="reservation-note">{reservation.note}</p> : null}
      {documents ? <div className="reservation-documents-slot">{documents}</div> : null}
      {confirming && onDelete ? (
        <div
          className="reservation-confirm"
          role="group"
          aria-label={t('reservations.deleteNamed', { title: reservation.title })}
        >
          <span>{t('reservations.deleteConfirm', { title: reservation.title })}</span>
          <button
            type="button"
            className="button button-ghost reservation-small"
            onClick={() => setConfirming(false)}
          >
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger reservation-small"
            onClick={() => void onDelete().finally(() => setConfirming(false))}
          >
            {t('reservations.delete')}
          </button>
        </div>
      ) : null}
      {notice}
    </li>
  );
}
