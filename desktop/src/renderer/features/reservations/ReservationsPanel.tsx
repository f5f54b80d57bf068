import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeReservations, type Reservation, type Trip } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { PlusIcon } from '../../app/icons';
import { useSessionState } from '../../app/services';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { currentLanguage } from '../../i18n';
import { ConflictNotice } from '../conflicts';
import { useTripMembers } from '../sharing/use-trip-role';
import { ReservationDocuments } from '../documents/ReservationDocuments';
import { ReservationCard } from './ReservationCard';
import { ReservationDialog, type ReservationDialogState } from './ReservationDialog';
import { removeReservation, saveReservation } from './reservation-store';
import type { ReservationFormValues } from './reservation-form';
import './reservations.css';

/**
 * The trip's reservations (flights, trains, stays, tickets), by start: add, edit and delete for
 * owners and editors, read-only for viewers. Everything is in the local database, so the booking
 * codes are there with no network.
 */
export function ReservationsPanel({
  trip,
  reservations,
  canEdit,
}: {
  trip: Trip;
  reservations: Reservation[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const database = useDatabaseState();
  const db = database.status === 'ready' ? database.db : null;
  const session = useSessionState();
  const me = session.status === 'authenticated' ? session.user.id : null;
  const members = useTripMembers(trip.id);
  const [dialog, setDialog] = useState<ReservationDialogState>(null);
  const [failed, setFailed] = useState(false);
  const outside = useMemo(
    () => new Set(placeReservations(trip, reservations).outside.map((reservation) => reservation.id)),
    [trip, reservations],
  );

  const save = async (values: ReservationFormValues) => {
    if (!db || !dialog) return null;
    const splitAmong = [...new Set([...(me ? [me] : []), ...(members.members ?? []).map((m) => m.userId)])];
    const refused = await saveReservation(db, {
      tripId: trip.id,
      previous: dialog.mode === 'edit' ? dialog.reservation : undefined,
      values,
      payer: me,
      splitAmong,
    });
    if (!refused) setDialog(null);
    return refused;
  };
  const remove = async (reservation: Reservation) => {
    if (!db) return;
    setFailed(false);
    try {
      await removeReservation(db, reservation.id);
    } catch (error) {
      console.error('Deleting the reservation failed', error);
      setFailed(true);
    }
  };

  return (
    <section className="reservations" aria-labelledby="reservations-title">
      <div className="reservations-toolbar">
        <h2 id="reservations-title">{t('reservations.title')}</h2>
        {canEdit ? (
          <button type="button" className="button button-primary" onClick={() => setDialog({ mode: 'add' })}>
            <PlusIcon />
            {t('reservations.add')}
          </button>
        ) : null}
      </div>
      {failed ? <FormAlert kind="error">{t('reservations.saveFailed')}</FormAlert> : null}
      {reservations.length === 0 ? (
        <p className="card empty-state">
          {canEdit ? t('reservations.empty') : t('reservations.emptyViewer')}
        </p>
      ) : (
        <ol className="reservation-list" aria-label={t('reservations.listLabel')}>
          {reservations.map((reservation) => (
            <ReservationCard
              key={reservation.id}
              reservation={reservation}
              tripTimeZone={trip.timeZone}
              language={language}
              outside={outside.has(reservation.id)}
              onEdit={canEdit ? () => setDialog({ mode: 'edit', reservation }) : undefined}
              onDelete={canEdit ? () => remove(reservation) : undefined}
              documents={<ReservationDocuments tripId={trip.id} reservationId={reservation.id} />}
              notice={
                reservation.conflicts?.length ? (
                  <ConflictNotice collection="reservations" document={reservation} />
                ) : null
              }
            />
          ))}
        </ol>
      )}
      <ReservationDialog
        state={dialog}
        trip={trip}
        canCreateExpense={me !== null}
        onSave={save}
        onClose={() => setDialog(null)}
        documents={(reservation) => <ReservationDocuments tripId={trip.id} reservationId={reservation.id} />}
      />
    </section>
  );
}
