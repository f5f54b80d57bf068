import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Stop, Trip } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { ChevronLeftIcon, TrashIcon } from '../../app/icons';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageLoading } from '../../app/PageLoading';
import { useSessionState } from '../../app/services';
import { useDocumentTitle } from '../../app/use-document-title';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useTripDocuments } from '../../data/hooks';
import {
  emptyTripForm,
  formDayCount,
  tripChanges,
  tripFromForm,
  tripToForm,
  type TripFormValues,
} from './trip-form';
import { insertTrip, patchTrip, removeTrip } from './trip-store';
import { TripForm } from './TripForm';
import './trips.css';

/** /trips/new and /trips/:tripId/edit. */
export default function TripFormPage() {
  const { tripId } = useParams();
  return tripId ? <EditTrip tripId={tripId} /> : <NewTrip />;
}

function NewTrip() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const database = useDatabaseState();
  const session = useSessionState();
  const [failed, setFailed] = useState(false);
  useDocumentTitle(t('trips.form.newTitle'));

  const create = async (values: TripFormValues) => {
    if (database.status !== 'ready' || session.status !== 'authenticated') return null;
    const result = tripFromForm(values, { id: crypto.randomUUID(), ownerId: session.user.id });
    if (!result.ok) return result.errors;
    try {
      await insertTrip(database.db, result.value);
    } catch (error) {
      console.error('Creating the trip failed', error);
      setFailed(true);
      return null;
    }
    void navigate(`/trips/${result.value.id}`, { replace: true });
    return null;
  };

  if (database.status === 'opening' || database.status === 'closed') return <PageLoading />;
  return (
    <div className="trip-form-page">
      <Link to="/trips" className="back-link">
        <ChevronLeftIcon />
        {t('trips.backToTrips')}
      </Link>
      <div className="page-header">
        <div>
          <h1>{t('trips.form.newTitle')}</h1>
          <p>{t('trips.form.newSubtitle')}</p>
        </div>
      </div>
      {database.status === 'failed' ? <FormAlert kind="error">{t('trips.openFailed')}</FormAlert> : null}
      {failed ? <FormAlert kind="error">{t('trips.form.saveFailed')}</FormAlert> : null}
      <TripForm
        initial={emptyTripForm()}
        submitLabel={t('trips.form.create')}
        busyLabel={t('trips.form.creating')}
        cancel={
          <Link to="/trips" className="button button-ghost button-large">
            {t('trips.form.cancel')}
          </Link>
        }
        onSubmit={create}
      />
    </div>
  );
}

/** Stops that would fall past the end of the trip with the dates in the form. */
function stopsOutside(stops: readonly Stop[], values: TripFormValues): number {
  const days = formDayCount(values);
  return days === null ? 0 : stops.filter((stop) => stop.day >= days).length;
}

function EditTrip({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const database = useDatabaseState();
  const session = useSessionState();
  const documents = useTripDocuments(tripId);
  const [failed, setFailed] = useState(false);
  const trip = documents.status === 'ready' ? documents.data.trip : null;
  useDocumentTitle(t('trips.form.editTitle'));

  if (documents.status === 'loading') return <PageLoading />;
  if (documents.status === 'failed') return <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>;
  if (!trip) return <NotFoundPage />;
  const stops = documents.data.stops;
  const isOwner = session.status === 'authenticated' && session.user.id === trip.ownerId;

  const save = async (values: TripFormValues) => {
    if (database.status !== 'ready') return null;
    const result = tripChanges(trip, values);
    if (!result.ok) return result.errors;
    try {
      await patchTrip(database.db, trip.id, result.value);
    } catch (error) {
      console.error('Saving the trip failed', error);
      setFailed(true);
      return null;
    }
    void navigate(`/trips/${trip.id}`);
    return null;
  };

  return (
    <div className="trip-form-page">
      <Link to={`/trips/${trip.id}`} className="back-link">
        <ChevronLeftIcon />
        {trip.title}
      </Link>
      <div className="page-header">
        <div>
          <h1>{t('trips.form.editTitle')}</h1>
          <p>{t('trips.form.editSubtitle')}</p>
        </div>
      </div>
      {failed ? <FormAlert kind="error">{t('trips.form.saveFailed')}</FormAlert> : null}
      <TripForm
        // A remote change to the trip while the form is open must not reset what the user typed.
        key={trip.id}
        initial={tripToForm(trip)}
        submitLabel={t('trips.form.save')}
        busyLabel={t('trips.form.saving')}
        cancel={
          <Link to={`/trips/${trip.id}`} className="button button-ghost button-large">
            {t('trips.form.cancel')}
          </Link>
        }
        warning={(values) => {
          const outside = stopsOutside(stops, values);
          return outside > 0 ? (
            <FormAlert kind="info">{t('trips.form.outsideWarning', { count: outside })}</FormAlert>
          ) : null;
        }}
        onSubmit={save}
      />
      <DeleteTrip trip={trip} allowed={isOwner} />
    </div>
  );
}

function DeleteTrip({ trip, allowed }: { trip: Trip; allowed: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const database = useDatabaseState();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (database.status !== 'ready') return;
    setBusy(true);
    try {
      await removeTrip(database.db, trip.id);
      dialog.current?.close();
      void navigate('/trips', { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card form-section danger-zone" aria-labelledby="delete-trip-title">
      <h2 id="delete-trip-title">{t('trips.form.deleteSection')}</h2>
      <p className="muted">{allowed ? t('trips.form.deleteHint') : t('trips.form.ownerOnly')}</p>
      {allowed ? (
        <div>
          <button type="button" className="button button-danger" onClick={() => dialog.current?.showModal()}>
            <TrashIcon />
            {t('trips.form.deleteButton')}
          </button>
        </div>
      ) : null}
      <dialog ref={dialog} className="dialog" aria-labelledby="delete-trip-dialog-title">
        <div className="dialog-body">
          <h2 id="delete-trip-dialog-title">{t('trips.form.deleteTitle', { title: trip.title })}</h2>
          <p>{t('trips.form.deleteBody')}</p>
          <div className="dialog-actions">
            <button type="button" className="button button-ghost" onClick={() => dialog.current?.close()}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? t('trips.form.deleting') : t('trips.form.deleteConfirm')}
            </button>
          </div>
        </div>
      </dialog>
    </section>
  );
}
