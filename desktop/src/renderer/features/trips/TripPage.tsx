import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageLoading } from '../../app/PageLoading';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useDocumentTitle } from '../../app/use-document-title';
import { useTripDocuments } from '../../data/hooks';

/**
 * Extension point for the trip detail (days, stops, checklist, expenses, sharing): for now
 * it shows the trip's title from the local database.
 */
export default function TripPage() {
  const { t } = useTranslation();
  const { tripId = '' } = useParams();
  const documents = useTripDocuments(tripId);
  const trip = documents.status === 'ready' ? documents.data.trip : null;
  useDocumentTitle(trip?.title ?? t('trips.title'));
  if (documents.status === 'loading') return <PageLoading />;
  if (!trip) return <NotFoundPage />;
  return (
    <div className="page-header">
      <div>
        <h1>{trip.title}</h1>
        {trip.description ? <p>{trip.description}</p> : null}
      </div>
    </div>
  );
}
