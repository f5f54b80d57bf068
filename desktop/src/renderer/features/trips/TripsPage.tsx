import { memo, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { map } from 'rxjs';
import { tripDayCount, type Trip } from '@hamgaja/shared';
import { CalendarIcon, PinIcon, PlusIcon, SearchIcon } from '../../app/icons';
import { PageLoading } from '../../app/PageLoading';
import { FormAlert } from '../../app/forms';
import { useDocumentTitle } from '../../app/use-document-title';
import { useDatabaseState } from '../../data/DatabaseProvider';
import { useLiveQuery, useTrips } from '../../data/hooks';
import { currentLanguage, type Language } from '../../i18n';
import { formatDateRange, formatMoney, localToday } from './format';
import { regionByCode } from './regions';
import { isTripSort, searchTrips, sortTrips, tripStatus, type TripSort, tripSorts } from './trip-list';
import { costsByTrip } from './trip-stats';
import { TripCover } from './TripCover';
import { clearTripsSnapshot, readTripsSnapshot, writeTripsSnapshot } from './trips-snapshot';
import { useLocalOnly } from '../local-mode/use-local-only';
import { ImportTripButton } from '../trip-export/ImportTripButton';
import './trips.css';

/**
 * Cards rendered at first: a screenful paints, the rest of the first page follows in the next
 * frame, and more are added as the user scrolls (1,000 trips must paint fast).
 */
const FIRST_SCREEN = 12;
const FIRST_PAGE = 48;
const NEXT_PAGE = 96;
const SORT_STORAGE_KEY = 'hamgaja.trips.sort';
const noCosts = new Map<string, number>();

function storedSort(): TripSort {
  try {
    const value = localStorage.getItem(SORT_STORAGE_KEY);
    return isTripSort(value) ? value : 'upcoming';
  } catch {
    return 'upcoming';
  }
}

/** Stop costs per trip in the trip currency, from one live query over every stop (after first paint). */
function useTripCosts(trips: readonly Trip[] | null): Map<string, number> | null {
  const stops = useLiveQuery(
    (db) =>
      db.stops.find().$.pipe(map((docs) => docs.map((doc) => ({ tripId: doc.tripId, cost: doc.cost })))),
    [],
  );
  return useMemo(() => {
    if (!trips || stops.status !== 'ready') return null;
    const currencies = new Map(trips.map((trip) => [trip.id, trip.currency]));
    return costsByTrip(stops.data, (tripId) => currencies.get(tripId));
  }, [trips, stops]);
}

const TripCard = memo(function TripCard({
  trip,
  cost,
  today,
  language,
}: {
  trip: Trip;
  cost: number;
  today: string;
  language: Language;
}) {
  const { t } = useTranslation();
  const region = regionByCode(trip.destination.regionCode);
  const destination = [region?.name[language], trip.destination.text].filter(Boolean).join(' · ');
  const status = tripStatus(trip, today);
  const budget = trip.plannedBudget;
  const ratio = budget ? Math.min(1, cost / budget) : 0;
  return (
    <li className="trip-card-item">
      <Link to={`/trips/${trip.id}`} className="trip-card">
        <span className="trip-card-cover">
          <TripCover regionCode={trip.destination.regionCode} />
          <span className={`trip-status trip-status-${status}`}>{t(`trips.status.${status}`)}</span>
        </span>
        <span className="trip-card-body">
          <strong className="trip-card-title">{trip.title}</strong>
          <span className="trip-meta">
            <CalendarIcon />
            <span>
              {formatDateRange(trip.startDate, trip.endDate, language)}
              {' · '}
              {t('trips.dayCount', { count: tripDayCount(trip.startDate, trip.endDate) })}
            </span>
          </span>
          <span className="trip-meta">
            <PinIcon />
            <span className="trip-meta-text">{destination || t('trips.noDestination')}</span>
          </span>
          <span className="trip-card-budget">
            {budget !== null ? (
              <>
                <span className="trip-card-budget-line">
                  <span>{t('trips.budget')}</span>
                  <span className={cost > budget ? 'over' : undefined}>
                    {t('trips.costOfBudget', {
                      cost: formatMoney(cost, trip.currency, language),
                      budget: formatMoney(budget, trip.currency, language),
                    })}
                  </span>
                </span>
                <span className={`meter${cost > budget ? ' meter-over' : ''}`} aria-hidden="true">
                  <span style={{ width: `${Math.round(ratio * 100)}%` }} />
                </span>
              </>
            ) : (
              <span className="trip-card-budget-line">
                <span>
                  {cost > 0
                    ? t('trips.plannedCost', { cost: formatMoney(cost, trip.currency, language) })
                    : t('trips.noBudget')}
                </span>
              </span>
            )}
          </span>
        </span>
      </Link>
    </li>
  );
});

/** Adds cards as the sentinel nears the viewport (no observer, e.g. in tests: render them all). */
function useProgressiveCount(total: number, resetKey: unknown) {
  const [count, setCount] = useState(FIRST_SCREEN);
  const sentinel = useRef<HTMLLIElement>(null);
  useEffect(() => setCount(FIRST_SCREEN), [resetKey]);
  useEffect(() => {
    if (count >= FIRST_PAGE || count >= total) return;
    // After the first screen has painted: rAF runs before that paint, the task after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setCount((value) => Math.max(value, FIRST_PAGE)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [count, total]);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || count >= total) return;
    if (typeof IntersectionObserver === 'undefined') {
      setCount(total);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setCount((value) => value + NEXT_PAGE);
      },
      { rootMargin: '1200px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [count, total]);
  return { count: Math.min(count, total), sentinel };
}

/** The user's trips from the local database (works offline; fills in as sync delivers). */
export default function TripsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const localOnly = useLocalOnly();
  const trips = useTrips();
  const live = trips.status === 'ready' ? trips.data : null;
  const liveCosts = useTripCosts(live);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<TripSort>(storedSort);
  const today = useMemo(() => localToday(), []);
  const searchId = useId();
  const sortId = useId();
  useDocumentTitle(t('trips.title'));

  // Until the local database answers, the first screen as it last looked (see trips-snapshot).
  const database = useDatabaseState();
  const userId = database.status === 'closed' ? null : database.userId;
  const snapshot = useMemo(() => (userId ? readTripsSnapshot(userId) : null), [userId]);
  const fromSnapshot = trips.status === 'loading' && snapshot !== null && snapshot.sort === sort;
  const data = live ?? (fromSnapshot ? snapshot.trips : null);
  const costs = (live ? liveCosts : snapshot?.costs) ?? noCosts;
  const total = live ? live.length : fromSnapshot ? snapshot.total : 0;

  const collator = useMemo(() => new Intl.Collator(i18n.language, { numeric: true }), [i18n.language]);
  const shown = useMemo(
    () => (data ? sortTrips(searchTrips(data, deferredQuery), sort, today, collator) : []),
    [data, deferredQuery, sort, today, collator],
  );
  const { count, sentinel } = useProgressiveCount(shown.length, `${deferredQuery}|${sort}`);

  // Keep the first screen of the live list for the next start (not while searching).
  useEffect(() => {
    if (!userId || !live || !liveCosts || deferredQuery.trim()) return;
    const timer = setTimeout(() => {
      if (live.length === 0) clearTripsSnapshot(userId);
      else
        writeTripsSnapshot(userId, {
          sort,
          total: live.length,
          trips: shown.slice(0, FIRST_PAGE),
          costs: liveCosts,
        });
    }, 300);
    return () => clearTimeout(timer);
  }, [userId, live, liveCosts, shown, sort, deferredQuery]);

  const changeSort = (value: string) => {
    if (!isTripSort(value)) return;
    setSort(value);
    try {
      localStorage.setItem(SORT_STORAGE_KEY, value);
    } catch {
      // Private mode: the choice just isn't remembered.
    }
  };

  const newTripLink = (
    <Link to="/trips/new" className="button button-primary">
      <PlusIcon />
      {t('trips.newTrip')}
    </Link>
  );

  return (
    <div className="trips-page">
      <div className="page-header">
        <div>
          <h1>{t('trips.title')}</h1>
          <p>{t(localOnly ? 'trips.subtitleLocal' : 'trips.subtitle')}</p>
        </div>
        <div className="trips-header-actions">
          <ImportTripButton />
          {data && data.length > 0 ? newTripLink : null}
        </div>
      </div>
      {trips.status === 'loading' && !fromSnapshot ? <PageLoading /> : null}
      {trips.status === 'failed' ? <FormAlert kind="error">{t('trips.openFailed')}</FormAlert> : null}
      {data && data.length === 0 ? (
        <div className="card empty-state">
          <CalendarIcon />
          <h2>{t('trips.emptyTitle')}</h2>
          <p>{t('trips.emptyBody')}</p>
          <Link to="/trips/new" className="button button-primary button-large trips-empty-cta">
            <PlusIcon />
            {t('trips.emptyCta')}
          </Link>
        </div>
      ) : null}
      {data && data.length > 0 ? (
        <>
          <div className="trips-toolbar" role="search">
            <div className="trips-search">
              <label htmlFor={searchId} className="visually-hidden">
                {t('trips.searchLabel')}
              </label>
              <SearchIcon />
              <input
                id={searchId}
                className="input"
                type="search"
                value={query}
                placeholder={t('trips.searchPlaceholder')}
                onChange={(event) => setQuery(event.target.value)}
                autoComplete="off"
              />
            </div>
            <div className="trips-sort">
              <label htmlFor={sortId}>{t('trips.sortLabel')}</label>
              <select
                id={sortId}
                className="select"
                value={sort}
                onChange={(event) => changeSort(event.target.value)}
              >
                {tripSorts.map((value) => (
                  <option key={value} value={value}>
                    {t(`trips.sort.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <span className="muted trips-count" role="status">
              {deferredQuery.trim()
                ? t('trips.matches', { count: shown.length })
                : t('trips.count', { count: total })}
            </span>
          </div>
          {shown.length === 0 ? (
            <div className="card empty-state">
              <SearchIcon />
              <h2>{t('trips.noMatchTitle')}</h2>
              <p>{t('trips.noMatchBody', { query: deferredQuery.trim() })}</p>
              <button type="button" className="button" onClick={() => setQuery('')}>
                {t('trips.clearSearch')}
              </button>
            </div>
          ) : (
            <ul className="trip-grid" aria-label={t('trips.title')} aria-busy={fromSnapshot || undefined}>
              {shown.slice(0, count).map((trip) => (
                <TripCard
                  key={trip.id}
                  trip={trip}
                  cost={costs.get(trip.id) ?? 0}
                  today={today}
                  language={language}
                />
              ))}
              {count < shown.length ? (
                <li ref={sentinel} className="trip-grid-sentinel" aria-hidden="true" />
              ) : null}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}
