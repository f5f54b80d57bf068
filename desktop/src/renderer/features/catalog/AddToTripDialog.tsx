import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { dateOfTripDay, tripDayCount, type AttractionSummary } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { CloseIcon } from '../../app/icons';
import { ModalDialog } from '../../app/modal-dialog';
import { useSessionState } from '../../app/services';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useTrips } from '../../data/hooks';
import { currentLanguage } from '../../i18n';
import { formatDate, localToday } from '../trips/format';
import { addAttractionToTrip, categoryOfContentType } from './add-to-trip';

export type AddedStop = { tripId: string; tripTitle: string; day: number };

/**
 * Pick a trip and a day for a place; the stop lands at the end of that day in the local
 * database (works offline; the replication pushes it later).
 */
export function AddToTripDialog({
  attraction,
  defaultTripId,
  defaultDay,
  onClose,
  onAdded,
}: {
  attraction: AttractionSummary | null;
  defaultTripId?: string | null;
  defaultDay?: number | null;
  onClose: () => void;
  onAdded: (added: AddedStop) => void;
}) {
  return (
    <ModalDialog
      open={attraction !== null}
      onClose={onClose}
      className="dialog add-to-trip-dialog"
      aria-labelledby="add-to-trip-title"
    >
      {attraction ? (
        <AddToTripForm
          key={attraction.id}
          attraction={attraction}
          defaultTripId={defaultTripId ?? null}
          defaultDay={defaultDay ?? null}
          onClose={onClose}
          onAdded={onAdded}
        />
      ) : null}
    </ModalDialog>
  );
}

function AddToTripForm({
  attraction,
  defaultTripId,
  defaultDay,
  onClose,
  onAdded,
}: {
  attraction: AttractionSummary;
  defaultTripId: string | null;
  defaultDay: number | null;
  onClose: () => void;
  onAdded: (added: AddedStop) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const session = useSessionState();
  const database = useDatabaseState();
  const trips = useTrips();
  const location = useLocation();
  const ids = useId();
  const [tripId, setTripId] = useState<string>('');
  const [day, setDay] = useState<string>('');
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);

  const list = useMemo(() => (trips.status === 'ready' ? trips.data : []), [trips]);
  // Upcoming trips first: the one being planned is the likely target.
  const ordered = useMemo(() => {
    const today = localToday();
    return [...list].sort(
      (a, b) =>
        Number(a.endDate < today) - Number(b.endDate < today) || a.startDate.localeCompare(b.startDate),
    );
  }, [list]);
  const trip = ordered.find((candidate) => candidate.id === tripId) ?? null;
  const dayCount = trip ? tripDayCount(trip.startDate, trip.endDate) : 0;

  useEffect(() => {
    if (tripId || ordered.length === 0) return;
    const preferred = ordered.find((candidate) => candidate.id === defaultTripId) ?? ordered[0];
    if (!preferred) return;
    setTripId(preferred.id);
    const days = tripDayCount(preferred.startDate, preferred.endDate);
    setDay(
      String(preferred.id === defaultTripId && defaultDay !== null && defaultDay < days ? defaultDay : 0),
    );
  }, [ordered, tripId, defaultTripId, defaultDay]);

  const category = t(`trips.categories.${categoryOfContentType(attraction.contentTypeId)}`);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (database.status !== 'ready' || !trip) return;
    setSaving(true);
    setFailed(false);
    try {
      const chosenDay = Number(day);
      await addAttractionToTrip(database.db, attraction, trip.id, chosenDay);
      onAdded({ tripId: trip.id, tripTitle: trip.title, day: chosenDay });
    } catch (error) {
      console.error('Adding the place to the trip failed', error);
      setFailed(true);
    } finally {
      setSaving(false);
    }
  };

  const head = (
    <div className="dialog-head">
      <h2 id="add-to-trip-title">{t('catalog.add.title')}</h2>
      <button type="button" className="icon-button" aria-label={t('catalog.add.cancel')} onClick={onClose}>
        <CloseIcon />
      </button>
    </div>
  );

  if (session.status !== 'authenticated') {
    const next = `${location.pathname}${location.search}`;
    return (
      <div className="dialog-body">
        {head}
        <p>{t('catalog.add.loginRequired')}</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('catalog.add.cancel')}
          </button>
          <Link className="button button-primary" to={`/login?next=${encodeURIComponent(next)}`}>
            {t('catalog.add.login')}
          </Link>
        </div>
      </div>
    );
  }

  if (trips.status !== 'ready') {
    return (
      <div className="dialog-body">
        {head}
        {trips.status === 'failed' ? (
          <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>
        ) : (
          <p>{t('catalog.add.loading')}</p>
        )}
      </div>
    );
  }

  if (ordered.length === 0) {
    return (
      <div className="dialog-body">
        {head}
        <p>{t('catalog.add.noTrips')}</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('catalog.add.cancel')}
          </button>
          <Link className="button button-primary" to="/trips/new">
            {t('catalog.add.createTrip')}
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form className="dialog-body add-to-trip-form" onSubmit={(event) => void submit(event)}>
      {head}
      <p className="add-to-trip-place">
        <strong>{attraction.title}</strong>
        <span className="muted">{t('catalog.add.category', { category })}</span>
      </p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-trip`}>
          {t('catalog.add.trip')}
        </label>
        <select
          id={`${ids}-trip`}
          className="select"
          value={tripId}
          onChange={(event) => {
            setTripId(event.target.value);
            setDay('0');
          }}
        >
          {ordered.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-day`}>
          {t('catalog.add.day')}
        </label>
        <select
          id={`${ids}-day`}
          className="select"
          value={day}
          onChange={(event) => setDay(event.target.value)}
        >
          {trip
            ? Array.from({ length: dayCount }, (_, index) => (
                <option key={index} value={String(index)}>
                  {t('catalog.add.dayOption', {
                    day: index + 1,
                    date: formatDate(dateOfTripDay(trip.startDate, index), language, 'weekday'),
                  })}
                </option>
              ))
            : null}
        </select>
      </div>
      {failed ? <FormAlert kind="error">{t('catalog.add.failed')}</FormAlert> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('catalog.add.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={saving || !trip || database.status !== 'ready'}
        >
          {t('catalog.add.submit')}
        </button>
      </div>
    </form>
  );
}
