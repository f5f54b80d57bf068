import { lazy, Suspense, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Trip } from '@hamgaja/shared';
import { CalendarIcon, ChevronLeftIcon, PencilIcon, PinIcon, ShareNodesIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { FormAlert } from '../../app/forms';
import { useDocumentTitle } from '../../app/use-document-title';
import { useTripDocuments } from '../../data/hooks';
import { currentLanguage, type Language } from '../../i18n';
import { formatDateRange } from './format';
import { regionByCode } from './regions';
import { tripStats } from './trip-stats';
import { TripCover } from './TripCover';
import { ChecklistPanel, ConflictNotice, ExpensesPanel, ShareDialog } from './TripSections';
import { TripStats } from './TripStats';
import { useTripRole } from '../sharing/use-trip-role';
import { DraftWithAiButton } from '../ai';
import { ShareTripButton } from '../board';
import { useLocalOnly } from '../local-mode/use-local-only';
import { TripDiscardedNotice } from '../sync/DiscardedChanges';
import { ExportMenu } from '../trip-export/ExportMenu';
import './trips.css';

// dnd-kit comes with the schedule, after the header and statistics have painted.
const Schedule = lazy(() => import('./Schedule'));
const ReservationsPanel = lazy(() =>
  import('../reservations/ReservationsPanel').then((module) => ({ default: module.ReservationsPanel })),
);
const DocumentsPanel = lazy(() =>
  import('../documents/DocumentsPanel').then((module) => ({ default: module.DocumentsPanel })),
);

const tabs = ['schedule', 'reservations', 'documents', 'checklist', 'expenses'] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string | null): value is Tab => (tabs as readonly string[]).includes(value ?? '');

function TripHeader({ trip, language, canEdit }: { trip: Trip; language: Language; canEdit: boolean }) {
  const { t } = useTranslation();
  const [sharing, setSharing] = useState(false);
  // Sharing needs the server: the local-only desktop profile has none.
  const localOnly = useLocalOnly();
  const region = regionByCode(trip.destination.regionCode);
  const destination = [region?.name[language], trip.destination.text].filter(Boolean).join(' · ');
  return (
    <header className="trip-hero card">
      <TripCover regionCode={trip.destination.regionCode} className="trip-hero-cover" />
      <div className="trip-hero-body">
        <div className="trip-hero-text">
          {region ? <span className="region-chip">{region.name[language]}</span> : null}
          <h1>{trip.title}</h1>
          <p className="trip-hero-meta">
            <span>
              <CalendarIcon />
              {formatDateRange(trip.startDate, trip.endDate, language)}
            </span>
            <span>
              <PinIcon />
              {destination || t('trips.noDestination')}
            </span>
          </p>
          {trip.description ? <p className="trip-hero-description">{trip.description}</p> : null}
        </div>
        <div className="trip-hero-actions">
          {canEdit ? (
            <Link to={`/trips/${trip.id}/edit`} className="button">
              <PencilIcon />
              {t('trips.detail.edit')}
            </Link>
          ) : null}
          {localOnly ? null : ShareDialog ? (
            <button type="button" className="button" onClick={() => setSharing(true)}>
              <ShareNodesIcon />
              {t('trips.detail.share')}
            </button>
          ) : (
            <span className="tooltip-anchor">
              <button type="button" className="button" aria-disabled="true" aria-describedby="share-soon">
                <ShareNodesIcon />
                {t('trips.detail.share')}
              </button>
              <span id="share-soon" role="tooltip" className="tooltip">
                {t('trips.detail.shareSoon')}
              </span>
            </span>
          )}
        </div>
      </div>
      {ConflictNotice && trip.conflicts?.length ? (
        <Suspense fallback={null}>
          <div className="trip-hero-conflicts">
            <ConflictNotice collection="trips" document={trip} />
          </div>
        </Suspense>
      ) : null}
      {ShareDialog && sharing ? (
        <Suspense fallback={null}>
          <ShareDialog tripId={trip.id} open={sharing} onClose={() => setSharing(false)} />
        </Suspense>
      ) : null}
    </header>
  );
}

/** Tabs of the trip (schedule, checklist, expenses), kept in the address so a reload keeps the place. */
function TripTabs({ current, onChange }: { current: Tab; onChange: (tab: Tab) => void }) {
  const { t } = useTranslation();
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({
    schedule: null,
    reservations: null,
    documents: null,
    checklist: null,
    expenses: null,
  });
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const index =
      event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : tabs.indexOf(current) + step;
    if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next = tabs[(index + tabs.length) % tabs.length] ?? 'schedule';
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('trips.detail.sections')} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            refs.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={current === tab}
          aria-controls={`panel-${tab}`}
          tabIndex={current === tab ? 0 : -1}
          className="tab"
          onClick={() => onChange(tab)}
        >
          {t(`trips.detail.tabs.${tab}`)}
        </button>
      ))}
    </div>
  );
}

function SectionSoon() {
  const { t } = useTranslation();
  return <p className="card empty-state section-soon">{t('trips.detail.sectionSoon')}</p>;
}

/** /trips/:tripId — everything about one trip, from the local database (works offline). */
export default function TripPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { tripId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const documents = useTripDocuments(tripId);
  const data = documents.status === 'ready' ? documents.data : null;
  const trip = data?.trip ?? null;
  // Owner from the document, other roles from the members list (cached offline): the server checks every write.
  const access = useTripRole(tripId);
  const canEdit = access.canEdit;
  const localOnly = useLocalOnly();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'schedule';
  const stats = useMemo(() => (data?.trip ? tripStats(data.trip, data.stops, data.expenses) : null), [data]);
  useDocumentTitle(trip?.title ?? t('trips.title'));

  if (documents.status === 'loading') return <PageLoading />;
  if (documents.status === 'failed') return <FormAlert kind="error">{t('trips.openFailed')}</FormAlert>;
  if (!trip || !data || !stats) {
    return (
      <>
        <section className="center-page">
          <h1>{t('trips.notFoundTitle')}</h1>
          <p>{t('trips.notFoundBody')}</p>
          <Link to="/trips" className="button button-primary">
            {t('trips.backToTrips')}
          </Link>
        </section>
        {/* A trip deleted (or left) while edited here: say what was not saved. */}
        <div className="discarded-gone">
          <TripDiscardedNotice tripId={tripId} tripGone />
        </div>
      </>
    );
  }

  const changeTab = (next: Tab) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'schedule') updated.delete('tab');
        else updated.set('tab', next);
        return updated;
      },
      { replace: true },
    );

  return (
    <div className="trip-page">
      <Link to="/trips" className="back-link">
        <ChevronLeftIcon />
        {t('trips.backToTrips')}
      </Link>
      <TripHeader trip={trip} language={language} canEdit={canEdit} />
      <TripDiscardedNotice tripId={trip.id} />
      <div className="trip-extra-actions">
        {canEdit && !localOnly ? <DraftWithAiButton trip={trip} stops={data.stops} /> : null}
        {access.role === 'owner' && !localOnly ? (
          <ShareTripButton trip={trip} stops={data.stops} checklistItems={data.checklistItems} />
        ) : null}
        <ExportMenu data={{ ...data, trip }} />
      </div>
      {access.role === 'viewer' ? <FormAlert kind="info">{t('trips.detail.viewerNotice')}</FormAlert> : null}
      <TripStats trip={trip} stats={stats} language={language} canEdit={canEdit} />
      <TripTabs current={tab} onChange={changeTab} />
      {tabs.map((panel) => (
        <div
          key={panel}
          className="tab-panel"
          role="tabpanel"
          id={`panel-${panel}`}
          aria-labelledby={`tab-${panel}`}
          hidden={panel !== tab}
        >
          {panel === tab ? (
            <Suspense fallback={<PageLoading />}>
              {panel === 'schedule' ? (
                <Schedule trip={trip} stops={data.stops} reservations={data.reservations} canEdit={canEdit} />
              ) : null}
              {panel === 'reservations' ? (
                <ReservationsPanel trip={trip} reservations={data.reservations} canEdit={canEdit} />
              ) : null}
              {panel === 'documents' ? <DocumentsPanel tripId={trip.id} trip={trip} /> : null}
              {panel === 'checklist' ? (
                ChecklistPanel ? (
                  <ChecklistPanel tripId={trip.id} />
                ) : (
                  <SectionSoon />
                )
              ) : null}
              {panel === 'expenses' ? (
                ExpensesPanel ? (
                  <ExpensesPanel tripId={trip.id} trip={trip} />
                ) : (
                  <SectionSoon />
                )
              ) : null}
            </Suspense>
          ) : null}
        </div>
      ))}
    </div>
  );
}
