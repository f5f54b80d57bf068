import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { dateOfTripDay, ktoSido, tripDayCount, type Stop, type Trip } from '@hamgaja/shared';
import { Icon, PinIcon } from '../../../app/icons';
import { currentLanguage } from '../../../i18n';
import { formatDate } from '../format';
import type * as TripMapViewModule from './trip-map-view';
import type { TripMapLabels, TripMapView } from './trip-map-view';
import {
  dayColourStyle,
  tripMapModel,
  validFilter,
  visibleDays,
  type DayFilter,
  type MapStop,
} from './trip-map';
import './trip-map.css';

/** The Map view's icon in the schedule's view switch. */
export const MapIcon = () => (
  <Icon>
    <path d="M9 4 3.5 6v14L9 18l6 2 5.5-2V4L15 6 9 4z" />
    <path d="M9 4v14M15 6v14" />
  </Icon>
);

const dayStyle = (day: number) => dayColourStyle(day) as CSSProperties;

/** Leaflet and the map code, loaded once when a map is first shown (not with the schedule). */
let viewModule: Promise<typeof TripMapViewModule> | null = null;
const loadView = () => {
  viewModule ??= import('./trip-map-view').catch((error: unknown) => {
    viewModule = null; // Another try on the next showing (e.g. back online).
    throw error;
  });
  return viewModule;
};

/**
 * The trip on a map: numbered markers per day in the day's colour, each day's route, a day
 * filter, and beside it (below on phones) the list of the visible stops, which is also the
 * keyboard and screen-reader way through the map. Selecting in the list or on the map selects
 * in both. Stops without coordinates are listed under "Not on the map", with "Add a place"
 * (the stop's edit dialog) for editors. `stops` is the trip page's live query: the map follows it.
 */
export function TripMap({
  trip,
  stops,
  canEdit,
  onAddPlace,
}: {
  trip: Trip;
  stops: readonly Stop[];
  canEdit: boolean;
  onAddPlace: (stop: Stop) => void;
}) {
  const { t } = useTranslation();
  // The map's code starts loading while this render (and the rest of the schedule's) goes on.
  void loadView().catch(() => undefined);
  const language = currentLanguage();
  const dayCount = Math.max(1, tripDayCount(trip.startDate, trip.endDate));
  const model = useMemo(() => tripMapModel(stops, dayCount), [stops, dayCount]);
  const [chosenFilter, setFilter] = useState<DayFilter>('all');
  const filter = validFilter(model, chosenFilter);
  const days = useMemo(() => visibleDays(model, filter), [model, filter]);
  const [selected, setSelected] = useState<string | null>(null);
  const element = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<TripMapView | null>(null);
  const [failed, setFailed] = useState(false);

  const dayName = useCallback((day: number) => t('trips.schedule.day', { day: day + 1 }), [t]);
  const labels = useMemo<TripMapLabels>(
    () => ({
      sidoName: (code) => ktoSido.find((s) => s.code === code)?.name[language] ?? '',
      markerTitle: (s) =>
        t('trips.map.markerTitle', { day: s.day + 1, number: s.number, name: s.stop.place.name }),
      popupMeta: (s) =>
        [t('trips.map.stopNumber', { day: s.day + 1, number: s.number }), s.stop.startTime]
          .filter(Boolean)
          .join(' · '),
    }),
    [t, language],
  );
  const labelsNow = useRef(labels);
  labelsNow.current = labels;

  // A marker chosen on the map: its list item is selected and scrolled into view.
  const scrollToSelected = useRef(false);
  const selectFromMap = useCallback((id: string) => {
    scrollToSelected.current = true;
    setSelected(id);
  }, []);
  const selectFromMapNow = useRef(selectFromMap);
  selectFromMapNow.current = selectFromMap;

  useEffect(() => {
    let created: TripMapView | null = null;
    let cancelled = false;
    // Marks for the client benchmark's breakdown (bench/trip-map.bench.ts).
    performance.mark('hamgaja:map-mount');
    loadView()
      .then(({ TripMapView }) => {
        if (cancelled || !element.current) return;
        performance.mark('hamgaja:map-loaded');
        created = new TripMapView(element.current, {
          labels: labelsNow.current,
          onSelect: (id) => selectFromMapNow.current(id),
        });
        performance.mark('hamgaja:map-created');
        setView(created);
      })
      .catch((error: unknown) => {
        console.error('The trip map could not load', error);
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      created?.destroy();
      setView(null);
    };
  }, []);

  useEffect(() => {
    view?.setLabels(labels);
  }, [view, labels]);

  // Fit when the map first gets the stops and when the day filter changes, not on every live edit.
  const fitted = useRef<{ view: TripMapView; filter: DayFilter } | null>(null);
  useEffect(() => {
    if (!view) return;
    const fit = fitted.current?.view !== view || fitted.current.filter !== filter;
    fitted.current = { view, filter };
    view.setDays(days, fit);
    if (fit) performance.mark('hamgaja:map-drawn');
  }, [view, days, filter]);

  // A selection that is no longer shown (filtered out, deleted or without coordinates now) is dropped.
  const shown = useMemo(() => new Set(days.flatMap((d) => d.located.map((s) => s.stop.id))), [days]);
  const current = selected !== null && shown.has(selected) ? selected : null;
  // Only on a new selection: a live update keeps the marker's state (and a popup the user closed stays closed).
  useEffect(() => {
    view?.select(current);
  }, [view, current]);

  useEffect(() => {
    if (!current || !scrollToSelected.current) return;
    scrollToSelected.current = false;
    const items = list.current?.querySelectorAll<HTMLElement>('[data-stop-id]') ?? [];
    [...items].find((item) => item.dataset.stopId === current)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  useEffect(() => {
    if (!view || !element.current || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => view.resize());
    observer.observe(element.current);
    return () => observer.disconnect();
  }, [view]);

  const viewNow = useRef(view);
  viewNow.current = view;
  // Stable, so the list's items re-render only when their own stop or selection changes.
  const selectFromList = useCallback((id: string) => {
    scrollToSelected.current = false;
    setSelected(id);
    // Again when it is already selected: its popup may have been closed.
    viewNow.current?.select(id);
    // On phones the map is above the list: bring it into view to show the stop.
    element.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  const unlocated = model.unlocated.filter((s) => filter === 'all' || s.day === filter);
  const locatedCount = stops.length - model.unlocated.length;
  const dateOf = (day: number) => formatDate(dateOfTripDay(trip.startDate, day), language, 'weekday');

  return (
    <div className="trip-map">
      <div className="trip-map-toolbar">
        <label className="trip-map-filter">
          <span>{t('trips.map.filter')}</span>
          <select
            className="select"
            value={String(filter)}
            onChange={(event) => setFilter(event.target.value === 'all' ? 'all' : Number(event.target.value))}
          >
            <option value="all">{t('trips.map.allDays')}</option>
            {model.days.map((d) => (
              <option key={d.day} value={d.day}>
                {t('trips.map.dayOption', { day: d.day + 1, date: dateOf(d.day) })}
              </option>
            ))}
          </select>
        </label>
        <p className="trip-map-summary">
          <PinIcon />
          {t('trips.map.summary', { count: stops.length, located: locatedCount })}
        </p>
      </div>
      <div className="trip-map-body">
        <div className="trip-map-frame" data-ready={view ? 'true' : 'false'}>
          <div ref={element} className="trip-map-canvas" role="region" aria-label={t('trips.map.title')} />
          {!view && !failed ? <p className="trip-map-status">{t('trips.map.loading')}</p> : null}
          {failed ? <p className="trip-map-status">{t('trips.map.failed')}</p> : null}
        </div>
        <div ref={list} className="trip-map-list" role="region" aria-labelledby="trip-map-list-title">
          <h3 id="trip-map-list-title" className="visually-hidden">
            {t('trips.map.listTitle')}
          </h3>
          {stops.length === 0 ? <p className="trip-map-empty">{t('trips.map.empty')}</p> : null}
          {stops.length > 0
            ? days.map((d) => (
                <section
                  key={d.day}
                  className="trip-map-day"
                  aria-labelledby={`trip-map-day-${d.day}`}
                  data-day={d.day}
                  style={dayStyle(d.day)}
                >
                  <h4 id={`trip-map-day-${d.day}`} className="trip-map-day-head">
                    <span className="trip-map-swatch" aria-hidden="true" />
                    <span className="trip-map-day-name">{dayName(d.day)}</span>
                    <span className="trip-map-day-date">{dateOf(d.day)}</span>
                  </h4>
                  {d.located.length > 0 ? (
                    <ol className="trip-map-stops">
                      {d.located.map((s) => (
                        <li key={s.stop.id}>
                          <StopButton stop={s} selected={s.stop.id === current} onSelect={selectFromList} />
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <p className="trip-map-none">{t('trips.map.noStopsOnDay')}</p>
                  )}
                </section>
              ))
            : null}
          {unlocated.length > 0 ? (
            <section className="trip-map-unlocated" aria-labelledby="trip-map-unlocated-title">
              <h4 id="trip-map-unlocated-title" className="trip-map-day-head">
                {t('trips.map.notOnMap')}
              </h4>
              <p className="trip-map-hint">{t('trips.map.notOnMapHint')}</p>
              <ul className="trip-map-stops">
                {unlocated.map((s) => (
                  <li key={s.stop.id} className="trip-map-unlocated-item" data-stop-id={s.stop.id}>
                    <span className="trip-map-number" style={dayStyle(s.day)} aria-hidden="true">
                      {s.number}
                    </span>
                    <span className="trip-map-stop-text">
                      <span className="trip-map-stop-name">{s.stop.place.name}</span>
                      <span className="trip-map-stop-meta">
                        {t('trips.map.stopNumber', { day: s.day + 1, number: s.number })}
                      </span>
                    </span>
                    {canEdit ? (
                      <button
                        type="button"
                        className="button button-ghost trip-map-add-place"
                        aria-label={t('trips.map.addPlaceFor', { name: s.stop.place.name })}
                        onClick={() => onAddPlace(s.stop)}
                      >
                        <PinIcon />
                        {t('trips.map.addPlace')}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A stop of the list: its number in the day's colour, name and time; selects it on the map. */
const StopButton = memo(function StopButton({
  stop: s,
  selected,
  onSelect,
}: {
  stop: MapStop;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  return (
    <button
      type="button"
      className="trip-map-stop"
      data-stop-id={s.stop.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(s.stop.id)}
    >
      <span className="trip-map-number">{s.number}</span>
      <span className="trip-map-stop-text">
        <span className="trip-map-stop-name">{s.stop.place.name}</span>
        {s.stop.startTime || s.stop.place.address ? (
          <span className="trip-map-stop-meta">
            {[s.stop.startTime, s.stop.place.address].filter(Boolean).join(' · ')}
          </span>
        ) : null}
      </span>
    </button>
  );
});
