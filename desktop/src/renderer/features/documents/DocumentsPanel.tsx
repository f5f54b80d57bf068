import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentUsage, Trip } from '@hamgaja/shared';
import { FormAlert } from '../../app/forms';
import { PageLoading } from '../../app/PageLoading';
import { useServices } from '../../app/services';
import { useTripRole } from '../sharing/use-trip-role';
import { formatBytes } from './content';
import { createDocumentsApi } from './documents-api';
import { AddDocumentButton, DocumentList } from './DocumentList';
import { useDeviceFiles, useTripDocumentFiles, useTripReservations } from './use-device-files';
import './documents.css';

/** The caller's server storage use, when online (nothing offline or in a local-only profile). */
function useDocumentUsage(): DocumentUsage | null {
  const services = useServices();
  const [usage, setUsage] = useState<DocumentUsage | null>(null);
  useEffect(() => {
    if (services.localOnly) return;
    let cancelled = false;
    const api = createDocumentsApi((input, init) => globalThis.fetch(input, init), services.apiBaseUrl);
    services.session
      .authorized((token) => api.usage(token))
      .then((answer) => !cancelled && setUsage(answer))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [services]);
  return usage;
}

/**
 * The trip's documents (its own and its reservations'): add, open, remove; "Keep on this device"
 * with the space its files take here and a way to free it; the user's server storage use.
 */
export function DocumentsPanel({ tripId, trip }: { tripId: string; trip: Trip }) {
  const { t, i18n } = useTranslation();
  const { files, snapshot } = useDeviceFiles();
  const docs = useTripDocumentFiles(tripId);
  const reservations = useTripReservations(tripId);
  const access = useTripRole(tripId);
  const usage = useDocumentUsage();
  const keepId = useId();
  const list = docs.status === 'ready' ? docs.data : [];
  const used = useMemo(() => {
    const hashes = new Set(list.map((d) => d.sha256));
    let bytes = 0;
    for (const sha of hashes) bytes += snapshot.files.get(sha)?.size ?? 0;
    return bytes;
  }, [list, snapshot.files]);

  if (docs.status === 'loading' || !files) return <PageLoading />;
  if (docs.status === 'failed') return <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>;
  const keep = files.keeps(trip);
  const tripLevel = list.filter((d) => d.reservationId === null || !reservations.has(d.reservationId));
  const byReservation = [...reservations.values()]
    .map((reservation) => ({ reservation, docs: list.filter((d) => d.reservationId === reservation.id) }))
    .filter((group) => group.docs.length > 0);

  return (
    <section className="documents-panel" aria-labelledby={`${keepId}-title`}>
      <header className="documents-header">
        <div>
          <h2 id={`${keepId}-title`}>{t('documents.title')}</h2>
          <p className="documents-intro">{t('documents.intro')}</p>
        </div>
        {access.canEdit ? <AddDocumentButton files={files} tripId={tripId} reservationId={null} /> : null}
      </header>
      <div className="documents-device">
        <label className="documents-keep" htmlFor={keepId}>
          <input
            id={keepId}
            type="checkbox"
            role="switch"
            checked={keep}
            onChange={(event) => files.setKeep(tripId, event.target.checked)}
          />
          <span>
            <strong>{t('documents.keep')}</strong>
            <small>{t('documents.keepHint')}</small>
          </span>
        </label>
        <div className="documents-space">
          <span data-testid="documents-space">
            {t('documents.spaceUsed', { size: formatBytes(used, i18n.language) })}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => void files.freeTrip(tripId)}
            disabled={used === 0}
            title={t('documents.freeHint')}
          >
            {t('documents.free')}
          </button>
        </div>
        {usage ? (
          <p className="documents-usage">
            {t('documents.usage', {
              used: formatBytes(usage.usedBytes, i18n.language),
              limit: formatBytes(usage.limitBytes, i18n.language),
            })}
          </p>
        ) : null}
      </div>
      {/* "No documents yet" only when the trip has none at all. */}
      {tripLevel.length > 0 || byReservation.length === 0 ? (
        <>
          <h3 className="documents-group-title">{t('documents.tripFiles')}</h3>
          <DocumentList
            files={files}
            snapshot={snapshot}
            tripId={tripId}
            docs={tripLevel}
            reservations={reservations}
            canEdit={access.canEdit}
          />
        </>
      ) : null}
      {byReservation.map(({ reservation, docs: reservationDocs }) => (
        <div key={reservation.id}>
          <h3 className="documents-group-title">{reservation.title}</h3>
          <DocumentList
            files={files}
            snapshot={snapshot}
            tripId={tripId}
            docs={reservationDocs}
            reservations={reservations}
            canEdit={access.canEdit}
          />
        </div>
      ))}
    </section>
  );
}
