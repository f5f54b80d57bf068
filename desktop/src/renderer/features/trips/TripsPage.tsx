import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Trip } from '@hamgaja/shared';
import { CalendarIcon, PinIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { FormAlert } from '../../app/forms';
import { useDocumentTitle } from '../../app/use-document-title';
import { useTrips } from '../../data/hooks';
import './trips.css';

function formatDate(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

function TripCard({ trip }: { trip: Trip }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <Link to={`/trips/${trip.id}`} className="trip-card">
        <span className="trip-cover" aria-hidden="true" />
        <span className="trip-body">
          <strong className="trip-title">{trip.title}</strong>
          <span className="trip-meta">
            <CalendarIcon />
            {t('trips.dates', {
              start: formatDate(trip.startDate, i18n.language),
              end: formatDate(trip.endDate, i18n.language),
            })}
          </span>
          <span className="trip-meta">
            <PinIcon />
            {trip.destination.text || t('trips.noDestination')}
          </span>
        </span>
      </Link>
    </li>
  );
}

/** The user's trips from the local database (works offline; fills in as sync delivers). */
export default function TripsPage() {
  const { t } = useTranslation();
  const trips = useTrips();
  useDocumentTitle(t('trips.title'));

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('trips.title')}</h1>
          <p>{t('trips.subtitle')}</p>
        </div>
        {trips.status === 'ready' && trips.data.length > 0 ? (
          <span className="muted">{t('trips.count', { count: trips.data.length })}</span>
        ) : null}
      </div>
      {trips.status === 'loading' ? <PageLoading /> : null}
      {trips.status === 'failed' ? <FormAlert kind="error">{t('trips.openFailed')}</FormAlert> : null}
      {trips.status === 'ready' && trips.data.length === 0 ? (
        <div className="card empty-state">
          <CalendarIcon />
          <h2>{t('trips.emptyTitle')}</h2>
          <p>{t('trips.emptyBody')}</p>
        </div>
      ) : null}
      {trips.status === 'ready' && trips.data.length > 0 ? (
        <ul className="trip-grid" role="list" aria-label={t('trips.title')}>
          {trips.data.map((trip) => (
            <TripCard key={trip.id} trip={trip} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
