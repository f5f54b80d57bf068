import { useTranslation } from 'react-i18next';
import { useTripRole } from '../sharing/use-trip-role';
import { AddDocumentButton, DocumentList } from './DocumentList';
import { useDeviceFiles, useTripDocumentFiles, useTripReservations } from './use-device-files';
import './documents.css';

/** The files of one reservation (tickets, boarding passes, booking confirmations): add, list, open, remove. */
export function ReservationDocuments({ tripId, reservationId }: { tripId: string; reservationId: string }) {
  const { t } = useTranslation();
  const { files, snapshot } = useDeviceFiles();
  const docs = useTripDocumentFiles(tripId, reservationId);
  const reservations = useTripReservations(tripId);
  const access = useTripRole(tripId);
  if (!files || docs.status !== 'ready') return null;
  return (
    // A group, not a landmark: every reservation card has one.
    <div className="reservation-documents" role="group" aria-label={t('documents.title')}>
      <DocumentList
        files={files}
        snapshot={snapshot}
        tripId={tripId}
        docs={docs.data}
        reservations={reservations}
        canEdit={access.canEdit}
      />
      {access.canEdit ? (
        <AddDocumentButton files={files} tripId={tripId} reservationId={reservationId} />
      ) : null}
    </div>
  );
}
